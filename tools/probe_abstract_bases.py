#!/usr/bin/env python
"""Find the abstract base classes among a target's optimizers, losses, metrics and schedules,
and record what real Keras does when a spec names one (CC208's data).

Run under the venv of the target::

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probe_abstract_bases.py --target keras3
    /work/venvs/tf2/bin/python tools/probe_abstract_bases.py --target tf2

It updates ``src/compilecli/catalogue/data/abstract.json`` under the target's key. A class is a
candidate when other classes of its kind in the facts derive from it (a base, not a wrapper such as
LossScaleOptimizer) and the method that does the work (``WORK_METHODS``) is only defined by a class
whose body just raises NotImplementedError, or ``inspect.isabstract`` says so; every candidate is
then compiled and fitted for one epoch on a tiny model, and Keras's outcome is written down.
Only candidates on which Keras raises are kept. keras2 (standalone 2.3.1) is curated in the file.
"""
from __future__ import annotations

import argparse
import ast
import inspect
import json
import os
import sys
import textwrap

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, os.pardir, "src", "compilecli", "catalogue", "data")
WORK_METHODS = {"optimizer": ("update_step", "_resource_apply_dense"), "loss": ("call",),
                "metric": ("update_state", "result"), "schedule": ("__call__",)}
# What a spec writes for each kind when it names the class (the questions, not answers).
TRIALS = {
    "optimizer": lambda name: dict(optimizer={"class_name": name, "config": {"learning_rate": 0.01}}, loss="mse"),
    "loss": lambda name: dict(optimizer="sgd", loss=name),
    "metric": lambda name: dict(optimizer="sgd", loss="mse", metrics=[name]),
    "schedule": lambda name: dict(optimizer={"class_name": "SGD", "config": {
        "learning_rate": {"class_name": name, "config": {}}}}, loss="mse"),
}


def keras_module(target):
    if target == "keras3":
        import keras
        return keras, keras.__version__
    import tensorflow as tf
    return tf.keras, tf.__version__


def modules(keras):
    return {"optimizer": keras.optimizers, "loss": keras.losses, "metric": keras.metrics,
            "schedule": keras.optimizers.schedules}


def only_raises(function) -> bool:
    """The function's body is (a docstring and) `raise NotImplementedError`."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    body = [n for n in tree.body[0].body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    return len(body) == 1 and isinstance(body[0], ast.Raise) and "NotImplementedError" in ast.dump(body[0])


def abstract_method(cls, kind):
    if inspect.isabstract(cls):
        return ", ".join(sorted(cls.__abstractmethods__))
    for name in WORK_METHODS[kind]:
        owner = next((c for c in cls.__mro__ if name in vars(c)), None)
        if owner is not None and only_raises(vars(owner)[name]):
            return name
    return None


def trial(keras, kind, name, convert):
    import numpy as np
    x, y = np.random.rand(8, 4).astype("float32"), np.random.rand(8, 1).astype("float32")
    stage = "compile"
    try:
        kwargs = TRIALS[kind](name)
        if convert and isinstance(kwargs["optimizer"], dict):   # tf.keras: compile() takes no dict
            kwargs["optimizer"] = keras.optimizers.get(kwargs["optimizer"])
        inputs = keras.Input((4,))
        model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
        model.compile(**kwargs)
        stage = "fit"
        model.fit(x, y, epochs=1, batch_size=4, verbose=0)
        return "ok"
    except Exception as problem:   # the outcome is the data
        first = str(problem).strip().splitlines()[0][:120] if str(problem).strip() else ""
        return f"error at {stage}: {type(problem).__name__}" + (f": {first}" if first else "")


def probe(target):
    keras, version = keras_module(target)
    facts = json.load(open(os.path.join(DATA, f"facts.{target}.json"), encoding="utf-8"))
    found = {"version": version}
    for kind, module in modules(keras).items():
        classes = {}
        for canonical, raw in sorted(facts["kinds"][kind]["objects"].items()):
            cls = module
            for part in canonical.split("."):
                cls = getattr(cls, part, None)
            if raw.get("is_class") and inspect.isclass(cls):
                classes[canonical] = cls
        for canonical, cls in classes.items():
            if not any(other is not cls and issubclass(other, cls) for other in classes.values()):
                continue
            method = abstract_method(cls, kind)
            if method is None:
                continue
            observed = trial(keras, kind, canonical, target != "keras3")
            if observed != "ok":
                found.setdefault(kind, {})[canonical] = {"abstract": method, "observed": observed}
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=("keras3", "tf2"), required=True)
    args = parser.parse_args(argv)
    path = os.path.join(DATA, "abstract.json")
    data = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
    data[args.target] = probe(args.target)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    print(json.dumps(data[args.target], indent=1))


if __name__ == "__main__":
    sys.exit(main())
