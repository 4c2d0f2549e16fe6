"""The options `compilecli check` runs with, once merged (``CheckOptions``), and ``ConfigError``."""
from __future__ import annotations

import os
from compilecli.record import dataclass   # dataclasses without exec: start-up
from typing import Optional, Tuple

from compilecli.i18n import DEFAULT_LANG


class ConfigError(Exception):
    """A configuration that cannot be used; str() names the file (or option) and the key."""


@dataclass(frozen=True)
class CheckOptions:
    target: Optional[str] = None                 # None: each spec's own `target:` (default keras3)
    format: str = "text"
    lang: str = DEFAULT_LANG
    strict: bool = False
    select: Tuple[str, ...] = ()                 # code prefixes; empty: every code
    ignore: Tuple[str, ...] = ()                 # code prefixes
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()   # (glob, code prefixes), in file order
    include: Tuple[str, ...] = ()                # extra globs a folder walk picks up (e.g. "*.py")
    exclude: Tuple[str, ...] = ()                # globs never checked (files and folders)
    config_file: Optional[str] = None            # the file the options came from, if any

    @property
    def root(self) -> str:
        """The folder globs are relative to: the configuration file's, else the current one."""
        return os.path.dirname(os.path.abspath(self.config_file)) if self.config_file else os.getcwd()
