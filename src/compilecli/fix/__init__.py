"""``compilecli check --fix`` / ``--diff``: the mechanical migrations whose answer is certain.

Fixes are text edits at the spans the loader recorded, never a re-dump, so comments, key order,
quoting and layout are kept. One module per fix, an explicit registry (as the rules have): each
module has a docstring, ``CODES``, ``EXAMPLES`` (spec text -> fixed text, or None when the fix must
not be made; tests run every one) and ``fix(doc, diagnostic, context) -> Fix | None``.

For each spec: fixes are computed from its diagnostics, overlapping edits are dropped (the larger
edit wins: deleting ``decay: 1e-3`` subsumes spelling ``1e-3``), the edits are applied from the end,
and the fixed text is checked again. A file is only changed when the fixed text loads cleanly and no
longer has what was fixed; what remains is the returned Report.

The parts: ``registry`` (code -> fix modules), ``document`` (spans -> text edits), ``context``
(the catalogue's view for a fixer), ``plan`` (choosing and applying edits), ``recheck`` (is the fixed
text safe, what remains), ``file_fix`` (one file), ``output`` (diff, notes, summary), ``write``
(rewriting a file in place), ``report`` (``fix_report``, what ``check --fix``/``--diff`` call).
"""
from __future__ import annotations

from compilecli.fix.context import FixContext
from compilecli.fix.document import Document, Edit, Fix
from compilecli.fix.file_fix import FileFix, fix_result, fixable, from_stdin, rewritable
from compilecli.fix.output import note_lines, summary_lines, unified_diff
from compilecli.fix.plan import apply_edits, fix_text, plan
from compilecli.fix.registry import FIXERS, MODULES
from compilecli.fix.report import fix_report
from compilecli.fix.write import write_file

__all__ = ["FIXERS", "MODULES", "Document", "FixContext", "Edit", "Fix", "FileFix", "apply_edits", "fix_report",
           "fix_result", "fix_text", "fixable", "from_stdin", "note_lines", "plan", "rewritable", "summary_lines",
           "unified_diff", "write_file"]
