"""Writes the golden fixtures for compilecli.numerics.optimizers and .schedules.

Runs real Keras 3 (never imported by compilecli itself):

    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/golden/gen_optimizers_schedules.py

Outputs (committed; the tests read only these):
    tests/numerics/golden/optimizers.json  -- trajectories: initial variables, the
        gradient fed at every step, and after every step the variables,
        `iterations` and `learning_rate`; plus constructor signatures, get()
        resolution of names, and constructor errors.
    tests/numerics/golden/schedules.json   -- schedule values at a list of steps.

Run once per float type (``--floatx float64``, the default, switches JAX's x64 mode on before
JAX is imported; ``--floatx float32`` is Keras's default): variables, gradients and Keras's
floatx are in that type; float32 fixtures are written as ``*.float32.json``.
"""
from __future__ import annotations

import copy
import inspect
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from floatx_env import FLOATX  # noqa: E402 - before Keras: it sets JAX's x64 mode

import numpy as np  # noqa: E402
import keras  # noqa: E402

keras.config.set_floatx(FLOATX)
SUFFIX = "" if FLOATX == "float64" else "." + FLOATX
warnings.simplefilter("ignore")


def case(optimizer, case_id, config=None, **extra):
    return {"id": f"{optimizer}/{case_id}", "optimizer": optimizer, "config": config or {}, **extra}


def sched(class_name, **config):
    """A schedule as Keras serializes it, to use as an optimizer's learning_rate."""
    return {"module": "keras.optimizers.schedules", "class_name": class_name,
            "config": config, "registered_name": None}


# Shared machinery, run on a few optimizers each.
def machinery(optimizer, lr):
    return [
        case(optimizer, "weight_decay", {"learning_rate": lr, "weight_decay": 0.1}),
        case(optimizer, "weight_decay_excluded", {"learning_rate": lr, "weight_decay": 0.2},
             names=["dense_kernel", "dense_bias", "conv_kernel"], exclude_from_weight_decay=["bias"]),
        case(optimizer, "clipnorm", {"learning_rate": lr, "clipnorm": 0.5},
             zero_grads=[(1, 1)]),
        case(optimizer, "clipvalue", {"learning_rate": lr, "clipvalue": 0.3}),
        case(optimizer, "global_clipnorm", {"learning_rate": lr, "global_clipnorm": 1.0}),
        case(optimizer, "global_clipnorm_zero_step", {"learning_rate": lr, "global_clipnorm": 0.5},
             zero_grads=[(2, 0), (2, 1), (2, 2)]),
        case(optimizer, "use_ema", {"learning_rate": lr, "use_ema": True, "ema_momentum": 0.9}),
        case(optimizer, "use_ema_overwrite", {"learning_rate": lr, "use_ema": True,
                                              "ema_momentum": 0.8, "ema_overwrite_frequency": 2},
             steps=6),
        case(optimizer, "loss_scale_factor", {"learning_rate": lr, "loss_scale_factor": 4.0},
             grad_scale=4.0),
        case(optimizer, "grad_accumulation", {"learning_rate": lr, "gradient_accumulation_steps": 2},
             steps=7),
        case(optimizer, "grad_accumulation_ema_schedule", {
            "learning_rate": sched("ExponentialDecay", initial_learning_rate=lr, decay_steps=2,
                                   decay_rate=0.5),
            "gradient_accumulation_steps": 3, "use_ema": True, "ema_overwrite_frequency": 2},
            steps=8),
        case(optimizer, "exponential_decay", {"learning_rate": sched(
            "ExponentialDecay", initial_learning_rate=lr, decay_steps=2, decay_rate=0.5,
            staircase=True)}),
        case(optimizer, "piecewise", {"learning_rate": sched(
            "PiecewiseConstantDecay", boundaries=[1, 3], values=[lr, lr / 2, lr / 10])}),
        case(optimizer, "cosine_warmup", {"learning_rate": sched(
            "CosineDecay", initial_learning_rate=0.0, decay_steps=4, warmup_target=lr,
            warmup_steps=2, alpha=0.1)}, steps=7),
        case(optimizer, "none_grad", {"learning_rate": lr}, none_grads=[(1, 2), (3, 0)]),
    ]


def nested(class_name, **config):
    """An optimizer inside another's config, as Keras serializes it."""
    return {"module": "keras.optimizers", "class_name": class_name, "config": config, "registered_name": None}


