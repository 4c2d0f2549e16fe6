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


@pytest.mark.parametrize("target", ["keras3", "tf2", "keras2"])
def test_optimizer_get_folds_case(cat, target):
    """optimizers.get() lower-cases a name it knows in lower case (probed: keras3, tf2; read off
    2.3.1's deserialize() for keras2); names() stays the probed spellings, for did-you-mean."""
    t = cat.target(target)
    assert t.case_insensitive("optimizer") and t._facts["kinds"]["optimizer"]["case_insensitive"] is True
    for n in ("aDam", "sGD", "RMSProp", "nAdam"):
        assert t.resolve("optimizer", n).canonical == {"RMSProp": "RMSprop", "sGD": "SGD",
                                                       "aDam": "Adam", "nAdam": "Nadam"}[n]
    assert "aDam" not in t.names("optimizer") and "sGD" not in t.names("optimizer")
    assert t.resolve("optimizer", "aDamm") is None
    for kind in ("loss", "metric", "schedule"):
        assert not t.case_insensitive(kind) and t.case_folded(kind) == {}


def test_case_folding_follows_the_names_each_target_has(cat):
    k3, tf2 = cat.target("keras3"), cat.target("tf2")
    assert k3.resolve("optimizer", "AdaFactor").canonical == "Adafactor"
    assert k3.resolve("optimizer", "LiOn").canonical == "Lion"
    # tf.keras 2.15's get() knows no Adafactor / AdamW / Lion by name, in any case
    assert tf2.resolve("optimizer", "AdaFactor") is None and tf2.resolve("optimizer", "ADAMW") is None
    assert cat.target("keras2").resolve("optimizer", "tfOptimizer").canonical == "TFOptimizer"
    # the evidence: random-case spellings nobody wrote down, as get() answered them
    probes = k3._facts["kinds"]["optimizer"]["case_probes"]
    assert probes and all(v == k3.resolve("optimizer", n).canonical for n, v in probes.items())
    assert all(v.startswith("error") for v in k3._facts["kinds"]["loss"]["case_probes"].values())


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


def test_ranges_checked_against_keras_constructors(cat, k3):
    """Review findings, each verified against Keras 3.15 / tf.keras 2.15 constructors."""
    tf2 = cat.target("tf2")
    for t in (k3, tf2):
        lion = t.entry("optimizer", "Lion").args["beta_1"]
        assert not lion.range.contains(0.0) and lion.range.contains(1.0) and not lion.warn_only
        r2 = t.entry("metric", "R2Score").args["num_regressors"]
        assert not r2.range.contains(-1) and r2.range.contains(0) and not r2.warn_only
        ema = t.entry("optimizer", "Adam").args["ema_overwrite_frequency"]
        assert ema.range.contains(0) and not ema.range.contains(-1)
        assert ema.warn_only and dict(ema.error_when) == {"use_ema": True}
        iav = t.entry("optimizer", "Adagrad").args["initial_accumulator_value"]
        assert iav.warn_only and not iav.range.contains(-1.0)
        assert not t.entry("optimizer", "Ftrl").args["initial_accumulator_value"].warn_only
    assert not tf2.entry("optimizer", "legacy.Adagrad").args["initial_accumulator_value"].warn_only
    assert not tf2.entry("optimizer", "legacy.SGD").args["momentum"].warn_only
    assert tf2.entry("schedule", "ExponentialDecay").args["decay_steps"].warn_only   # tf2: NaN, no raise
    assert not k3.entry("schedule", "ExponentialDecay").args["decay_steps"].warn_only
