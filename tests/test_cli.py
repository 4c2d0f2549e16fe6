"""The command line as a user meets it: exit codes, formats, languages, stdin, folders."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from compilecli.cli import main
from procenv import environment  # noqa: E402 - one environment for every subprocess

CLEAN = "compile:\n  optimizer: adam\n  loss: mse\n"
BROKEN = "compile:\n  optimizer: adamm\n  loss: mse\n"
WARNS = "compile:\n  optimizer: adam\n  loss: mse\n  run_eagerly: no\n"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_clean_spec_exits_0(tmp_path):
    spec = tmp_path / "ok.yaml"
    spec.write_text(CLEAN)
    result = run("check", str(spec))
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output


def test_errors_exit_1_with_position(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text(BROKEN)
    result = run("check", str(spec))
    assert result.exit_code == 1
    assert f"{spec}:2:14: CC201 error unknown optimizer 'adamm'" in result.output
    assert "Did you mean 'adam'" in result.output


def test_warnings_pass_unless_strict(tmp_path):
    spec = tmp_path / "warn.yaml"
    spec.write_text(WARNS)
    assert run("check", str(spec)).exit_code == 0
    assert run("check", "--strict", str(spec)).exit_code == 1


def test_missing_file_exits_2(tmp_path):
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "CC100" in result.output


def test_empty_folder_exits_2(tmp_path):
    result = run("check", str(tmp_path))
    assert result.exit_code == 2


def test_folder_recurses_into_spec_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yml").write_text(CLEAN)
    (tmp_path / "two.json").write_text('{"compile": {"optimizer": "adamm"}}')
    (tmp_path / "notes.txt").write_text("not a spec")
    result = run("check", "--format", "json", str(tmp_path))
    doc = json.loads(result.output)
    assert doc["summary"] == {"files": 2, "specs": 2, "errors": 1, "warnings": 0, "skipped": 0}
    assert result.exit_code == 1


def test_stdin(tmp_path):
    result = run("check", "-", input=BROKEN)
    assert result.exit_code == 1
    assert "<stdin>:2:14: CC201" in result.output


def test_json_keys_stay_english_in_chinese(tmp_path):
    result = run("check", "--format", "json", "--lang", "zh", "-", input=BROKEN)
    doc = json.loads(result.output)
    diag = doc["files"][0]["diagnostics"][0]
    assert set(diag) >= {"code", "severity", "line", "column", "message", "hint", "spec_path"}
    assert diag["code"] == "CC201" and diag["line"] == 2 and diag["spec_path"] == "compile.optimizer"
    assert "优化器" in diag["message"]


def test_target_flag_overrides_spec():
    spec = "target: keras2\ncompile:\n  optimizer: adam\n  jit_compile: true\n"
    assert run("check", "-", input=spec).exit_code == 1
    assert run("check", "--target", "keras3", "-", input=spec).exit_code == 0


def test_bad_option_is_a_usage_error():
    assert run("check", "--format", "xml", "-", input=CLEAN).exit_code == 2


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "compilecli" in result.output


def test_check_does_not_import_numpy_rich_or_the_server(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(CLEAN)
    code = ("import sys; from compilecli.cli import main\n"
            "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('numpy', 'rich', 'compilecli.numerics', 'compilecli.smoke', 'compilecli.server',\n"
            "                         'pygls', 'lsprotocol') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(spec)], capture_output=True, text=True, check=True, env=environment())
    assert out.stdout.strip().splitlines()[-1] == "[]"


# What each shipped sample is for: clean ones pass, broken ones fail, warning-only ones pass.
SAMPLE_EXIT = {
    "activation_traps.yaml": 0, "house_prices.json": 0, "keras2_legacy.yaml": 0, "keras2_too_new.yaml": 1,
    "logits_classifier.yaml": 0, "mnist_classifier.yaml": 0, "multi_output_broken.yaml": 1,
    "multi_output_clean.yaml": 0, "notebook.ipynb": 1, "schedules_ranges.yaml": 1, "tf2_legacy_ok.yaml": 0,
    "tf2_migration.yaml": 1, "train.py": 1, "tutorial_copy_paste.yaml": 1, "typos.yaml": 1,
}


def test_every_sample_has_an_expected_outcome(root):
    assert sorted(os.listdir(root / "samples")) == sorted(SAMPLE_EXIT)


@pytest.mark.parametrize("name,code", sorted(SAMPLE_EXIT.items()))
def test_samples_exit_as_documented(name, code, root):
    result = run("check", str(root / "samples" / name))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [[], ["check"], ["explain"], ["smoke"], ["schema"]])
def test_help_follows_compilecli_lang(command):
    env = environment({"COMPILECLI_LANG": "zh"})
    out = subprocess.run([sys.executable, "-m", "compilecli", *command, "--help"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0
    assert "显示本帮助并退出" in out.stdout
