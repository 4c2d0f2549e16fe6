"""smoke's numbers are pinned: every loss, metric and probe value of a few runs, recorded by
tools/golden/gen_smoke_pins.py, must come out again. A speed change to the training loop
(flat buffers, fused heads, the fixed data pool) may not move them."""
import json
import math
from pathlib import Path

import pytest

from compilecli.smoke.api import smoke_path

PINS = json.loads((Path(__file__).parent / "golden" / "pins.json").read_text(encoding="utf-8"))
REL = 1e-12   # room for another BLAS's last bit; the same machine gives the same bits


def same(actual, expected, where):
    if isinstance(expected, dict):
        assert sorted(actual) == sorted(expected), where
        for key in expected:
            same(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected)):
            same(a, e, f"{where}[{i}]")
    elif isinstance(expected, float):
        assert math.isclose(actual, expected, rel_tol=REL, abs_tol=1e-300), (where, actual, expected)
    else:
        assert actual == expected, where


@pytest.mark.parametrize("case_id", sorted(PINS))
def test_smoke_numbers_are_unchanged(case_id, tmp_path):
    pin = PINS[case_id]
    spec = tmp_path / "spec.yaml"
    spec.write_text(pin["spec"], encoding="utf-8")
    report = smoke_path(str(spec), steps=pin["steps"], batch_size=pin["batch_size"], seed=pin["seed"])
    h = json.loads(json.dumps({"loss": report.history.loss, "outputs": report.history.outputs,
                               "evals": report.history.evals, "nan": report.history.nan}))
    for key in ("loss", "outputs", "evals", "nan"):
        same(h[key], pin[key], key)
    assert [v.code for v in report.verdicts] == pin["verdicts"]
