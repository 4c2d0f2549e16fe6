"""The server's settings: language, debounce, and the project's options per file.

Language, first that is set: ``initializationOptions.lang`` or the workspace setting
``compilecli.lang``; ``COMPILECLI_LANG``; the configuration file's ``lang``; the client's locale
(``zh-CN`` -> zh); English. The check options are the ones `compilecli check` would use for the
file: the nearest configuration file from the file's folder upwards (from the workspace root for
an unsaved document).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from compilecli.i18n import DEFAULT_LANG, LANGS

DEFAULT_DEBOUNCE = 0.25     # seconds between the last keystroke and the check


def lang_of(value: Any) -> Optional[str]:
    """"zh_CN.UTF-8", "zh-cn", "ZH" -> "zh"; None when it is not one of ours."""
    if not isinstance(value, str):
        return None
    normal = value.strip().lower()
    for sep in (".", "_", "-", "@"):
        normal = normal.split(sep, 1)[0]
    return normal if normal in LANGS else None


@dataclass
class Settings:
    lang: Optional[str] = None          # chosen in the editor
    locale: Optional[str] = None        # the client's locale, already as one of LANGS
    debounce: float = DEFAULT_DEBOUNCE
    root: Optional[str] = None          # the workspace folder

    def update(self, values: Any) -> None:
        """Read initializationOptions or the `compilecli` section of the workspace settings."""
        if not isinstance(values, dict):
            return
        if isinstance(values.get("compilecli"), dict):
            values = values["compilecli"]
        if "lang" in values:
            self.lang = lang_of(values.get("lang"))
        debounce = values.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            self.debounce = debounce / 1000.0     # given in milliseconds, as editors do

    def language(self, options) -> str:
        if self.lang:
            return self.lang
        if lang_of(os.environ.get("COMPILECLI_LANG", "")):
            return lang_of(os.environ["COMPILECLI_LANG"])
        if options is not None and options.config_file and options.lang != DEFAULT_LANG:
            return options.lang
        return self.locale or DEFAULT_LANG


class ProjectOptions:
    """CheckOptions per configuration file, read again when the file changes."""

    def __init__(self) -> None:
        self._cache: Dict[Tuple[Optional[str], Any], Any] = {}
        self.problems: Dict[str, str] = {}      # configuration file -> its error, once reported

    def for_file(self, path: str, root: Optional[str]) -> Tuple[Any, Optional[str]]:
        """(CheckOptions, the configuration error when the file could not be used)."""
        from compilecli.config import ConfigError, CheckOptions, find_config, resolve_options
        start = os.path.dirname(os.path.abspath(path)) if path else (root or os.getcwd())
        config_file = find_config(start)
        key = (config_file, _stamp(config_file), os.environ.get("COMPILECLI_LANG"))
        if key not in self._cache:
            try:
                self._cache[key] = (resolve_options({}, config_path=config_file, isolated=config_file is None), None)
            except ConfigError as problem:
                self._cache[key] = (CheckOptions(), str(problem))
        return self._cache[key]


def _stamp(path: Optional[str]):
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
