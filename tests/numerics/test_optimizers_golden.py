"""compilecli.numerics.optimizers against trajectories recorded from real Keras 3, with float64
and with float32 variables (Keras's default), LossScaleOptimizer and MultiOptimizer included.

Fixtures: tests/numerics/golden/optimizers[.float32].json, written by
tools/golden/gen_optimizers_schedules.py. Keras is not needed here.
"""
import inspect
import json
import warnings

import numpy as np
import pytest

from compilecli.numerics import optimizers
from goldenhelpers import RTOL as RTOLS
from goldenhelpers import each_case, floatx_scope, load_golden

GOLDENS = load_golden("optimizers")
GOLDEN = GOLDENS["float64"]
PAIRS, IDS = each_case(GOLDENS)
# Keras's Muon (ops.norm) and Adafactor (ops.mean) compute those reductions in float32 even
# for float64 input (outside TensorFlow); XLA's float32 summation order is not numpy's, so
# these two agree to ~1e-7 of each variable's scale rather than elementwise: an element
# crossing zero needs an absolute tolerance at that scale. In float32 every optimizer is in
# that position (XLA fuses and reorders float32 arithmetic): the same scale-relative tolerance.
SCALE_ATOL = {"float64": {"Muon": 1.0, "Adafactor": 1.0}, "float32": {}}


def _build(case, dtype="float64"):
    opt = getattr(optimizers, case["optimizer"]).from_config(json.loads(json.dumps(case["config"])))
    variables = [np.array(v, dtype=dtype) for v in case["initial"]]
    if case["exclude_from_weight_decay"]:
        opt.exclude_from_weight_decay(var_names=case["exclude_from_weight_decay"])
    opt.build(variables, names=case["names"])
    return opt, variables


def _assert_close(actual, expected, initial, what, scale_atol=0.0, rtol=1e-6, dtype="float64"):
    actual, expected, initial = (np.asarray(x, dtype=np.float64) for x in (actual, expected, initial))
    atol = scale_atol * rtol * np.max(np.abs(expected)) if expected.size else 0.0
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol, err_msg=what)
    # The displacement too, so that small updates of large weights are checked as tightly;
    # relative to the variable's largest displacement, since steps of opposite signs can
    # cancel to ~0 in single elements.
    displacement = expected - initial
    scale = np.max(np.abs(displacement)) if displacement.size else 0.0
    # ... but no finer than a few units in the last place of the variable's own type: a float32
    # weight of 1 moved by 1e-4 holds that move to 6e-8, not to 1e-9.
    resolution = 4 * np.finfo(dtype).eps * np.max(np.abs(expected)) if expected.size else 0.0
    np.testing.assert_allclose(actual - initial, displacement, rtol=rtol,
                               atol=rtol * scale + resolution + 1e-15, err_msg=what + " (displacement)")


@pytest.mark.parametrize("dtype, case", PAIRS, ids=IDS)
def test_trajectory_matches_keras(dtype, case):
    rtol = RTOLS[dtype]
    with floatx_scope(dtype):
        opt, variables = _build(case, dtype)
        scale_atol = SCALE_ATOL[dtype].get(case["optimizer"], 1.0 if dtype == "float32" else 0.0)
        assert len(case["grads"]) == len(case["trajectory"]) == len(case["iterations"]) > 0
        for step, grads in enumerate(case["grads"]):
            grads = [None if g is None else np.array(g, dtype=dtype) for g in grads]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the none_grad cases warn, as Keras does
                opt.apply(grads, variables)
            assert len(variables) == len(case["trajectory"][step]), f"step {step}: zip would drop variables"
            for i, (var, expected) in enumerate(zip(variables, case["trajectory"][step])):
                assert var.dtype == np.dtype(dtype)
                _assert_close(var, expected, case["initial"][i], f"step {step}, variable {i}", scale_atol, rtol,
                              dtype)
            assert opt.iterations == case["iterations"][step]
            if case["learning_rate"][step] is not None:   # None: a MultiOptimizer has none
                np.testing.assert_allclose(float(opt.learning_rate), case["learning_rate"][step], rtol=rtol)
        if case["finalized"] is not None:
            opt.finalize_variable_values(variables)
            assert len(variables) == len(case["finalized"]), "zip would drop variables"
            for i, (var, expected) in enumerate(zip(variables, case["finalized"])):
                _assert_close(var, expected, case["initial"][i], f"finalized variable {i}", scale_atol, rtol, dtype)


