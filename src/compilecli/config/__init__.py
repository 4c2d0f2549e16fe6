"""Options of `compilecli check`: defaults < configuration file < environment < command line.

The configuration lives in ``[tool.compilecli]`` of a ``pyproject.toml``, or in a
``.compilecli.toml`` (keys at top level, or under ``[tool.compilecli]``). Without
``--config FILE`` the nearest one is found from the current folder upwards; a
``pyproject.toml`` without a ``[tool.compilecli]`` table is passed over. ``--isolated``
reads no file at all.

Keys: ``target``, ``lang``, ``format``, ``strict``, ``select``, ``ignore``,
``per-file-ignores`` (table glob -> list of codes), ``include``, ``exclude`` (lists of
globs). Anything else, a wrong type or invalid TOML is a ``ConfigError`` whose text
names the file and the key.

Only stat calls happen when there is no configuration: ``tomllib`` is imported when a
file is actually parsed, and a ``pyproject.toml`` that never mentions ``compilecli`` is
not parsed at all.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Optional

from compilecli.config.code_lists import is_known_prefix, parse_codes
from compilecli.config.lang import LANG_ENV, errors_lang, parse_env_lang
from compilecli.config.messages import display_path, show_value
from compilecli.config.options import CheckOptions, ConfigError
from compilecli.i18n import DEFAULT_LANG

__all__ = ["CheckOptions", "ConfigError", "resolve_options", "find_config", "read_config", "parse_codes",
           "is_known_prefix", "show_value", "display_path", "LANG_ENV"]


def __getattr__(name: str):
    """find_config and read_config, imported when asked: `--isolated` reads no file and needs neither."""
    if name == "find_config":
        from compilecli.config.discovery import find_config
        return find_config
    if name == "read_config":
        from compilecli.config.toml_file import read_config
        return read_config
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def resolve_options(cli_values: dict, config_path: Optional[str] = None, isolated: bool = False) -> CheckOptions:
    """Merge defaults, the configuration file, COMPILECLI_LANG and the command line."""
    message_lang = errors_lang(cli_values.get("lang"))
    values: Dict[str, Any] = {}
    config_file = None
    if not isolated:
        from compilecli.config.discovery import find_config
        from compilecli.config.toml_file import read_config
        config_file = config_path if config_path is not None else find_config(os.getcwd())
        if config_file is not None:
            values = read_config(config_file, message_lang, explicit=config_path is not None)

    env_lang = os.environ.get(LANG_ENV, "").strip()
    if env_lang and cli_values.get("lang") is None:
        values["lang"] = parse_env_lang(env_lang, message_lang)

    for name in ("target", "format", "lang", "strict"):
        if cli_values.get(name) is not None:
            values[name] = cli_values[name]
    for name in ("select", "ignore"):
        given = cli_values.get(name) or ()
        if given:
            values[name] = parse_codes(given, f"--{name}", message_lang)

    return CheckOptions(
        target=values.get("target"),
        format=values.get("format") or "text",
        lang=values.get("lang") or DEFAULT_LANG,
        strict=bool(values.get("strict", False)),
        select=tuple(values.get("select", ())),
        ignore=tuple(values.get("ignore", ())),
        per_file_ignores=tuple(values.get("per-file-ignores", ())),
        include=tuple(values.get("include", ())),
        exclude=tuple(values.get("exclude", ())),
        config_file=config_file,
    )
