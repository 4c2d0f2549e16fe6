"""issue 13: ruff's conveniences on `check`, fix objects in JSON/SARIF, code frames, non-spec files."""
import json

import pytest
from click.testing import CliRunner

from compilecli.cli import main

BROKEN = "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.001}}\n  loss: categorical_crossentropyy\n  run_eagerly: yes\n"


def runner():
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(BROKEN)
    return tmp_path


def run(*args, stdin=None, env=None):
    return runner().invoke(main, ["check", "--isolated", *args], input=stdin, env=env or {"NO_COLOR": ""})


def test_fixable_findings_are_marked_and_counted(work):
    out = run("s.yaml").stdout
    assert "CC603 [*] error" in out and "CC202 error" in out
    assert "[*] 2 fixable with the `--fix` option." in out


def test_code_frame_with_a_caret_and_no_show_source(work):
    out = run("s.yaml").stdout.splitlines()
    at = out.index(next(line for line in out if "CC603" in line))
    assert out[at + 2].strip().startswith("2 |") and "lr: 0.001" in out[at + 2]
    caret = out[at + 3]
    assert caret.index("^^") == out[at + 2].index("lr") and caret.count("^") == 2
    assert "^" not in run("s.yaml", "--no-show-source").stdout


def test_statistics_counts_per_code(work):
    result = run("s.yaml", "--statistics")
    lines = result.stdout.splitlines()
    assert any(line.split("\t")[:2] == ["1", "CC603"] and "[*]" in line for line in lines)
    data = json.loads(run("s.yaml", "--statistics", "--format", "json").stdout)
    assert {"code": "CC202", "name": "unknown-loss", "count": 1, "fixable": False, "fixable_count": 0} in data


def test_exit_zero_quiet_no_warnings(work):
    assert run("s.yaml").exit_code == 1
    assert run("s.yaml", "--exit-zero").exit_code == 0
    quiet = run("s.yaml", "-q").stdout
    assert "Found" not in quiet and "CC603" in quiet
    assert "CC112" not in run("s.yaml", "--no-warnings").stdout


def test_output_format_is_an_alias_of_format(work):
    assert json.loads(run("s.yaml", "--output-format", "json").stdout)["version"]


