"""Lay a Page out: rich panels and tables in a terminal, plain text otherwise."""
from __future__ import annotations

import textwrap
from typing import List

from compilecli import i18n
from compilecli.explain import Page
from compilecli.world.text import printable


def render_plain(pages: List[Page], width: int = 100) -> str:
    out: List[str] = []
    for page in pages:
        out += [page.title, "=" * min(_display_width(page.title), width)]
        for heading, text in page.sections:
            out.append(i18n.text("ui.explain.heading", page.lang, heading=heading))
            out += [textwrap.indent(_wrap(par, width - 2), "  ") for par in text.split("\n")]
        for heading, header, rows in page.tables:
            out += ["", i18n.text("ui.explain.heading", page.lang, heading=heading)] + _table(header, rows)
        out.append("")
    return printable("\n".join(out), keep_newlines=True)   # a spec's names and values are the user's


def _display_width(text: str) -> int:
    """Columns a terminal gives text: CJK characters take two."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width) if len(text) > width and " " in text else text


def _table(header: List[str], rows: List[List[str]]) -> List[str]:
    widths = [min(28, max(len(str(r[i])) for r in [header] + rows)) for i in range(len(header) - 1)]
    lines = []
    for row in [header] + rows:
        cells = [str(c)[:28].ljust(w) for c, w in zip(row, widths)] + [str(row[-1])]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def render_rich(pages: List[Page]) -> None:
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console()
    for page in pages:
        console.rule(Text(printable(page.title), style="bold"))
        for heading, text in page.sections:
            console.print(Panel(Text(printable(text, keep_newlines=True)), title=Text(printable(heading)), title_align="left", expand=True))
        for heading, header, rows in page.tables:
            table = Table(title=Text(printable(heading)), title_justify="left", show_lines=False)
            for name in header:
                table.add_column(printable(name), overflow="fold")
            for row in rows:
                table.add_row(*[Text(printable(str(c))) for c in row])
            console.print(table)
