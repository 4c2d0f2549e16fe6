#!/usr/bin/env python
"""Small compile/fit probes behind facts added from the second oracle hold-out (run in the Keras venvs).

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/compile_probes.py > tools/probes/compile_probes.keras3.txt
    /work/venvs/tf2/bin/python tools/probes/compile_probes.py > tools/probes/compile_probes.tf2.txt

Each probe builds Input(8) -> Dense(16) -> softmax heads, compiles, fits one epoch and prints OK or RAISE.
probe:hold/lw-empty-dict (structure.json loss_weights.dict.empty), probe:hold/bool-range (rules/object_args: a
bool meets an argument's range as 0/1), probe:hold/none-kwargs (facts compile probes `name=None`).
"""
import os, sys, warnings
os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
try:
    import keras
    if not keras.__version__.startswith("3"): raise ImportError
except ImportError:
    from tensorflow import keras
print("keras", getattr(keras, "__version__", "tf.keras"))
def model(n=1):
    i = keras.Input((8,)); h = keras.layers.Dense(16, activation="relu")(i)
    outs = [keras.layers.Dense(3, activation="softmax", name=nm)(h) for nm in "ab"[:n]]
    return keras.Model(i, outs if n > 1 else outs[0])
def run(label, n=1, **kw):
    m = model(n)
    x = np.random.rand(32, 8).astype("float32"); y = np.random.randint(0, 3, (32,))
    try:
        m.compile(**kw); m.fit(x, [y]*n if n > 1 else y, epochs=1, verbose=0); print(label, "OK")
    except Exception as e:
        print(label, "RAISE", type(e).__name__, str(e)[:120])
base = dict(optimizer="adam", loss="sparse_categorical_crossentropy")
PROBES = sys.argv[1:] or [
    'run("lw-empty-dict 1 output", **base, loss_weights={})',
    'run("lw-empty-dict 2 outputs", n=2, **base, loss_weights={})',
    'run("lw-empty-list", **base, loss_weights=[])',
    'run("bool-range Adam gradient_accumulation_steps=True", optimizer=keras.optimizers.Adam(gradient_accumulation_steps=True), loss=base["loss"])',
    'run("bool-range Adam gradient_accumulation_steps=False", optimizer=keras.optimizers.Adam(gradient_accumulation_steps=False), loss=base["loss"])',
    'run("bool-range Ftrl learning_rate_power=True", optimizer=keras.optimizers.Ftrl(learning_rate_power=True), loss=base["loss"])',
    'run("none-kwargs target_tensors=None", **base, target_tensors=None)',
    'run("none-kwargs target_tensors=[1]", **base, target_tensors=[1])',
    'run("none-kwargs distribute=None", **base, distribute=None)',
]
for a in PROBES:
    try: exec(a)
    except Exception as e: print(a[:30], "RAISE-construct", type(e).__name__, str(e)[:100])
