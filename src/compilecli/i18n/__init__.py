"""Words, looked up at render time: one catalogue per language.

``<lang>.json`` holds the interface strings and the texts of most codes;
``<part>.<lang>.json`` files (e.g. ``load.en.json``) add to it. Every key of
one language exists in the other (tests/test_i18n_parity.py keeps them in step).
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Dict

LANGS = ("en", "zh")
DEFAULT_LANG = "en"
CODES = "codes"      # the section split per code (codes.CC201.message ...)
# Plain file reads next to this module (not importlib.resources, which imports zipfile,
# tempfile, bz2 and random: a third of `check`'s start-up).
FOLDER = os.path.dirname(os.path.abspath(__file__))


@lru_cache(maxsize=None)
def catalogue(lang: str) -> Dict[str, Any]:
    """Every part file of the language merged, in name order."""
    import marshal
    merged: Dict[str, Any] = {}
    for name, blob in _sections(lang).items():
        top, _, code = name.partition(".")
        if code:
            merged.setdefault(top, {})[code] = marshal.loads(blob)
        else:
            merged[top] = marshal.loads(blob)
    return merged


@lru_cache(maxsize=None)
def _sections(lang: str) -> Dict[str, bytes]:
    """The merged words, each top-level section (and each code of ``codes``) marshalled on its own,
    kept in a cache (datacache.py): a run reads only the sections it looks words up in (a clean check
    needs none of the codes' texts, two thirds of the words)."""
    from compilecli.datacache import load
    names = sorted(n for n in os.listdir(FOLDER) if n.endswith(f".{lang}.json") or n == f"{lang}.json")
    paths = [os.path.join(FOLDER, name) for name in names]
    return load(os.path.join(FOLDER, f"{lang}.sections"), lambda _: _split(_merged(paths)), sources=paths,
                code=(os.path.abspath(__file__),))


def _split(merged: Dict[str, Any]) -> Dict[str, bytes]:
    import marshal
    sections = {}
    for top, value in merged.items():
        if top == CODES and isinstance(value, dict):
            sections.update((f"{CODES}.{code}", marshal.dumps(words)) for code, words in value.items())
        else:
            sections[top] = marshal.dumps(value)
    return sections


@lru_cache(maxsize=None)
def _section(lang: str, name: str) -> Any:
    blob = _sections(lang).get(name)
    if blob is None:
        return catalogue(lang).get(name) if name == CODES else None   # ("codes" itself: every code)
    import marshal
    return marshal.loads(blob)


def _merged(paths) -> Dict[str, Any]:
    import json
    merged: Dict[str, Any] = {}
    for path in paths:
        with open(path, "rb") as handle:
            _merge(merged, json.loads(handle.read().decode("utf-8")))
    return merged


def _merge(into: Dict[str, Any], more: Dict[str, Any]) -> None:
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def lookup(dotted_key: str, lang: str = DEFAULT_LANG) -> Any:
    """The raw entry at "codes.CC201.message"; falls back to English, then to the key."""
    return _lookup(dotted_key, lang)


@lru_cache(maxsize=4096)     # asked several times per finding (message, hint, variants); catalogues never change
def _lookup(dotted_key: str, lang: str) -> Any:
    parts = dotted_key.split(".")
    first = 2 if parts[0] == CODES and len(parts) > 1 else 1       # the section the key is in
    for candidate in (lang, DEFAULT_LANG):
        node: Any = _section(candidate, ".".join(parts[:first]))
        for part in parts[first:]:
            node = node.get(part) if isinstance(node, dict) else None
        if node not in (None, ""):
            return node
    return dotted_key


class _Lenient(dict):
    """The arguments a template names, each shown (``_show``) only when the template asks for it."""

    def __init__(self, args: Dict[str, Any], lang: str):
        super().__init__()
        self.args, self.lang = args, lang

    def __missing__(self, key: str) -> str:
        if key not in self.args:
            return "{" + key + "}"
        shown = self[key] = _show(key, self.args[key], self.lang)
        return shown


def text(dotted_key: str, lang: str = DEFAULT_LANG, **args: Any) -> str:
    """Look a text up and fill its {placeholders}; a missing argument stays visible."""
    template = lookup(dotted_key, lang)
    if not isinstance(template, str):
        return dotted_key
    values = _Lenient(args, lang)
    try:
        return template.format_map(values)
    except (ValueError, IndexError, AttributeError):  # a malformed template must not cost the user the message
        return template


def count(noun: str, n: int, lang: str = DEFAULT_LANG) -> str:
    """"1 error" / "2 errors" / "2 个错误": ui.count.<noun>.one|other, filled with n."""
    return text(f"ui.count.{noun}.{'one' if n == 1 else 'other'}", lang, n=n)


# Arguments whose values are words of ours, not the user's: shown in the chosen language.
TRANSLATED_ARGS = {"kind": "ui.kind", "expected": "ui.shape"}


def _show(name: str, value: Any, lang: str) -> str:
    """An argument as words show it: the user's strings with control characters escaped, so a
    file name or a value cannot move the cursor, retitle the terminal or break an encoder."""
    from compilecli.world.text import printable
    return printable(_words_of(name, value, lang))


def _words_of(name: str, value: Any, lang: str) -> str:
    if name in TRANSLATED_ARGS and isinstance(value, str):
        key = f"{TRANSLATED_ARGS[name]}.{value}"
        found = lookup(key, lang)
        return found if isinstance(found, str) and found != key else value
    if isinstance(value, (list, tuple)):
        sep = "、" if lang == "zh" else ", "
        return sep.join(f"'{v}'" if isinstance(v, str) else str(v) for v in value)
    return str(value)
