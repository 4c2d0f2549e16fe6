"""textDocument/codeAction: the certain fixes of `check --fix` as quick fixes, and "ignore on this line".

The fixes are the fix package's own: ``fix_result`` plans every fix of the spec, applies them
together and checks the fixed text again, exactly as ``--fix`` does before writing; a spec whose
fixes would not round-trip gets none. Each fix becomes a quick fix on its diagnostic, and all of
a document's fixes one "fix all" action. YAML and Python have comments, so every diagnostic there
(except unreadable input and CC901) can also be silenced with ``# compilecli: ignore[CODE]``.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from lsprotocol import types as lsp

from compilecli import i18n
from compilecli.server.analysis import Analysis
from compilecli.server.positions import SpanMapper
from compilecli.server.publish import located, to_lsp, to_range

NOT_SUPPRESSIBLE = ("CC901",)
COMMENTED = ("yaml", "python", "notebook")      # formats with comments (JSON has none)


def code_actions(analysis: Analysis, uri: str, wanted: lsp.Range, lang: str) -> List[lsp.CodeAction]:
    out: List[lsp.CodeAction] = []
    every_fix: List[lsp.TextEdit] = []
    if analysis.kind == "notebook" and not analysis.cells:
        return out                # a .ipynb opened as JSON text: no line of it is a cell's line
    for doc_uri, diag, mapper, result in located(analysis):
        if doc_uri != uri:
            continue
        fixes = fixes_of(analysis, result)
        for fix in fixes:
            if fix.code == diag.code and tuple(fix.path) == tuple(diag.path):
                every_fix.extend(_edits(mapper, fix.edits))
        lsp_range = to_range(mapper, diag)
        if not _overlaps(lsp_range, wanted):
            continue
        shown = to_lsp(diag, mapper, lang)
        for fix in fixes:
            if fix.code == diag.code and tuple(fix.path) == tuple(diag.path):
                out.append(lsp.CodeAction(title=_fix_title(diag, fix, lang), kind=lsp.CodeActionKind.QuickFix,
                                          diagnostics=[shown], is_preferred=True,
                                          edit=lsp.WorkspaceEdit(changes={uri: _edits(mapper, fix.edits)})))
        ignore = ignore_edit(result, diag, mapper)
        if ignore is not None:
            out.append(lsp.CodeAction(title=i18n.text("server.action.ignore", lang, code=diag.code),
                                      kind=lsp.CodeActionKind.QuickFix, diagnostics=[shown],
                                      edit=lsp.WorkspaceEdit(changes={uri: [ignore]})))
    if every_fix:
        out.append(lsp.CodeAction(title=i18n.text("server.action.fix_all", lang), kind=lsp.CodeActionKind.SourceFixAll,
                                  edit=lsp.WorkspaceEdit(changes={uri: every_fix})))
    return out


def fixes_of(analysis: Analysis, result) -> list:
    """What `check --fix` would change in this spec (cached with the analysis)."""
    cache: Dict[int, list] = analysis.__dict__.setdefault("_fixes", {})
    if id(result) not in cache:
        from compilecli.fix import fix_result
        outcome = fix_result(result, analysis.options) if result.diagnostics else None
        cache[id(result)] = list(outcome.fixes) if outcome is not None and not outcome.problem else []
    return cache[id(result)]


def _fix_title(diag, fix, lang: str) -> str:
    from compilecli.render import hint
    words = hint(diag, lang) or i18n.text(f"codes.{diag.code}.title", lang)
    if fix.note:
        words += " " + i18n.text(fix.note, lang, **fix.note_args)
    return i18n.text("server.action.fix", lang, code=diag.code, hint=words)


def _edits(mapper: SpanMapper, edits) -> List[lsp.TextEdit]:
    out = []
    for edit in edits:
        (l1, c1), (l2, c2) = mapper.lsp.lsp_position(edit.start), mapper.lsp.lsp_position(edit.end)
        out.append(lsp.TextEdit(lsp.Range(lsp.Position(l1, c1), lsp.Position(l2, c2)), edit.text))
    return out


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> Tuple[int, int]:
        return p.line, p.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def ignore_edit(result, diag, mapper: SpanMapper) -> Optional[lsp.TextEdit]:
    """`# compilecli: ignore[CODE]` at the end of the diagnostic's line, or CODE added to the one there."""
    from compilecli.codes import CODES
    from compilecli.suppress import parse
    info = CODES.get(diag.code)
    loaded = result.loaded
    if loaded is None or loaded.format not in COMMENTED or not loaded.text or diag.span is None \
            or diag.code in NOT_SUPPRESSIBLE or (info and info.exit_code == 2):
        return None
    if loaded.format == "notebook" and ":cell " not in result.source:
        return None                  # the notebook as a whole (it could not be read as cells)
    text, python = loaded.text, loaded.format != "yaml"
    line = diag.span.line
    start = mapper.loader.offset_of(line, 1)
    if start is None or line > len(mapper.loader.ends):
        return None
    end = mapper.loader.ends[line - 1]
    existing = [s for s in parse(text, python) if s.line == line and s.target == line and s.codes]
    if existing:
        at = start + existing[0].end_column - 2           # just before its "]"
        insert = f", {diag.code}"
    else:
        at, insert = end, f"  # compilecli: ignore[{diag.code}]"
    fixed = text[:at] + insert + text[at:]
    if not any(s.target == line and s.matches(diag) for s in parse(fixed, python)):
        return None                                          # e.g. the line ends inside a string
    (l1, c1) = mapper.lsp.lsp_position(at)
    return lsp.TextEdit(lsp.Range(lsp.Position(l1, c1), lsp.Position(l1, c1)), insert)
