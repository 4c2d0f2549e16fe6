"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDE viewers).

One run; ``tool.driver.rules`` lists every code with its words in the chosen language;
each diagnostic is a result with a physical location. Keys are SARIF's, in English.
Paths under the current folder are relative URIs against ``%SRCROOT%`` (the current folder),
which is what GitHub's upload-sarif expects when compilecli runs at the repository root.
"""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import quote

from compilecli import __version__, i18n
from compilecli.codes import CODES
from compilecli.diagnostics import format_path
from compilecli.render import hint, message, source_format
from compilecli.render.groups import LIMIT, omitted_text, visible
from compilecli.render.json_text import dumps
from compilecli.paths import relative_inside
from compilecli.world.text import json_safe

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
_URI_SAFE = "/!$&'()*+,;=:@-._~"


def information_uri() -> str:
    """The project's home page (compilecli.doc_links, declared in pyproject too)."""
    from compilecli.doc_links import HOME
    return HOME


def rules(lang: str) -> List[Dict[str, Any]]:
    from compilecli.explain.docs import every_target
    out = []
    for code, info in CODES.items():
        out.append({
            "id": code,
            "name": info.name,
            "shortDescription": {"text": i18n.text(f"codes.{code}.title", lang)},
            "fullDescription": {"text": every_target(i18n.text(f"codes.{code}.explain", lang))},
            "help": {"text": i18n.text(_help_key(code, lang), lang)},
            "defaultConfiguration": {"level": _level(info.severity)},
            "helpUri": help_uri(code),
            "properties": {"tags": [f"CC{code[2]}xx"]},
        })
    return out


def help_uri(code: str) -> str:
    """Where a code is documented: its row of docs/codes.md (the same URL as JSON's `url` and explain's)."""
    from compilecli.doc_links import code_url
    return code_url(code)


def _help_key(code: str, lang: str) -> str:
    """A rule's help is its hint; `hint_none` first, as it has no did-you-mean placeholder to fill."""
    key = f"codes.{code}.hint_none"
    return key if isinstance(i18n.lookup(key, lang), str) and i18n.lookup(key, lang) != key else f"codes.{code}.hint"


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def artifact_location(source: str, cwd: str) -> Dict[str, Any]:
    """A relative URI (forward slashes, against %SRCROOT%) under cwd; a file: URI elsewhere."""
    if source.startswith("<") and source.endswith(">"):       # <stdin>
        return {"uri": _quote(source[1:-1])}
    rel = relative_inside(source, cwd)
    if rel is not None:
        return {"uri": _quote(rel), "uriBaseId": SRCROOT}
    from pathlib import Path
    return {"uri": Path(os.path.abspath(source)).as_uri()}


def _quote(path: str) -> str:
    """Percent-encoded; a file name byte that is not UTF-8 is encoded as that byte (%FF)."""
    try:
        return quote(path, safe=_URI_SAFE, errors="surrogateescape")
    except UnicodeEncodeError:     # a surrogate that is not an undecodable byte
        return quote(path, safe=_URI_SAFE, errors="backslashreplace")


def region(span) -> Dict[str, int]:
    """SARIF lines are 1-based and required: 1 when the position is unknown."""
    if span is None or span.line < 1:
        return {"startLine": 1}
    out = {"startLine": span.line}
    if span.column >= 1:
        out["startColumn"] = span.column
    if span.end_line >= span.line and span.end_line >= 1:
        out["endLine"] = span.end_line
        if span.end_column >= 1 and (span.end_line > span.line or span.end_column > span.column):
            out["endColumn"] = span.end_column
    return out


def split_cell(source: str) -> Tuple[str, Optional[int]]:
    """"nb.ipynb:cell 3" -> ("nb.ipynb", 3); anything else -> (source, None)."""
    head, sep, tail = source.rpartition(":cell ")
    if sep and tail.isdigit():
        return head, int(tail)
    return source, None


def cell_prefix(cell: Optional[int], span, lang: str) -> str:
    """Where in a notebook: lines of a cell are not lines of the .ipynb file, so say it in words."""
    if cell is None:
        return ""
    where = i18n.text("workflow.cell", lang, cell=cell)
    if span is not None and span.line >= 1:
        where += f":{span.line}:{span.column}" if span.column >= 1 else f":{span.line}"
    return where + ": "


