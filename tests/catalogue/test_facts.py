"""A few key facts, as Keras itself reported them."""
import pytest

from compilecli.catalogue import load_catalogue


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.fixture(scope="module")
def k3(cat):
    return cat.target("keras3")


def test_keras3_compile_defaults(k3):
    assert k3.version.startswith("3.")
    p = k3.compile_params
    assert p["optimizer"].default == "rmsprop"
    assert p["loss"].default is None
    assert p["jit_compile"].default == "auto"
    assert p["steps_per_execution"].default == 1
    assert "sample_weight_mode" not in p and not k3.compile_accepts_kwargs


def test_removed_compile_params(cat):
    assert cat.targets_with_param("sample_weight_mode") == ("keras2",)
    swm = cat.legacy_compile_params["sample_weight_mode"]
    assert swm.since == "keras2" and swm.removed_in == "tf2"
    assert cat.legacy_compile_params["auto_scale_loss"].since == "keras3"
    assert cat.target("keras2").compile_params["optimizer"].required
    assert cat.target("tf2").compile_legacy("sample_weight_mode").status == "ok"
    assert cat.target("keras3").compile_legacy("sample_weight_mode").status == "error"


def test_lr_is_an_error_in_keras3_adam(k3):
    lr = k3.legacy_args("optimizer", "Adam")["lr"]
    assert lr.status == "error" and lr.replaced_by == "learning_rate"
    assert k3.legacy_args("optimizer", "Adam")["decay"].status == "warning"


def test_lr_in_tf2(cat):
    tf2 = cat.target("tf2")
    assert tf2.legacy_args("optimizer", "Adam")["lr"].status == "warning"
    assert tf2.legacy_args("optimizer", "Adam")["decay"].status == "error"
    assert "decay" in tf2.entry("optimizer", "legacy.Adam").args


def test_optimizer_names_are_case_insensitive_in_keras3(k3):
    for n in ("adam", "Adam", "ADAM"):
        assert k3.resolve("optimizer", n).canonical == "Adam"
    assert k3.resolve("optimizer", "lamb") is None       # keras.optimizers.Lamb exists, get() rejects it


def test_loss_names_are_case_sensitive(k3):
    assert k3.resolve("loss", "mse").canonical == "mean_squared_error"
    assert k3.resolve("loss", "MSE").canonical == "mean_squared_error"
    assert k3.resolve("loss", "Mse") is None
    assert k3.resolve("loss", "MeanSquaredError").canonical == "MeanSquaredError"
    assert k3.resolve("loss", "meansquarederror") is None
    assert k3.resolve("loss", "mean_squared_error").class_equivalent == "MeanSquaredError"


def test_accuracy_is_resolved_by_compile(cat, k3):
    acc = k3.resolve("metric", "ACC")
    assert acc.canonical == "@accuracy"
    assert dict(acc.resolves_to)["binary"] == "BinaryAccuracy"
    assert cat.target("keras2").resolve("metric", "ACC") is None     # 2.3.1: exact case
    assert cat.target("keras2").resolve("metric", "acc").canonical == "@accuracy"
    assert k3.resolve("loss", "CE").canonical == "@crossentropy"


def test_clip_conflicts(cat, k3):
    assert k3.conflicts("optimizer", "Adam") == (("clipnorm", "clipvalue", "global_clipnorm"),)
    assert cat.target("tf2").conflicts("optimizer", "Adam") == (("clipnorm", "global_clipnorm"),)


def test_meaniou_needs_num_classes(k3):
    e = k3.resolve("metric", "MeanIoU")
    assert e.config_only and e.args["num_classes"].required


def test_schedules(k3, cat):
    e = k3.resolve("schedule", "PiecewiseConstantDecay")
    assert e.args["boundaries"].required and e.args["values"].length_of == ("boundaries", 1)
    assert k3.resolve("schedule", "exponential_decay") is None
    assert cat.target("keras2").names("schedule") == ()


def test_targets_with_object(cat):
    assert cat.targets_with_object("optimizer", "AdamW") == ("keras3", "tf2")
    assert cat.targets_with_object("optimizer", "adamw") == ("keras3",)   # tf2.15 get() rejects it
    assert "keras2" in cat.targets_with_object("loss", "logcosh")


def test_reduction_choices_per_target(cat, k3):
    assert "auto" not in k3.entry("loss", "BinaryCrossentropy").args["reduction"].choices
    assert "auto" in cat.target("tf2").entry("loss", "BinaryCrossentropy").args["reduction"].choices


def test_keras3_learning_rate_must_be_a_python_float(k3, cat):
    # Keras 3's base optimizer checks isinstance(learning_rate, float): an int raises.
    assert k3.probe("optimizer", "Adam", "learning_rate=1").startswith("error: ValueError")
    assert cat.target("tf2").probe("optimizer", "Adam", "learning_rate=1") == "ok"
