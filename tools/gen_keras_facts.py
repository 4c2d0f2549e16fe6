#!/usr/bin/env python
"""Ask a real Keras what ``model.compile()`` accepts, and write it down as data.

Run under the venv of the target you want to describe::

    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/gen_keras_facts.py --target keras3
    /path/to/tf2-venv/bin/python tools/gen_keras_facts.py --target tf2

It writes ``src/compilecli/catalogue/data/facts.<target>.json``. Nothing in the
output is typed in by hand: signatures come from ``inspect``, names from calling
the module's real ``get()`` (``deserialize()`` for schedules) with many spellings,
and legacy-argument behaviour from constructing objects and recording what Keras
does ("ok" / "warning: <text>" / "error: <Type: text>"). The only hand-written
inputs are the *questions* below (which spellings and values to try).
"""
from __future__ import annotations

import argparse
import ast
import inspect
import json
import logging
import os
import platform
import random
import re
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, os.pardir, "src", "compilecli", "catalogue", "data")
KINDS = ("optimizer", "loss", "metric", "schedule")
SCHEMA = 1

# ---------------------------------------------------------------- the questions
# Extra spellings probed for every kind (aliases known from any Keras era).
EXTRA_NAMES = [
    "mse", "mae", "mape", "msle", "kld", "bce", "acc", "ce", "crossentropy", "accuracy",
    "cosine", "cosine_proximity", "cosine_similarity", "logcosh", "log_cosh", "huber_loss",
    "kullback_leibler_divergence", "kl_divergence", "auc", "iou", "mean_iou", "mean_io_u",
    "f1", "f1_score", "fbeta_score", "r2", "r2_score", "rmse", "top_k_categorical_accuracy",
    "sparse_top_k_categorical_accuracy", "categorical_accuracy", "binary_accuracy",
    "sparse_categorical_accuracy", "precision", "recall", "hinge", "poisson", "lamb",
    "adamw", "nadam", "sgd", "rmsprop", "RMSProp", "Rmsprop", "adagrad", "adadelta", "adamax",
    "ftrl", "lion", "adafactor", "muon", "loss", "metric", "optimizer", "lossfunctionwrapper",
    "ctc", "dice", "tversky", "circle", "exponential_decay", "cosine_decay",
    "piecewise_constant_decay", "polynomial_decay", "inverse_time_decay",
]
# Values tried for an argument (merged with any required-argument filler).
VALUE_PROBES = {
    "learning_rate": [1, 0.0, -0.1],
    "beta_1": [1.0, -0.1, 0.0], "beta_2": [1.0, 1.5], "epsilon": [0.0, -1e-7],
    "momentum": [-0.1, 1.5], "rho": [-0.1, 1.5], "weight_decay": [-0.1],
    "clipnorm": [0.0, -1.0], "clipvalue": [0.0, -1.0], "global_clipnorm": [0.0, -1.0],
    "ema_momentum": [1.5], "gradient_accumulation_steps": [1],
    "label_smoothing": [-0.1, 1.5], "reduction": ["auto", "mean", "bogus", "sum_over_batch_size"],
    "from_logits": ["yes"], "delta": [-1.0], "gamma": [-1.0], "alpha": [-0.1, 1.5],
    "num_thresholds": [1], "thresholds": [1.5, [1.5], [-0.1]], "top_k": [0], "k": [0],
    "num_classes": [1], "recall": [1.5], "precision": [1.5], "specificity": [1.5],
    "sensitivity": [1.5], "beta": [0.0, -1.0], "threshold": [1.5],
    "decay_steps": [0, -1, 10.5], "decay_rate": [0.0, -0.1], "power": [-1.0],
    "initial_learning_rate": [-0.1], "t_mul": [0.0], "m_mul": [-1.0],
    "warmup_steps": [-1], "alpha_schedule": [],
    "num_regressors": [-1, 0, 1.5], "initial_accumulator_value": [-1.0, 0.0],
    "ema_overwrite_frequency": [0, -1],
}
# Values that Keras checks only when another argument is set: arg -> (other arguments, values).
# Recorded as probes "use_ema=True,ema_overwrite_frequency=0".
COMBO_PROBES = {
    "ema_overwrite_frequency": ({"use_ema": True}, [0, -1, 1, 1.5]),
    "ema_momentum": ({"use_ema": True}, [1.5, -0.1]),
}
# Fillers for required constructor arguments so that objects can be built.
FILL = {
    "num_classes": 3, "thresholds": 0.5, "recall": 0.5, "precision": 0.5,
    "specificity": 0.5, "sensitivity": 0.5, "initial_learning_rate": 0.1,
    "decay_steps": 10, "decay_rate": 0.5, "boundaries": [10], "values": [0.1, 0.01],
    "first_decay_steps": 10, "target_class_ids": [0], "learning_rate": 0.01,
    "inner_optimizer": "__SGD__", "optimizer": "__SGD__", "fn": "__MSE__",
}
# Renamed / removed keyword arguments to probe, per kind: name -> (value, replaced_by).
LEGACY_KWARGS = {
    "optimizer": {"lr": (0.1, "learning_rate"), "decay": (0.1, None)},
    # losses: the legacy reduction values are probed through VALUE_PROBES["reduction"]
}
COMPILE_PROBES = {
    "sample_weight_mode": "temporal",
    "target_tensors": [],
    "distribute": "mirrored",  # any non-None value: tf2 silently pops None
    "experimental_steps_per_execution": 2,
    "pss_evaluation_shards": 0,
    "jit_compile": True,
    "steps_per_execution": 2,
    "auto_scale_loss": True,
    # tf.keras 2.15 pops these two and ignores them (training.py _validate_compile; tf-keras's own
    # distribute/simple_models.py compiles with cloning=False)
    "cloning": False,
    "experimental_run_tf_function": True,
    "zzz_unknown_kwarg": 1,
}
# The removed keywords probed again with None: tf.keras 2.15 pops `target_tensors`/`distribute` and raises only
# on a value that is not None (target_tensors: null trains; oracle tf2-q00234).
COMPILE_NONE_PROBES = ("sample_weight_mode", "target_tensors", "distribute", "experimental_steps_per_execution")
SPECIAL_COMPILE_STRINGS = ["accuracy", "acc", "Accuracy", "ACC", "crossentropy", "ce", "CE"]
UNKNOWN = "zzz_not_an_argument"


