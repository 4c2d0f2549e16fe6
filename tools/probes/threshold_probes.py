#!/usr/bin/env python
"""A list for a metric threshold (probe:hold/threshold-list): Keras 3.15 trains BinaryAccuracy/binary_accuracy with
threshold [0.1] (and [0.1, 0.5], broadcast); a string raises at fit. tf.keras 2.15 calls a metric function given a
config and raises, whatever the threshold.

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/threshold_probes.py > tools/probes/threshold_probes.keras3.txt
"""
import os; os.environ.setdefault("KERAS_BACKEND","jax")
import numpy as np
try:
    import keras
    assert keras.__version__.startswith("3")
except Exception:
    from tensorflow import keras
def run(label, metric):
    i = keras.Input((8,)); o = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Dense(16)(i)); m = keras.Model(i, o)
    try:
        m.compile(optimizer="adam", loss="binary_crossentropy", metrics=[metric])
        h = m.fit(np.random.rand(32, 8), np.random.randint(0, 2, (32, 1)), epochs=1, verbose=0)
        print(label, "OK", {k: np.shape(v[-1]) for k, v in h.history.items()})
    except Exception as e:
        print(label, "RAISE", type(e).__name__, str(e)[:100])
for v in ([0.1], [0.1, 0.5], "0.5"):
    run(f"binary_accuracy fn threshold={v!r}", keras.metrics.get({"class_name": "binary_accuracy", "config": {"threshold": v}}))
    try:
        run(f"BinaryAccuracy threshold={v!r}", keras.metrics.get({"class_name": "BinaryAccuracy", "config": {"threshold": v}}))
    except Exception as e:
        print(f"BinaryAccuracy threshold={v!r}", "RAISE-get", type(e).__name__, str(e)[:80])
