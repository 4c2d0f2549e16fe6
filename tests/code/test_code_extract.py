"""What is taken from model.compile(...) calls in Python, and what is left alone."""
import textwrap

import pytest

from compilecli.diagnostics import Span
from compilecli.load.python_calls import load_python_text


def at(span):
    return span.line, span.column


def data(source, target=None):
    """The data of every compile() call found in source."""
    return [spec.data for spec in load_python_text(textwrap.dedent(source), "t.py", target)]


def only(source, target=None):
    specs = data(source, target)
    assert len(specs) == 1, specs
    return specs[0]


# ---------------------------------------------------------------- keywords, literals
def test_keyword_literals():
    got = only("""
        import keras.ops
        model.compile(optimizer="adam", loss="mse", metrics=["mae", ("acc",)], loss_weights={"a": 1, "b": -0.5},
                      run_eagerly=False, steps_per_execution=32, jit_compile=None, weighted_metrics=(),
                      auto_scale_loss=True)
    """)
    assert got == {"target": "keras3", "compile": {
        "optimizer": "adam", "loss": "mse", "metrics": ["mae", ["acc"]], "loss_weights": {"a": 1, "b": -0.5},
        "run_eagerly": False, "steps_per_execution": 32, "jit_compile": None, "weighted_metrics": [],
        "auto_scale_loss": True}}


def test_number_arithmetic_is_folded():
    got = only("import keras\nm.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3 / 10, beta_1=-(-0.9),"
               " epsilon=10 ** -7))")
    config = got["compile"]["optimizer"]["config"]
    assert config == {"learning_rate": pytest.approx(1e-4), "beta_1": 0.9, "epsilon": pytest.approx(1e-7)}


def test_unknown_keywords_are_kept_for_the_rules():
    got = only("import keras\nmodel.compile(optimizer='adam', metircs=['acc'], sample_weight_mode='temporal')")
    assert got["compile"] == {"optimizer": "adam", "metircs": ["acc"], "sample_weight_mode": "temporal"}


# ---------------------------------------------------------------- positional arguments
def test_positional_keras3_order():
    got = only("import keras\nmodel.compile('adam', 'mse', [0.5], ['mae'], None, True)", "keras3")
    assert got["compile"] == {"optimizer": "adam", "loss": "mse", "loss_weights": [0.5], "metrics": ["mae"],
                              "weighted_metrics": None, "run_eagerly": True}


def test_positional_tf2_order():
    got = only("import tensorflow as tf\nmodel.compile(tf.keras.optimizers.SGD(), 'mse', ['mae'], [0.5])")
    assert got["target"] == "tf2"
    assert got["compile"] == {"optimizer": {"class_name": "SGD", "config": {}}, "loss": "mse",
                              "metrics": ["mae"], "loss_weights": [0.5]}


def test_positional_without_known_target_reads_only_optimizer_and_loss():
    got = only("import tensorflow as tf\nimport keras\nmodel.compile('adam', 'mse', ['mae'])")
    assert "target" not in got
    assert got["compile"] == {"optimizer": "adam", "loss": "mse"}


def test_target_given_by_the_caller_decides_positions():
    got = only("import tensorflow as tf\nimport keras\nmodel.compile('adam', 'mse', ['mae'])", target="tf2")
    assert got["compile"] == {"optimizer": "adam", "loss": "mse", "metrics": ["mae"]}


def test_positions_after_star_args_are_unknown():
    got = only("import keras\nmodel.compile('adam', *rest, metrics=['mae'])")
    assert got["compile"] == {"optimizer": "adam", "metrics": ["mae"]}


# ---------------------------------------------------------------- constructors and references
def test_constructors_by_kind():
    got = only("""
        import tensorflow as tf
        from tensorflow import keras
        from tensorflow.keras import optimizers
        from tensorflow.keras.metrics import AUC
        model.compile(
            optimizer=optimizers.SGD(0.01, momentum=0.9, nesterov=True),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            metrics=[AUC(name="auc"), tf.keras.metrics.Precision(), "accuracy"],
        )
    """)
    assert got == {"target": "tf2", "compile": {
        "optimizer": {"class_name": "SGD", "config": {"learning_rate": 0.01, "momentum": 0.9, "nesterov": True}},
        "loss": {"class_name": "SparseCategoricalCrossentropy", "config": {"from_logits": True}},
        "metrics": [{"class_name": "AUC", "config": {"name": "auc"}},
                    {"class_name": "Precision", "config": {}}, "accuracy"]}}


