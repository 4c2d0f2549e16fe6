"""Stage 4, render: pure functions from a Report to a string, one module per format."""
from __future__ import annotations

from compilecli import i18n
from compilecli.diagnostics import Diagnostic

FORMATS = ("text", "json", "sarif", "github")


def message(diag: Diagnostic, lang: str) -> str:
    key = f"{diag.message_key}.message"
    if i18n.lookup(key, lang) == key:   # a variant without its own words: the code's own message
        key = f"codes.{diag.code}.message"
    return i18n.text(key, lang, code=diag.code, **diag.arguments)


def hint(diag: Diagnostic, lang: str) -> str:
    """The fix hint; `hint_none` replaces `hint` when there is no did-you-mean to offer."""
    args = diag.arguments
    variant = "hint_none" if "suggestions" in args and not args["suggestions"] else "hint"
    key = f"{diag.message_key}.{variant}"
    if i18n.lookup(key, lang) == key:
        key = f"codes.{diag.code}.{variant}"
    if i18n.lookup(key, lang) == key:
        key = f"codes.{diag.code}.hint"
    found = i18n.lookup(key, lang)
    return i18n.text(key, lang, code=diag.code, **args) if found != key else ""


def render(report, fmt: str, lang: str, color: bool = False) -> str:
    if fmt == "json":
        from compilecli.render.json_format import render_json
        return render_json(report, lang)
    if fmt == "sarif":
        from compilecli.render.sarif import render_sarif
        return render_sarif(report, lang)
    if fmt == "github":
        from compilecli.render.github import render_github
        return render_github(report, lang)
    from compilecli.render.text import render_text
    return render_text(report, lang, color)
