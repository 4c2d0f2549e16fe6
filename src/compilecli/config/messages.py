"""How a configuration error shows what it found and where: values as TOML shows them, short paths."""
from __future__ import annotations

from typing import Any

from compilecli.diagnostics import short


def show_value(value: Any) -> str:
    """A found value as TOML shows it, shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = "a table"
    else:
        text = repr(value)
    return short(text)


def display_path(path: str) -> str:
    """The path relative to the current folder when it is inside it, else as given."""
    from compilecli.paths import relative_inside
    return relative_inside(path) or path


def say(key: str, lang: str, **args: Any) -> str:
    from compilecli import i18n

    return i18n.text(key, lang, **args)
