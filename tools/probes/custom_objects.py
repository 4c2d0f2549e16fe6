"""Does compile() resolve a string (or a {class_name, config} dict) that the program registered as a custom
object? deserialize.json ``custom_objects`` is read from this.

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/custom_objects.py > tools/probes/custom_objects.keras3.txt
    /work/venvs/tf2/bin/python tools/probes/custom_objects.py > tools/probes/custom_objects.tf2.txt

Each probe registers its own name (get_custom_objects().update / [name] = / custom_object_scope), compiles a
Dense(1) model on 3 features and fits one epoch: `trains` or `raises <error>`. Found in public code
(real-code-5): segmentation and Kaggle scripts register `dice_loss` and then write `loss="dice_loss"`.
"""
import numpy as np

from probe_keras import failure, keras, version

K = keras()
X = np.random.RandomState(0).rand(8, 3).astype("float32")
Y = np.random.RandomState(1).rand(8, 1).astype("float32")


def squared(y_true, y_pred):
    return (y_true - y_pred) ** 2


class SquaredLoss(K.losses.Loss):
    def call(self, y_true, y_pred):
        return (y_true - y_pred) ** 2


class MyAdam(K.optimizers.Adam):
    pass


REGISTERED = {"reg_loss_fn": squared, "reg_metric_fn": squared, "RegLoss": SquaredLoss, "RegAdam": MyAdam,
              "reg_loss_instance": SquaredLoss()}
K.utils.get_custom_objects().update(REGISTERED)

PROBES = {
    "update.loss.str.function": dict(loss="reg_loss_fn"),
    "update.loss.str.class": dict(loss="RegLoss"),
    "update.loss.str.instance": dict(loss="reg_loss_instance"),
    "update.metric.str.function": dict(loss="mse", metrics=["reg_metric_fn"]),
    "update.optimizer.str.class": dict(optimizer="RegAdam", loss="mse"),
    "update.loss.dict.class": dict(loss={"class_name": "RegLoss", "config": {}}),
    "update.metric.dict.function": dict(loss="mse", metrics=[{"class_name": "reg_metric_fn", "config": {}}]),
    "update.optimizer.dict.class": dict(optimizer={"class_name": "RegAdam", "config": {}}, loss="mse"),
}


def fit(kwargs):
    kwargs = dict(kwargs)
    kwargs.setdefault("optimizer", "adam")
    model = K.Sequential([K.Input((3,)), K.layers.Dense(1)])
    model.compile(**kwargs)
    model.fit(X, Y, epochs=1, verbose=0)


def outcome(run):
    try:
        run()
        return "trains"
    except Exception as exc:     # noqa: BLE001 -- the probe reports what Keras raised
        return failure("compile or fit", exc)


def scope_probe():
    with K.utils.custom_object_scope({"scoped_loss_fn": squared}):
        fit(dict(loss="scoped_loss_fn"))


def setitem_probe():
    K.utils.get_custom_objects()["item_loss_fn"] = squared
    fit(dict(loss="item_loss_fn"))


if __name__ == "__main__":
    print(f"# {version(K)}; names registered with get_custom_objects().update({sorted(REGISTERED)})")
    for name, kwargs in PROBES.items():
        print(f"{name}: {outcome(lambda: fit(kwargs))}")
    print(f"scope.loss.str.function (fit inside the scope): {outcome(scope_probe)}")
    print(f"setitem.loss.str.function: {outcome(setitem_probe)}")
