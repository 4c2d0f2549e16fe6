"""compilecli.numerics.losses against fixtures recorded from real Keras 3 (JAX), in float64 and
float32 (Keras's default), edge inputs included (exact 0/1 probabilities, logits of +-50).

Fixtures: tests/numerics/golden/losses[.float32].json, written by tools/golden/gen_losses_metrics.py.
"""
from __future__ import annotations

import numpy as np
import pytest

from compilecli.numerics import losses
from goldenhelpers import RTOL, check_header, each_case, floatx_scope, load_golden, relative_error

GOLDENS = load_golden("losses")
PAIRS, IDS = each_case(GOLDENS)
ATOL = 1e-12


def arr(x, dtype):
    return None if x is None else np.asarray(x, dtype=dtype)


def assert_close(actual, expected, dtype):
    actual = np.asarray(actual)
    assert actual.dtype == np.dtype(dtype), f"computed in {actual.dtype}, Keras in {dtype}"
    np.testing.assert_allclose(actual.astype(np.float64), np.asarray(expected, dtype=np.float64),
                               rtol=RTOL[dtype], atol=ATOL)


def run(case, dtype):
    with floatx_scope(dtype):
        y_true, y_pred = arr(case["y_true"], dtype), arr(case["y_pred"], dtype)
        if case["kind"] == "function":
            return {"output": losses.get(case["name"])(y_true, y_pred, **case["kwargs"])}
        loss = losses.get({"class_name": case["name"], "config": case["config"]})
        return {"output": loss(y_true, y_pred, sample_weight=arr(case.get("sample_weight"), dtype)),
                "call": loss.call(y_true, y_pred), "get_config": loss.get_config()}


@pytest.mark.parametrize("dtype, case", PAIRS, ids=IDS)
def test_loss_matches_keras(dtype, case):
    got = run(case, dtype)
    assert_close(got["output"], case["output"], dtype)
    if case["kind"] == "class":
        assert_close(got["call"], case["call"], dtype)
        assert got["get_config"] == case["get_config"]


@pytest.mark.parametrize("dtype", sorted(GOLDENS))
def test_fixture_header_matches_its_float_type(dtype):
    check_header(GOLDENS, dtype, 300)


def test_float32_edges_are_keras_float32_numbers():
    """The issue's example: log(1 - (1 - 1e-7)) in float32 is log(1.19e-7), not log(1e-7)."""
    with floatx_scope("float32"):
        value = losses.binary_crossentropy([[0.0]], [[1.0]])
        assert value.dtype == np.float32 and abs(float(value[0]) - 15.942385) < 1e-5
        assert abs(float(losses.BinaryCrossentropy()([[0.0]], [[1.0]])) - 15.942385) < 1e-5
    with floatx_scope("float64"):
        assert abs(float(losses.binary_crossentropy([[0.0]], [[1.0]])[0]) - 16.118095) < 1e-6


@pytest.mark.parametrize("name", sorted(GOLDENS["float64"]["names"]))
def test_every_keras_name_resolves_to_the_same_object(name):
    kind, target = GOLDENS["float64"]["names"][name].split(":")
    obj = losses.REGISTRY.lookup(name)
    assert obj.__name__ == target
    assert isinstance(obj, type) == (kind == "class")


def test_no_names_beyond_keras():
    assert set(losses.ALL_NAMES) == set(GOLDENS["float64"]["names"])


def test_every_class_and_function_has_a_golden_case():
    golden = GOLDENS["float64"]
    covered = {c["name"] for c in golden["cases"]}
    callable_names = {n for n in golden["names"] if n not in ("Loss", "LossFunctionWrapper")}
    resolved = {losses.REGISTRY.lookup(n) for n in callable_names}
    covered_objs = {losses.REGISTRY.lookup(n) for n in covered}
    assert resolved <= covered_objs


@pytest.mark.parametrize("dtype", sorted(GOLDENS))
def test_max_relative_error_is_below_rtol(dtype, capsys):
    worst = 0.0
    for case in GOLDENS[dtype]["cases"]:
        got = run(case, dtype)
        for key in ("output", "call"):
            if key in case:
                a = np.asarray(got[key], dtype=np.float64)
                worst = max(worst, relative_error(a, np.asarray(case[key], dtype=np.float64)))
    with capsys.disabled():
        print(f"\n[losses {dtype}] max relative error vs Keras over {len(GOLDENS[dtype]['cases'])} cases: {worst:.3e}")
    assert worst < RTOL[dtype]