def test_color_choices_and_force_color(work):
    assert "\x1b[" in run("s.yaml", "--color", "always").stdout
    assert "\x1b[" not in run("s.yaml", "--color", "never", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in run("s.yaml", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("s.yaml", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_no_path_checks_the_current_folder(work):
    result = run()
    assert "s.yaml" in result.stdout and result.exit_code == 1


def test_stdin_filename_applies_per_file_ignores_and_the_loader(work):
    (work / "pyproject.toml").write_text('[tool.compilecli.per-file-ignores]\n"legacy/*" = ["CC6"]\n')
    named = runner().invoke(main, ["check", "--stdin-filename", "legacy/a.yaml", "-"], input=BROKEN)
    assert "legacy/a.yaml:3" in named.stdout and "CC603" not in named.stdout and "CC202" in named.stdout
    code = runner().invoke(main, ["check", "--isolated", "--stdin-filename", "train.py"],
                           input='import keras\nm.compile(loss="msee")\n')
    assert "train.py:2" in code.stdout and "CC202" in code.stdout


def test_stdin_filename_never_writes_the_named_file(work):
    runner().invoke(main, ["check", "--isolated", "--fix", "--stdin-filename", "s.yaml", "-"], input=BROKEN)
    assert (work / "s.yaml").read_text() == BROKEN


def test_show_settings_and_show_files(work):
    (work / "pyproject.toml").write_text('[tool.compilecli]\ntarget = "tf2"\nignore = ["CC5"]\n')
    settings = runner().invoke(main, ["check", "--show-settings"]).stdout
    assert 'target = "tf2"' in settings and 'ignore = ["CC5"]' in settings
    assert runner().invoke(main, ["check", "--show-files"]).stdout.strip() == "s.yaml" or \
        runner().invoke(main, ["check", "--show-files"]).stdout.strip().endswith("s.yaml")


def test_json_fix_object_on_every_diagnostic(work):
    data = json.loads(run("s.yaml", "--format", "json").stdout)
    diags = data["files"][0]["diagnostics"]
    assert all("fix" in d for d in diags)
    fix = next(d for d in diags if d["code"] == "CC603")["fix"]
    assert fix["edits"] == [{"content": "learning_rate", "location": {"line": 2, "column": 42},
                             "end_location": {"line": 2, "column": 44}}]
    assert next(d for d in diags if d["code"] == "CC202")["fix"] is None


def test_sarif_fixes_and_help_uri(work):
    log = json.loads(run("s.yaml", "--format", "sarif").stdout)
    run0 = log["runs"][0]
    assert all(rule["helpUri"].startswith("https://") for rule in run0["tool"]["driver"]["rules"])
    result = next(r for r in run0["results"] if r["ruleId"] == "CC603")
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "learning_rate"
    assert replacement["deletedRegion"] == {"startLine": 2, "startColumn": 42, "endLine": 2, "endColumn": 44}


def test_sarif_with_fixes_is_valid(work, root):
    import jsonschema
    schema = json.loads((root / "tests" / "workflow" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(json.loads(run("s.yaml", "--format", "sarif").stdout), schema)


def test_unused_suppression_is_fixed(work):
    (work / "s.yaml").write_text("compile:\n  loss: mse   # compilecli: ignore[CC501]\n  optimizer: adam\n")
    result = run("--strict", "--fix", "s.yaml")
    assert (work / "s.yaml").read_text() == "compile:\n  loss: mse\n  optimizer: adam\n"
    assert result.exit_code == 0


@pytest.mark.parametrize("name,text", [
    ("ci.yml", "name: CI\non: [push]\njobs:\n  build: {runs-on: ubuntu-latest}\n"),
    ("docker-compose.yaml", "services:\n  web: {image: nginx}\n"),
    ("model.yaml", "version: 3\nlayers: [dense]\n"),
    # other tools' configurations with a `model` or `target` of their own: not specs missing `compile`
    ("config.json", '{"model": {"min_input_size": 288, "anchors": [55, 69], "labels": ["kangaroo"]},'
                    ' "train": {"batch_size": 16}}'),
    ("hydra.yaml", "model:\n  name: resnet50\n  depth: 50\ntrainer: {max_epochs: 10}\n"),
    ("train.yaml", "model: gpt2\ndataset: wikitext\n"),
    ("build.yaml", "target: x86_64-unknown-linux-gnu\nprofile: release\n"),
])
def test_files_that_are_not_specs_are_skipped_with_a_note(work, name, text):
    (work / name).write_text(text)
    result = run(name)
    assert result.exit_code == 0
    assert "not a compile spec" in result.stderr and "CC121" not in result.stdout


def test_json_schema_key_is_accepted(work):
    (work / "s.json").write_text('{"$schema": "./compilecli.schema.json", "compile": {"loss": "mse"}}')
    result = run("s.json")
    assert result.exit_code == 0 and "CC120" not in result.stdout


def test_schema_allows_the_schema_key():
    from compilecli.schema import build_schema
    assert "$schema" in build_schema()["properties"]


def complete(words, env_extra=None):
    import os
    from click.testing import CliRunner
    env = {"_COMPILECLI_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(["compilecli", *words]),
           "COMP_CWORD": str(len(words))}
    result = CliRunner().invoke(main, [], env=env, prog_name="compilecli")
    return result.output.splitlines()


def test_explain_completes_topics_and_codes():
    lines = complete(["explain", "CC60"])
    assert "plain,CC603" in lines and "plain,CC601" in lines
    assert "plain,adam" in complete(["explain", "ada"])
    assert any(line.startswith("file,") for line in complete(["explain", "./spec"]))


@pytest.mark.parametrize("text", [
    "model:\n  outputs: [{name: out, units: 1}]\n",          # a spec that forgot its compile section
    "target: tf2\nmodel: {inputs: [4]}\n",
    "target: keras3\n",
    '{"$schema": "https://example.org/compilecli.schema.json", "model": {"outputs": []}}',
])
def test_a_spec_without_compile_is_still_a_spec(work, text):
    (work / "s.yaml").write_text(text)
    result = run("s.yaml")
    assert result.exit_code == 1 and "CC121" in result.stdout

