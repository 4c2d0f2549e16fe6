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
    """The parsed document; ValueError (TOMLDecodeError, UnicodeDecodeError) for anything not TOML,
    also a nesting so deep that the parser would run out of stack."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_capped(path: str) -> bytes:
    """A configuration file's bytes, with the limits of a spec: a regular file, at most 1 MiB.
    OSError (with ``NotRegular``) or ``TooLarge`` otherwise."""
    from compilecli.load import limits
    from compilecli.world.files import read_bounded
    return read_bounded(path, limits.MAX_BYTES)


def read_config(path: str, lang: str = DEFAULT_LANG, explicit: bool = False) -> Dict[str, Any]:
    """The validated keys of one configuration file (names as in the file: "per-file-ignores")."""
    shown = display_path(path)
    from compilecli.world.files import NotRegular, TooLarge
    try:
        raw = read_capped(path)
    except NotRegular as refused:
        raise ConfigError(say("config.not_regular", lang, file=shown, kind=say(f"world.kind.{refused.kind}", lang)))
    except TooLarge as big:
        raise ConfigError(say("config.too_large", lang, file=shown, size=big.size))
    except OSError as problem:
        raise ConfigError(say("config.unreadable", lang, file=shown, error=problem.strerror or str(problem)))
    try:
        doc = parse_toml(raw)
    except ValueError as problem:   # tomllib.TOMLDecodeError and UnicodeDecodeError are ValueErrors
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
