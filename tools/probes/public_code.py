"""Keras facts behind false errors found on public code (notes: real-code-3), measured in real Keras.

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/public_code.py > tools/probes/public_code.keras3.txt
    /work/venvs/tf2/bin/python tools/probes/public_code.py > tools/probes/public_code.tf2.txt

loss_as_metric.*: a loss object or loss function in `metrics=[...]` beside loss="mse" on Dense(2). Keras
wraps the callable as a metric, so it takes the LOSS's arguments (`reduction`), not those of the metric
class of that name (quangtiencs/keras3-inside-deep-learning Chapter_07.ipynb:
`metrics=[keras.losses.MeanSquaredError(reduction="mean")]`, once read as the metric).

empty_metric_lists.*: an empty metrics / weighted_metrics list on three Dense(1) outputs in a list, loss="mse"
(`weighted_metrics=[]` beside multi-output losses in public trainers, once CC402 "a flat list").

warmup_from_zero.*: CosineDecay(initial_learning_rate=0.0, decay_steps=1000, warmup_target=1e-3,
warmup_steps=100), as Keras's docstring writes a warm-up: the rate at some steps, and an Adam fit with it
(once CC306 "initial_learning_rate = 0.0 outside the useful range").

Each probe fits one epoch on ones and prints `trains: <history keys>` or `raises <stage>: <error>`.
"""
import numpy as np

from probe_keras import failure, keras, version

K = keras()
LOSS_AS_METRIC = {
    "losses.MeanSquaredError(reduction='sum')": lambda: [K.losses.MeanSquaredError(reduction="sum")],
    "losses.Huber(delta=2.0)": lambda: [K.losses.Huber(delta=2.0)],
    "losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)":
        lambda: [K.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)],
    "losses.huber": lambda: [K.losses.huber],
    "losses.mean_squared_error": lambda: [K.losses.mean_squared_error],
    "string 'huber'": lambda: ["huber"],
    "metrics.MeanSquaredError(reduction='sum')": lambda: [K.metrics.MeanSquaredError(reduction="sum")],
}
EMPTY_METRIC_LISTS = {
    "metrics=[]": {"metrics": []},
    "weighted_metrics=[]": {"weighted_metrics": []},
    "metrics=(), weighted_metrics=()": {"metrics": (), "weighted_metrics": ()},
    "metrics=['mae']": {"metrics": ["mae"]},
    "weighted_metrics=['mae']": {"weighted_metrics": ["mae"]},
}


def fitted(model, kwargs, y):
    try:
        model.compile(optimizer="adam", loss="mse", **kwargs)
    except Exception as exc:  # noqa: BLE001 - what Keras raises is the finding
        return failure("compile", exc)
    try:
        history = model.fit(np.ones((8, model.inputs[0].shape[-1])), y, epochs=1, verbose=0)
    except Exception as exc:  # noqa: BLE001
        return failure("fit", exc)
    return "trains: " + ",".join(sorted(history.history))


def loss_as_metric(make):
    try:
        metrics = make()
    except Exception as exc:  # noqa: BLE001
        return failure("construct", exc)
    model = K.Sequential([K.Input((3,)), K.layers.Dense(2)])
    return fitted(model, {"metrics": metrics}, np.ones((8, 2)))


def empty_metric_lists(kwargs):
    inputs = K.Input((4,))
    model = K.Model(inputs, [K.layers.Dense(1, name=f"out{i}")(inputs) for i in range(3)])
    return fitted(model, kwargs, [np.ones((8, 1))] * 3)


def warmup_from_zero():
    schedule = K.optimizers.schedules.CosineDecay(initial_learning_rate=0.0, decay_steps=1000,
                                                  warmup_target=1e-3, warmup_steps=100)
    rates = ", ".join(f"{step}: {float(schedule(step)):.6f}" for step in (0, 50, 100, 600, 1100))
    model = K.Sequential([K.Input((3,)), K.layers.Dense(2)])
    model.compile(optimizer=K.optimizers.Adam(learning_rate=schedule), loss="mse")
    try:
        model.fit(np.ones((8, 3)), np.ones((8, 2)), epochs=1, verbose=0)
    except Exception as exc:  # noqa: BLE001
        return failure("fit", exc)
    return f"trains: rate at step {rates}"


print(f"# {version(K)}")
for name, make in LOSS_AS_METRIC.items():
    print(f"loss_as_metric.{name}: {loss_as_metric(make)}")
for name, kwargs in EMPTY_METRIC_LISTS.items():
    print(f"empty_metric_lists.{name}: {empty_metric_lists(kwargs)}")
print(f"warmup_from_zero.CosineDecay: {warmup_from_zero()}")
