"""Stage 4, render: pure functions from a Report to a string, one module per format."""
from __future__ import annotations

from compilecli import i18n
from compilecli.diagnostics import Diagnostic

FORMATS = ("text", "json", "sarif", "github")


# Advice is written in the syntax of the file it is about: `True` in Python, `true` in YAML/JSON.
# A text may have a variant per source (codes.CC302.truthy.python.hint); YAML's words are the default.
SOURCE_VARIANTS = {"python": "python", "notebook": "python", "json": "json"}


def _words(key: str, part: str, lang: str, source_format: str) -> str:
    """The key holding `part` of key's words for that source: its variant first, then key's own."""
    variant = SOURCE_VARIANTS.get(source_format)
    if variant:
        candidate = f"{key}.{variant}.{part}"
        if i18n.lookup(candidate, lang) != candidate:
            return candidate
    return f"{key}.{part}"


def message(diag: Diagnostic, lang: str, source_format: str = "") -> str:
    key = _words(diag.message_key, "message", lang, source_format)
    if i18n.lookup(key, lang) == key:   # a variant without its own words: the code's own message
        key = _words(f"codes.{diag.code}", "message", lang, source_format)
    return i18n.text(key, lang, code=diag.code, **diag.arguments)


def hint(diag: Diagnostic, lang: str, source_format: str = "") -> str:
    """The fix hint; `hint_none` replaces `hint` when there is no did-you-mean to offer."""
    args = diag.arguments
    variant = "hint_none" if "suggestions" in args and not args["suggestions"] else "hint"
    key = _words(diag.message_key, variant, lang, source_format)
    if i18n.lookup(key, lang) == key:
        key = _words(f"codes.{diag.code}", variant, lang, source_format)
    if i18n.lookup(key, lang) == key:
        key = _words(f"codes.{diag.code}", "hint", lang, source_format)
    found = i18n.lookup(key, lang)
    return i18n.text(key, lang, code=diag.code, **args) if found != key else ""


def source_format(result) -> str:
    """"yaml", "json", "python" or "notebook": the syntax the result's advice is written in."""
    return getattr(getattr(result, "loaded", None), "format", "") or ""


def render(report, fmt: str, lang: str, color: bool = False, max_per_code: int = 20) -> str:
    """``max_per_code``: diagnostics of one code shown per spec, the rest counted (0: all; render/groups.py)."""
    if fmt == "json":
        from compilecli.render.json_format import render_json
        return render_json(report, lang, max_per_code)
    if fmt == "sarif":
        from compilecli.render.sarif import render_sarif
        return render_sarif(report, lang, max_per_code)
    if fmt == "github":
        from compilecli.render.github import render_github
        return render_github(report, lang, max_per_code)
    from compilecli.render.text import render_text
    return render_text(report, lang, color, max_per_code=max_per_code)
