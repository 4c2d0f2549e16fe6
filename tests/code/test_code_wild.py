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


# ---------------------------------------------------------------- a loss in metrics=[...] is the loss
LOSS_METRICS = """
import keras
from keras.losses import huber
model = keras.Sequential([keras.layers.Dense(2)])
model.compile(optimizer="adam", loss="mse", metrics=[{METRICS}])
"""


def test_a_loss_object_in_metrics_is_the_loss_keras_wraps_not_the_metric_of_that_name():
    """quangtiencs/keras3-inside-deep-learning Chapter_07.ipynb: metrics=[keras.losses.MeanSquaredError(
    reduction="mean")] trains (tools/probes/public_code.*.txt); it was CC206 (the metric has no reduction)."""
    metrics = 'keras.losses.MeanSquaredError(reduction="mean"), keras.losses.Huber(delta=2.0), huber, "mae"'
    source = LOSS_METRICS.replace("{METRICS}", metrics)
    for target in ("keras3", "tf2"):
        assert codes(source, target) == []
    code = loaded(source, "keras3")[0].code
    assert [row["why"] for row in code["skipped"]] == ["loss_as_metric"] * 3
    from compilecli.load.python_calls.coverage import arguments
    assert arguments(code) == (3, 3)                      # identified: accounted for, not guessed at


def test_the_metric_class_and_a_string_name_are_still_checked_as_metrics():
    assert codes(LOSS_METRICS.replace("{METRICS}", 'keras.metrics.MeanSquaredError(reduction="sum")')) == [
        ("CC206", "error")]
    assert ("CC203", "error") in codes(LOSS_METRICS.replace("{METRICS}", '"huber"'))


def probe_rows(target):
    import os
    path = os.path.join(os.path.dirname(__file__), "..", "..", "tools", "probes", f"public_code.{target}.txt")
    with open(path, encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split(": ", 1) for line in handle if not line.startswith("#"))


def test_the_probe_says_what_the_reader_and_the_rule_assume():
    for target in ("keras3", "tf2"):
        rows = probe_rows(target)
        losses = [result for name, result in rows.items() if name.startswith("loss_as_metric.losses.")]
        assert len(losses) == 5 and all(result.startswith("trains") for result in losses)
        assert rows["loss_as_metric.string 'huber'"].startswith("raises")
        assert rows["loss_as_metric.metrics.MeanSquaredError(reduction='sum')"].startswith("raises construct")
        empty = [result for name, result in rows.items() if name.startswith("empty_metric_lists.") and "[]" in name]
        assert len(empty) == 2 and all(result.startswith("trains") for result in empty)
    assert probe_rows("keras3")["empty_metric_lists.weighted_metrics=['mae']"].startswith("raises fit")


def test_an_empty_metric_list_on_a_multi_output_model_is_no_flat_list():
    """`weighted_metrics=[]` beside a multi-output loss trains (tools/probes/public_code.*.txt); it was
    CC402 "a flat list with 3 outputs" in keras3. A non-empty flat list still raises there."""
    source = """
    import keras
    inp = keras.Input((4,))
    model = keras.Model(inp, [keras.layers.Dense(1)(inp), keras.layers.Dense(1)(inp), keras.layers.Dense(1)(inp)])
    model.compile("adam", loss="mse", metrics=[], weighted_metrics={WEIGHTED})
    """
    assert codes(source.replace("{WEIGHTED}", "[]")) == []
    assert codes(source.replace("{WEIGHTED}", '["mae"]')) == [("CC402", "error")]
    assert codes(source.replace("{WEIGHTED}", '["mae"]'), "tf2") == []


def test_a_cosine_warm_up_from_zero_is_no_useless_learning_rate():
    """CosineDecay(initial_learning_rate=0.0, warmup_target=...) is how Keras's docstring writes a warm-up
    (tools/probes/public_code.*.txt: the rate climbs to the target, Adam trains); it was CC306."""
    source = """
    import keras
    schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.0, decay_steps=1000{WARMUP})
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule), loss="mse")
    """
    for target in ("keras3", "tf2"):
        assert codes(source.replace("{WARMUP}", ", warmup_target=1e-3, warmup_steps=100"), target) == []
        assert codes(source.replace("{WARMUP}", ""), target) == [("CC306", "warning")]   # 0.0 all along
        assert probe_rows(target)["warmup_from_zero.CosineDecay"].startswith("trains: rate at step 0: 0.000000, 50: 0.0005")