WRAPPER_CASES = [
    case("LossScaleOptimizer", "sgd", {"inner_optimizer": nested("SGD", learning_rate=0.1),
                                       "initial_scale": 8.0, "dynamic_growth_steps": 2},
         grad_scale=8.0, steps=6),
    case("LossScaleOptimizer", "adam_nonfinite", {"inner_optimizer": nested("Adam", learning_rate=0.1),
                                                  "initial_scale": 1024.0, "dynamic_growth_steps": 3},
         grad_scale=1024.0, steps=7, inf_grads=[(1, 0), (4, 2)]),
    case("LossScaleOptimizer", "schedule_inner", {"inner_optimizer": nested("RMSprop", learning_rate=sched(
        "ExponentialDecay", initial_learning_rate=0.1, decay_steps=2, decay_rate=0.5))}, grad_scale=32768.0),
    case("MultiOptimizer", "map", {"optimizer_map": nested("OptimizerMap", default_optimizer=nested(
        "Adam", learning_rate=0.1), optimizer_map={"w0": nested("SGD", learning_rate=0.1, momentum=0.9),
                                                   "w[2-9]": nested("RMSprop", learning_rate=0.01)})}),
    case("MultiOptimizer", "loss_scale_factor", {"loss_scale_factor": 4.0, "optimizer_map": nested(
        "OptimizerMap", default_optimizer=nested("SGD", learning_rate=0.1), optimizer_map={
            "w1": nested("Adam", learning_rate=0.1)})}, grad_scale=4.0),
]

MUON_SHAPES = [[4, 3], [2, 3], [3], [2, 1, 2], [5, 2]]
MUON_NAMES = ["dense/kernel", "dense_1/kernel", "dense/bias", "conv/kernel", "embedding/embeddings"]