def test_schedule_as_learning_rate_positional_or_keyword():
    got = data("""
        import keras
        m.compile(optimizer=keras.optimizers.Adam(
            keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=0.1, decay_steps=100, decay_rate=0.9)))
        m.compile(optimizer=keras.optimizers.AdamW(
            learning_rate=keras.optimizers.schedules.CosineDecay(1e-3, decay_steps=1000), weight_decay=0.01))
    """)
    first = got[0]["compile"]["optimizer"]
    assert first["class_name"] == "Adam"
    assert first["config"]["learning_rate"] == {"class_name": "ExponentialDecay", "config": {
        "initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.9}}
    # CosineDecay's positional initial_learning_rate (required) cannot be read: the schedule is skipped whole
    assert got[1]["compile"]["optimizer"] == {"class_name": "AdamW", "config": {"weight_decay": 0.01}}


def test_bare_references_and_get():
    got = only("""
        import tensorflow as tf
        from tensorflow.keras.losses import mean_squared_error
        model.compile(optimizer=tf.keras.optimizers.get("rmsprop"), loss=mean_squared_error,
                      metrics=[tf.keras.metrics.mean_absolute_error, tf.keras.losses.Huber(
                          reduction=tf.keras.losses.Reduction.NONE)])
    """)
    # a loss object in metrics is the loss Keras wraps (tools/probes/public_code.*.txt): identified, not read
    assert got["compile"] == {"optimizer": "rmsprop", "loss": "mean_squared_error",
                              "metrics": ["mean_absolute_error"]}


def test_loss_dict_by_output_and_nested_metrics():
    got = only("""
        import keras
        from keras import losses, metrics
        model.compile(optimizer="adam",
                      loss={"class": losses.CategoricalCrossentropy(label_smoothing=0.1), "box": "huber"},
                      metrics=[["accuracy"], [metrics.MeanIoU(num_classes=3)]])
    """)
    assert got["compile"]["loss"] == {"class": {"class_name": "CategoricalCrossentropy",
                                                "config": {"label_smoothing": 0.1}}, "box": "huber"}
    assert got["compile"]["metrics"] == [["accuracy"], [{"class_name": "MeanIoU", "config": {"num_classes": 3}}]]


def test_object_dict_written_out_is_plain_data():
    got = only("import keras\nm.compile(optimizer={'class_name': 'Adam', 'config': {'learning_rate': 0.01}})")
    assert got["compile"]["optimizer"] == {"class_name": "Adam", "config": {"learning_rate": 0.01}}


# ---------------------------------------------------------------- non-literals are skipped
def test_non_literals_are_left_out_and_single_assignments_followed():
    got = only("""
        import keras
        opt = keras.optimizers.Adam(1e-3)
        name = "mse"
        model.compile(optimizer=opt, loss=f"{name}", metrics=["mae", custom_metric, make_metric(), "mse"],
                      loss_weights=weights, steps_per_execution=config["steps"], **extra)
    """)
    assert got["compile"] == {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 0.001}},
                              "metrics": ["mae", "mse"]}


def test_unrecognised_constructors_are_skipped():
    got = only("""
        import tensorflow as tf
        import tensorflow_addons as tfa
        class FocalLoss(tf.keras.losses.Loss):
            pass
        model.compile(optimizer=tfa.optimizers.RectifiedAdam(1e-3), loss=FocalLoss(gamma=2),
                      metrics=[tf.keras.metrics.AUC(name=metric_name, curve="PR")])
    """)
    assert got["compile"] == {"metrics": [{"class_name": "AUC", "config": {"curve": "PR"}}]}


def test_skipped_argument_that_may_be_required_drops_the_object():
    got = only("""
        import keras
        model.compile(optimizer=keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(
                          lr0, decay_steps=1000, decay_rate=0.9)),
                      loss=keras.losses.Huber(delta=delta, reduction="sum"),
                      metrics=[keras.metrics.TopKCategoricalAccuracy(k), keras.metrics.MeanIoU(n)])
    """)
    assert got["compile"] == {"optimizer": {"class_name": "Adam", "config": {}},
                              "loss": {"class_name": "Huber", "config": {"reduction": "sum"}},
                              "metrics": [{"class_name": "TopKCategoricalAccuracy", "config": {}}]}


@pytest.mark.parametrize("source", [
    "import re\npattern = re.compile(r'epoch (\\d+)')",
    "import re\npattern = re.compile(r'x', re.I)",
    "import torch\nmodel = torch.compile(model, mode='max-autotune')",
    "import jax\nf = jax.jit(f).lower(x).compile()",
    "code = compile('1 + 1', '<s>', 'eval')",
    "import regex\nr = regex.compile('a+')",
    "env.compile(template_source)",            # positional only, and no Keras in the file
    "model.compile(**settings)",
    "import keras\nmodel.compile()",
])
def test_not_keras_compile_calls_are_ignored(source):
    assert data(source) == []


