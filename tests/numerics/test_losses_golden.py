"""compilecli.numerics.losses against fixtures recorded from real Keras 3 (float64, JAX).

Fixtures: tests/numerics/golden/losses.json, written by tools/golden/gen_losses_metrics.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from compilecli.numerics import losses

GOLDEN = json.loads((Path(__file__).parent / "golden" / "losses.json").read_text())
CASES = GOLDEN["cases"]
RTOL, ATOL = 1e-6, 1e-12


def arr(x):
    return None if x is None else np.asarray(x, dtype=np.float64)


def assert_close(actual, expected):
    np.testing.assert_allclose(np.asarray(actual, dtype=np.float64), arr(expected), rtol=RTOL, atol=ATOL)


def run(case):
    y_true, y_pred = arr(case["y_true"]), arr(case["y_pred"])
    if case["kind"] == "function":
        return {"output": losses.get(case["name"])(y_true, y_pred, **case["kwargs"])}
    loss = losses.get({"class_name": case["name"], "config": case["config"]})
    return {"output": loss(y_true, y_pred, sample_weight=arr(case.get("sample_weight"))),
            "call": loss.call(y_true, y_pred), "get_config": loss.get_config()}


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['id']}" for i, c in enumerate(CASES)])
def test_loss_matches_keras(case):
    got = run(case)
    assert_close(got["output"], case["output"])
    if case["kind"] == "class":
        assert_close(got["call"], case["call"])
        assert got["get_config"] == case["get_config"]


def test_fixture_header_is_float64_keras3():
    assert GOLDEN["floatx"] == "float64" and GOLDEN["keras_version"].startswith("3.")
    assert len(CASES) > 300


@pytest.mark.parametrize("name", sorted(GOLDEN["names"]))
def test_every_keras_name_resolves_to_the_same_object(name):
    kind, target = GOLDEN["names"][name].split(":")
    obj = losses.REGISTRY.lookup(name)
    assert obj.__name__ == target
    assert isinstance(obj, type) == (kind == "class")


def test_no_names_beyond_keras():
    assert set(losses.ALL_NAMES) == set(GOLDEN["names"])


def test_every_class_and_function_has_a_golden_case():
    covered = {c["name"] for c in CASES}
    callable_names = {n for n in GOLDEN["names"] if n not in ("Loss", "LossFunctionWrapper")}
    resolved = {losses.REGISTRY.lookup(n) for n in callable_names}
    covered_objs = {losses.REGISTRY.lookup(n) for n in covered}
    assert resolved <= covered_objs


def relative_error(actual, expected):
    """max |a - e| / |e| over entries with |e| >= 1e-9 (near-zero entries are covered by ATOL)."""
    big = np.abs(expected) >= 1e-9
    return float(np.max(np.abs(actual - expected)[big] / np.abs(expected)[big], initial=0.0))


def max_relative_error():
    worst = 0.0
    for case in CASES:
        got = run(case)
        for key in ("output", "call"):
            if key in case:
                a, e = np.asarray(got[key], dtype=np.float64), arr(case[key])
                worst = max(worst, relative_error(a, e))
    return worst


def test_max_relative_error_is_below_rtol(capsys):
    worst = max_relative_error()
    with capsys.disabled():
        print(f"\n[losses] max relative error vs Keras over {len(CASES)} cases: {worst:.3e}")
    assert worst < RTOL