OPTIMIZER_CASES = [
    case("SGD", "default"), case("SGD", "lr0.1", {"learning_rate": 0.1}),
    case("SGD", "momentum", {"learning_rate": 0.1, "momentum": 0.9}),
    case("SGD", "nesterov", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    case("SGD", "nesterov_wd_clip", {"learning_rate": 0.1, "momentum": 0.5, "nesterov": True,
                                     "weight_decay": 0.05, "clipnorm": 1.0}),
    *machinery("SGD", 0.1),
    case("RMSprop", "default"), case("RMSprop", "lr0.01", {"learning_rate": 0.01}),
    case("RMSprop", "momentum", {"learning_rate": 0.01, "momentum": 0.5}),
    case("RMSprop", "centered", {"learning_rate": 0.01, "centered": True}),
    case("RMSprop", "centered_momentum", {"learning_rate": 0.01, "centered": True, "momentum": 0.9,
                                          "rho": 0.5, "epsilon": 1e-3}),
    case("Adam", "default"), case("Adam", "lr0.1", {"learning_rate": 0.1}),
    case("Adam", "amsgrad", {"learning_rate": 0.1, "amsgrad": True}, steps=7),
    case("Adam", "betas_eps", {"learning_rate": 0.05, "beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-2}),
    *machinery("Adam", 0.1),
    case("AdamW", "default"), case("AdamW", "lr0.1", {"learning_rate": 0.1}),
    case("AdamW", "wd_amsgrad", {"learning_rate": 0.1, "weight_decay": 0.3, "amsgrad": True}),
    *machinery("AdamW", 0.1)[2:4],
    case("Adamax", "default"), case("Adamax", "lr0.1", {"learning_rate": 0.1}),
    case("Adamax", "betas", {"learning_rate": 0.1, "beta_1": 0.5, "beta_2": 0.8, "epsilon": 1e-3}),
    case("Adagrad", "default"), case("Adagrad", "lr0.1", {"learning_rate": 0.1}),
    case("Adagrad", "accumulator", {"learning_rate": 0.1, "initial_accumulator_value": 1.0,
                                    "epsilon": 1e-3}),
    case("Adadelta", "default"), case("Adadelta", "lr1", {"learning_rate": 1.0}),
    case("Adadelta", "rho", {"learning_rate": 1.0, "rho": 0.5, "epsilon": 1e-3}),
    case("Nadam", "default"), case("Nadam", "lr0.1", {"learning_rate": 0.1}, steps=7),
    case("Nadam", "betas", {"learning_rate": 0.1, "beta_1": 0.5, "beta_2": 0.9}),
    *machinery("Nadam", 0.1)[9:11],
    case("Ftrl", "default"), case("Ftrl", "lr0.1", {"learning_rate": 0.1}),
    case("Ftrl", "l1_l2", {"learning_rate": 0.1, "l1_regularization_strength": 0.05,
                           "l2_regularization_strength": 0.1}),
    case("Ftrl", "shrinkage_beta", {"learning_rate": 0.1, "l2_shrinkage_regularization_strength": 0.1,
                                    "beta": 0.5, "learning_rate_power": -0.3,
                                    "initial_accumulator_value": 0.5}),
    case("Ftrl", "power0", {"learning_rate": 0.1, "learning_rate_power": 0.0,
                            "l1_regularization_strength": 0.01}),
    case("Lion", "default"), case("Lion", "lr0.1", {"learning_rate": 0.1}),
    case("Lion", "betas_wd", {"learning_rate": 0.1, "beta_1": 0.5, "beta_2": 0.9,
                              "weight_decay": 0.1}),
    case("Lamb", "default"), case("Lamb", "lr0.1", {"learning_rate": 0.1}),
    case("Lamb", "betas_wd", {"learning_rate": 0.1, "beta_1": 0.5, "beta_2": 0.9, "weight_decay": 0.1,
                              "epsilon": 1e-3}),
    *machinery("Lamb", 0.1)[2:3],
    case("Adafactor", "default", steps=6), case("Adafactor", "lr0.1", {"learning_rate": 0.1}),
    case("Adafactor", "no_relative_step", {"learning_rate": 0.5, "relative_step": False,
                                           "beta_2_decay": -0.5, "clip_threshold": 0.5,
                                           "epsilon_2": 0.01}, shapes=[[3, 2], [3], [2, 3, 2]]),
    case("Adafactor", "schedule", {"learning_rate": sched(
        "ExponentialDecay", initial_learning_rate=0.5, decay_steps=2, decay_rate=0.5)}),
    case("ScheduleFreeAdamW", "default"), case("ScheduleFreeAdamW", "lr0.1", {"learning_rate": 0.1}),
    case("ScheduleFreeAdamW", "warmup_wd", {"learning_rate": 0.1, "warmup_steps": 3, "beta_1": 0.5,
                                            "weight_decay": 0.1, "epsilon": 1e-4}, steps=6),
    case("Muon", "default", shapes=MUON_SHAPES, names=MUON_NAMES),
    case("Muon", "lr0.1", {"learning_rate": 0.1}, shapes=MUON_SHAPES, names=MUON_NAMES),
    case("Muon", "no_nesterov_no_rms", {"learning_rate": 0.1, "nesterov": False, "rms_rate": None,
                                        "ns_steps": 3, "momentum": 0.8},
         shapes=MUON_SHAPES, names=MUON_NAMES),
    case("Muon", "exclude", {"learning_rate": 0.1, "exclude_layers": ["dense_1"],
                             "exclude_embeddings": False, "adam_lr_ratio": 0.1,
                             "weight_decay": 0.1, "adam_weight_decay": 0.01},
         shapes=MUON_SHAPES, names=MUON_NAMES),
    case("Muon", "clip_ema_schedule", {
        "learning_rate": sched("InverseTimeDecay", initial_learning_rate=0.1, decay_steps=1,
                               decay_rate=0.5),
        "global_clipnorm": 2.0, "use_ema": True}, shapes=MUON_SHAPES, names=MUON_NAMES),
]

SCHEDULE_STEPS = [0, 1, 2, 3, 5, 7, 10, 11, 15, 20, 33, 49, 50, 51, 99, 100, 101, 150, 300, 1000]

SCHEDULE_CASES = [
    {"id": "exp", "class_name": "ExponentialDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}},
    {"id": "exp_staircase", "class_name": "ExponentialDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 7, "decay_rate": 0.9, "staircase": True}},
    {"id": "exp_growth", "class_name": "ExponentialDecay",
     "config": {"initial_learning_rate": 0.001, "decay_steps": 100, "decay_rate": 1.5}},
    {"id": "piecewise", "class_name": "PiecewiseConstantDecay",
     "config": {"boundaries": [10, 50, 100], "values": [1.0, 0.5, 0.1, 0.01]}},
    {"id": "piecewise_float_bounds", "class_name": "PiecewiseConstantDecay",
     "config": {"boundaries": [10.5, 50.9], "values": [0.3, 0.2, 0.1]}},
    {"id": "poly", "class_name": "PolynomialDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 100}},
    {"id": "poly_power", "class_name": "PolynomialDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 50, "end_learning_rate": 0.01,
                "power": 0.5}},
    {"id": "poly_cycle", "class_name": "PolynomialDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 20, "end_learning_rate": 0.001,
                "power": 2.0, "cycle": True}},
    {"id": "inverse", "class_name": "InverseTimeDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}},
    {"id": "inverse_staircase", "class_name": "InverseTimeDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 7, "decay_rate": 2.0,
                "staircase": True}},
    {"id": "cosine", "class_name": "CosineDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 100}},
    {"id": "cosine_alpha", "class_name": "CosineDecay",
     "config": {"initial_learning_rate": 0.1, "decay_steps": 50, "alpha": 0.1}},
    {"id": "cosine_warmup", "class_name": "CosineDecay",
     "config": {"initial_learning_rate": 0.0, "decay_steps": 100, "warmup_target": 0.1,
                "warmup_steps": 20}},
    {"id": "cosine_warmup_alpha", "class_name": "CosineDecay",
     "config": {"initial_learning_rate": 0.01, "decay_steps": 30, "alpha": 0.2,
                "warmup_target": 0.5, "warmup_steps": 10}},
    {"id": "restarts", "class_name": "CosineDecayRestarts",
     "config": {"initial_learning_rate": 0.1, "first_decay_steps": 10}},
    {"id": "restarts_tmul1", "class_name": "CosineDecayRestarts",
     "config": {"initial_learning_rate": 0.1, "first_decay_steps": 15, "t_mul": 1.0}},
    {"id": "restarts_mmul_alpha", "class_name": "CosineDecayRestarts",
     "config": {"initial_learning_rate": 0.1, "first_decay_steps": 10, "t_mul": 1.5, "m_mul": 0.5,
                "alpha": 0.05}},
]

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "tests", "numerics", "golden")
SEED = 20240611
DEFAULT_SHAPES = [[3, 2], [3], [2, 1, 2]]

GET_PROBES = ["adam", "Adam", "ADAM", "adamw", "AdamW", "adam_w", "sgd", "SGD", "rmsprop",
              "RMSprop", "RMSProp", "rms_prop", "adagrad", "adadelta", "adamax", "nadam", "ftrl",
              "lion", "lamb", "Lamb", "muon", "adafactor", "schedulefreeadamw", "optimizer",
              "bogus", "gradient_descent", "LossScaleOptimizer", "lossscaleoptimizer",
              "MultiOptimizer", "multioptimizer", "OptimizerMap"]

# Configs of the wrapper optimizers: what keras.optimizers.get() accepts and refuses, and how.
_SGD = nested("SGD", learning_rate=0.1)
WRAPPER_GET_PROBES = [
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": _SGD}},
    {"class_name": "lossscaleoptimizer", "config": {"inner_optimizer": _SGD, "initial_scale": 8.0}},
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": {"class_name": "SGD", "config": {}}}},
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": dict(_SGD, class_name="sgd")}},
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": dict(_SGD, module="keras.src.optimizers.sgd")}},
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": "sgd"}},
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": _SGD, "dynamic": False}},
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": _SGD, "clipnorm": 1.0}},
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": _SGD, "use_ema": False, "weight_decay": None}},
    {"class_name": "LossScaleOptimizer", "config": {"inner_optimizer": _SGD, "learning_rate": 0.1}},
    {"class_name": "LossScaleOptimizer", "config": {}},
    {"class_name": "MultiOptimizer", "config": {"optimizer_map": nested("OptimizerMap", default_optimizer=_SGD, optimizer_map={})}},
    {"class_name": "multioptimizer", "config": {"optimizer_map": nested("OptimizerMap", default_optimizer=_SGD, optimizer_map={
        "dense/.*": nested("Adam")}), "loss_scale_factor": 2.0}},
    {"class_name": "MultiOptimizer", "config": {"optimizer_map": nested("OptimizerMap", default_optimizer=_SGD)}},
    {"class_name": "MultiOptimizer", "config": {"optimizer_map": {"class_name": "OptimizerMap", "config": {
        "default_optimizer": _SGD, "optimizer_map": {}}}}},
    {"class_name": "MultiOptimizer", "config": {"optimizer_map": "adam"}},
    {"class_name": "MultiOptimizer", "config": {}},
    {"class_name": "OptimizerMap", "config": {"default_optimizer": _SGD, "optimizer_map": {}}},
]


def wrapper_get_probes():
    result = []
    for identifier in WRAPPER_GET_PROBES:
        try:
            found = type(keras.optimizers.get(copy.deepcopy(identifier))).__name__
        except Exception as e:  # noqa: BLE001 -- record whatever Keras raises
            found = {"error": type(e).__name__}
        result.append({"identifier": identifier, "result": found})
    return result


ERROR_CASES = [
    ("Adam", {"lr": 0.1}), ("Adam", {"learning_rate": 1}), ("SGD", {"momentum": 1}),
    ("SGD", {"momentum": 1.5}), ("Adam", {"clipnorm": 1.0, "global_clipnorm": 1.0}),
    ("Adam", {"clipvalue": 1.0, "clipnorm": 1.0}), ("Adam", {"use_ema": True, "ema_momentum": 1.5}),
    ("Adam", {"use_ema": True, "ema_overwrite_frequency": 0.5}),
    ("Adam", {"gradient_accumulation_steps": 1}), ("AdamW", {"weight_decay": None}),
    ("Lion", {"beta_1": 0.0}), ("Ftrl", {"learning_rate_power": 0.5}),
    ("Ftrl", {"initial_accumulator_value": -1.0}), ("Ftrl", {"l1_regularization_strength": -1.0}),
    ("RMSprop", {"foo": 1, "bar": 2}),
]


def tolist(x):
    return np.asarray(x, dtype=FLOATX).tolist()


def make_inputs(rng, case):
    shapes = case.get("shapes", DEFAULT_SHAPES)
    steps = case.get("steps", 5)
    initial = [rng.normal(size=s).astype(FLOATX) for s in shapes]
    grads = [[(rng.normal(size=s) * case.get("grad_scale", 1.0)).astype(FLOATX) for s in shapes]
             for _ in range(steps)]
    for step, index in case.get("inf_grads", []):
        grads[step][index] = grads[step][index].copy()
        grads[step][index].flat[0] = np.inf
    for step, index in case.get("none_grads", []):
        grads[step][index] = None
    for step, index in case.get("zero_grads", []):
        grads[step][index] = np.zeros(shapes[index])
    return shapes, initial, grads


def make_variable(value, path):
    """A float64 keras.Variable whose `path` is `path` ("dense/kernel": name "kernel" in scope "dense")."""
    *scopes, name = path.split("/")
    if not scopes:
        return keras.Variable(value, name=name, dtype=FLOATX)
    with keras.name_scope(scopes[0]):
        return make_variable(value, "/".join(scopes[1:] + [name]))


def apply_step(opt, grads, variables):
    if isinstance(opt, keras.optimizers.LossScaleOptimizer):
        # Its apply() needs a trace on JAX (ops.cond over variable assignments leaks tracers
        # when eager): take the stateless path the JAX train step takes, then assign.
        new_values, new_state = opt.stateless_apply([v.value for v in opt.variables], grads,
                                                    [v.value for v in variables])
        for variable, value in zip(list(variables) + list(opt.variables), list(new_values) + list(new_state)):
            variable.assign(value)
    else:
        opt.apply(grads, variables)


def run_keras(case, initial, grads, names):
    # from_config rather than optimizers.get: Keras leaves Lamb out of get().
    opt = getattr(keras.optimizers, case["optimizer"]).from_config(copy.deepcopy(case["config"]))
    variables = [make_variable(v, n) for v, n in zip(initial, names)]
    if "exclude_from_weight_decay" in case:
        opt.exclude_from_weight_decay(var_names=case["exclude_from_weight_decay"])
    opt.build(variables)
    trajectory, iterations, learning_rates = [], [], []
    for step_grads in grads:
        pairs = [(None if g is None else keras.ops.convert_to_tensor(g), v)
                 for g, v in zip(step_grads, variables)]
        apply_step(opt, [g for g, _ in pairs], [v for _, v in pairs])
        trajectory.append([tolist(v.numpy()) for v in variables])
        iterations.append(int(keras.ops.convert_to_numpy(opt.iterations)))
        # A MultiOptimizer has no learning rate of its own (reading it raises).
        learning_rates.append(None if isinstance(opt, keras.optimizers.MultiOptimizer)
                              else float(keras.ops.convert_to_numpy(opt.learning_rate)))
    finalized = None
    if opt.use_ema:
        opt.finalize_variable_values(variables)
        finalized = [tolist(v.numpy()) for v in variables]
    config = opt.get_config()
    config.pop("name")
    return trajectory, iterations, learning_rates, finalized, config


def optimizer_fixture(case, rng):
    shapes, initial, grads = make_inputs(rng, case)
    names = case.get("names", [f"w{i}" for i in range(len(shapes))])
    trajectory, iterations, lrs, finalized, config = run_keras(case, initial, grads, names)
    return {
        "id": case["id"], "optimizer": case["optimizer"], "config": case["config"],
        "names": names, "exclude_from_weight_decay": case.get("exclude_from_weight_decay"),
        "initial": [tolist(v) for v in initial],
        "grads": [[None if g is None else tolist(g) for g in step] for step in grads],
        "trajectory": trajectory, "iterations": iterations, "learning_rate": lrs,
        "finalized": finalized, "keras_config": config,
    }


def signature_of(cls):
    params = {}
    for p in inspect.signature(cls.__init__).parameters.values():
        if p.name == "self":
            continue
        if p.kind is p.VAR_KEYWORD:
            params["**" + p.name] = None
        else:
            params[p.name] = None if p.default is p.empty else p.default
    return {"order": list(params), "defaults": params}


def get_probes():
    result = {}
    for name in GET_PROBES:
        try:
            result[name] = type(keras.optimizers.get(name)).__name__
        except Exception as e:  # noqa: BLE001 -- record whatever Keras raises
            result[name] = {"error": type(e).__name__}
    return result


def error_cases():
    result = []
    for cls_name, kwargs in ERROR_CASES:
        try:
            getattr(keras.optimizers, cls_name)(**kwargs)
            result.append({"optimizer": cls_name, "kwargs": kwargs, "error": None})
        except Exception as e:  # noqa: BLE001
            result.append({"optimizer": cls_name, "kwargs": kwargs,
                           "error": type(e).__name__, "message": str(e)})
    return result


def schedule_fixtures():
    fixtures = []
    for case in SCHEDULE_CASES:
        identifier = {"class_name": case["class_name"], "config": copy.deepcopy(case["config"])}
        schedule = keras.optimizers.schedules.deserialize(identifier)
        values = [float(keras.ops.convert_to_numpy(schedule(step))) for step in SCHEDULE_STEPS]
        fixtures.append({"id": case["id"], "class_name": case["class_name"],
                         "config": case["config"], "steps": SCHEDULE_STEPS, "values": values,
                         "keras_config": schedule.get_config(),
                         "serialized": keras.optimizers.schedules.serialize(schedule)})
    return fixtures


def dump(name, payload):
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name)
    # One case per line: compact, yet a regenerated fixture diffs case by case.
    lines = []
    for key, value in payload.items():
        if isinstance(value, list):
            items = ",\n  ".join(json.dumps(item) for item in value)
            lines.append(f"{json.dumps(key)}: [\n  {items}\n ]")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value)}")
    with open(path, "w") as f:
        f.write("{\n " + ",\n ".join(lines) + "\n}\n")
    json.loads(open(path).read())  # the hand-rolled layout must still be valid JSON
    print("wrote", os.path.relpath(path, ROOT))


def main():
    rng = np.random.default_rng(SEED)
    cases = OPTIMIZER_CASES + WRAPPER_CASES   # wrappers last: the earlier cases keep their draws
    classes = sorted({case["optimizer"] for case in cases})
    meta = {"keras_version": keras.__version__, "backend": keras.backend.backend(),
            "floatx": keras.config.floatx(), "seed": SEED}
    dump(f"optimizers{SUFFIX}.json", {
        "meta": meta,
        "signatures": {c: signature_of(getattr(keras.optimizers, c)) for c in classes},
        "get_probes": get_probes(),
        "wrapper_get_probes": wrapper_get_probes(),
        "errors": error_cases(),
        "cases": [optimizer_fixture(case, rng) for case in cases],
    })
    dump(f"schedules{SUFFIX}.json", {"meta": meta, "cases": schedule_fixtures()})


if __name__ == "__main__":
    main()
