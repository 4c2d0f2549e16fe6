"""compilecli.numerics.optimizers against trajectories recorded from real Keras 3 (float64).

Fixtures: tests/numerics/golden/optimizers.json, written by
tools/golden/gen_optimizers_schedules.py. Keras is not needed here.
"""
import inspect
import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from compilecli.numerics import optimizers

GOLDEN = json.loads((Path(__file__).parent / "golden" / "optimizers.json").read_text())
RTOL = 1e-6
# Keras's Muon (ops.norm) and Adafactor (ops.mean) compute those reductions in float32 even
# for float64 input (outside TensorFlow); XLA's float32 summation order is not numpy's, so
# these two agree to ~1e-7 of each variable's scale rather than elementwise: an element
# crossing zero needs an absolute tolerance at that scale.
SCALE_ATOL = {"Muon": RTOL, "Adafactor": RTOL}
# Keras 3 optimizers that compilecli does not mirror (see optimizers/__init__.py).
NOT_MIRRORED = {"LossScaleOptimizer", "MultiOptimizer"}


def _build(case):
    opt = getattr(optimizers, case["optimizer"]).from_config(json.loads(json.dumps(case["config"])))
    variables = [np.array(v, dtype=np.float64) for v in case["initial"]]
    if case["exclude_from_weight_decay"]:
        opt.exclude_from_weight_decay(var_names=case["exclude_from_weight_decay"])
    opt.build(variables, names=case["names"])
    return opt, variables


def _assert_close(actual, expected, initial, what, scale_atol=0.0):
    actual, expected, initial = (np.asarray(x, dtype=np.float64) for x in (actual, expected, initial))
    atol = scale_atol * np.max(np.abs(expected)) if expected.size else 0.0
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=atol, err_msg=what)
    # The displacement too, so that small updates of large weights are checked as tightly;
    # relative to the variable's largest displacement, since steps of opposite signs can
    # cancel to ~0 in single elements.
    displacement = expected - initial
    scale = np.max(np.abs(displacement)) if displacement.size else 0.0
    np.testing.assert_allclose(actual - initial, displacement, rtol=RTOL, atol=RTOL * scale + 1e-15,
                               err_msg=what + " (displacement)")


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["id"] for c in GOLDEN["cases"]])
def test_trajectory_matches_keras(case):
    opt, variables = _build(case)
    scale_atol = SCALE_ATOL.get(case["optimizer"], 0.0)
    for step, grads in enumerate(case["grads"]):
        grads = [None if g is None else np.array(g, dtype=np.float64) for g in grads]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the none_grad cases warn, as Keras does
            opt.apply(grads, variables)
        for i, (var, expected) in enumerate(zip(variables, case["trajectory"][step])):
            _assert_close(var, expected, case["initial"][i], f"step {step}, variable {i}", scale_atol)
        assert opt.iterations == case["iterations"][step]
        np.testing.assert_allclose(float(opt.learning_rate), case["learning_rate"][step], rtol=RTOL)
    if case["finalized"] is not None:
        opt.finalize_variable_values(variables)
        for i, (var, expected) in enumerate(zip(variables, case["finalized"])):
            _assert_close(var, expected, case["initial"][i], f"finalized variable {i}", scale_atol)


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["id"] for c in GOLDEN["cases"]])
def test_config_matches_keras(case):
    opt, _ = _build(case)
    config = opt.get_config()
    assert config.pop("name")
    assert config == case["keras_config"]


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


@pytest.mark.parametrize("identifier", sorted(GOLDEN["get_probes"]))
def test_get_resolves_names_like_keras(identifier):
    expected = GOLDEN["get_probes"][identifier]
    if isinstance(expected, str) and expected not in NOT_MIRRORED:
        assert type(optimizers.get(identifier)).__name__ == expected
    elif isinstance(expected, dict):
        with pytest.raises(getattr(__builtins__, expected["error"], None) or Exception) as info:
            optimizers.get(identifier)
        assert type(info.value).__name__ == expected["error"]
    else:
        pytest.skip(f"{expected} is not mirrored by compilecli")


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
