"""Public Keras code that trains must not get errors: patterns found in keras-team/keras's own tests
(models/model_test.py, optimizers/multi_optimizer_test.py) that compilecli once reported wrongly."""
import textwrap

from compilecli.checker import check_code
from compilecli.load.python_calls import load_python_text

DICT_MODEL = """
import keras
from keras import layers
x = keras.Input(shape=(3,), name="input_a")
output_a = layers.Dense(1, name="output_a")(x)
output_b = layers.Dense(1, name="output_b", activation="sigmoid")(x)
model = keras.Model(x, {OUTPUTS})
model.compile(optimizer="sgd", loss={LOSS})
"""


def codes(source, target="keras3"):
    loaded = load_python_text(textwrap.dedent(source), "train.py", target)
    return [(d.code, d.severity) for spec in loaded for d in check_code(spec, target, "train.py").diagnostics]


def model(outputs, loss):
    return DICT_MODEL.replace("{OUTPUTS}", outputs).replace("{LOSS}", loss)


def test_dict_outputs_with_a_loss_dict_that_leaves_one_out_trains_in_keras3():
    found = codes(model('{"output_a": output_a, "output_b": output_b}', '{"output_b": "binary_crossentropy"}'))
    assert found == [("CC403", "warning")]


def test_list_outputs_with_the_same_loss_dict_raise_in_keras3():
    found = codes(model("[output_a, output_b]", '{"output_b": "binary_crossentropy"}'))
    assert found == [("CC403", "error")]


def test_dict_outputs_pair_a_loss_list_in_sorted_name_order():
    source = model('{"output_b": output_b, "output_a": output_a}', '["binary_crossentropy", "mse"]')
    assert ("CC401", "warning") in codes(source)       # output_a gets binary_crossentropy, written order says b
    assert codes(model('{"output_a": output_a, "output_b": output_b}', '["mse", "binary_crossentropy"]')) == []


def test_a_nested_loss_structure_for_unknown_outputs_is_not_a_config():
    source = """
    import keras
    model = build()
    model.compile(optimizer="sgd", loss={"a": [loss_a, {"b1": loss_b}], "b": "mse"})
    """
    assert codes(source) == []


def test_the_first_positional_argument_is_learning_rate_only_where_it_is():
    source = """
    import keras
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam()), loss="mse")
    model.compile(optimizer=keras.optimizers.MultiOptimizer(keras.optimizers.OptimizerMap()), loss="mse")
    """
    assert codes(source) == []
    assert codes("import keras\nmodel.compile(optimizer=keras.optimizers.Adam('fast'), loss='mse')\n") == [
        ("CC302", "error")]


def test_a_parameter_default_of_a_function_the_file_never_calls_is_not_followed():
    """tf-keras benchmarks/benchmark_util.py: `def measure_performance(..., optimizer=None)` compiles with
    whatever its callers (in other files) pass; the default None is not what compile gets."""
    library = """
    import tensorflow as tf
    def measure(model_fn, optimizer=None, loss=None):
        model = model_fn()
        model.compile(optimizer=optimizer, loss=loss)
    """
    assert codes(library, "tf2") == []
    script = textwrap.dedent(library) + "measure(build)\n"
    assert ("CC301", "error") in codes(script, "tf2")     # called here without it: compile gets None


def test_a_legacy_optimizer_imported_from_its_module_file_is_the_legacy_class():
    """tf-keras distribute_strategy_test.py: `from tf_keras.optimizers.legacy import gradient_descent`;
    the legacy SGD takes gradient_transformers (**kwargs of OptimizerV2), the new one does not."""
    source = """
    import tensorflow as tf
    from tensorflow.keras.optimizers.legacy import gradient_descent
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(gradient_descent.SGD(1.0, gradient_transformers=[]), "mae")
    """
    assert codes(source, "tf2") == []


def test_a_v1_optimizer_is_not_read_as_the_current_class():
    source = """
    import tensorflow as tf
    from tf_keras.optimizers import optimizer_v1
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=optimizer_v1.RMSprop(lr=0.0001))
    """
    assert codes(source, "tf2") == []


def test_loss_none_in_code_is_an_add_loss_model_like_no_loss():
    source = """
    import tensorflow as tf
    a = tf.keras.Input(shape=(3,))
    out = tf.keras.layers.Dense(4, name="dense_1")(a)
    model = tf.keras.Model(a, out)
    model.add_loss(tf.reduce_mean(out))
    loss = None
    model.compile("rmsprop", loss, metrics=["mae"])
    """
    assert codes(source, "tf2") == []


def test_calls_on_the_graph_mode_loop_are_not_checked():
    """tf-keras engine/training_test.py compiles with target_tensors inside `with tf.Graph().as_default():`,
    where tf.keras 2.x trains with its TF1 loop; eager TF 2.15 raises on the same call."""
    call = 'model.compile(optimizer="rmsprop", loss="mse", target_tensors=[target])'
    graph = f"""
    import tensorflow as tf
    with tf.Graph().as_default(), session():
        model = tf.keras.Sequential([tf.keras.layers.Dense(4)])
        {call}
    """
    assert codes(graph, "tf2") == []
    switched = f"""
    import tensorflow as tf
    tf.compat.v1.disable_eager_execution()
    model = tf.keras.Sequential([tf.keras.layers.Dense(4)])
    {call}
    """
    assert codes(switched, "tf2") == []
    eager = f"""
    import tensorflow as tf
    model = tf.keras.Sequential([tf.keras.layers.Dense(4)])
    {call}
    """
    assert codes(eager, "tf2") == [("CC601", "error")]


def test_a_registered_custom_object_name_is_not_judged():
    """tensorflow_addons losses/tests/focal_loss_test.py: loss="Addons>sigmoid_focal_crossentropy", a name
    the package registers with register_keras_serializable(package="Addons") when it is imported."""
    source = """
    import tensorflow as tf
    model = tf.keras.Sequential([tf.keras.Input(shape=(100,)), tf.keras.layers.Dense(5, activation="softmax")])
    model.compile(loss="Addons>sigmoid_focal_crossentropy")
    model.compile(loss="sigmoid_focal_crossentropyy")
    """
    assert codes(source, "tf2") == [("CC202", "error")]


def test_keras_own_package_prefix_is_not_a_registration():
    """`keras>Adam` raises in both targets ('Could not interpret optimizer identifier'): no package
    registers under Keras's own name, so code gets the error too."""
    assert codes("import keras\nmodel.compile(optimizer='keras>Adam', loss='mse')\n", "keras3") == [("CC201", "error")]
