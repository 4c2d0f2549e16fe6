"""The server's language: the editor's setting, COMPILECLI_LANG, the configuration file, the client's locale."""
from __future__ import annotations

from compilecli.config import CheckOptions
from compilecli.server.settings import ProjectOptions, Settings, lang_of


def test_lang_of_locales():
    assert lang_of("zh-CN") == "zh" and lang_of("zh_CN.UTF-8") == "zh" and lang_of("EN") == "en"
    assert lang_of("fr") is None and lang_of(None) is None


def test_precedence(monkeypatch):
    monkeypatch.delenv("COMPILECLI_LANG", raising=False)
    settings = Settings(locale="zh")
    assert settings.language(CheckOptions()) == "zh"                     # the client's locale
    assert settings.language(CheckOptions(lang="en", config_file="x.toml")) == "zh"
    assert settings.language(CheckOptions(lang="zh", config_file="x.toml")) == "zh"
    assert Settings().language(CheckOptions(lang="zh", config_file="x.toml")) == "zh"   # the configuration
    monkeypatch.setenv("COMPILECLI_LANG", "en_US.UTF-8")
    assert settings.language(CheckOptions()) == "en"                     # COMPILECLI_LANG
    settings.update({"compilecli": {"lang": "zh"}})
    assert settings.language(CheckOptions()) == "zh"                     # the editor's setting
    settings.update({"lang": "klingon"})
    assert settings.lang is None


def test_debounce_is_milliseconds_and_bounded():
    settings = Settings()
    settings.update({"debounce": 40})
    assert settings.debounce == 0.04
    settings.update({"debounce": -1})
    settings.update({"debounce": True})
    assert settings.debounce == 0.04


def test_project_options_follow_the_nearest_configuration(tmp_path, monkeypatch):
    monkeypatch.delenv("COMPILECLI_LANG", raising=False)
    (tmp_path / ".compilecli.toml").write_text('target = "tf2"\nignore = ["CC5"]\n')
    (tmp_path / "sub").mkdir()
    options, problem = ProjectOptions().for_file(str(tmp_path / "sub" / "a.yaml"), None)
    assert problem is None and options.target == "tf2" and options.ignore == ("CC5",)
    (tmp_path / ".compilecli.toml").write_text('targett = "tf2"\n')
    options, problem = ProjectOptions().for_file(str(tmp_path / "sub" / "a.yaml"), None)
    assert options.target is None and "targett" in problem
