#!/usr/bin/env python
"""Check compilecli's verdicts against a REAL Keras: compile, fit and evaluate every spec.

Run inside a venv that has the Keras of the target (compilecli and its tests never import this)::

    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/verify_against_keras.py --target keras3 tests/cases samples
    /path/to/tf2-venv/bin/python tools/verify_against_keras.py --target tf2 tests/cases samples

Options: ``--json`` (records instead of the table), ``-v`` (list the warnings Keras emitted),
``--pyyaml`` (give Keras what ``yaml.safe_load`` reads, YAML 1.1 traps included, not compilecli's values),
``--optimizer-via-get`` (build optimizers with ``optimizers.get(dict)`` instead of calling the class:
in tf.keras 2.15 that gives the *legacy* optimizer for a non-empty config, which takes ``lr``/``decay``).

Each spec whose target (a case's ``# target:`` header, else its ``target:``, else keras3) is ``--target``
and that loads without CC1xx errors becomes Input(inputs or [8]) -> Dense(16, relu) -> one
Dense(units, activation, name) head per output, with 16 random samples in each output's ``labels:``
format. The tool calls ``model.compile(**compile)``, fits 2 steps (batch 8), evaluates once, and records
where Keras raised (compile / fit / evaluate / not at all), its warnings and log lines, whether the loss
stayed finite and whether the weights changed. ``{class_name, config}`` dicts become objects first
(see ``materialize``). Without ``model:`` one head is guessed from the loss as ``compilecli smoke``
guesses labels (1 linear unit for regression, 3 softmax units for (sparse) categorical, 1 sigmoid unit
for binary); a per-output (list/dict) loss without ``model:`` is "not comparable".

AGREE means: compilecli reports an error (severity error, code CC2xx and up) <=> Keras raised.
Warnings are not compared, only shown. Exit status 1 if any DISAGREE.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import pathlib
import re
import sys
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "src"))   # tf2 venv: not installed
os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

from compilecli.checker import check_file  # noqa: E402

HEADER = re.compile(r"^#?\s*target:\s*(\S+)")
NOISE = re.compile(r"__array__ implementation doesn't accept a copy keyword|non-integer arguments to randrange"
                   r"|triggered tf.function retracing")   # the libraries or this loop of models, not the spec
SAMPLES, BATCH = 16, 8


# ------------------------------------------------------------------------------------- specs
def spec_files(paths):
    for raw in paths:
        p = pathlib.Path(raw)
        yield from sorted(f for f in (p.rglob("*") if p.is_dir() else [p]) if f.suffix in (".yaml", ".yml", ".json"))


def header_target(path: pathlib.Path):
    """The `# target:` of a case file (JSON: NAME.json.expect), read as tests/test_cases.py reads it."""
    source = path.with_name(path.name + ".expect") if path.suffix == ".json" else path
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines() if source.exists() else []
    for line in lines:
        if source is path and not line.startswith("#"):
            break
        match = HEADER.match(line.strip())
        if match:
            return match.group(1)
    return None


# ------------------------------------------------------------------------------- model + data
def infer_labels(labels, loss_name, activation, units):
    """The label format when the spec does not say, guessed as `compilecli smoke` guesses it."""
    name = str(loss_name or "").lower()
    if labels:
        return labels
    if "sparse" in name:
        return "sparse"
    if "categorical" in name or activation == "softmax":
        return "onehot"
    if "binary" in name or "hinge" in name or activation == "sigmoid":
        return "binary" if units == 1 else "multilabel"
    return "real"


def outputs_of(data):
    """The model's heads as (name, units, activation, labels); None when not comparable."""
    loss, heads = data["compile"].get("loss"), (data.get("model") or {}).get("outputs")
    if heads:
        return [(o.get("name", f"out{i}"), o.get("units", 1), o.get("activation", "linear"),
                 infer_labels(o.get("labels"), _loss_name(loss, o.get("name"), i), o.get("activation"),
                              o.get("units", 1))) for i, o in enumerate(heads)]
    if isinstance(loss, list) or (isinstance(loss, dict) and not is_object(loss)):
        return None
    labels = infer_labels(None, _loss_name(loss, None, 0), "linear", 1)
    if labels in ("sparse", "onehot"):
        return [("out", 3, "softmax", labels)]
    return [("out", 1, "sigmoid" if labels == "binary" else "linear", labels)]


