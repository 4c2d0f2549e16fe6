"""The last messages of a run, in the language of COMPILECLI_LANG (options may not be parsed yet)."""
from __future__ import annotations

import os

FALLBACK = {   # if even the catalogue cannot be read (an interrupt during its import)
    "world.interrupted": "compilecli: interrupted",
}


def say(key: str, **args) -> str:
    try:
        from compilecli import i18n
        wanted = os.environ.get("COMPILECLI_LANG", "")[:2].lower()
        return i18n.text(key, wanted if wanted in i18n.LANGS else i18n.DEFAULT_LANG, **args)
    except Exception:
        return FALLBACK.get(key, f"compilecli: {key}")
