"""Classes of false errors and gaps found on public code compilecli was never tuned on (session 2):
module aliases (``keras = tf.keras``), arithmetic on followed names, third-party attributes,
Keras re-exported by other packages, and pin files written as UTF-16."""
import textwrap

import pytest

from compilecli.load.python_calls import load_python_text


def one(source, target=None):
    (spec,) = load_python_text(textwrap.dedent(source).lstrip("\n"), "t.py", target)
    return spec


# ---------------------------------------------------------------- keras = tf.keras
def test_a_module_assigned_once_at_module_level_is_that_module(check_py, h):
    results = check_py("""
        import tensorflow as tf
        keras = tf.keras
        L = keras.layers
        model = keras.models.Sequential([L.Dense(1, input_shape=[30])])
        optimizer = keras.optimizers.SGD(lr=1e-5, momentum=0.9)
        model.compile(loss=keras.losses.Huber(), optimizer=optimizer, metrics=["mae"])
    """, "tf2")
    code = results[0].loaded.code
    assert code["arguments"] == {"loss": "read", "optimizer": "read", "metrics": "read"}
    assert code["outputs"]["inferred"] is True
    assert h.codes(results) == ["CC607"]            # tf.keras 2.15 drops `lr` (facts.tf2.json)


@pytest.mark.parametrize("binding", [
    "keras = tf.keras\nkeras = other",                      # reassigned
    "if tf:\n    keras = tf.keras",                         # in a branch
    "keras = tf.keras.losses.Huber",                        # a class, not a module: not an alias
    "keras = keras.layers",                                 # refers to itself
])
def test_a_module_alias_is_refused_unless_bound_once_to_a_module(binding):
    spec = one("import tensorflow as tf\nimport other\n" + binding + "\n"
               "model.compile(loss=keras.losses.Huber(), optimizer='adam')\n", "tf2")
    assert spec.code["arguments"]["loss"] != "read"


def test_a_module_alias_does_not_turn_a_tf_keras_file_into_standalone_keras():
    spec = one("import tensorflow as tf\nkeras = tf.keras\nmodel.compile(loss=keras.losses.Huber())\n")
    assert spec.code["target"] == {"target": "tf2", "why": "imports", "imports": "tensorflow.keras"}


# ---------------------------------------------------------------- lr * 0.5
def test_arithmetic_on_followed_names_is_read_and_points_at_the_expression(check_py, h):
    source = """
        from tensorflow.keras.optimizers import RMSprop
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Dense

        def build():
            lr = 2e-4
            decay = 6e-8
            model = Sequential([Dense(1)])
            model.compile(loss="mse", optimizer=RMSprop(learning_rate=lr * 0.5, momentum=-lr, rho=decay * 2))
    """
    results = check_py(source, "tf2")
    code = results[0].loaded.code
    assert code["arguments"]["optimizer"] == "read"
    assert {f["name"] for f in code["followed"]} == {"lr", "decay"}
    (diag,) = results[0].diagnostics                 # momentum < 0: outside the useful range
    written = textwrap.dedent(source).lstrip("\n")
    assert (diag.code, h.text_at(written, diag.span, 3)) == ("CC306", "-lr")


@pytest.mark.parametrize("setup,why", [
    ("lr = 1e-3\nif flag:\n    lr = 1e-2\n", "branch"),
    ("lr = 'fast'\n", "not_literal"),               # arithmetic on a str is not read as a number
    ("lr = get_lr()\n", "call"),
])
def test_arithmetic_on_a_name_that_cannot_be_followed_is_skipped(setup, why):
    spec = one("import keras\n" + setup + "model.compile(optimizer=keras.optimizers.Adam(lr * 2), loss='mse')\n",
               "keras3")
    (skip,) = spec.code["skipped"]
    assert skip["argument"] == "optimizer.config.learning_rate" and skip["why"] == why


# ---------------------------------------------------------------- other packages' attributes
def test_an_attribute_of_a_third_party_import_is_identified_not_skipped():
    spec = one("""
        import tensorflow as tf
        import my_losses
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(loss=my_losses.focal, optimizer="adam")
    """)
    assert spec.code["arguments"]["loss"] == "identified"
    assert spec.code["skipped"][0]["why"] == "third_party"


def test_keras_re_exported_by_tfmot_is_keras():
    spec = one("""
        import tensorflow_model_optimization as tfmot
        from tensorflow_model_optimization.python.core.keras.compat import keras
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer="adam")
    """)
    assert spec.code["receiver"]["kind"] == "keras" and spec.code["checked"] == "full"
    assert spec.code["arguments"]["loss"] == "read" and spec.code["outputs"]["inferred"] is True


# ---------------------------------------------------------------- pins
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_pin_files_with_a_byte_order_mark_are_read(tmp_path, encoding):
    (tmp_path / ".git").mkdir()
    text = "name: tensorflow\ndependencies:\n  - pip:\n    - keras==2.2.4\n"
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    (tmp_path / "environment.yml").write_bytes(raw)
    script = tmp_path / "train.py"
    script.write_text("import keras\nmodel.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss='mse')\n")
    from compilecli.checker import check_file
    from compilecli.load.python_calls.target import pins_near
    pins_near.cache_clear()
    (result,) = check_file(str(script))
    assert result.target == "keras2" and result.diagnostics == []
    assert result.loaded.code["target"]["pin"] == "keras==2.2"
