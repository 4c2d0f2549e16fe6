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
    lines = result.output.splitlines()
    heading = "model.compile()" if topic == "compile" else f"compile({topic.lstrip('*')}=...)"
    assert lines[0] == heading and set(lines[1]) == {"="}
    assert lines[2] == "Summary:" and lines[3].strip()
    flat = " ".join(result.output.split())
    if topic == "compile":     # the page lists every argument of compile()'s signature
        from compilecli.catalogue import load_catalogue
        assert all(f"`{name}`" in flat or name in flat for name in load_catalogue().target().compile_signature)
    else:                      # and each parameter page says what each target does with it
        targets = _section(flat, "Targets:")
        assert [entry.split(":")[0] for entry in targets] == ["keras3", "tf2", "keras2"]


def _section(flat: str, title: str):
    """The " / "-separated entries of a plain page's section, up to the next "Title:"."""
    import re
    body = flat.split(title, 1)[1]
    body = re.split(r" [A-Z][a-z]+( [a-z]+)*:( |$)", body, maxsplit=1)[0]
    return [entry.strip() for entry in body.split(" / ")]


def test_optimizer_default_is_rmsprop_and_not_required():
    from compilecli.catalogue import load_catalogue
    flat = " ".join(explain("optimizer").output.split())
    assert "rmsprop" in flat
    entries = dict(entry.split(":", 1) for entry in _section(flat, "Targets:"))
    assert "optional" in entries["keras3"] and "optional" in entries["tf2"]
    assert "required" in entries["keras2"] and "optional" not in entries["keras2"]
    catalogue = load_catalogue()   # the page says what the facts say
    assert [catalogue.target(t).compile_params["optimizer"].required for t in ("keras3", "tf2", "keras2")] == \
        [False, False, True]


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
