"""Machine-readable report: keys stay English whatever the language of the words."""
from __future__ import annotations

import json

from compilecli.codes import CODES
from compilecli.diagnostics import format_path
from compilecli.render import hint, message, source_format
from compilecli.render.fixes import fix_json
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
    }


def _code(result) -> dict:
    """A compile() call in code: what was read, skipped and inferred, the target and why."""
    code = getattr(getattr(result, "loaded", None), "code", None)
    return {"code": {k: v for k, v in code.items() if not k.startswith("_")}} if code else {}


def render_json(report, lang: str) -> str:
    doc = {
        "version": SCHEMA_VERSION,
        "lang": lang,
        "summary": {"files": report.files, "specs": len(report.results), "errors": report.errors, "warnings": report.warnings},
        "files": [dict({"path": r.source, "target": r.target, "errors": r.errors, "warnings": r.warnings,
                        "diagnostics": [diagnostic_dict(d, lang, source_format(r),
                                                        fix_json(r, i, hint(d, lang, source_format(r))))
                                        for i, d in enumerate(r.diagnostics)]},
                       **_code(r))
                  for r in report.results],
    }
    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2, default=str)) + "\n"
