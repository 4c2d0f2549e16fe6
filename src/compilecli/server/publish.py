"""An Analysis -> LSP diagnostics per document URI (a notebook's go to each cell's own URI)."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from lsprotocol import types as lsp

from compilecli import i18n
from compilecli.diagnostics import ERROR, Diagnostic
from compilecli.server.analysis import Analysis
from compilecli.server.positions import SpanMapper

SEVERITY = {ERROR: lsp.DiagnosticSeverity.Error}


def cell_number(source: str) -> Optional[int]:
    """"nb.ipynb:cell 3" -> 3."""
    head, sep, tail = source.rpartition(":cell ")
    return int(tail) if sep and tail.isdigit() else None


def located(analysis: Analysis) -> List[Tuple[str, Diagnostic, SpanMapper, object]]:
    """(document URI, diagnostic, the mapper of the text its span is in, its SpecResult) for each diagnostic."""
    out = []
    mappers: Dict[Tuple[int, str], SpanMapper] = {}      # one per text: a file's compile() calls share it
    for result in analysis.results:
        if not result.diagnostics:
            continue
        uri, text = analysis.uri, result.loaded.text if result.loaded is not None else ""
        fmt = result.loaded.format if result.loaded is not None else analysis.kind
        number = cell_number(result.source) if analysis.kind == "notebook" else None
        if number is not None and 1 <= number <= len(analysis.cells):
            uri, text, fmt = analysis.cells[number - 1].uri, analysis.cells[number - 1].text, "python"
        elif analysis.kind == "notebook" and analysis.cells:
            uri = analysis.cells[0].uri       # the notebook as a whole (it could not be read as cells)
            text = ""
        key = (id(text), fmt)
        if key not in mappers:
            mappers[key] = SpanMapper(text, fmt, analysis.encoding)
        mapper = mappers[key]
        out.extend((uri, diag, mapper, result) for diag in result.diagnostics)
    return out


def to_range(mapper: SpanMapper, diag: Diagnostic) -> lsp.Range:
    (l1, c1), (l2, c2) = mapper.lsp_range(diag.span)
    return lsp.Range(lsp.Position(l1, c1), lsp.Position(l2, c2))


def words(diag: Diagnostic, lang: str) -> str:
    """The message and its hint, as `check` prints them."""
    from compilecli.render import hint, message
    text = message(diag, lang)
    fix = hint(diag, lang)
    return text + "\n" + i18n.text("ui.hint_line", lang, hint=fix) if fix else text


def lsp_diagnostics(analysis: Analysis, lang: str) -> Dict[str, List[lsp.Diagnostic]]:
    """Every document of the analysis (each notebook cell too) -> its diagnostics, possibly none."""
    out: Dict[str, List[lsp.Diagnostic]] = {analysis.uri: []}
    for cell in analysis.cells:
        out.setdefault(cell.uri, [])
    if analysis.kind == "notebook" and analysis.cells:
        del out[analysis.uri]          # the notebook's own URI holds no text
    whole = analysis.kind == "notebook" and not analysis.cells    # a .ipynb opened as a JSON text
    for uri, diag, mapper, result in located(analysis):
        found = to_lsp(diag, mapper, lang)
        number = cell_number(result.source) if whole else None
        if number is not None:     # its spans are lines of a cell, not of the file: say where, at the top
            where = f"cell {number}:{diag.span.line}:{diag.span.column}: " if diag.span else f"cell {number}: "
            found.message = where + found.message
            found.range = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
        out.setdefault(uri, []).append(found)
    return out


def to_lsp(diag: Diagnostic, mapper: SpanMapper, lang: str) -> lsp.Diagnostic:
    return lsp.Diagnostic(range=to_range(mapper, diag), message=words(diag, lang), code=diag.code,
                          source="compilecli", severity=SEVERITY.get(diag.severity, lsp.DiagnosticSeverity.Warning))
