#!/usr/bin/env python
"""A persistent Keras worker for the differential oracle: one JSON request per stdin line, one JSON line back.

Runs inside a Keras venv (Keras 3: ``KERAS_BACKEND=jax``; tf.keras 2.15: ``--target tf2``); the runner
(`run.py`) starts at most two of these and talks to them over pipes. A request is
``{"id", "text", "control"}``: the spec's YAML text and, for a spec that mutates a base spec, the base's text
(the control run). The reply is the raw observation of both runs (`observe`); `label.py` turns it into a
verdict. Nothing here needs compilecli.

Each spec becomes Input(8) -> Dense(16, relu) -> one Dense(units, activation, name) head per output, trained
on SAMPLES samples whose labels come from a fixed random linear teacher (so there is something to learn), for
EPOCHS epochs of BATCH (with fit's default progress bar, which
formats every metric: a non-scalar one crashes there), with the spec's ``compile`` arguments; ``{class_name, config}`` dicts are built by the
target's own ``get()``, as docs/spec.md says they stand for.
"""
from __future__ import annotations

import contextlib
import io
import json
import logging
import math
import os
import re
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import yaml  # noqa: E402

SAMPLES, BATCH, EPOCHS, INPUTS = 128, 16, 4, 8
NOISE = re.compile(r"__array__ implementation|randrange|retracing|oneDNN|cuda|TensorRT|XLA|GPU|rebuild TensorFlow"
                   r"|tf.function|jax.*cpu|Skipping variable loading|absl::|CPU instructions|Explicitly requested dtype")


def is_object(value):
    return isinstance(value, dict) and "class_name" in value


def build(K, get, value):
    """Every `{class_name, config}` dict in a loss/metrics structure through the target's get()."""
    if is_object(value):
        return get(value)
    if isinstance(value, list):
        return [build(K, get, v) for v in value]
    if isinstance(value, dict):
        return {k: build(K, get, v) for k, v in value.items()}
    return value


def compile_kwargs(K, compile_args):
    kwargs = dict(compile_args)
    for key in ("loss", "metrics", "weighted_metrics"):
        if key in kwargs:
            get = K.losses.get if key == "loss" else K.metrics.get
            kwargs[key] = build(K, get, kwargs[key])
    if is_object(kwargs.get("optimizer")):
        kwargs["optimizer"] = K.optimizers.get(kwargs["optimizer"])
    return kwargs


def heads_of(data):
    outs = (data.get("model") or {}).get("outputs") or [{"name": "out", "units": 1, "labels": "real"}]
    return [(o.get("name", f"out{i}"), int(o.get("units", 1)), o.get("activation", "linear"), o.get("labels", "real"))
            for i, o in enumerate(outs)]


def make_data(heads):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((SAMPLES, INPUTS)).astype("float32")
    ys = []
    for _, units, _, fmt in heads:
        logits = x @ rng.standard_normal((INPUTS, max(units, 1))).astype("float32")
        if fmt == "sparse":
            ys.append(np.argmax(logits, axis=1).astype("int32") if units > 1 else (logits[:, 0] > 0).astype("int32"))
        elif fmt == "onehot":
            ys.append(np.eye(units, dtype="float32")[np.argmax(logits, axis=1)])
        elif fmt in ("binary", "multilabel"):
            ys.append((logits[:, : (1 if fmt == "binary" else units)] > 0).astype("float32"))
        else:
            ys.append(logits)
    return x, ys


