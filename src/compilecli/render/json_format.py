"""Machine-readable report: keys stay English whatever the language of the words."""
from __future__ import annotations

import json

from compilecli.codes import CODES
from compilecli.diagnostics import format_path
from compilecli.render import hint, message, source_format
from compilecli.render.groups import LIMIT, omitted_text, visible

SCHEMA_VERSION = 1


def diagnostic_dict(diag, lang: str, syntax: str = "") -> dict:
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
    }


def omitted_dict(group, lang: str) -> dict:
    diag, span = group.first, group.first.span
    return {"code": diag.code, "name": CODES[diag.code].name if diag.code in CODES else "",
            "severity": diag.severity, "count": group.count, "spec_path": format_path(diag.path),
            "line": span.line if span else None, "column": span.column if span else None,
            "message": omitted_text(group, lang)}


def file_dict(result, lang: str, max_per_code: int) -> dict:
    shown, omitted = visible(result.diagnostics, max_per_code)
    out = {"path": result.source, "target": result.target, "errors": result.errors, "warnings": result.warnings,
           "diagnostics": [diagnostic_dict(d, lang, source_format(result)) for d in shown]}
    if omitted:          # repeated findings beyond max_per_code: counted, not listed (render/groups.py)
        out["omitted"] = [omitted_dict(group, lang) for group in omitted]
    return out


def render_json(report, lang: str, max_per_code: int = LIMIT) -> str:
    doc = {
        "version": SCHEMA_VERSION,
        "lang": lang,
        "summary": {"files": report.files, "specs": len(report.results), "errors": report.errors, "warnings": report.warnings},
        "files": [file_dict(r, lang, max_per_code) for r in report.results],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
