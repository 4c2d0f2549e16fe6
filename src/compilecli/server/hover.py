"""textDocument/hover: the explain page of what is under the cursor, as Markdown."""
from __future__ import annotations

from typing import List, Optional

from compilecli.server.analysis import Analysis
from compilecli.server.locate import spot_at, word_at
from compilecli.server.markdown import page_markdown
from compilecli.server.pages import spot_page, word_page
from compilecli.server.publish import cell_number


def results_of(analysis: Analysis, uri: str) -> List:
    """The results whose spans are in this document (for a notebook cell, that cell's)."""
    if analysis.kind != "notebook":
        return list(analysis.results)
    if not analysis.cells:
        return []             # a .ipynb opened as JSON text: its spans are lines of cells, not of this text
    numbers = [i for i, cell in enumerate(analysis.cells, start=1) if cell.uri == uri]
    return [r for r in analysis.results if cell_number(r.source) in numbers]


def hover_markdown(analysis: Analysis, uri: str, text: str, offset: int, lang: str) -> Optional[str]:
    spot = spot_at(results_of(analysis, uri), offset)
    page = spot_page(spot, lang) if spot is not None else None
    if page is None:
        word, _start, _end = word_at(text, offset)
        page = word_page(word, analysis.kind, lang, analysis.target)
    return page_markdown(page) if page is not None else None