def _loss_name(loss, name, index):
    if isinstance(loss, list):
        loss = loss[index] if index < len(loss) else None
    elif isinstance(loss, dict) and not is_object(loss):
        loss = loss.get(name)
    return loss.get("class_name") if isinstance(loss, dict) else loss


def make_labels(fmt, units, rng):
    ids = rng.integers(0, max(units, 1), SAMPLES)
    if fmt == "sparse":
        return ids
    if fmt == "onehot":
        return np.eye(units, dtype="float32")[ids]
    if fmt in ("binary", "multilabel"):
        return rng.integers(0, 2, (SAMPLES, units if fmt == "multilabel" else 1)).astype("float32")
    return rng.standard_normal((SAMPLES, units)).astype("float32")


def build_model(K, inputs, heads):
    x_in = K.Input(shape=tuple(inputs))
    hidden = K.layers.Dense(16, activation="relu")(x_in)
    outs = [K.layers.Dense(units, activation=act, name=name)(hidden) for name, units, act, _ in heads]
    return K.Model(x_in, outs[0] if len(outs) == 1 else outs)


# ------------------------------------------------------------------------------------- Keras
def import_keras(target):
    if target == "tf2":
        import tensorflow as tf
        return tf.keras
    import keras
    return keras


def is_object(value):
    return isinstance(value, dict) and "class_name" in value


def materialize(K, kwargs, via_get=False):
    """The spec's `{class_name, config}` dicts as Keras objects: compile() cannot take them all as dicts.
    tf.keras maps an optimizer dict as a structure; Keras 3 reads a loss dict as per-output losses, flattens
    dicts in a single output's metrics list, and needs a `module` key to find a nested schedule. Losses and
    metrics go through their get(); an optimizer is built by calling its class with the config, as
    `tf.keras.optimizers.Adam(**config)` does (get(dict) when `via_get`)."""
    kwargs = dict(kwargs)
    for key, get in (("loss", K.losses.get), ("metrics", K.metrics.get), ("weighted_metrics", K.metrics.get)):
        if key in kwargs:
            kwargs[key] = objects(kwargs[key], get)
    opt = kwargs.get("optimizer")
    if is_object(opt):
        config = dict(opt.get("config") or {})
        if is_object(config.get("learning_rate")):
            config["learning_rate"] = K.optimizers.schedules.deserialize(config["learning_rate"])
        kwargs["optimizer"] = (K.optimizers.get({**opt, "config": config}) if via_get
                               else type(K.optimizers.get(opt["class_name"]))(**config))
    return kwargs


