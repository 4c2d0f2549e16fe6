"""compilecli.numerics.metrics against fixtures recorded from real Keras 3 (float64, JAX).

Each case runs several ``update_state`` calls (checking ``result()`` after each), then
``reset_state`` and one more update. Fixtures: tests/numerics/golden/metrics.json,
written by tools/golden/gen_losses_metrics.py.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from compilecli.numerics import metrics

GOLDEN = json.loads((Path(__file__).parent / "golden" / "metrics.json").read_text())
CASES = GOLDEN["cases"]
RTOL, ATOL = 1e-6, 1e-12
# IoU metrics keep an int confusion matrix and warn (as Keras does) about float weights.
pytestmark = pytest.mark.filterwarnings("ignore:You are passing weight as `float`")


def arr(x):
    return np.asarray(x, dtype=np.float64)


def run(case):
    metric = metrics.get({"class_name": case["name"], "config": case["config"]})
    results = []

    def update(step):
        kwargs = {k: arr(v) for k, v in step.get("kwargs", {}).items()}
        metric.update_state(*[arr(a) for a in step["args"]], **kwargs)

    for step in case["updates"]:
        update(step)
        results.append(metric.result())
    metric.reset_state()
    update(case["updates"][0])
    return {"results": results, "after_reset": metric.result(), "get_config": metric.get_config()}


def same_config(ours, keras_config):
    """Equal configs; Keras's auto names may carry a uniquifying suffix ("auc_3")."""
    ours, theirs = dict(ours), dict(keras_config)
    name, keras_name = ours.pop("name"), theirs.pop("name")
    assert name == keras_name or re.fullmatch(re.escape(name) + r"_\d+", keras_name), (name, keras_name)
    assert ours == theirs


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['id']}" for i, c in enumerate(CASES)])
def test_metric_matches_keras(case):
    got = run(case)
    for actual, expected in zip(got["results"], case["results"]):
        np.testing.assert_allclose(arr(actual), arr(expected), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(arr(got["after_reset"]), arr(case["after_reset"]), rtol=RTOL, atol=ATOL)
    same_config(got["get_config"], case["get_config"])


def test_fixture_header_is_float64_keras3():
    assert GOLDEN["floatx"] == "float64" and GOLDEN["keras_version"].startswith("3.")
    assert len(CASES) > 100


@pytest.mark.parametrize("name", sorted(GOLDEN["names"]))
def test_every_keras_name_resolves_to_the_same_class(name):
    kind, target = GOLDEN["names"][name].split(":")
    obj = metrics.REGISTRY.lookup(name)
    assert kind == "class" and obj.__name__ == target


def test_no_names_beyond_keras():
    assert set(metrics.ALL_NAMES) == set(GOLDEN["names"])


def test_every_concrete_class_has_a_golden_case():
    covered = {c["name"] for c in CASES}
    assert {cls.__name__ for cls in metrics.ALL_OBJECTS} - covered == {"Metric"}


def relative_error(actual, expected):
    """max |a - e| / |e| over entries with |e| >= 1e-9 (near-zero entries are covered by ATOL)."""
    big = np.abs(expected) >= 1e-9
    return float(np.max(np.abs(actual - expected)[big] / np.abs(expected)[big], initial=0.0))


def max_relative_error():
    worst = 0.0
    for case in CASES:
        got = run(case)
        for actual, expected in zip(got["results"] + [got["after_reset"]], case["results"] + [case["after_reset"]]):
            a, e = arr(actual), arr(expected)
            worst = max(worst, relative_error(a, e))
    return worst


def test_max_relative_error_is_below_rtol(capsys):
    worst = max_relative_error()
    with capsys.disabled():
        print(f"\n[metrics] max relative error vs Keras over {len(CASES)} cases: {worst:.3e}")
    assert worst < RTOL
