#!/usr/bin/env python
"""What a one-output model does with per-output dicts whose key is not its output name (probe:single-dicts).

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/single_output_dicts.py > tools/probes/single_output_dicts.keras3.txt
    /work/venvs/tf2/bin/python tools/probes/single_output_dicts.py > tools/probes/single_output_dicts.tf2.txt

Keras 3.15 trains `metrics: {zzz: [accuracy]}` on a one-output model (probe:breadth/metrics-dict-single-wrongkey);
this says whether the metric is computed (its name in the history) or silently dropped.
"""
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.simplefilter("ignore")
import numpy as np  # noqa: E402

try:
    import tensorflow as tf  # noqa: E402
    keras = tf.keras
except ImportError:
    import keras  # noqa: E402

CASES = [("metrics", {"zzz": ["accuracy"]}), ("metrics", {"out": ["accuracy"]}), ("weighted_metrics", {"zzz": ["accuracy"]}),
         ("metrics", {"out": ["accuracy"], "zzz": ["mae"]}), ("loss_weights", {"zzz": 2.0}), ("loss_weights", [None]),
         ("loss_weights", [[1.0]])]


def run(arg, value):
    inp = keras.Input((8,))
    out = keras.layers.Dense(5, activation="softmax", name="out")(keras.layers.Dense(16)(inp))
    model = keras.Model(inp, out)
    x, y = np.random.RandomState(0).rand(32, 8).astype("float32"), np.random.RandomState(1).randint(0, 5, (32, 1))
    try:
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", **{arg: value})
        hist = model.fit(x, y, epochs=1, verbose=0)
        return "trained; history: %s" % sorted(hist.history)
    except Exception as e:  # noqa: BLE001
        return "raised %s: %s" % (type(e).__name__, str(e).splitlines()[0][:120])


print("keras", keras.__version__ if hasattr(keras, "__version__") else tf.__version__)
for arg, value in CASES:
    print(arg, value, "->", run(arg, value))