def objects(value, get):
    if is_object(value):
        return get(value)
    if isinstance(value, (list, dict)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        done = {k: objects(v, get) for k, v in items}
        return done if isinstance(value, dict) else list(done.values())
    return value


class LogCatcher(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines = []

    def emit(self, record):
        self.lines.append(f"log:{record.name}: {record.getMessage()}")


def first_line(text) -> str:
    lines = [s.strip() for s in str(text).strip().splitlines() if s.strip()]
    if lines[:1] == ["in user code:"]:   # a tf.function traceback: the message is at the end
        lines = lines[-1:]
    return (lines[0] if lines else "")[:160]


def run_keras(K, data, heads, via_get):
    """compile + fit + evaluate: {raised, stage, warnings, finite, changed}."""
    K.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    inputs = (data.get("model") or {}).get("inputs") or [8]
    inputs = [inputs] if isinstance(inputs, int) else inputs
    x = rng.standard_normal((SAMPLES, *inputs)).astype("float32")
    ys = [make_labels(fmt, units, rng) for _, units, _, fmt in heads]
    out = {"raised": None, "stage": None, "warnings": [], "finite": None, "changed": None}
    catcher, loggers = LogCatcher(), [logging.getLogger(n) for n in ("", "absl", "tensorflow", "keras")]
    for lg in loggers:
        lg.addHandler(catcher)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _stages(K, data, heads, inputs, x, ys[0] if len(ys) == 1 else ys, out, via_get)
        finally:
            for lg in loggers:
                lg.removeHandler(catcher)
    found = [f"{w.category.__name__}: {first_line(w.message)}" for w in caught] + catcher.lines
    out["warnings"] = list(dict.fromkeys(first_line(s) for s in found if not NOISE.search(s)))
    K.backend.clear_session()
    return out


def _stages(K, data, heads, inputs, x, y, out, via_get):
    stage = "build"
    try:
        model = build_model(K, inputs, heads)
        stage = "compile"
        model.compile(**materialize(K, data["compile"], via_get))
        before = [w.copy() for w in model.get_weights()]
        stage = "fit"
        history = model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0)
        stage = "evaluate"
        result = model.evaluate(x, y, batch_size=BATCH, verbose=0)
    except Exception as exc:   # noqa: BLE001 - any raise is the outcome we record
        out["raised"], out["stage"] = f"{type(exc).__name__}: {first_line(exc)}", stage
        return
    losses = list(history.history.get("loss", [])) + list(np.ravel(result)[:1])
    out["finite"] = all(math.isfinite(float(v)) for v in losses)
    out["changed"] = any(not np.array_equal(a, b) for a, b in zip(before, model.get_weights()))


# ----------------------------------------------------------------------------- comparison
def verify(path, args, K):
    """One record, or None when the spec is for another target."""
    result = check_file(str(path), args.target)[0]
    data = result.loaded.data if result.loaded else None
    own = header_target(path) or (data.get("target") if isinstance(data, dict) else None) or "keras3"
    if own != args.target:
        return None
    rec = {"file": str(path), "codes": [f"{d.code}:{d.severity[0]}" for d in result.diagnostics],
           "keras": None, "verdict": None, "note": ""}
    if any(d.code.startswith("CC1") and d.severity == "error" for d in result.diagnostics):
        rec["verdict"] = "SKIPPED (CC1xx)"
        return rec
    if args.pyyaml and result.loaded.format == "yaml":
        import yaml
        data = yaml.safe_load(result.loaded.text)
    heads = outputs_of(data)
    if heads is None:
        rec["verdict"], rec["note"] = "NOT COMPARABLE", "no model: not comparable"
        return rec
    if not (data.get("model") or {}).get("outputs"):
        rec["note"] = "no model: guessed {1} {2} {3}".format(*heads[0])
    rec["keras"] = run_keras(K, data, heads, args.optimizer_via_get)
    errors = any(d.severity == "error" and d.code >= "CC2" for d in result.diagnostics)
    raised = rec["keras"]["raised"] is not None
    rec["verdict"] = "AGREE" if errors == raised else (
        "DISAGREE: compilecli error but Keras accepts" if errors
        else "DISAGREE: Keras raises but compilecli has no error")
    return rec


def describe(keras):
    if keras is None:
        return "-"
    if keras["raised"]:
        return f"raised@{keras['stage']}: {keras['raised']}"
    return "ok ({}, {}, {} warning(s))".format("loss finite" if keras["finite"] else "LOSS NOT FINITE",
                                               "weights changed" if keras["changed"] else "WEIGHTS UNCHANGED",
                                               len(keras["warnings"]))


def print_table(records, verbose):
    for r in records:
        note = f"  [{r['note']}]" if r["note"] else ""
        print(f"{r['file']}\n    compilecli: {' '.join(r['codes']) or 'clean'}\n"
              f"    keras:      {describe(r['keras'])}{note}\n    verdict:    {r['verdict']}")
        for w in (r["keras"] or {}).get("warnings", []) if verbose else []:
            print(f"      ! {w}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--target", choices=("keras3", "tf2"), required=True)
    parser.add_argument("--json", action="store_true", help="print JSON records instead of the table")
    parser.add_argument("--pyyaml", action="store_true", help="give Keras yaml.safe_load's values")
    parser.add_argument("--optimizer-via-get", action="store_true",
                        help="build optimizers with get(dict), not by calling the class (tf2: legacy ones)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list Keras's warnings")
    args = parser.parse_args(argv)
    K = import_keras(args.target)
    records = [r for r in (verify(p, args, K) for p in spec_files(args.paths)) if r is not None]
    counts = {}
    for r in records:
        counts[r["verdict"].split(":")[0]] = counts.get(r["verdict"].split(":")[0], 0) + 1
    if args.json:
        print(json.dumps({"target": args.target, "counts": counts, "records": records}, indent=2))
    else:
        print_table(records, args.verbose)
        print(f"\n{args.target}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 1 if counts.get("DISAGREE") else 0


if __name__ == "__main__":
    sys.exit(main())
