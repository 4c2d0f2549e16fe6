"""Help texts of the commands and options, in the language of COMPILECLI_LANG.

Click builds --help before any option is parsed, so the language comes from the
environment (COMPILECLI_LANG=zh compilecli check --help), not from --lang.
"""
from __future__ import annotations

import os

from compilecli import i18n


_LAST = [None, ""]      # (the command line and setting it was read from, its language)


def help_lang() -> str:
    """`--lang zh` on the command line, else COMPILECLI_LANG, else English (Click's own words follow it too).

    Asked once per help text Click builds: the command line is read once (pre-commit passes thousands
    of file names), again only when it or the setting changes."""
    import sys
    setting = os.environ.get("COMPILECLI_LANG", "")
    key = (tuple(sys.argv), setting)                   # (copied and compared in C: ~20 µs for 5,000)
    if _LAST[0] != key:
        _LAST[:] = [key, _read_lang(sys.argv[1:], setting)]
    return _LAST[1]


def _read_lang(argv, setting: str) -> str:
    wanted = setting[:2].lower()
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            wanted = argv[index + 1][:2].lower()
        elif arg.startswith("--lang="):
            wanted = arg[len("--lang="):][:2].lower()
    return wanted if wanted in i18n.LANGS else i18n.DEFAULT_LANG


def h(key: str) -> str:
    """The help text cli.<key> (looked up when Click asks for it, so the catalogue loads lazily)."""
    return i18n.text(f"cli.{key}", help_lang())
