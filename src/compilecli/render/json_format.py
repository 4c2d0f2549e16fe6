"""Machine-readable report: keys stay English whatever the language of the words."""
from __future__ import annotations

from compilecli.codes import CODES
from compilecli.diagnostics import format_path
from compilecli.doc_links import code_url
from compilecli.render import hint, message, source_format
from compilecli.render.groups import LIMIT, omitted_text, visible
from compilecli.render.json_text import dumps
from compilecli.render.fixes import fix_json, fixes_of
from compilecli.world.text import json_safe

SCHEMA_VERSION = 1


def diagnostic_dict(diag, lang: str, syntax: str = "", fix=None) -> dict:
    """One diagnostic; ``fix`` is what `--fix` would edit ({applicability, message, edits}) or None."""
    span = diag.span
    return {
        "code": diag.code,
        "name": CODES[diag.code].name if diag.code in CODES else "",
        "severity": diag.severity,
        "spec_path": format_path(diag.path),
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span and span.end_line else None,
        "end_column": span.end_column if span and span.end_column else None,
        "message": message(diag, lang, syntax),
        "hint": hint(diag, lang, syntax),
        "args": {k: v for k, v in diag.args},
        "fix": fix,
        "url": code_url(diag.code),        # ruff's key: the code's documentation (as SARIF's helpUri)
    }


def _code(result) -> dict:
    """A compile() call in code: what was read, skipped and inferred, the target and why."""
    code = getattr(getattr(result, "loaded", None), "code", None)
    return {"code": {k: v for k, v in code.items() if not k.startswith("_")}} if code else {}


def omitted_dict(group, lang: str) -> dict:
    """A code's findings beyond --max-per-code: counted, not listed (render/groups.py)."""
    diag, span = group.first, group.first.span
    return {"code": diag.code, "name": CODES[diag.code].name if diag.code in CODES else "",
            "severity": diag.severity, "count": group.count, "spec_path": format_path(diag.path),
            "line": span.line if span else None, "column": span.column if span else None,
            "message": omitted_text(group, lang)}


def file_dict(r, lang: str, max_per_code: int = LIMIT) -> dict:
    shown, omitted = visible(r.diagnostics, max_per_code)
    fixes = fixes_of(r)
    out = dict({"path": r.source, "target": r.target, "errors": r.errors, "warnings": r.warnings,
                "diagnostics": [diagnostic_dict(d, lang, source_format(r), fix_json(r, fixes, i, hint(d, lang, source_format(r))))
                                for i, d in shown]},
               **_code(r))
    if omitted:
        out["omitted"] = [omitted_dict(group, lang) for group in omitted]
    return out


def render_json(report, lang: str, max_per_code: int = LIMIT, files=None) -> str:
    """``files``: the list to write instead of the report's results (render/stream.py's placeholder)."""
    doc = {
        "version": SCHEMA_VERSION,
        "lang": lang,
        "summary": {"files": report.files, "specs": report.specs, "errors": report.errors,
                    "warnings": report.warnings, "skipped": len(report.skipped)},
        "files": files if files is not None else [file_dict(r, lang, max_per_code) for r in report.results],
        "skipped": list(report.skipped),     # files read that are not specs (no compile/model/target key)
    }
    return json_safe(dumps(doc)) + "\n"
