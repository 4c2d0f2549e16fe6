#!/usr/bin/env python
"""Which dtype names Keras 3.15 get() takes for a loss/metric config (probe:hold/dtype-names).

    /work/venvs/k3/bin/python tools/probes/dtype_probes.py > tools/probes/dtype_probes.keras3.txt
"""
import os; os.environ["KERAS_BACKEND"]="jax"
import keras
for kind, cls in (("metric","Recall"),("metric","MeanSquaredError"),("loss","MeanSquaredError")):
    get = keras.metrics.get if kind == "metric" else keras.losses.get
    for dt in ["float16","float32","float64","bfloat16","mixed_float16","mixed_bfloat16","half","float","double","int32","uint8","bool", "float8_e4m3fn"]:
        try:
            get({"class_name": cls, "config": {"dtype": dt}}); r="ok"
        except Exception as e: r="RAISE "+type(e).__name__+" "+str(e)[:60]
        print(kind, cls, dt, r)