def _nameless(config):
    """A config without its (auto-numbered) names, nested optimizers' included."""
    if isinstance(config, dict):
        return {k: _nameless(v) for k, v in config.items() if k != "name"}
    return config


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["id"] for c in GOLDEN["cases"]])
def test_config_matches_keras(case):
    with floatx_scope("float64"):
        opt, _ = _build(case)
    assert opt.get_config().get("name")
    assert _nameless(opt.get_config()) == _nameless(case["keras_config"])


@pytest.mark.parametrize("name", sorted(GOLDEN["signatures"]))
def test_constructor_signature_matches_keras(name):
    expected = GOLDEN["signatures"][name]
    params = [p for p in inspect.signature(getattr(optimizers, name).__init__).parameters.values()
              if p.name != "self"]
    order = ["**" + p.name if p.kind is p.VAR_KEYWORD else p.name for p in params]
    assert order == expected["order"]
    defaults = {("**" + p.name if p.kind is p.VAR_KEYWORD else p.name):
                (None if p.default is p.empty else p.default) for p in params}
    assert defaults == expected["defaults"]


def _get_like_keras(identifier, expected):
    """get(identifier) gives the class Keras gave, or raises the exception type Keras raised."""
    if isinstance(expected, str):
        assert type(optimizers.get(identifier)).__name__ == expected
    else:
        with pytest.raises(Exception) as info:
            optimizers.get(identifier)
        assert type(info.value).__name__ == expected["error"]


@pytest.mark.parametrize("identifier", sorted(GOLDEN["get_probes"]))
def test_get_resolves_names_like_keras(identifier):
    _get_like_keras(identifier, GOLDEN["get_probes"][identifier])


@pytest.mark.parametrize("error", GOLDEN["errors"],
                         ids=[f"{e['optimizer']}-{'-'.join(e['kwargs'])}" for e in GOLDEN["errors"]])
def test_constructor_errors_match_keras(error):
    cls = getattr(optimizers, error["optimizer"])
    if error["error"] is None:
        cls(**error["kwargs"])
        return
    with pytest.raises(Exception) as info:
        cls(**error["kwargs"])
    assert type(info.value).__name__ == error["error"]
    assert str(info.value) == error["message"]


@pytest.mark.parametrize("probe", GOLDEN["wrapper_get_probes"], ids=lambda p: json.dumps(p["identifier"])[:90])
def test_get_takes_the_wrapper_configs_keras_takes(probe):
    """LossScaleOptimizer / MultiOptimizer configs: accepted where Keras's get() accepts them
    (inner optimizers as Keras serializes them), refused with Keras's exception type elsewhere."""
    _get_like_keras(json.loads(json.dumps(probe["identifier"])), probe["result"])


def test_loss_scale_optimizer_skips_non_finite_steps_and_rescales():
    inner = optimizers.SGD(learning_rate=0.5)
    opt = optimizers.LossScaleOptimizer(inner, initial_scale=4.0, dynamic_growth_steps=2)
    w = np.ones(3)
    opt.apply([np.full(3, 4.0)], [w])                  # unscaled gradient 1: w -= 0.5
    assert np.allclose(w, 0.5) and opt.iterations == 1 and opt.dynamic_scale == 4.0
    opt.apply([np.array([np.inf, 0.0, 0.0])], [w])     # skipped, the scale halves
    assert np.allclose(w, 0.5) and opt.iterations == 1 and opt.dynamic_scale == 2.0
    opt.apply([np.full(3, 2.0)], [w])
    opt.apply([np.full(3, 2.0)], [w])                  # two finite steps in a row: the scale doubles
    assert np.allclose(w, -0.5) and opt.iterations == 3 and opt.dynamic_scale == 4.0
    assert float(opt.scale_loss(1.5)) == 6.0 and opt.learning_rate == 0.5


def test_multi_optimizer_routes_variables_by_name():
    opt = optimizers.get({"class_name": "MultiOptimizer", "config": {"optimizer_map": {
        "module": "keras.optimizers", "class_name": "OptimizerMap", "config": {
            "default_optimizer": {"module": "keras.optimizers", "class_name": "SGD", "config": {"learning_rate": 1.0}},
            "optimizer_map": {"dense/.*": {"module": "keras.optimizers", "class_name": "SGD",
                                           "config": {"learning_rate": 0.1}}}}}}})
    a, b = np.zeros(2), np.zeros(2)
    opt.build([a, b], names=["dense/kernel", "out/kernel"])
    opt.apply([np.ones(2), np.ones(2)], [a, b])
    assert np.allclose(a, -0.1) and np.allclose(b, -1.0) and opt.iterations == 1
    with pytest.raises(AttributeError):
        opt.learning_rate
