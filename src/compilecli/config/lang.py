"""The language: ``COMPILECLI_LANG`` ("zh_CN.UTF-8" counts as "zh"), and the language of config errors."""
from __future__ import annotations

import os
from typing import Optional

from compilecli.config.messages import say, show_value
from compilecli.config.options import ConfigError
from compilecli.i18n import DEFAULT_LANG, LANGS

LANG_ENV = "COMPILECLI_LANG"


def errors_lang(cli_lang: Optional[str]) -> str:
    """The language of configuration errors: known before the configuration is read."""
    if cli_lang in LANGS:
        return cli_lang
    env = _normalise_lang(os.environ.get(LANG_ENV, ""))
    return env if env in LANGS else DEFAULT_LANG


def _normalise_lang(value: str) -> str:
    """"zh_CN.UTF-8" -> "zh", "EN" -> "en"."""
    value = value.strip().lower()
    for sep in (".", "_", "-", "@"):
        value = value.split(sep, 1)[0]
    return value


def parse_env_lang(value: str, lang: str) -> str:
    normal = _normalise_lang(value)
    if normal not in LANGS:
        raise ConfigError(say("config.expected", lang, where=LANG_ENV, found=show_value(value),
                              expected=say("config.type.one_of", lang, choices=", ".join(LANGS))))
    return normal
