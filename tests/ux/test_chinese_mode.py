"""issue 13: Click's own words in Chinese mode, and the spec (规格文件) apart from the configuration file (配置文件)."""
import subprocess
import sys

from compilecli import i18n
from procenv import environment  # noqa: E402 - one environment for every subprocess


def run(*args, env_lang="zh"):
    import os
    env = environment({"COMPILECLI_LANG": env_lang})
    return subprocess.run([sys.executable, "-m", "compilecli", *args], capture_output=True, text=True, env=env)


def test_help_and_errors_are_chinese():
    help_text = run("check", "--help").stdout
    assert help_text.startswith("用法：") and "选项" in help_text and "Usage:" not in help_text
    assert "显示本帮助并退出" in help_text
    bad = run("check", "--bogus")
    assert "错误：没有选项 '--bogus'" in bad.stderr and bad.returncode == 2
    missing = run("explain")
    assert "缺少参数" in missing.stderr


def test_lang_option_switches_click_too():
    assert "没有选项" in run("check", "--lang", "zh", "--bogus", env_lang="en").stderr


def test_english_stays_english():
    assert "No such option" in run("check", "--bogus", env_lang="en").stderr


def test_spec_and_configuration_file_have_their_own_words():
    assert i18n.text("ui.explain.given", "zh") == "规格文件"
    assert "规格文件" in i18n.text("cli.check.help", "zh")
    assert "配置文件" in i18n.text("cli.check.isolated", "zh")            # the pyproject.toml / .compilecli.toml
    for code in ("CC106", "CC120", "CC121"):
        assert "配置文件" not in i18n.text(f"codes.{code}.message", "zh", found="list", name="x", allowed="")
