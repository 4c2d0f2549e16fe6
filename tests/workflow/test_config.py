"""Configuration: discovery, precedence (defaults < file < COMPILECLI_LANG < command line), bad files,
select / ignore / per-file-ignores, include / exclude."""
from __future__ import annotations

import json

import pytest

from compilecli.config import CheckOptions, ConfigError, find_config, resolve_options
from workflowhelpers import BROKEN, CLEAN, SPARSE_CCE, codes, run
from procenv import environment  # noqa: E402 - one environment for every subprocess

NO_CLI = dict(target=None, format=None, lang=None, strict=None, select=(), ignore=())


def cli(**given):
    return {**NO_CLI, **given}


# --- discovery ------------------------------------------------------------------------------------

def test_defaults_without_any_file(work):
    options = resolve_options(cli(), None, False)
    assert options == CheckOptions(config_file=None)
    assert (options.format, options.lang, options.strict, options.target) == ("text", "en", False, None)


def test_pyproject_table_is_found_from_a_subfolder(work, monkeypatch):
    (work / "pyproject.toml").write_text('[tool.compilecli]\nformat = "json"\nstrict = true\n')
    (work / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(work / "a" / "b")
    options = resolve_options(cli(), None, False)
    assert options.format == "json" and options.strict is True
    assert options.config_file == str(work / "pyproject.toml")


def test_pyproject_without_our_table_is_passed_over(work, monkeypatch):
    (work / ".compilecli.toml").write_text('lang = "zh"\n')
    (work / "sub").mkdir()
    (work / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["compilecli"]\n')
    monkeypatch.chdir(work / "sub")
    assert find_config(str(work / "sub")) == str(work / ".compilecli.toml")
    assert resolve_options(cli(), None, False).lang == "zh"


def test_compilecli_toml_beats_pyproject_in_the_same_folder(work):
    (work / "pyproject.toml").write_text('[tool.compilecli]\nlang = "en"\n')
    (work / ".compilecli.toml").write_text('[tool.compilecli]\nlang = "zh"\n')
    assert resolve_options(cli(), None, False).lang == "zh"


def test_isolated_reads_no_file(work):
    (work / ".compilecli.toml").write_text('format = "json"\n')
    assert resolve_options(cli(), None, True).format == "text"
    assert resolve_options(cli(), None, True).config_file is None


def test_explicit_config_file(work, tmp_path):
    other = tmp_path / "elsewhere.toml"
    other.write_text('select = ["CC5"]\nper-file-ignores = {"legacy/*" = ["CC6"]}\n')
    (work / ".compilecli.toml").write_text('select = ["CC2"]\n')
    options = resolve_options(cli(), str(other), False)
    assert options.select == ("CC5",)
    assert options.per_file_ignores == (("legacy/*", ("CC6",)),)
    assert options.config_file == str(other)


# --- precedence -----------------------------------------------------------------------------------

def test_precedence_file_env_cli(work, monkeypatch):
    (work / ".compilecli.toml").write_text('lang = "en"\nformat = "json"\nstrict = true\ntarget = "tf2"\n'
                                           'select = ["CC5"]\n')
    options = resolve_options(cli(), None, False)
    assert (options.lang, options.format, options.strict, options.target) == ("en", "json", True, "tf2")

    monkeypatch.setenv("COMPILECLI_LANG", "zh")                       # environment beats the file
    assert resolve_options(cli(), None, False).lang == "zh"
    monkeypatch.setenv("COMPILECLI_LANG", "zh_CN.UTF-8")              # a locale-style value is understood
    assert resolve_options(cli(), None, False).lang == "zh"

    options = resolve_options(cli(lang="en", format="sarif", strict=False, target="keras2", select=("CC2,CC3",)),
                              None, False)                            # the command line beats both
    assert (options.lang, options.format, options.strict, options.target) == ("en", "sarif", False, "keras2")
    assert options.select == ("CC2", "CC3")


def test_precedence_through_the_cli(work):
    (work / ".compilecli.toml").write_text('format = "json"\nlang = "zh"\n')
    (work / "s.yaml").write_text(BROKEN)
    result = run("check", "s.yaml")
    doc = json.loads(result.stdout)
    assert doc["lang"] == "zh" and "优化器" in doc["files"][0]["diagnostics"][0]["message"]
    result = run("check", "s.yaml", env={"COMPILECLI_LANG": "en"})
    assert json.loads(result.stdout)["lang"] == "en"
    result = run("check", "--format", "text", "--lang", "en", "s.yaml", env={"COMPILECLI_LANG": "zh"})
    assert "s.yaml:2:14: CC201 error unknown optimizer" in result.stdout


def test_strict_from_file_and_no_strict_on_the_command_line(work):
    (work / ".compilecli.toml").write_text("strict = true\n")
    (work / "w.yaml").write_text("compile:\n  optimizer: adam\n  loss: mse\n  run_eagerly: no\n")
    assert run("check", "w.yaml").exit_code == 1
    assert run("check", "--no-strict", "w.yaml").exit_code == 0


# --- bad configuration: exit 2, file and key named, no traceback ----------------------------------

BAD = [
    ("pyproject.toml", '[tool.compilecli]\nselect = "CC5"\n',
     "pyproject.toml: [tool.compilecli] select: expected a list of codes, found 'CC5'"),
    ("pyproject.toml", '[tool.compilecli]\nselct = ["CC5"]\n',
     "pyproject.toml: [tool.compilecli] selct: unknown key; did you mean 'select'?"),
    ("pyproject.toml", '[tool.compilecli]\nselect = ["CC5", "CC999"]\n',
     "pyproject.toml: [tool.compilecli] select: unknown code 'CC999'"),
    ("pyproject.toml", '[tool.compilecli]\nignore = ["E501"]\n',
     "pyproject.toml: [tool.compilecli] ignore: unknown code 'E501'"),
    ("pyproject.toml", '[tool.compilecli\nselect = ["CC5"]\n', "pyproject.toml: not valid TOML"),
    (".compilecli.toml", 'strict = "yes"\n', ".compilecli.toml: strict: expected true or false, found 'yes'"),
    (".compilecli.toml", 'target = "keras4"\n', ".compilecli.toml: target: expected one of keras3, tf2, keras2"),
    (".compilecli.toml", 'lang = "fr"\n', ".compilecli.toml: lang: expected one of en, zh, found 'fr'"),
    (".compilecli.toml", 'format = "xml"\n', ".compilecli.toml: format: expected one of text, json, sarif"),
    (".compilecli.toml", 'exclude = "legacy"\n', ".compilecli.toml: exclude: expected a list of glob patterns"),
    (".compilecli.toml", 'include = [1]\n', ".compilecli.toml: include: expected a list of glob patterns"),
    (".compilecli.toml", 'per-file-ignores = ["CC5"]\n', ".compilecli.toml: per-file-ignores: expected a table"),
    (".compilecli.toml", '[per-file-ignores]\n"tests/*" = "CC5"\n',
     '.compilecli.toml: per-file-ignores."tests/*": expected a list of codes, found \'CC5\''),
    (".compilecli.toml", '[per-file-ignores]\n"tests/*" = ["CC5x"]\n',
     '.compilecli.toml: per-file-ignores."tests/*": unknown code \'CC5x\''),
    (".compilecli.toml", 'select = ["CC5"]\n[tool.compilecli]\nignore = ["CC6"]\n',
     ".compilecli.toml: put the keys either at the top level or under [tool.compilecli], not both"),
    (".compilecli.toml", b'select = ["\xff"]\n', ".compilecli.toml: not valid TOML"),
]


@pytest.mark.parametrize("name,content,message", BAD, ids=[m.split(": ", 1)[1][:40] for _, _, m in BAD])
def test_bad_configuration_exits_2_naming_file_and_key(work, name, content, message):
    path = work / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    (work / "s.yaml").write_text(CLEAN)
    result = run("check", "s.yaml")
    assert result.exit_code == 2
    assert f"compilecli: {message}" in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    with pytest.raises(ConfigError):
        resolve_options(cli(), None, False)


def test_bad_configuration_message_follows_the_language(work):
    (work / ".compilecli.toml").write_text('strict = "yes"\n')
    result = run("check", "--lang", "zh", "-", input=CLEAN)
    assert result.exit_code == 2
    assert ".compilecli.toml: strict：应为布尔值（true 或 false），实际是 'yes'" in result.stderr


def test_missing_explicit_config_file(work):
    result = run("check", "--config", "nope.toml", "-", input=CLEAN)
    assert result.exit_code == 2 and "nope.toml: cannot read the configuration file" in result.stderr


def test_bad_codes_on_the_command_line(work):
    result = run("check", "--select", "CC5,CC9999", "-", input=CLEAN)
    assert result.exit_code == 2 and "--select: unknown code 'CC9999'" in result.stderr


def test_bad_environment_language(work):
    result = run("check", "-", input=CLEAN, env={"COMPILECLI_LANG": "klingon"})
    assert result.exit_code == 2 and "COMPILECLI_LANG: expected one of en, zh, found 'klingon'" in result.stderr
    assert run("check", "--lang", "en", "-", input=CLEAN, env={"COMPILECLI_LANG": "klingon"}).exit_code == 0


def test_no_toml_parsing_without_a_configuration(work):
    import subprocess
    import sys
    code = ("import sys; from compilecli.cli import main\n"
            "try:\n    main(['check', '-'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('tomllib', 'tomli', 'compilecli.suppress', 'compilecli.render.sarif') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], input=CLEAN, capture_output=True, text=True, check=True,
                         cwd=str(work), env=environment())
    assert out.stdout.strip().splitlines()[-1] == "[]"


# --- select / ignore / per-file-ignores ---------------------------------------------------------------

def test_select_and_ignore_by_prefix(work):
    (work / "s.yaml").write_text(BROKEN)                    # CC201 + CC112
    assert codes(run("check", "--isolated", "s.yaml").stdout) == ["CC112", "CC201"]
    assert codes(run("check", "--select", "CC2", "s.yaml").stdout) == ["CC201"]
    assert codes(run("check", "--ignore", "CC2", "s.yaml").stdout) == ["CC112"]
    assert codes(run("check", "--select", "cc1,CC2", "--ignore", "CC112", "s.yaml").stdout) == ["CC201"]
    assert codes(run("check", "--select", "CC1", "--select", "CC201", "s.yaml").stdout) == ["CC112", "CC201"]
    result = run("check", "--ignore", "CC201", "s.yaml")
    assert result.exit_code == 0                             # the only error is ignored; warnings pass


def test_longer_prefix_wins_between_select_and_ignore(work):
    (work / "s.yaml").write_text(BROKEN)
    assert codes(run("check", "--select", "CC201", "--ignore", "CC2", "s.yaml").stdout) == ["CC201"]
    assert codes(run("check", "--select", "CC2", "--ignore", "CC201", "s.yaml").stdout) == []


def test_command_line_select_replaces_the_files(work):
    (work / ".compilecli.toml").write_text('select = ["CC1"]\n')
    (work / "s.yaml").write_text(BROKEN)
    assert codes(run("check", "s.yaml").stdout) == ["CC112"]
    assert codes(run("check", "--select", "CC2", "s.yaml").stdout) == ["CC201"]


def test_per_file_ignores(work):
    (work / ".compilecli.toml").write_text('[per-file-ignores]\n"legacy/*" = ["CC2"]\n"*.yml" = ["CC1"]\n')
    (work / "legacy").mkdir()
    (work / "legacy" / "old.yaml").write_text(BROKEN)
    (work / "new.yaml").write_text(BROKEN)
    (work / "other.yml").write_text(BROKEN)
    result = run("check", "--format", "json", ".")
    found = {f["path"].replace("\\", "/"): sorted(d["code"] for d in f["diagnostics"])
             for f in json.loads(result.stdout)["files"]}
    assert found == {"./legacy/old.yaml": ["CC112"], "./new.yaml": ["CC112", "CC201"], "./other.yml": ["CC201"]}


def test_per_file_ignores_are_relative_to_the_config_file(work, monkeypatch):
    (work / ".compilecli.toml").write_text('[per-file-ignores]\n"legacy/*.yaml" = ["CC2"]\n')
    (work / "legacy").mkdir()
    (work / "legacy" / "old.yaml").write_text(BROKEN)
    monkeypatch.chdir(work / "legacy")
    assert codes(run("check", "old.yaml").stdout) == ["CC112"]


def test_unreadable_input_cannot_be_ignored(work):
    result = run("check", "--ignore", "CC1", "missing.yaml")
    assert result.exit_code == 2 and "CC100" in result.stdout


# --- include / exclude, folders -------------------------------------------------------------------

def test_exclude_prunes_folders_and_named_files(work):
    (work / ".compilecli.toml").write_text('exclude = ["legacy", "*.bad.yaml"]\n')
    (work / "legacy").mkdir()
    (work / "legacy" / "old.yaml").write_text(BROKEN)
    (work / "x.bad.yaml").write_text(BROKEN)
    (work / "ok.yaml").write_text(CLEAN)
    result = run("check", "--format", "json", ".")
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["./ok.yaml"]
    assert result.exit_code == 0
    result = run("check", "--format", "json", "x.bad.yaml", "ok.yaml")   # as pre-commit passes them
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["ok.yaml"]


def test_folder_whose_specs_are_all_excluded(work):
    (work / ".compilecli.toml").write_text('exclude = ["old"]\n')
    (work / "configs" / "old").mkdir(parents=True)
    (work / "configs" / "old" / "a.yaml").write_text(BROKEN)
    result = run("check", "configs")
    assert result.exit_code == 0
    assert "no spec under 'configs' outside the paths excluded by .compilecli.toml" in result.stderr


def test_folders_collect_specs_only_unless_included(work):
    (work / "train.py").write_text("model.compile(optimizer='adamm', loss='mse')\n")
    (work / "s.yaml").write_text(CLEAN)
    result = run("check", "--isolated", "--format", "json", ".")
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["./s.yaml"]
    (work / ".compilecli.toml").write_text('include = ["*.py"]\n')
    result = run("check", "--format", "json", ".")
    assert sorted(f["path"] for f in json.loads(result.stdout)["files"]) == ["./s.yaml", "./train.py"]


def test_empty_folder_is_a_notice_and_exit_2(work):
    (work / "empty").mkdir()
    (work / "s.yaml").write_text(CLEAN)
    result = run("check", "empty", "s.yaml")
    assert result.exit_code == 2
    assert "no *.yaml, *.yml or *.json spec under 'empty'" in result.stderr
    assert "All checks passed" in result.stdout
    result = run("check", "--lang", "zh", "empty")
    assert "'empty' 下没有找到" in result.stderr


def test_a_folder_of_scripts_says_how_to_check_them(work):
    (work / "scripts").mkdir()
    (work / "scripts" / "train.py").write_text("model.compile(optimizer='adamm', loss='mse')\n")
    (work / "scripts" / "explore.ipynb").write_text("{}")
    (work / "scripts" / "notes.txt").write_text("")
    (work / "empty").mkdir()
    result = run("check", "--isolated", "scripts", "empty")
    assert result.exit_code == 2
    assert ("no *.yaml, *.yml or *.json spec under 'scripts'. It holds 2 Python file(s) (.py, .ipynb): to check "
            "their compile() calls, name them on the command line or add include = [\"*.py\", \"*.ipynb\"] to the "
            "configuration file.") in result.stderr
    assert "spec under 'empty'.\n" in result.stderr                # nothing there: nothing more to say
    result = run("check", "--isolated", "--lang", "zh", "scripts")
    assert "其中有 2 个 Python 文件" in result.stderr and "配置文件" in result.stderr
    (work / ".compilecli.toml").write_text('include = ["*.py"]\n')
    assert codes(run("check", "scripts").stdout) == ["CC201"]        # included: checked, no notice


def test_same_file_twice_is_checked_once(work):
    (work / "s.yaml").write_text(SPARSE_CCE)
    result = run("check", "--format", "json", "s.yaml", ".", "./s.yaml")
    assert json.loads(result.stdout)["summary"]["files"] == 1
