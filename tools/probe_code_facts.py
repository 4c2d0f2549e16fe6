#!/usr/bin/env python
"""Ask a real Keras what working *code* does that spec files cannot show, and write it down.

Run under the venv of each target (the results of both runs are merged into one file)::

    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/probe_code_facts.py --target keras3
    /path/to/tf2-venv/bin/python tools/probe_code_facts.py --target tf2

It writes ``src/compilecli/catalogue/data/code_facts.json`` with, per target:

* ``namespaces``: for the optimizer namespaces code names classes through
  (``optimizers.experimental.AdamW``, ``optimizers.legacy.Adam``), which catalogue object each
  class *is* (by identity with the classes gen_keras_facts.py enumerated), or that the namespace
  does not exist, or that constructing the class raises;
* ``aliases``: whether ``tf.optimizers`` / ``tf.losses`` / ``tf.metrics`` are tf.keras's modules;
* ``compile``: compile(...) + fit(1 step) on a 3 -> 2 model with values a spec cannot spell the
  way code does (a bare string ``metrics="accuracy"``, a list of optimizers): "ok" / "error: ...".

Nothing here is typed in by hand except the questions.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gen_keras_facts import clean, outcome  # noqa: E402  (same recording of outcomes)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "src", "compilecli", "catalogue",
                   "data", "code_facts.json")
NAMESPACES = ("optimizers", "optimizers.experimental", "optimizers.legacy")
# compile keyword -> (description, value builder taking the keras module)
COMPILE_QUESTIONS = {
    "metrics='accuracy'": lambda k: {"metrics": "accuracy"},
    "metrics='mae'": lambda k: {"metrics": "mae"},
    "weighted_metrics='accuracy'": lambda k: {"weighted_metrics": "accuracy"},
    "metrics=('accuracy',)": lambda k: {"metrics": ("accuracy",)},
    "loss=('mse',)": lambda k: {"loss": ("mse",)},
    "optimizer=[Adam(), SGD()]": lambda k: {"optimizer": [k.optimizers.Adam(), k.optimizers.SGD()]},
    "optimizer=('adam',)": lambda k: {"optimizer": ("adam",)},
}


def keras_module(target):
    if target == "tf2":
        import tensorflow as tf
        return tf.keras
    import keras
    return keras


def attr_path(root, dotted):
    node = root
    for part in dotted.split("."):
        node = getattr(node, part)
    return node


def catalogue_keys(k, target):
    """id(class) -> the object keys gen_keras_facts.py uses ("Adam", "legacy.Adam") for that class."""
    keys = {}
    for prefix, dotted in (("", "optimizers"), ("legacy.", "optimizers.legacy")):
        try:
            module = attr_path(k, dotted)
        except AttributeError:
            continue
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type):
                keys.setdefault(id(obj), []).append(prefix + name)
    return keys


def namespaces(k, target):
    out = {}
    keys = catalogue_keys(k, target)
    for dotted in NAMESPACES:
        try:
            module = attr_path(k, dotted)
        except AttributeError as exc:
            out[dotted] = {"exists": False, "error": "AttributeError: " + clean(str(exc))}
            continue
        classes = {}
        for name in sorted(dir(module)):
            obj = getattr(module, name)
            if not isinstance(obj, type) or name.startswith("_"):
                continue
            known = keys.get(id(obj), [])
            own = next((key for key in known if key.rsplit(".", 1)[-1] == name), None)   # Keras 3's legacy
            classes[name] = {"is": own or (known[0] if known else None),          # stubs are one class
                             "construct": quiet(outcome(lambda obj=obj: obj()))}
        out[dotted] = {"exists": True, "classes": classes}
    return out


def aliases(target):
    if target != "tf2":
        return {}
    import tensorflow as tf
    out = {}
    for short in ("optimizers", "losses", "metrics"):
        alias = getattr(tf, short, None)
        real = getattr(tf.keras, short)
        out["tf." + short] = {"exists": alias is not None,
                              "same_classes": alias is not None and all(
                                  getattr(alias, n, None) is getattr(real, n) for n in dir(real)
                                  if not n.startswith("_") and isinstance(getattr(real, n), type))}
    return out


def compile_probes(k, target):
    import numpy as np
    x, y = np.zeros((4, 3), "float32"), np.zeros((4, 2), "float32")
    out = {}
    models = {"Sequential": lambda: k.Sequential([k.Input((3,)), k.layers.Dense(2)])}
    if target == "tf2":
        def wide_deep():
            linear = k.experimental.LinearModel(units=2)
            dnn = k.Sequential([k.layers.Dense(2)])
            return k.experimental.WideDeepModel(linear, dnn)
        models["WideDeepModel"] = wide_deep
    for model_name, build in models.items():
        for question, values in COMPILE_QUESTIONS.items():
            def run(build=build, values=values):
                model = build()
                args = {"optimizer": "sgd", "loss": "mse"}
                args.update(values(k))
                model.compile(**args)
                model.fit(x, y, epochs=1, batch_size=4, verbose=0)
            out[f"{model_name}: {question}"] = quiet(outcome(run))
    return out


def quiet(result: str) -> str:
    """tf.function's retracing notice is about this probe's loop, not about the value probed."""
    return "ok" if result.startswith("warning:") and "retracing" in result else result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", choices=("keras3", "tf2"), required=True)
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    k = keras_module(args.target)
    import platform
    facts = {}
    if os.path.exists(args.out):
        with open(args.out, encoding="utf-8") as handle:
            facts = json.load(handle)
    facts.setdefault("schema", 1)
    facts["provenance"] = "generated by tools/probe_code_facts.py (run once per target, merged)"
    facts.setdefault("targets", {})[args.target] = {
        "version": getattr(k, "__version__", None) or __import__("keras").__version__,
        "python": platform.python_version(),
        "namespaces": namespaces(k, args.target),
        "aliases": aliases(args.target),
        "compile": compile_probes(k, args.target),
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(facts, handle, indent=1, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
