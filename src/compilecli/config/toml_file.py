"""Reading a configuration file: TOML (``tomllib`` imported only now), our table in it, validated.

``.compilecli.toml`` holds the keys at top level or under ``[tool.compilecli]`` (not both);
``pyproject.toml`` under ``[tool.compilecli]`` only.
"""
from __future__ import annotations

import os
from typing import Any, Dict

from compilecli.config.keys import validate_table
from compilecli.config.messages import display_path, say, show_value
from compilecli.config.options import ConfigError
from compilecli.i18n import DEFAULT_LANG


def parse_toml(raw: bytes) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib
    return tomllib.loads(raw.decode("utf-8"))


def read_config(path: str, lang: str = DEFAULT_LANG, explicit: bool = False) -> Dict[str, Any]:
    """The validated keys of one configuration file (names as in the file: "per-file-ignores")."""
    shown = display_path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as problem:
        raise ConfigError(say("config.unreadable", lang, file=shown, error=problem.strerror or str(problem)))
    try:
        doc = parse_toml(raw)
    except UnicodeDecodeError as problem:
        raise ConfigError(say("config.bad_toml", lang, file=shown, error=str(problem)))
    except ValueError as problem:   # tomllib.TOMLDecodeError is a ValueError
        raise ConfigError(say("config.bad_toml", lang, file=shown, error=str(problem)))

    is_pyproject = os.path.basename(path) == "pyproject.toml"
    tool = doc.get("tool")
    nested = tool.get("compilecli") if isinstance(tool, dict) else None
    if is_pyproject:
        if nested is None:
            return {}        # only reachable with --config: a pyproject.toml without our table
        table, section = nested, "[tool.compilecli] "
    elif nested is not None:
        if any(k != "tool" for k in doc):
            raise ConfigError(say("config.both_forms", lang, file=shown))
        table, section = nested, "[tool.compilecli] "
    else:
        table, section = doc, ""
    if not isinstance(table, dict):
        raise ConfigError(say("config.expected", lang, where=f"{shown}: [tool.compilecli]",
                              expected=say("config.type.table", lang), found=show_value(table)))
    return validate_table(table, shown, section, lang)
