"""The help language (cli/words.help_lang): --lang on the command line, else COMPILECLI_LANG, else English;
the command line is read once however many help texts Click asks for (pre-commit passes thousands of files)."""
import pytest

from compilecli.cli import words


@pytest.mark.parametrize("argv,setting,lang", [
    (["compilecli", "check", "a.yaml"], "", "en"),
    (["compilecli", "check", "--lang", "zh", "a.yaml"], "", "zh"),
    (["compilecli", "check", "--lang=zh-CN"], "en", "zh"),
    (["compilecli", "check", "--lang", "zh", "--lang", "en"], "", "en"),
    (["compilecli", "check"], "zh_CN.UTF-8", "zh"),
    (["compilecli", "check", "--lang"], "zh", "zh"),
    (["compilecli", "check", "--lang", "xx"], "", "en"),
])
def test_which_language(monkeypatch, argv, setting, lang):
    monkeypatch.setattr("sys.argv", argv)
    monkeypatch.setenv("COMPILECLI_LANG", setting)
    assert words.help_lang() == lang


def test_the_command_line_is_read_once(monkeypatch):
    monkeypatch.setattr("sys.argv", ["compilecli", "check"] + [f"f{n}.yaml" for n in range(5000)] + ["--lang", "zh"])
    monkeypatch.delenv("COMPILECLI_LANG", raising=False)
    reads = []
    real = words._read_lang
    monkeypatch.setattr(words, "_read_lang", lambda *args: reads.append(1) or real(*args))
    assert [words.help_lang() for _ in range(30)] == ["zh"] * 30
    assert len(reads) == 1
    monkeypatch.setenv("COMPILECLI_LANG", "en")          # a new setting is read again
    monkeypatch.setattr("sys.argv", ["compilecli", "check"])
    assert words.help_lang() == "en" and len(reads) == 2