@pytest.mark.parametrize("source", [
    # a receiver bound by an import of a module outside Keras is that module, never a model
    "import re as _re; import keras\nPATTERN = _re.compile(r'\\d+')",
    "import keras\nimport regex as rx\nr = rx.compile(r'a+', rx.I)",
    "import keras\nimport torch as T\nnet = T.compile(net, 'max-autotune')",
    "import keras\nimport torch._dynamo\nnet = torch._dynamo.compile(net, 'eager')",
    "import keras\nfrom torch import _dynamo as dyn\nnet = dyn.compile(net, 'eager')",
    "import keras\nimport mylib\nmylib.templates.compile('x', optimizer='adamm')",
    "import keras\nimport jinja2 as j\nt = j.compile('{{ x }}')",
])
def test_receivers_imported_from_other_modules_are_ignored(source):
    assert data(source) == []


@pytest.mark.parametrize("source", [
    "import keras\nfrom mymodels import model\nmodel.compile('adamm', 'mse')",        # may be a model
    "import keras\nimport re as m\nm = keras.Sequential()\nm.compile(optimizer='adamm')",  # reassigned
    "import tensorflow as tf\ntf.keras.Model.compile(model, optimizer='adamm')",
    "from tensorflow import keras\nkeras.Model.compile(model, optimizer='adamm')",
    "import keras\nimport re\nself.model.compile(optimizer='adamm')",
    "import keras\nimport re\nbuild().compile(optimizer='adamm')",
])
def test_receivers_that_may_be_keras_models_stay(source):
    (got,) = data(source)
    assert got["compile"]["optimizer"] == "adamm"


def test_calls_are_in_file_order_and_methods_found_anywhere():
    got = data("""
        import keras
        class Trainer:
            def build(self):
                self.model.compile(optimizer="sgd", loss="mse")
                return [m.compile(loss="mae") for m in self.models]
        outer.compile(loss="huber")
    """)
    assert [d["compile"]["loss"] for d in got] == ["mse", "mae", "huber"]


# ---------------------------------------------------------------- target inference
@pytest.mark.parametrize("imports,target", [
    ("import tensorflow as tf", "tf2"),
    ("from tensorflow import keras", "tf2"),
    ("from tensorflow.keras import layers", "tf2"),
    ("import tensorflow.keras as K", "tf2"),
    ("import tf_keras as keras", "tf2"),
    ("import keras", None),                             # Keras 2 until late 2023, Keras 3 since
    ("import keras\nfrom keras import ops", "keras3"),
    ("from keras import layers\nfrom keras.optimizers import Adam", None),
    ("import tensorflow as tf\nimport keras", None),          # keras 3 with tf.data, or keras 2? unsure
    ("import tensorflow as tf\nimport keras\nx = tf.keras.layers.Dense(1)", None),
    ("import numpy as np", None),
])
def test_target_inference(imports, target):
    got = only(imports + "\nmodel.compile(optimizer='adam', loss='mse')\n")
    assert got.get("target") == target


# ---------------------------------------------------------------- source map
def test_spans_point_into_the_file():
    source = textwrap.dedent("""\
        import keras
        model.compile(
            optimizer=keras.optimizers.Adam(lr=0.001),
            loss="msee",
            metrics=["mae", "准确率", "mse"],
        )
    """)
    spec = load_python_text(source, "t.py")[0]
    smap = spec.sourcemap
    assert at(smap.keys[("compile", "loss")]) == (4, 5)
    assert at(smap.values[("compile", "loss")]) == (4, 10)
    assert smap.keys[("compile", "optimizer", "config", "lr")] == Span(3, 37, 3, 39)
    assert at(smap.values[("compile", "optimizer", "config", "lr")]) == (3, 40)
    assert smap.values[("compile", "optimizer", "class_name")] == Span(3, 32, 3, 36)
    # character columns, not UTF-8 byte offsets
    assert at(smap.values[("compile", "metrics", 2)]) == (5, 28)
    assert source.split("\n")[4][27:32] == '"mse"'


def test_skipped_items_leave_no_stale_spans():
    source = "import keras\nm.compile(metrics=[keras.metrics.AUC(num_thresholds=n, curve=c), 'mae'])\n"
    spec = load_python_text(source, "t.py")[0]
    assert spec.data["compile"]["metrics"] == [{"class_name": "AUC", "config": {}}, "mae"]
    source = "import keras\nm.compile(metrics=[make(), {'a': x}, 'mae'])\n"
    spec = load_python_text(source, "t.py")[0]
    assert spec.data["compile"]["metrics"] == [{}, "mae"]
    assert at(spec.sourcemap.values[("compile", "metrics", 1)]) == (2, 38)


def test_deep_nesting_is_bounded():
    deep = "[" * 60 + "'mae'" + "]" * 60
    got = data(f"import keras\nm.compile(loss='mse', metrics={deep})")
    assert got[0]["compile"]["loss"] == "mse"
