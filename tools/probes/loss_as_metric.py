"""A loss object or loss function in `metrics=[...]`: Keras wraps the callable as a metric, so it takes the
LOSS's arguments (`reduction`), not those of the metric class of the same name; a loss with no metric of
its name (Huber, huber) trains too. Found in quangtiencs/keras3-inside-deep-learning Chapter_07.ipynb
(`metrics=[keras.losses.MeanSquaredError(reduction="mean")]`), which compilecli once read as the metric.

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/loss_as_metric.py > tools/probes/loss_as_metric.keras3.txt
    /work/venvs/tf2/bin/python tools/probes/loss_as_metric.py > tools/probes/loss_as_metric.tf2.txt

Each probe compiles Dense(2) on Input(3) with loss="mse" and the metrics given, fits one epoch, and prints
`trains: <metric names>` or `raises <stage>: <error>`.
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
    "losses.MeanSquaredError(reduction='sum')": lambda: [K.losses.MeanSquaredError(reduction="sum")],
    "losses.Huber(delta=2.0)": lambda: [K.losses.Huber(delta=2.0)],
    "losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)":
        lambda: [K.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)],
    "losses.huber": lambda: [K.losses.huber],
    "losses.mean_squared_error": lambda: [K.losses.mean_squared_error],
    "string 'huber'": lambda: ["huber"],
    "metrics.MeanSquaredError(reduction='sum')": lambda: [K.metrics.MeanSquaredError(reduction="sum")],
}


def probe(make):
    try:
        metrics = make()
    except Exception as exc:  # noqa: BLE001 - what Keras raises is the finding
        return f"raises construct: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    model = K.Sequential([K.Input((3,)), K.layers.Dense(2)])
    try:
        model.compile(optimizer="adam", loss="mse", metrics=metrics)
    except Exception as exc:  # noqa: BLE001
        return f"raises compile: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    try:
        history = model.fit(np.ones((8, 3)), np.ones((8, 2)), epochs=1, verbose=0)
    except Exception as exc:  # noqa: BLE001
        return f"raises fit: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    return "trains: " + ",".join(sorted(k for k in history.history if k != "loss"))


print(f"# {getattr(K, '__version__', None) or __import__('tensorflow').__version__}; metrics=[...] beside loss='mse'")
for name, make in PROBES.items():
    print(f"{name}: {probe(make)}")
