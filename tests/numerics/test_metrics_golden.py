"""compilecli.numerics.metrics against fixtures recorded from real Keras 3 (JAX), in float64 and
float32 (Keras's default), edge inputs included.

Each case runs several ``update_state`` calls (checking ``result()`` after each), then
``reset_state`` and one more update. Fixtures: tests/numerics/golden/metrics[.float32].json,
written by tools/golden/gen_losses_metrics.py.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from compilecli.numerics import metrics
from goldenhelpers import RTOL, check_header, each_case, floatx_scope, load_golden, relative_error

GOLDENS = load_golden("metrics")
PAIRS, IDS = each_case(GOLDENS)
ATOL = 1e-12
# IoU metrics keep an int confusion matrix and warn (as Keras does) about float weights.
pytestmark = pytest.mark.filterwarnings("ignore:You are passing weight as `float`")
# Results Keras 3.15 gives in float32 whatever floatx says (probed: tests/numerics/golden/pins*.json).
FLOAT32_RESULT = ("IoU", "BinaryIoU", "MeanIoU", "OneHotIoU", "OneHotMeanIoU")


def run(case, dtype):
    with floatx_scope(dtype):
        metric = metrics.get({"class_name": case["name"], "config": case["config"]})
        results = []

        def update(step):
            kwargs = {k: np.asarray(v, dtype=dtype) for k, v in step.get("kwargs", {}).items()}
            metric.update_state(*[np.asarray(a, dtype=dtype) for a in step["args"]], **kwargs)

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


def assert_close(actual, expected, dtype, name):
    actual, expected = np.asarray(actual), np.asarray(expected, dtype=np.float64)
    want = "float32" if name in FLOAT32_RESULT else dtype
    assert actual.dtype == np.dtype(want), f"computed in {actual.dtype}, Keras in {want}"
    # In float32 an entry that is a difference of sums (tn = negatives - fp) carries the rounding
    # of those sums, i.e. an error relative to the array's scale, not to the entry itself.
    scale = RTOL[dtype] * np.max(np.abs(expected), initial=0.0) if dtype == "float32" else 0.0
    np.testing.assert_allclose(actual.astype(np.float64), expected, rtol=RTOL[dtype], atol=max(ATOL, scale))


@pytest.mark.parametrize("dtype, case", PAIRS, ids=IDS)
def test_metric_matches_keras(dtype, case):
    got = run(case, dtype)
    assert len(got["results"]) == len(case["results"]), "zip would drop results"
    for actual, expected in zip(got["results"], case["results"]):
        assert_close(actual, expected, dtype, case["name"])
    assert_close(got["after_reset"], case["after_reset"], dtype, case["name"])
    same_config(got["get_config"], case["get_config"])


@pytest.mark.parametrize("dtype", sorted(GOLDENS))
def test_fixture_header_matches_its_float_type(dtype):
    check_header(GOLDENS, dtype, 100)


@pytest.mark.parametrize("name", sorted(GOLDENS["float64"]["names"]))
def test_every_keras_name_resolves_to_the_same_class(name):
    kind, target = GOLDENS["float64"]["names"][name].split(":")
    obj = metrics.REGISTRY.lookup(name)
    assert kind == "class" and obj.__name__ == target


def test_no_names_beyond_keras():
    assert set(metrics.ALL_NAMES) == set(GOLDENS["float64"]["names"])


def test_every_concrete_class_has_a_golden_case():
    covered = {c["name"] for c in GOLDENS["float64"]["cases"]}
    assert {cls.__name__ for cls in metrics.ALL_OBJECTS} - covered == {"Metric"}


@pytest.mark.parametrize("dtype", sorted(GOLDENS))
def test_max_relative_error_is_below_rtol(dtype, capsys):
    worst = 0.0
    for case in GOLDENS[dtype]["cases"]:
        got = run(case, dtype)
        assert len(got["results"]) == len(case["results"]), case["name"]
        for actual, expected in zip(got["results"] + [got["after_reset"]], case["results"] + [case["after_reset"]]):
            a, e = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
            worst = max(worst, relative_error(a, e))
    with capsys.disabled():
        print(f"\n[metrics {dtype}] max relative error vs Keras over {len(GOLDENS[dtype]['cases'])} cases: {worst:.3e}")
    assert worst < RTOL[dtype]