# ------------------------------------------------------------------- helpers
def snake(name):
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def camel(name):
    return "".join(p[:1].upper() + p[1:] for p in name.split("_"))


def jsonable(v):
    if v is inspect.Parameter.empty:
        return None
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return {"repr": repr(v)}
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, (list, tuple)) and all(jsonable(x) == x for x in v):
        return list(v)
    return {"repr": repr(v)}


class _Grab(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record.getMessage())


def outcome(fn):
    """Run fn; return "ok" / "warning: <text>" / "error: <Type: text>".

    Warnings are taken from ``warnings`` and from logging (tf.keras logs
    through absl / the "tensorflow" logger).
    """
    grab = _Grab()
    loggers = [logging.getLogger(n) for n in ("", "absl", "tensorflow")]
    saved = [(lg, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(grab)
        lg.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                fn()
            except BaseException as e:  # noqa: BLE001 - we record whatever Keras raises
                return "error: %s: %s" % (type(e).__name__, clean(str(e)))
    finally:
        for lg, prop in saved:
            lg.removeHandler(grab)
            lg.propagate = prop
    msgs = [clean(str(w.message)) for w in caught
            if not issubclass(w.category, (ResourceWarning, ImportWarning))]
    msgs += [clean(m) for m in grab.records]
    msgs = [m for m in msgs if "jax" not in m.lower() and "numpy" not in m.lower()]
    return "warning: " + msgs[0] if msgs else "ok"


def clean(text):
    text = re.sub(r"<[^<>]* at 0x[0-9a-f]+>", "<object>", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:400]


# ------------------------------------------------------------------- adapters
class Keras3:
    name = "keras3"

    def __init__(self):
        import keras
        self.keras = keras
        self.version = keras.__version__
        from keras.src.trainers import compile_utils
        self.cu = compile_utils
        self.modules = {
            "optimizer": keras.optimizers, "loss": keras.losses,
            "metric": keras.metrics, "schedule": keras.optimizers.schedules,
        }
        self.bases = {
            "optimizer": keras.optimizers.Optimizer, "loss": keras.losses.Loss,
            "metric": keras.metrics.Metric,
            "schedule": keras.optimizers.schedules.LearningRateSchedule,
        }
        self.legacy_modules = {}

    def serialize(self, obj):
        return self.keras.saving.serialize_keras_object(obj)

    def get(self, kind, ident):
        if kind == "schedule":
            if isinstance(ident, str):
                ident = {"class_name": ident, "config": {}}
            return self.keras.optimizers.schedules.deserialize(ident)
        return self.modules[kind].get(ident)

    def tiny_model(self):
        k = self.keras
        return k.Sequential([k.Input((3,)), k.layers.Dense(2)])

    def compile_special(self, kind, ident):
        import numpy as np
        out = {}
        shapes = {"binary": ((4, 1), (4, 1)), "sparse": ((4, 1), (4, 3)),
                  "categorical": ((4, 3), (4, 3))}
        for label, (ts, ps) in shapes.items():
            yt, yp = np.zeros(ts, "float32"), np.zeros(ps, "float32")
            try:
                if kind == "metric":
                    obj = unwrap(self.cu.get_metric(ident, yt, yp))
                else:
                    obj = unwrap(self.cu.get_loss(ident, yt, yp))
                out[label] = obj_name(obj)
            except Exception as e:  # noqa: BLE001
                out[label] = "error: %s: %s" % (type(e).__name__, clean(str(e)))
        return out


class TF2(Keras3):
    name = "tf2"

    def __init__(self):
        import tensorflow as tf
        k = tf.keras
        self.keras = k
        import keras as kpkg
        self.version = kpkg.__version__
        from keras.src.engine import compile_utils
        self.cu = compile_utils
        self.modules = {
            "optimizer": k.optimizers, "loss": k.losses,
            "metric": k.metrics, "schedule": k.optimizers.schedules,
        }
        self.bases = {
            "optimizer": (k.optimizers.Optimizer, k.optimizers.legacy.Optimizer),
            "loss": k.losses.Loss, "metric": k.metrics.Metric,
            "schedule": k.optimizers.schedules.LearningRateSchedule,
        }
        self.legacy_modules = {"optimizer": ("legacy.", k.optimizers.legacy)}

    def serialize(self, obj):
        return self.keras.utils.serialize_keras_object(obj)

    def compile_special(self, kind, ident):
        import tensorflow as tf
        out = {}
        shapes = {"binary": ((4, 1), (4, 1)), "sparse": ((4, 1), (4, 3)),
                  "categorical": ((4, 3), (4, 3))}
        for label, (ts, ps) in shapes.items():
            yt, yp = tf.zeros(ts), tf.zeros(ps)
            try:
                if kind == "metric":
                    c = self.cu.MetricsContainer(None)
                    obj = unwrap(c._get_metric_object(ident, yt, yp))
                else:
                    c = self.cu.LossesContainer(None)
                    obj = unwrap(c._get_loss_object(ident))
                out[label] = obj_name(obj)
            except Exception as e:  # noqa: BLE001
                out[label] = "error: %s: %s" % (type(e).__name__, clean(str(e)))
        return out


CANON = {}  # id(object) -> canonical name, filled while enumerating


def unwrap(obj):
    """A generic wrapper around a function stands for that function."""
    if type(obj).__name__ in ("MeanMetricWrapper", "LossFunctionWrapper"):
        return getattr(obj, "_fn", None) or getattr(obj, "fn", None) or obj
    return obj


def obj_name(obj):
    target = obj if (inspect.isclass(obj) or inspect.isfunction(obj)) else type(obj)
    return CANON.get(id(target), getattr(target, "__name__", repr(target)))


# ------------------------------------------------------------------- probing
def enumerate_objects(ad, kind):
    """Public classes and functions of the module (plus legacy submodule)."""
    found = {}
    base = ad.bases[kind]
    mods = [("", ad.modules[kind])]
    if kind in ad.legacy_modules:
        mods.append(ad.legacy_modules[kind])
    for prefix, mod in mods:
        for attr in sorted(dir(mod)):
            if attr.startswith("_") or attr in ("get", "serialize", "deserialize"):
                continue
            obj = getattr(mod, attr)
            if inspect.isclass(obj) and issubclass(obj, base):
                pass
            elif inspect.isfunction(obj) and kind in ("loss", "metric"):
                pass
            else:
                continue
            if id(obj) in CANON and not prefix:
                continue  # alias export (e.g. tf2 losses.mse) - recorded as a name
            own = obj.__name__
            canon = prefix + (own if getattr(mod, own, None) is obj else attr)
            CANON.setdefault(id(obj), canon)
            found.setdefault(CANON[id(obj)], obj)
    return found


def resolved_object(ad, kind, name, objects):
    """Ask the real get() what ``name`` means.

    Returns (object or None, string-form outcome, form) where form is "string"
    (``get(name)`` works), "config" (only ``{"class_name": name, "config": {...}}``
    with the class's required arguments works) or None (rejected).
    """
    res = "ok"
    if kind != "schedule":
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                obj = ad.get(kind, name)
        except Exception as e:  # noqa: BLE001
            res = "error: %s: %s" % (type(e).__name__, clean(str(e)))
        else:
            if inspect.isfunction(obj) and kind in ("loss", "metric"):
                return obj, "ok", "string"
            if isinstance(obj, ad.bases[kind]):
                return type(obj), "ok", "string"
            # e.g. tf.keras metrics.get("zzz") returns the string itself
            res = "error: get() returned %s, not a %s" % (type(obj).__name__, kind)
    # The name may still resolve, to a class that needs constructor arguments.
    tries = [({}, None)] + [
        (filler(ad, constructor_args(ad, c)[0], serialized), c) for serialized in (False, True)
        for c in objects.values() if inspect.isclass(c) and filler(ad, constructor_args(ad, c)[0])]
    for cfg, cls in tries:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                obj = ad.get(kind, {"class_name": name, "config": cfg})
        except Exception:  # noqa: BLE001
            continue
        if cls is not None and type(obj) is not cls:
            continue
        if inspect.isfunction(obj) and kind in ("loss", "metric"):
            return obj, res, "config"
        if isinstance(obj, ad.bases[kind]):
            return type(obj), res, "config"
    return None, res, None


def signature_args(obj):
    """Constructor (or function) arguments, following **kwargs up the MRO."""
    args, kwargs = {}, False
    chain = obj.__mro__ if inspect.isclass(obj) else (obj,)
    for klass in chain:
        fn = klass.__init__ if inspect.isclass(obj) else klass
        if inspect.isclass(obj) and "__init__" not in vars(klass):
            continue
        try:
            sig = inspect.signature(fn)
        except (TypeError, ValueError):
            break
        kw_here = False
        for p in sig.parameters.values():
            if p.name in ("self", "args") or p.kind == p.VAR_POSITIONAL:
                continue
            if p.kind == p.VAR_KEYWORD:
                kw_here = True
                continue
            if not inspect.isclass(obj) and p.name in ("y_true", "y_pred"):
                continue
            if p.name not in args:
                args[p.name] = {"default": jsonable(p.default),
                                "required": p.default is inspect.Parameter.empty}
        kwargs = kw_here
        if not kw_here or klass is object:
            break
    return args, kwargs


_CONSTRUCTOR = {}   # id(class) -> (args, kwargs, rejected): probed once per class


def constructor_args(ad, obj):
    """signature_args, with each argument inherited through **kwargs checked by constructing the class: a class
    may take **kwargs only to refuse them (Keras 3's LossScaleOptimizer passes learning_rate=0.0 to its base
    itself and raises 'does not support arguments: `learning_rate`'). An inherited argument the class refuses
    at its default (or, if required, at a filler value, when the class builds without it) is dropped; one it
    builds without is not required. Returns (args, kwargs, rejected: name -> Keras's message)."""
    key = id(obj)
    if key not in _CONSTRUCTOR:
        args, kw = signature_args(obj)
        rejected = {}
        own = own_params(obj) if inspect.isclass(obj) else None
        if kw and own is not None:
            base_cfg = filler(ad, {n: a for n, a in args.items() if n in own})
            for name in [n for n in args if n not in own]:
                if args[name]["required"] and outcome(lambda: obj(**base_cfg)).startswith("error"):
                    continue   # the class needs it after all
                value = FILL.get(name, 1) if args[name]["required"] else args[name]["default"]
                res = outcome(lambda: obj(**dict(base_cfg, **{name: value})))
                if res.startswith("error"):
                    rejected[name] = res
                    del args[name]
                else:
                    args[name]["required"] = False
        _CONSTRUCTOR[key] = (args, kw, rejected)
    args, kw, rejected = _CONSTRUCTOR[key]
    return {n: dict(a) for n, a in args.items()}, kw, dict(rejected)


def own_params(obj):
    """The parameter names of the nearest __init__ in the MRO (None when it has no signature)."""
    for klass in obj.__mro__:
        if "__init__" in vars(klass):
            try:
                return set(inspect.signature(klass.__init__).parameters)
            except (TypeError, ValueError):
                return None
    return None


# Arguments some Keras versions take only through **kwargs (tf.keras legacy optimizers).
KWARGS_ONLY = {"optimizer": {"clipnorm": 1.0, "clipvalue": 1.0, "global_clipnorm": 1.0,
                             "lr": 0.1, "decay": 0.1}}


def kwargs_only_args(ad, kind, obj, args, kw):
    """Arguments accepted through **kwargs, found by constructing the object."""
    extra = {}
    if not (inspect.isclass(obj) and kw):
        return extra
    base_cfg = filler(ad, args)
    for name, value in KWARGS_ONLY.get(kind, {}).items():
        if name in args:
            continue
        if not outcome(lambda: obj(**dict(base_cfg, **{name: value}))).startswith("error"):
            extra[name] = {"default": None, "required": False, "via_kwargs": True}
    return extra


def filler(ad, args, serialized=False):
    """Values for the required arguments. ``serialized``: a nested optimizer as get() reads it in a config
    (``{"module": "keras.optimizers", "class_name": "SGD", ...}``: Keras 3's LossScaleOptimizer.from_config
    deserializes it and cannot take an object), else as the constructor takes it (an SGD() object)."""
    cfg = {}
    for name, a in args.items():
        if a["required"]:
            v = FILL.get(name, 1)
            if v == "__SGD__":
                v = ad.modules["optimizer"].SGD()
                if serialized:
                    v = ad.serialize(v)
            elif v == "__MSE__":
                v = ad.modules["loss"].mean_squared_error
            cfg[name] = v
    return cfg


def legacy_value_applied(opt, name, value):
    """True when the object really uses a legacy kwarg (tf2 legacy optimizers honour lr
    and decay; tf2's new optimizers drop lr after a warning; Keras 3 drops decay)."""
    candidates = {"lr": ("learning_rate", "lr"), "decay": ("decay", "_initial_decay")}.get(name, (name,))
    for attr in candidates:
        try:
            found = float(getattr(opt, attr))
        except Exception:  # noqa: BLE001 - missing attribute, schedule, or not a number
            continue
        if abs(found - value) <= 1e-6 * abs(value):
            return True
    return False


def probe_object(ad, kind, canon, obj, args):
    rec = {"probes": {}}
    if not inspect.isclass(obj):
        return rec
    base_cfg = filler(ad, args)
    rec["construct_default"] = outcome(lambda: obj(**base_cfg))
    rec["probes"][UNKNOWN + "=1"] = outcome(lambda: obj(**dict(base_cfg, **{UNKNOWN: 1})))
    legacy = {}
    for lname, (value, replaced_by) in LEGACY_KWARGS.get(kind, {}).items():
        if lname in args and not args[lname].get("via_kwargs"):
            continue  # a real, current argument here
        built = []
        res = outcome(lambda: built.append(obj(**dict(base_cfg, **{lname: value}))))
        rec["probes"]["%s=%r" % (lname, value)] = res
        legacy[lname] = {"probe": "%s=%r" % (lname, value), "result": res,
                         "replaced_by": replaced_by}
        if built:   # accepted: did the value take effect, or was it dropped after a warning?
            legacy[lname]["applied"] = legacy_value_applied(built[0], lname, value)
    if legacy:
        rec["legacy_args"] = legacy
    for aname in args:
        for v in VALUE_PROBES.get(aname, []):
            rec["probes"]["%s=%r" % (aname, v)] = outcome(
                lambda: obj(**dict(base_cfg, **{aname: v})))
        others, values = COMBO_PROBES.get(aname, ({}, []))
        if not all(o in args for o in others):
            continue
        for v in values:
            cfg = dict(base_cfg, **others)
            cfg[aname] = v
            key = ",".join("%s=%r" % (k, x) for k, x in list(others.items()) + [(aname, v)])
            rec["probes"][key] = outcome(lambda: obj(**cfg))
    if kind == "optimizer":
        clips = [c for c in ("clipnorm", "clipvalue", "global_clipnorm") if c in args]
        groups = []
        for i, a in enumerate(clips):
            for b in clips[i + 1:]:
                res = outcome(lambda: obj(**dict(base_cfg, **{a: 1.0, b: 1.0})))
                rec["probes"]["%s=1.0,%s=1.0" % (a, b)] = res
                if res.startswith("error"):
                    groups.append([a, b])
        rec["conflicts"] = merge_groups(groups)
    return rec


def merge_groups(pairs):
    groups = []
    for a, b in pairs:
        for g in groups:
            if a in g or b in g:
                g.update((a, b))
                break
        else:
            groups.append({a, b})
    return [sorted(g) for g in groups]


def class_equivalents(ad, kind, objects):
    """function -> class whose instances wrap exactly that function."""
    eq = {}
    for canon, obj in objects.items():
        if not inspect.isclass(obj):
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                inst = obj(**filler(ad, constructor_args(ad, obj)[0]))
        except Exception:  # noqa: BLE001
            continue
        fn = getattr(inst, "fn", None) or getattr(inst, "_fn", None)
        if fn is not None and id(fn) in CANON:
            eq.setdefault(CANON[id(fn)], canon)
    return eq


def candidate_names(objects):
    names = set()
    for n in EXTRA_NAMES:
        names.update((n, n.upper(), n.capitalize()))
    for canon in objects:
        base = canon.split(".")[-1]
        if "." in canon:
            names.add(canon)
        for n in (base, base.lower(), base.upper(), snake(base), snake(base).upper(),
                  camel(base), base.capitalize()):
            names.add(n)
    return sorted(names)


def mixed_case(name, taken):
    """A spelling of ``name`` in a letter case that was not probed already (deterministic)."""
    rnd = random.Random(name)
    for _ in range(64):
        s = "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in name)
        if s != name and s not in taken:
            return s
    return None


def case_facts(ad, kind, names, objects, taken):
    """Does get() fold the letter case of a name? For every name that resolves (one per
    lower-case spelling) ask get() for a random-case spelling nobody wrote down.

    Returns (case_insensitive, probes): True when every such spelling resolved to the same
    object, False when none did, else the sorted lower-case spellings that folded.
    """
    probes, folded, kept, seen = {}, set(), set(), set()
    for n in sorted(names):
        lo = n.lower()
        if lo in seen:
            continue
        seen.add(lo)
        m = mixed_case(n, taken)
        if m is None:
            continue
        obj, res, _form = resolved_object(ad, kind, m, objects)
        got = CANON.get(id(obj)) if obj is not None else None
        probes[m] = got if got is not None else (
            res[:120] if res.startswith("error") else "error: does not resolve")
        (folded if got == names[n] else kept).add(lo)
    if folded and not kept:
        return True, probes
    return (sorted(folded) if folded else False), probes


def build_kind(ad, kind):
    objects = enumerate_objects(ad, kind)
    names, rejected, config_only = {}, {}, {}
    for n in candidate_names(objects):
        obj, res, form = resolved_object(ad, kind, n, objects)
        if obj is None:
            rejected[n] = res[:120]
            continue
        if id(obj) not in CANON:  # resolves to a non-public object (e.g. a wrapper)
            CANON[id(obj)] = obj.__name__
        # may live in another module (tf.keras metrics.get("binary_crossentropy") -> losses)
        objects.setdefault(CANON[id(obj)], obj)
        names[n] = CANON[id(obj)]
        if form != "string":
            config_only[n] = res
    case_insensitive, case_probes = case_facts(ad, kind, names, objects,
                                               set(candidate_names(objects)) | set(names))
    eq = class_equivalents(ad, kind, objects)
    out = {}
    for canon, obj in sorted(objects.items()):
        args, kw, refused = constructor_args(ad, obj)
        args.update(kwargs_only_args(ad, kind, obj, args, kw))
        rec = {
            "is_class": inspect.isclass(obj),
            "module": getattr(obj, "__module__", None),
            "names": sorted(n for n, c in names.items() if c == canon),
            "args": args,
            "signature_kwargs": kw,
        }
        if refused:   # inherited through **kwargs, but the class raises on them
            rec["kwargs_refused"] = refused
        rec.update(probe_object(ad, kind, canon, obj, args))
        unk = rec["probes"].get(UNKNOWN + "=1")
        rec["accepts_kwargs"] = bool(kw) and (unk is None or not unk.startswith("error"))
        if canon in eq:
            rec["class_equivalent"] = eq[canon]
        out[canon] = rec
    return {
        "resolver": ("keras.optimizers.schedules.deserialize({'class_name': name})"
                     if kind == "schedule" else "keras.%ss.get(name)" % kind),
        "objects": out,
        "names": dict(sorted(names.items())),
        # names that resolve, but get(name) alone fails (the class needs arguments,
        # or - schedules - there is no get() and only deserialize() takes a name)
        "names_config_only": config_only,
        # get() lower-cases a name before looking it up (true), never (false), or only
        # for these lower-case spellings (a list); case_probes is the evidence
        "case_insensitive": case_insensitive,
        "case_probes": case_probes,
        "rejected": rejected,
    }


def compile_facts(ad):
    sig = inspect.signature(ad.keras.Model.compile)
    params, kw = {}, False
    for p in sig.parameters.values():
        if p.name == "self":
            continue
        if p.kind == p.VAR_KEYWORD:
            kw = True
            continue
        params[p.name] = {"default": jsonable(p.default)}
    probes = {}
    for name, value in [*COMPILE_PROBES.items(), *((n, None) for n in COMPILE_NONE_PROBES)]:
        def run(name=name, value=value):
            m = ad.tiny_model()
            m.compile(optimizer="sgd", loss="mse", **{name: value})
        probes["%s=%r" % (name, value)] = outcome(run)
    special = {"metric": {}, "loss": {}}
    for kind in special:
        for s in SPECIAL_COMPILE_STRINGS:
            special[kind][s] = ad.compile_special(kind, s)
    return {"params": params, "accepts_kwargs": kw, "probes": probes,
            "string_resolution": special}


# ------------------------------------------------ keras2: static source reading
# There is no runnable standalone Keras 2.x here; we read its source with ``ast``
# (git show 2.3.1:keras/<file>.py > DIR/<file>.py) and record, for every fact,
# the file and line it comes from. What cannot be read off the code (behaviour
# at fit time) is in KERAS2_NOTES, marked "curated".
KERAS2_NOTES = {
    "compile.accepts_kwargs": "extra **kwargs are stored and passed to K.function when the "
        "train function is built (lazily, at fit time); Theano/CNTK session arguments only",
    "loss.class_names": "losses.get('MeanSquaredError') returns the CLASS (globals() lookup, "
        "no instantiation); compile then wraps it as a loss *function*, which breaks at fit time",
    "metric.dict_get": "metrics.get(dict) builds {'class_name': str(identifier)} - a bug: "
        "dict configs do not resolve in 2.3.1",
    "metric.accuracy": "compile resolves exactly 'accuracy'/'acc'/'crossentropy'/'ce' "
        "(case-sensitive) from output_shape[-1] and the loss function",
}


def _lit(node):
    try:
        return jsonable(ast.literal_eval(node))
    except Exception:  # noqa: BLE001
        text = ast.unparse(node)
        if text.startswith("losses_utils.Reduction."):  # 2.3.1: string constants
            return text.rsplit(".", 1)[1].lower()
        return {"repr": text}


def _init_args(fn_node, fname):
    args = {}
    a = fn_node.args
    pos = a.args[1:] if a.args and a.args[0].arg == "self" else a.args
    defaults = [None] * (len(pos) - len(a.defaults)) + list(a.defaults)
    for arg, d in zip(pos, defaults):
        if arg.arg in ("y_true", "y_pred"):
            continue
        args[arg.arg] = {"default": None if d is None else _lit(d), "required": d is None,
                         "source": "%s:%d" % (fname, arg.lineno)}
    for arg, d in zip(a.kwonlyargs, a.kw_defaults):
        args[arg.arg] = {"default": None if d is None else _lit(d), "required": d is None,
                         "source": "%s:%d" % (fname, arg.lineno)}
    # kwargs.pop('name', default) inside the body: arguments taken through **kwargs
    for node in ast.walk(fn_node):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "pop" and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "kwargs" and node.args
                and isinstance(node.args[0], ast.Constant)):
            name = node.args[0].value
            d = _lit(node.args[1]) if len(node.args) > 1 else None
            if isinstance(d, dict) and "K.epsilon" in d.get("repr", ""):
                d = 1e-07  # keras.backend.epsilon() default
            args.setdefault(name, {"default": d, "required": False, "via_kwargs": True,
                                   "source": "%s:%d" % (fname, node.lineno)})
    return args, a.kwarg is not None


def keras2_facts(src):
    mods = {}
    for f in ("optimizers", "losses", "metrics", "training"):
        path = os.path.join(src, f + ".py")
        with open(path, encoding="utf-8") as fh:
            mods[f] = ast.parse(fh.read())
    fname = {k: "keras/%s.py@2.3.1" % ("engine/training" if k == "training" else k)
             for k in mods}

    def classes(tree):
        return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}

    def init_of(cls_map, name):
        node = cls_map.get(name)
        while node is not None:
            for b in node.body:
                if isinstance(b, ast.FunctionDef) and b.name == "__init__":
                    return b, node.name
            base = node.bases[0].id if node.bases and isinstance(node.bases[0], ast.Name) else None
            node = cls_map.get(base)
        return None, None

    def bases_of(cls_map, name):
        out, node = [], cls_map.get(name)
        while node is not None and node.bases and isinstance(node.bases[0], ast.Name):
            out.append(node.bases[0].id)
            node = cls_map.get(node.bases[0].id)
        return out

    kinds = {}
    # optimizers ---------------------------------------------------------------
    t = mods["optimizers"]
    cmap = classes(t)
    all_classes = {}
    for node in ast.walk(t):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "all_classes":
            for k, v in zip(node.value.keys, node.value.values):
                all_classes[k.value] = (v.id, node.lineno)
    objs = {}
    for cname in sorted(cmap):
        if "Optimizer" not in [cname] + bases_of(cmap, cname):
            continue
        init, owner = init_of(cmap, cname)
        args, kw = _init_args(init, fname["optimizers"])
        if kw and cname != "Optimizer":
            args.setdefault("clipnorm", {"default": None, "required": False, "via_kwargs": True,
                                         "source": fname["optimizers"] + ": Optimizer allowed_kwargs"})
            args.setdefault("clipvalue", {"default": None, "required": False, "via_kwargs": True,
                                          "source": fname["optimizers"] + ": Optimizer allowed_kwargs"})
        legacy = {}
        if "lr" in args:
            legacy["lr"] = {"probe": "lr=0.1", "result": "ok", "replaced_by": None,
                            "source": args.pop("lr")["source"],
                            "note": "the 2.2.x name of learning_rate (2.2.x has no "
                            "learning_rate); 2.3 pops it from **kwargs and still accepts it"}
        names = sorted(n for n in candidate_names({cname: None})
                       if n.lower() in all_classes and all_classes[n.lower()][0] == cname)
        objs[cname] = {"is_class": True, "module": "keras.optimizers", "names": names,
                       "args": args, "signature_kwargs": kw, "accepts_kwargs": False,
                       "probes": {}, "conflicts": [], "legacy_args": legacy,
                       "source": "%s:%d" % (fname["optimizers"], cmap[cname].lineno)}
    kinds["optimizer"] = {
        "resolver": "keras.optimizers.get(name): class_name.lower() in all_classes",
        "objects": objs,
        "names": {n: c for c, o in objs.items() for n in o["names"]},
        "names_config_only": {}, "rejected": {},
        # deserialize(): `if config['class_name'].lower() in all_classes:` lower-case it
        "case_insensitive": True,
        "source": "%s:%d (all_classes; case-insensitive)" % (
            fname["optimizers"], min(v[1] for v in all_classes.values())),
    }
    # losses / metrics: module globals() lookup, case-sensitive -------------------
    for kind, mod in (("loss", "losses"), ("metric", "metrics")):
        t = mods[mod]
        cmap = classes(t)
        base = "Loss" if kind == "loss" else "Metric"
        objs, names = {}, {}
        funcs = {n.name: n for n in t.body if isinstance(n, ast.FunctionDef)}
        skip = {"serialize", "deserialize", "get", "is_categorical_crossentropy",
                "clone_metric", "clone_metrics"}
        for cname, node in sorted(cmap.items()):
            if cname.startswith("_") or base not in [cname] + bases_of(cmap, cname):
                continue
            init, owner = init_of(cmap, cname)
            args, kw = _init_args(init, fname[mod]) if init else ({}, False)
            objs[cname] = {"is_class": True, "module": "keras." + mod, "names": [],
                           "args": args, "signature_kwargs": kw, "accepts_kwargs": kw,
                           "probes": {}, "source": "%s:%d" % (fname[mod], node.lineno)}
            names[cname] = cname
            # the class wraps a function: super().__init__(fn, ...)
            for sub in ast.walk(node):
                if (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)
                        and sub.func.attr == "__init__" and sub.args
                        and isinstance(sub.args[0], ast.Name)):
                    objs[cname]["wraps"] = sub.args[0].id
        for fname_, node in sorted(funcs.items()):
            if fname_.startswith("_") or fname_ in skip:
                continue
            args, kw = _init_args(node, fname[mod])
            objs[fname_] = {"is_class": False, "module": "keras." + mod, "names": [],
                            "args": args, "signature_kwargs": kw, "accepts_kwargs": kw,
                            "probes": {}, "source": "%s:%d" % (fname[mod], node.lineno)}
            names[fname_] = fname_
        # imports (metrics re-export loss functions) and aliases  a = A = fn
        for node in t.body:
            if isinstance(node, ast.ImportFrom) and node.module == "losses":
                for al in node.names:
                    lo = kinds["loss"]["objects"].get(al.name)
                    if lo is not None:
                        objs[al.name] = dict(lo, names=[], source="%s:%d (imported from losses)"
                                             % (fname[mod], node.lineno))
                        names[al.name] = al.name
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
                if node.value.id in names:
                    for tg in node.targets:
                        if isinstance(tg, ast.Name):
                            names[tg.id] = names[node.value.id]
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Assign):
                pass
        # chained aliases: ``cosine = cosine_similarity = cosine_proximity``
        for node in t.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
                for tg in node.targets:
                    if isinstance(tg, ast.Name) and node.value.id in names:
                        names[tg.id] = names[node.value.id]
        for cname, o in objs.items():
            o["names"] = sorted(n for n, c in names.items() if c == cname)
            w = o.pop("wraps", None)
            if w in objs:
                objs[w]["class_equivalent"] = cname if kind == "loss" or w not in (
                    "mean_squared_error",) else objs[w].get("class_equivalent", cname)
        kinds[kind] = {
            "resolver": "keras.%s.get(name): module globals() lookup, exact case" % mod,
            "objects": objs, "names": dict(sorted(names.items())),
            "names_config_only": {}, "rejected": {}, "case_insensitive": False,
            "source": "%s (deserialize: module_objects=globals())" % fname[mod],
        }
    kinds["schedule"] = {"resolver": None, "objects": {}, "names": {}, "names_config_only": {},
                         "rejected": {}, "case_insensitive": False, "source": "no keras.optimizers.schedules before tf.keras"}
    # compile ---------------------------------------------------------------------
    t = mods["training"]
    comp = None
    for node in ast.walk(t):
        if isinstance(node, ast.FunctionDef) and node.name == "compile":
            comp = node
            break
    cargs, ckw = _init_args(comp, fname["training"])
    params = {k: {"default": v["default"], "required": v["required"], "source": v["source"]}
              for k, v in cargs.items()}
    return {
        "compile": {
            "params": params, "accepts_kwargs": ckw,
            "accepts_kwargs_note": KERAS2_NOTES["compile.accepts_kwargs"],
            "probes": {},
            "string_resolution": {
                "metric": {s: ({"binary": "binary_accuracy",
                                "sparse": "sparse_categorical_accuracy",
                                "categorical": "categorical_accuracy"}
                               if s in ("accuracy", "acc") else
                               {"binary": "binary_crossentropy",
                                "sparse": "sparse_categorical_crossentropy",
                                "categorical": "categorical_crossentropy"})
                           for s in ("accuracy", "acc", "crossentropy", "ce")},
                "loss": {},
                "source": "keras/engine/training_utils.py@2.3.1:985 (curated reading)",
            },
        },
        "kinds": kinds,
        "notes": KERAS2_NOTES,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", choices=("keras3", "tf2", "keras2"), required=True)
    ap.add_argument("--source", help="keras2: directory with Keras 2.3.1's optimizers.py, "
                    "losses.py, metrics.py, training.py (from `git show 2.3.1:keras/...`)")
    ap.add_argument("--out", default=None)
    ap.add_argument("--only", choices=("compile",), help="regenerate this section alone, keeping the rest of "
                    "the committed facts file (a new compile probe without re-probing every object)")
    a = ap.parse_args()
    if a.target == "keras2":
        facts = {"schema": SCHEMA, "target": "keras2", "version": "2.3.1",
                 "provenance": "curated",
                 "generated_by": "tools/gen_keras_facts.py --target keras2 --source <2.3.1 "
                 "checkout>: static reading (ast) of the Keras 2.3.1 source; every fact "
                 "carries a 'source' file:line; behaviour notes are curated"}
        facts.update(keras2_facts(a.source))
        write(facts, a.out or os.path.join(OUT_DIR, "facts.keras2.json"))
        return
    ad = Keras3() if a.target == "keras3" else TF2()
    if a.only:
        path = a.out or os.path.join(OUT_DIR, "facts.%s.json" % a.target)
        with open(path, encoding="utf-8") as handle:
            facts = json.load(handle)
        facts[a.only] = compile_facts(ad)
        write(facts, path)
        return
    kinds = {k: build_kind(ad, k) for k in KINDS}
    facts = {
        "schema": SCHEMA,
        "target": ad.name,
        "version": ad.version,
        "provenance": "generated",
        "generated_by": "tools/gen_keras_facts.py --target %s (python %s, backend %s)" % (
            a.target, platform.python_version(), os.environ.get("KERAS_BACKEND")),
        "compile": compile_facts(ad),
        "kinds": kinds,
    }
    write(facts, a.out or os.path.join(OUT_DIR, "facts.%s.json" % a.target))


def write(facts, path):
    """Compact JSON (it is parsed on every ``compilecli check``), one object per line."""
    def dump(v):
        return json.dumps(v, separators=(",", ":"), ensure_ascii=False)

    lines = ["{"]
    top = [k for k in facts if k != "kinds"]
    for k in top:
        lines.append("%s:%s," % (dump(k), dump(facts[k])))
    lines.append('"kinds":{')
    kinds = list(facts["kinds"].items())
    for i, (kind, kd) in enumerate(kinds):
        lines.append("%s:{" % dump(kind))
        rest = [(k, v) for k, v in kd.items() if k != "objects"]
        for k, v in rest:
            lines.append("%s:%s," % (dump(k), dump(v)))
        lines.append('"objects":{')
        objs = list(kd["objects"].items())
        for j, (canon, o) in enumerate(objs):
            lines.append("%s:%s%s" % (dump(canon), dump(o), "," if j < len(objs) - 1 else ""))
        lines.append("}}" + ("," if i < len(kinds) - 1 else ""))
    lines.append("}}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # never write a file we cannot read back
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    counts = {k: (len(v["objects"]), len(v["names"])) for k, v in facts["kinds"].items()}
    print("wrote %s: %s" % (os.path.relpath(path), counts), file=sys.stderr)


if __name__ == "__main__":
    main()
