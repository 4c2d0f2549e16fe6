#!/usr/bin/env python
"""tf.keras 2.15 top-k metrics with a dtype (probe:hold/topk-dtype).

    /work/venvs/tf2/bin/python tools/probes/topk_probes.py > tools/probes/topk_probes.tf2.txt
"""
import numpy as np
from tensorflow import keras
for cls in ("TopKCategoricalAccuracy", "SparseTopKCategoricalAccuracy"):
    for dt in ("float64", "double", "float16", "float32"):
        i = keras.Input((8,)); o = keras.layers.Dense(5, activation="softmax")(keras.layers.Dense(16)(i)); m = keras.Model(i, o)
        y = np.random.randint(0, 5, (32,)); y = keras.utils.to_categorical(y, 5) if cls.startswith("Top") else y
        try:
            m.compile(optimizer="adam", loss="categorical_crossentropy" if cls.startswith("Top") else "sparse_categorical_crossentropy",
                      metrics=[keras.metrics.get({"class_name": cls, "config": {"dtype": dt}})])
            m.fit(np.random.rand(32, 8), y, epochs=1, verbose=0); print(cls, dt, "OK")
        except Exception as e:
            print(cls, dt, "RAISE", type(e).__name__, str(e).strip().splitlines()[-1][:100])
