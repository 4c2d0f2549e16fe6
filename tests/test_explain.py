"""`compilecli explain`: every kind of topic, both languages, plain output when piped."""
import pytest
from click.testing import CliRunner

from compilecli.cli import main
from compilecli.codes import CODES


def explain(*args):
    return CliRunner().invoke(main, ["explain", *args], env={"NO_COLOR": "1"})


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_page(code):
    result = explain(code)
    assert result.exit_code == 0
    assert result.output.startswith(code)


def test_codes_are_case_insensitive():
    assert explain("cc501").exit_code == 0


@pytest.mark.parametrize("topic", ["optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
                                   "steps_per_execution", "jit_compile", "auto_scale_loss", "sample_weight_mode",
                                   "target_tensors", "kwargs", "**kwargs", "compile"])
def test_compile_parameters(topic):
    result = explain(topic)
    assert result.exit_code == 0, result.output
    assert "compile" in result.output


def test_optimizer_default_is_rmsprop_and_not_required():
    out = explain("optimizer").output
    assert "rmsprop" in out


def test_sample_weight_mode_says_it_is_gone_from_keras3():
    out = explain("sample_weight_mode").output
    assert "keras3" in out and "not accepted" in out


@pytest.mark.parametrize("name,canonical", [("adam", "Adam"), ("ADAM", "Adam"), ("auc", "AUC"), ("mse", "MeanSquaredError"),
                                            ("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"),
                                            ("CosineDecay", "CosineDecay")])
def test_objects_by_any_name(name, canonical):
    result = explain(name)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(canonical)


def test_object_page_lists_arguments_with_defaults():
    out = explain("adam").output
    assert "beta_1" in out and "0.9" in out and "[0, 1)" in out


def test_both_languages():
    out = explain("adam", "--lang", "both").output
    assert "Arguments" in out and "参数" in out


def test_chinese():
    out = explain("loss", "--lang", "zh").output
    assert "损失函数" in out


def test_spec_file(root):
    result = explain(str(root / "samples" / "mnist_classifier.yaml"))
    assert result.exit_code == 0
    assert "learning_rate" in result.output and "0.001" in result.output


def test_unknown_topic_suggests_and_exits_2():
    result = explain("adamm")
    assert result.exit_code == 2
    assert "adam" in result.output


def test_old_argument_names_have_a_page_per_target():
    out = explain("lr").output
    assert "learning_rate" in out and "keras3" in out and "tf2" in out


def test_ignored_compile_keyword_is_shown_as_such():
    assert "accepted and ignored" in explain("sample_weight_mode").output   # tf.keras 2.x
