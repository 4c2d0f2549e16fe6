"""Public Keras code that trains must not get errors: patterns from a wild sample of public repositories
(notes: real-code-3) that compilecli once reported wrongly, each next to the true finding it must keep."""
import textwrap

from compilecli.checker import check_code
from compilecli.load.python_calls import load_python_text


def loaded(source, target):
    return load_python_text(textwrap.dedent(source), "train.py", target)


def codes(source, target="keras3"):
    return [(d.code, d.severity) for spec in loaded(source, target)
            for d in check_code(spec, target, "train.py").diagnostics]


SCHEDULE = """
import tensorflow as tf
from tensorflow import keras
global_batch = local_batch * strategy.num_replicas_in_sync
base_lr = 0.007 * global_batch / 16
lr_decay = keras.optimizers.schedules.PiecewiseConstantDecay(boundaries={B}, values={V})
model = keras.Sequential([keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr_decay, momentum=0.9), loss="mse")
"""


def schedule(boundaries, values):
    return SCHEDULE.replace("{B}", boundaries).replace("{V}", values)


def test_a_config_list_with_an_unread_item_is_not_read_as_a_shorter_list():
    """keras-cv examples/training/semantic_segmentation/pascal_voc/basic_training.py trains (checked in
    Keras 3.15.1): its lists were read as [] and reported as CC316 errors."""
    source = schedule("[30000 * 16 / global_batch]", "[base_lr, 0.1 * base_lr]")
    for target in ("keras3", "tf2"):
        assert codes(source, target) == []
    skipped = loaded(source, "keras3")[0].code["skipped"]
    assert {"optimizer.config.learning_rate.config.boundaries", "list_item"} <= {
        value for row in skipped for value in (row["argument"], row["why"])}


def test_a_config_list_read_whole_is_still_checked():
    assert ("CC316", "error") in codes(schedule("[10, 20]", "[0.1, 0.01]"))
    assert codes(schedule("[10, 20]", "[0.1, 0.01, 0.001]")) == []


def test_compile_lists_keep_the_items_they_read():
    source = """
    import keras
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse", metrics=[my_metric, "mae", "maee", other])
    """
    assert ("CC203", "error") in codes(source)
    skipped = loaded(source, "keras3")[0].code["skipped"]
    assert [row["argument"] for row in skipped] == ["metrics[0]", "metrics[3]"]   # where they stand in the file


def test_a_config_list_of_the_users_own_objects_stays_identified():
    """tf-keras distribute_strategy_test.py: SGD(1.0, gradient_transformers=[custom_transform])."""
    source = """
    import tensorflow as tf
    from tensorflow.keras.optimizers.legacy import gradient_descent
    def custom_transform(grads_and_vars):
        return grads_and_vars
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(gradient_descent.SGD(1.0, gradient_transformers=[custom_transform]), "mae")
    """
    code = loaded(source, "tf2")[0].code
    assert [(row["argument"], row["why"]) for row in code["skipped"]] == [
        ("optimizer.config.gradient_transformers", "user_defined")]


# ---------------------------------------------------------------- notebooks carry their outputs
def _notebook(tmp_path, code, output_bytes):
    import json
    image = {"output_type": "display_data", "data": {"image/png": "A" * output_bytes}, "metadata": {}}
    cell = {"cell_type": "code", "source": code, "metadata": {}, "outputs": [image], "execution_count": 1}
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return str(path)


TRAINS = "import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\nmodel.compile(optimizer='adamm', loss='mse')\n"


def test_a_notebook_larger_than_a_spec_because_of_its_outputs_is_read(tmp_path):
    """quangtiencs/keras3-inside-deep-learning Chapter_02.ipynb (2.4 MB of plots) was CC102, exit 2."""
    from compilecli.checker import check_file
    from compilecli.load import limits
    path = _notebook(tmp_path, TRAINS, limits.MAX_BYTES + 10)
    found = [d.code for r in check_file(path, "keras3") for d in r.diagnostics]
    assert found == ["CC201"]                       # its code is checked: the typo 'adamm' is found


def test_a_notebook_over_the_notebook_limit_is_cc102(tmp_path, monkeypatch):
    from compilecli.checker import check_file
    from compilecli.load import limits
    monkeypatch.setattr(limits, "MAX_NOTEBOOK_BYTES", 5000)
    (result,) = check_file(_notebook(tmp_path, TRAINS, 6000), "keras3")
    assert [(d.code, d.key) for d in result.diagnostics] == [("CC102", "codes.CC102.notebook")]
    assert dict(result.diagnostics[0].arguments)["limit"] == 5000


def test_code_cells_over_the_code_limit_are_cc102(tmp_path, monkeypatch):
    from compilecli.checker import check_file
    from compilecli.load import limits
    monkeypatch.setattr(limits, "MAX_BYTES", 200)
    (result,) = check_file(_notebook(tmp_path, TRAINS * 3, 10), "keras3")
    assert [(d.code, d.key) for d in result.diagnostics] == [("CC102", "codes.CC102.notebook_code")]
