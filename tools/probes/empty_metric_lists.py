"""An empty metrics / weighted_metrics list on a model with several outputs: Keras adds no metric and
trains, where a flat non-empty list raises in Keras 3. Found in public code (`weighted_metrics=[]` next to
a multi-output loss, e.g. a depth-estimation trainer and a constrained autoencoder), which compilecli once
reported as CC402 "a flat list with N outputs".

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/empty_metric_lists.py > tools/probes/empty_metric_lists.keras3.txt
    /work/venvs/tf2/bin/python tools/probes/empty_metric_lists.py > tools/probes/empty_metric_lists.tf2.txt

The model: Input(4) -> three Dense(1) outputs (a list), loss="mse"; each probe compiles with the arguments
shown, fits one epoch and prints `trains: <history keys>` or `raises <stage>: <error>`.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402

try:
    import keras as K  # noqa: E402
    if not hasattr(K, "ops"):
        raise ImportError
except ImportError:
    from tensorflow import keras as K  # noqa: E402

PROBES = {
    "metrics=[]": {"metrics": []},
    "weighted_metrics=[]": {"weighted_metrics": []},
    "metrics=(), weighted_metrics=()": {"metrics": (), "weighted_metrics": ()},
    "metrics=['mae']": {"metrics": ["mae"]},
    "weighted_metrics=['mae']": {"weighted_metrics": ["mae"]},
}


def build():
    inp = K.Input((4,))
    return K.Model(inp, [K.layers.Dense(1, name=f"out{i}")(inp) for i in range(3)])


def probe(kwargs):
    model = build()
    try:
        model.compile(optimizer="adam", loss="mse", **kwargs)
        history = model.fit(np.ones((8, 4)), [np.ones((8, 1))] * 3, epochs=1, verbose=0)
    except Exception as exc:  # noqa: BLE001 - what Keras raises is the finding
        return f"raises: {type(exc).__name__}: {str(exc).splitlines()[0][:140]}"
    return "trains: " + ",".join(sorted(history.history))


version = getattr(K, "__version__", None) or __import__("tensorflow").__version__
print(f"# {version}; three Dense(1) outputs in a list, loss='mse'")
for name, kwargs in PROBES.items():
    print(f"{name}: {probe(kwargs)}")
