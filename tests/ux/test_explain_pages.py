"""issue 13: object pages show the target's own class; spec pages keep old argument names; one `lr` story."""
import pytest
from click.testing import CliRunner

from compilecli import i18n
from compilecli.cli import main


def explain(*args):
    result = CliRunner().invoke(main, ["explain", *args, "--plain"], env={"NO_COLOR": "1", "COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def row(out, name):
    """The row of a table (grid) or its block (first line and the meaning below it)."""
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(name + " "))
    block = [lines[at]] + [line for line in lines[at + 1:at + 4] if line.startswith("      ")][:2]
    return " ".join(block)


def argument_names(out):
    """First column of the arguments table."""
    table = out.split("\n\n")[-1].splitlines()[2:]
    return {line.split()[0] for line in table if line.strip()}


def test_keras2_adam_shows_keras2_arguments():
    names = argument_names(explain("adam", "--target", "keras2"))
    assert {"learning_rate", "decay", "lr"} <= names
    assert not {"use_ema", "weight_decay", "ema_momentum"} & names


def test_keras3_adam_has_no_keras2_arguments():
    out = explain("adam")
    assert "use_ema" in argument_names(out)
    decay = row(out, "decay")
    assert "dropped" in decay and "(write" not in decay     # Keras 3 warns and ignores decay


def test_keras2_defaults_are_keras2s():
    out = explain("adagrad", "--target", "keras2")
    assert " 0.01 " in row(out, "learning_rate")    # Keras 2.3.1's Adagrad default, not Keras 3's 0.001


def test_tf2_page_says_a_spec_builds_the_legacy_optimizer():
    assert "legacy.Adam" in explain("adam", "--target", "tf2")


def test_spec_page_keeps_legacy_arguments(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("target: tf2\ncompile:\n  optimizer: {class_name: Adam, config: {lr: 0.01, decay: 0.001}}\n")
    out = explain(str(spec))
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ") and line.split()}
    assert "lr" in rows and "0.01" in rows["lr"]
    assert "decay" in rows and "0.001" in rows["decay"]
    assert "0.01" in rows["learning_rate"] and "`lr`" in rows["learning_rate"]   # legacy.Adam applies it


def test_spec_page_keras3_says_lr_is_rejected(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("compile:\n  optimizer: {class_name: Adam, config: {lr: 0.01}}\n")
    out = explain(str(spec))
    assert "keras3" in row(out, "lr")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_lr_story_on_every_page(lang):
    story = i18n.text("story.lr", lang)
    first = story.split("\n")[0][:40]
    for topic in ("lr", "CC603", "CC607", "optimizer"):
        out = " ".join(explain(topic, "--lang", lang).split())
        assert " ".join(first.split()) in out, topic


def test_lr_page_separates_tf2_constructors_from_spec_dicts():
    out = explain("lr")
    tf2 = [line for line in out.splitlines() if line.strip().startswith("tf2")]
    assert len(tf2) == 2
    assert any("dropped" in line for line in tf2) and any("takes effect" in line for line in tf2)


def test_compile_page_in_signature_order():
    from compilecli.catalogue import load_catalogue
    out = explain("compile")
    signature = [n for n in load_catalogue().target("keras3").compile_signature
                 if n in load_catalogue().target("keras3").compile_params]
    positions = [out.index(f"\n  {name} ") for name in signature]
    assert positions == sorted(positions)


def test_object_pages_link_to_the_docs():
    assert "https://keras.io/api/optimizers/adam/" in explain("adam")
    assert "tensorflow.org" in explain("adam", "--target", "tf2")
    assert "probabilistic_losses/#categoricalcrossentropy-class" in explain("CategoricalCrossentropy")
