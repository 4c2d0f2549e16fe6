"""`compilecli check --fix / --diff` through the command line, and the re-check through the
checker's own filters (select/ignore, inline suppressions)."""
import pytest
from click.testing import CliRunner

pytest.importorskip("compilecli.config")
pytest.importorskip("compilecli.checker.run")

from compilecli.checker.run import run_check  # noqa: E402
from compilecli.cli import main  # noqa: E402
from compilecli.config import CheckOptions  # noqa: E402
from compilecli.fix import fix_report  # noqa: E402
from fixhelpers import codes  # noqa: E402

LEGACY = ("# from an old tutorial\ncompile:\n  optimizer:\n    class_name: Adam\n    config:\n"
          "      lr: 1e-3   # learning rate\n      decay: 0.0001\n  loss: mse\n  sample_weight_mode: temporal\n")
LEGACY_FIXED = ("# from an old tutorial\ncompile:\n  optimizer:\n    class_name: Adam\n    config:\n"
                "      learning_rate: 1.0e-3   # learning rate\n  loss: mse\n")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_fix_writes_and_exits_0_when_everything_was_fixed(tmp_path):
    spec = tmp_path / "legacy.yaml"
    spec.write_text(LEGACY)
    assert run("check", str(spec)).exit_code == 1
    result = run("check", "--fix", str(spec))
    assert result.exit_code == 0, result.output
    assert spec.read_text() == LEGACY_FIXED
    assert "Fixed 4 problems in 1 file." in result.output
    assert "InverseTimeDecay" in result.output
    assert "All checks passed" in result.output
    again = run("check", "--fix", "--diff", str(spec))
    assert again.exit_code == 0 and "---" not in again.output and spec.read_text() == LEGACY_FIXED


def test_diff_alone_prints_the_patch_and_leaves_the_file(tmp_path):
    spec = tmp_path / "legacy.yaml"
    spec.write_text(LEGACY)
    result = run("check", "--diff", str(spec))
    assert result.exit_code == 1                       # the file still has the problems
    assert spec.read_text() == LEGACY
    assert "-      lr: 1e-3   # learning rate\n" in result.output
    assert "+      learning_rate: 1.0e-3   # learning rate\n" in result.output
    assert "-  sample_weight_mode: temporal\n" in result.output
    assert result.output.rstrip().endswith("4 problems in 1 file can be fixed automatically: run again with --fix.")


def test_fix_and_diff_together_write_and_print(tmp_path):
    spec = tmp_path / "legacy.yaml"
    spec.write_text(LEGACY)
    result = run("check", "--fix", "--diff", "--lang", "zh", str(spec))
    assert result.exit_code == 0
    assert spec.read_text() == LEGACY_FIXED
    assert "+++ b/" in result.output and "已修复 1 个文件中的 4 个问题。" in result.output


def test_remaining_problems_keep_exit_1(tmp_path):
    spec = tmp_path / "mixed.yaml"
    spec.write_text("compile:\n  optimizer: adamm\n  loss: mse\n  run_eagerly: no\n")
    result = run("check", "--fix", str(spec))
    assert result.exit_code == 1
    assert "run_eagerly: false" in spec.read_text() and "CC201" in result.output and "CC112" not in result.output


def test_recheck_uses_the_checkers_filters(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("model:\n  outputs:\n    - {name: out, units: 3, activation: softmax, labels: sparse}\n"
                    "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}\n"
                    "  loss: categorical_crossentropy   # compilecli: ignore[CC501]\n"
                    "  run_eagerly: yes\n")
    options = CheckOptions(ignore=("CC112",))
    report = run_check((str(spec),), options)
    assert codes(report) == ["CC603"]
    _, fixed = fix_report(report, options, write=True, echo=False)
    # lr is fixed; the ignored CC112 is not touched; the suppressed CC501 stays suppressed
    assert codes(fixed) == [] and fixed.exit_code() == 0
    text = spec.read_text()
    assert "learning_rate: 0.1" in text and "run_eagerly: yes" in text


def test_suppressed_problems_are_not_fixed(tmp_path):
    spec = tmp_path / "spec.yaml"
    original = "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}   # compilecli: ignore[CC603]\n  loss: mse\n"
    spec.write_text(original)
    result = run("check", "--fix", str(spec))
    assert result.exit_code == 0 and spec.read_text() == original


def test_code_files_are_never_rewritten(tmp_path):
    script = tmp_path / "train.py"
    original = ("import keras, keras.ops\nmodel = keras.Sequential()\n"
                "model.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss='mse')\n")
    script.write_text(original)
    result = run("check", "--fix", str(script))
    assert script.read_text() == original
    assert result.exit_code == 1


def test_ignoring_duplicate_keys_does_not_make_a_file_fixable(tmp_path):
    spec = tmp_path / "dup.yaml"
    original = "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}\n  optimizer: {class_name: Adam, config: {lr: 0.2}}\n"
    spec.write_text(original)
    run("check", "--fix", "--ignore", "CC110", str(spec))
    assert spec.read_text() == original