class LogCatcher(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines = []

    def emit(self, record):
        self.lines.append(f"{record.name}: {record.getMessage()}")


def first_line(text):
    lines = [s.strip() for s in str(text).strip().splitlines() if s.strip()]
    if lines[:1] == ["in user code:"]:
        lines = lines[-1:]
    return (lines[0] if lines else "")[:200]


def score(pred, y, activation, fmt):
    """A task score independent of the compile loss: accuracy for labels, R^2 for real targets."""
    if pred is None:
        return None
    pred = np.asarray(pred, dtype="float64")
    if not np.all(np.isfinite(pred)):
        return None
    if fmt in ("sparse", "onehot") and pred.shape[-1] > 1:
        truth = y if fmt == "sparse" else np.argmax(y, axis=-1)
        return float(np.mean(np.argmax(pred, axis=-1) == truth))
    if fmt in ("sparse", "binary", "multilabel"):
        cut = 0.5 if activation in ("sigmoid", "softmax", "hard_sigmoid") else 0.0
        truth = np.reshape(y, (len(y), -1)).astype("float64")
        return float(np.mean((pred[:, : truth.shape[1]] > cut) == (truth > 0.5)))
    y = np.asarray(y, dtype="float64")
    if pred.shape != y.shape:
        return None
    return float(1 - np.sum((pred - y) ** 2) / max(np.sum((y - y.mean(0)) ** 2), 1e-12))


def run_once(K, text):
    data = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)   # a JSON spec as JSON
    heads = heads_of(data)
    K.utils.set_random_seed(0)
    x, ys = make_data(heads)
    out = {"raised": None, "stage": None, "warnings": [], "losses": None, "heads": {}}
    catcher = LogCatcher()
    loggers = [logging.getLogger(n) for n in ("", "absl", "tensorflow", "keras")]
    for lg in loggers:
        lg.addHandler(catcher)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _stages(K, data, heads, x, ys, out)
        finally:
            for lg in loggers:
                lg.removeHandler(catcher)
    found = [f"{w.category.__name__}: {first_line(w.message)}" for w in caught] + [first_line(s) for s in catcher.lines]
    out["warnings"] = list(dict.fromkeys(s for s in found if not NOISE.search(s)))[:8]
    K.backend.clear_session()
    return out


def _stages(K, data, heads, x, ys, out):
    stage = "build"
    try:
        x_in = K.Input(shape=(INPUTS,))
        hidden = K.layers.Dense(16, activation="relu")(x_in)
        layers = [K.layers.Dense(u, activation=a, name=n) for n, u, a, _ in heads]
        model = K.Model(x_in, [layer(hidden) for layer in layers] if len(heads) > 1 else layers[0](hidden))
        stage = "compile"
        model.compile(**compile_kwargs(K, data.get("compile") or {}))
        before = [[w.copy() for w in layer.get_weights()] for layer in layers]
        stage = "fit"
        y = ys if len(ys) > 1 else ys[0]
        with contextlib.redirect_stdout(io.StringIO()):   # fit's default progress bar formats every metric
            history = model.fit(x, y, batch_size=BATCH, epochs=EPOCHS, verbose=1, shuffle=False)
    except Exception as exc:  # noqa: BLE001 - any raise is the observation
        out["raised"], out["stage"] = f"{type(exc).__name__}: {first_line(exc)}", stage
        return
    out["losses"] = [_num(v) for v in history.history.get("loss", [])]
    w1, b1 = model.layers[1].get_weights()
    hidden = np.maximum(x @ w1 + b1, 0)
    for (name, _, act, fmt), layer, old, y in zip(heads, layers, before, ys):
        new = layer.get_weights()
        pred = activate(K, act, hidden @ new[0] + new[1]) if len(new) == 2 else None
        out["heads"][name] = {
            "changed": any(not np.array_equal(a, b) for a, b in zip(old, new)),
            "digest": float(sum(np.sum(np.abs(w.astype("float64"))) for w in new)),
            "score": score(pred, y, act, fmt),
        }


def activate(K, name, logits):
    try:
        to_tensor = K.ops.convert_to_tensor if hasattr(K, "ops") else K.backend.constant
        return np.asarray(K.activations.get(name)(to_tensor(logits.astype("float32"))))
    except Exception:  # noqa: BLE001 - an activation the head took but eager numpy input does not
        return None


def _num(v):
    v = float(v)
    return v if math.isfinite(v) else str(v)


def main():
    target = sys.argv[sys.argv.index("--target") + 1] if "--target" in sys.argv else "keras3"
    if target == "tf2":
        import tensorflow as tf
        K = tf.keras
    else:
        import keras as K
    import importlib.metadata as md
    version = md.version("tensorflow" if target == "tf2" else "keras")
    print(json.dumps({"ready": target, "version": version}), flush=True)
    cache = {}
    for line in sys.stdin:
        req = json.loads(line)
        reply = {"id": req["id"]}
        try:
            reply["run"] = run_once(K, req["text"])
            control = req.get("control")
            if control and reply["run"]["raised"] is None:
                if control not in cache:
                    cache[control] = run_once(K, control)
                reply["control"] = cache[control]
        except Exception as exc:  # noqa: BLE001 - the oracle's own failure, reported, never fatal
            reply["worker_error"] = f"{type(exc).__name__}: {first_line(exc)}"
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