def result_dict(diag, source: str, lang: str, rule_index: Dict[str, int], cwd: str, syntax: str = "",
                fix_edits=None, words: str = "") -> Dict[str, Any]:
    """One SARIF result; ``words`` replace the message and hint (a group of repeated findings)."""
    path, cell = split_cell(source)
    text = cell_prefix(cell, diag.span, lang) + (words or message(diag, lang, syntax))
    fix = "" if words else hint(diag, lang, syntax)
    if fix:
        text += "\n" + i18n.text("ui.hint_line", lang, hint=fix)
    out: Dict[str, Any] = {
        "ruleId": diag.code,
        "level": _level(diag.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path, cwd),
                                            "region": region(None if cell else diag.span)}}],
    }
    if diag.code in rule_index:
        out["ruleIndex"] = rule_index[diag.code]
    if fix_edits and cell is None:
        out["fixes"] = [{"description": {"text": fix or diag.code}, "artifactChanges": [{
            "artifactLocation": artifact_location(path, cwd),
            "replacements": [{"deletedRegion": _edit_region(e), "insertedContent": {"text": e["content"]}}
                             for e in fix_edits]}]}]
    properties: Dict[str, Any] = {}
    if diag.path:
        properties["specPath"] = format_path(diag.path)
    if cell is not None:
        properties["cell"] = cell
        if diag.span is not None:
            properties["cellLine"] = diag.span.line
            properties["cellColumn"] = diag.span.column
    if properties:
        out["properties"] = properties
    return out


def _edit_region(edit) -> Dict[str, int]:
    start, end = edit["location"], edit["end_location"]
    return {"startLine": start["line"], "startColumn": start["column"], "endLine": end["line"], "endColumn": end["column"]}


def _results(report, lang: str, rule_index: Dict[str, int], cwd: str, max_per_code: int = LIMIT) -> List[Dict[str, Any]]:
    out = []
    for r in report.results:
        out += result_dicts(r, lang, rule_index, cwd, max_per_code)
    return out


def result_dicts(r, lang: str, rule_index: Dict[str, int], cwd: str, max_per_code: int = LIMIT) -> List[Dict[str, Any]]:
    """One spec's SARIF results (also made file by file as a folder is checked: render/stream.py)."""
    from compilecli.render.fixes import edits_json, fixes_of
    out = []
    fixes = fixes_of(r)
    shown, omitted = visible(r.diagnostics, max_per_code)
    for index, diag in shown:
        edits = edits_json(r, fixes[index]) if index in fixes else None
        out.append(result_dict(diag, r.source, lang, rule_index, cwd, source_format(r), edits))
    for group in omitted:     # repeated findings beyond max_per_code: one result with the count
        grouped = result_dict(group.first, r.source, lang, rule_index, cwd, words=omitted_text(group, lang))
        grouped.setdefault("properties", {})["omittedCount"] = group.count
        out.append(grouped)
    return out


def sarif_log(report, lang: str, cwd: Optional[str] = None, max_per_code: int = LIMIT, results=None) -> Dict[str, Any]:
    """``results``: the list to write instead of the report's (render/stream.py's placeholder)."""
    cwd = cwd or os.getcwd()
    rule_list = rules(lang)
    rule_index = {rule["id"]: index for index, rule in enumerate(rule_list)}
    if results is None:
        results = _results(report, lang, rule_index, cwd, max_per_code)
    root_uri = _directory_uri(cwd)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "compilecli",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": information_uri(),
                "language": lang,
                "rules": rule_list,
            }},
            "language": lang,
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
            "results": results,
            "invocations": [_invocation(report, lang, cwd)],
        }],
    }


def _invocation(report, lang: str, cwd: str) -> Dict[str, Any]:
    """Files skipped as not specs are notes of the run (SARIF's toolExecutionNotifications)."""
    notes = [{"level": "note", "message": {"text": i18n.text("ux.sarif_skipped", lang, path=path)},
              "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path, cwd)}}]}
             for path in report.skipped]
    return {"executionSuccessful": True, "toolExecutionNotifications": notes}


def _directory_uri(folder: str) -> str:
    from pathlib import Path
    uri = Path(os.path.abspath(folder)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def render_sarif(report, lang: str, max_per_code: int = LIMIT, results=None) -> str:
    log = sarif_log(report, lang, max_per_code=max_per_code, results=results)
    return json_safe(dumps(log)) + "\n"
