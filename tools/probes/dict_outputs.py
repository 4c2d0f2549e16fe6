"""How Keras treats per-output compile arguments when the model's outputs are a DICT (Model(x, {name: t})),
not a list: the structure.json rows measured again with dict outputs.

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/dict_outputs.py > tools/probes/dict_outputs.keras3.txt
    /work/venvs/tf2/bin/python tools/probes/dict_outputs.py > tools/probes/dict_outputs.tf2.txt

The model: Input(8) -> Dense(16, relu) -> {"reg": Dense(1) (real targets), "cls": Dense(3, softmax)
(sparse labels)}: keys deliberately not in sorted order, layers named as their keys. Each probe compiles,
fits 2 epochs on a dict of targets, and prints `raises <stage>: <error>` or `trains` with the heads whose
weights changed. Found first in keras-team/keras's own model_test.py (a dict-output model trains with a
loss dict that leaves an output out, where a list-output model raises).
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402

try:
    import keras as K  # noqa: E402
    if not hasattr(K, "ops"):
        raise ImportError
except ImportError:
    from tensorflow import keras as K  # noqa: E402

SCCE, MSE = "sparse_categorical_crossentropy", "mse"
PROBES = {
    "loss.dict.complete": {"loss": {"reg": MSE, "cls": SCCE}},
    "loss.dict.unknown_key": {"loss": {"reg": MSE, "cls": SCCE, "other": MSE}},
    "loss.dict.missing_output": {"loss": {"cls": SCCE}},
    "loss.list.too_long": {"loss": [MSE, SCCE, MSE]},
    "loss.list.too_short": {"loss": [SCCE]},
    "loss.list.insertion_order": {"loss": [MSE, SCCE]},
    "loss.list.sorted_order": {"loss": [SCCE, MSE]},
    "loss.list.empty": {"loss": []},
    "loss.all_null.multi_output": {"loss": {"reg": None, "cls": None}},
    "loss.dict.null_item": {"loss": {"reg": None, "cls": SCCE}},
    "loss.single": {"loss": MSE},
    "metrics.flat_list.multi_output": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": ["mae"]},
    "metrics.dict.unknown_key": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": {"other": ["mae"]}},
    "metrics.dict.missing_output": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": {"cls": ["accuracy"]}},
    "metrics.list.length": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": [["mae"]]},
    "metrics.list.complete": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": [["mae"], ["accuracy"]]},
    "metrics.flat_list.paired_sorted": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": ["accuracy", "mae"]},
    "metrics.list.sorted_order": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": [["accuracy"], ["mae"]]},
    "metrics.null_item": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": {"reg": [None], "cls": ["accuracy"]}},
    "metrics.list.too_deep": {"loss": {"reg": MSE, "cls": SCCE}, "metrics": {"reg": [["mae"]], "cls": ["accuracy"]}},
    "loss_weights.dict.unknown_key": {"loss": {"reg": MSE, "cls": SCCE}, "loss_weights": {"reg": 1.0, "cls": 1.0, "other": 1.0}},
    "loss_weights.dict.missing_output": {"loss": {"reg": MSE, "cls": SCCE}, "loss_weights": {"cls": 1.0}},
    "loss_weights.list.length": {"loss": {"reg": MSE, "cls": SCCE}, "loss_weights": [1.0]},
    "loss_weights.list.complete": {"loss": {"reg": MSE, "cls": SCCE}, "loss_weights": [1.0, 0.0]},
    "loss_weights.single_loss": {"loss": MSE, "loss_weights": {"reg": 1.0, "cls": 1.0}},
    "loss_weights.dict.list_loss": {"loss": [SCCE, MSE], "loss_weights": {"reg": 1.0, "cls": 0.0}},
    "loss_weights.scalar.multi_output": {"loss": {"reg": MSE, "cls": SCCE}, "loss_weights": 2.0},
    "loss_weights.list.empty": {"loss": {"reg": MSE, "cls": SCCE}, "loss_weights": []},
    "loss_weights.dict.empty": {"loss": {"reg": MSE, "cls": SCCE}, "loss_weights": {}},
    "loss_weights.dict.zero": {"loss": {"reg": MSE, "cls": SCCE}, "loss_weights": {"reg": 0.0, "cls": 1.0}},
}


def run(name, kwargs):
    K.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 8)).astype("float32")
    ys = {"reg": (x @ rng.standard_normal((8, 1))).astype("float32"),
          "cls": np.argmax(x @ rng.standard_normal((8, 3)), axis=1).astype("int32")}
    inputs = K.Input(shape=(8,))
    hidden = K.layers.Dense(16, activation="relu")(inputs)
    heads = {"reg": K.layers.Dense(1, name="reg"), "cls": K.layers.Dense(3, activation="softmax", name="cls")}
    model = K.Model(inputs, {key: layer(hidden) for key, layer in heads.items()})
    stage = "compile"
    try:
        model.compile(optimizer="adam", **kwargs)
        before = {k: [w.copy() for w in layer.get_weights()] for k, layer in heads.items()}
        stage = "fit"
        model.fit(x, ys, epochs=2, batch_size=16, verbose=0)
    except Exception as exc:  # noqa: BLE001 - a raise is the observation
        line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return f"raises {stage}: {type(exc).__name__}: {line[:150]}"
    changed = [k for k, layer in heads.items()
               if any(not np.array_equal(a, b) for a, b in zip(before[k], layer.get_weights()))]
    return f"trains; heads trained: {','.join(changed) or 'none'}"


def main():
    version = getattr(K, "__version__", "tf.keras")
    print(f"# {version}; outputs dict {{reg: Dense(1), cls: Dense(3, softmax)}}")
    for name, kwargs in PROBES.items():
        print(f"{name}: {run(name, kwargs)}", flush=True)
        K.backend.clear_session()


if __name__ == "__main__":
    sys.exit(main())
