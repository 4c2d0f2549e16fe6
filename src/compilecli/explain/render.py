"""Lay a Page out at a width (80 columns by default when piped): rich panels and tables in a terminal,
the same layout without colour or boxes otherwise. Both break lines with explain.layout (CJK widths,
no identifier split, no closing punctuation at a line start); formulas get one equation per line and
code examples are never wrapped. Tables too wide for the width become one block per row.
"""
from __future__ import annotations

import re
from typing import List

from compilecli import i18n
from compilecli.explain import Page
from compilecli.explain.layout import cell_lines, column_widths, equations, wrap
from compilecli.render.width import display_width, pad

WIDTH = 80
CODE_INLINE = re.compile(r"`([^`\n]+)`")


def _paragraphs(kind: str, text: str) -> List[str]:
    return equations(text) if kind == "formula" else text.split("\n")


def _table_lines(header, rows, width: int, indent: str = "  ") -> List[str]:
    widths = column_widths(header, rows, width - len(indent))
    if widths is None:
        return _blocks(header, rows, width, indent)
    out = []
    for number, row in enumerate([header] + rows):
        cells = [cell_lines(str(c), w, i == len(widths) - 1) or [""] for i, (c, w) in enumerate(zip(row, widths))]
        for k in range(max(len(c) for c in cells)):
            parts = [pad(c[k] if k < len(c) else "", w) for c, w in zip(cells, widths)]
            out.append((indent + "  ".join(parts)).rstrip())
        if number == 0:
            out.append(indent + "  ".join("─" * w for w in widths))
    return out


def _blocks(header, rows, width: int, indent: str) -> List[str]:
    """A row per block: `first · second · ...` on one line (a legend of the headers first), the last
    column wrapped below it."""
    out = wrap(" · ".join(str(h) for h in header[:-1]), width, indent)
    out.append(indent + "─" * max(8, min(width - len(indent), display_width(out[-1].strip()))))
    for row in rows:
        head = "  ·  ".join([str(row[0])] + [str(v) for v in row[1:-1] if str(v).strip()])
        out += wrap(head, width, indent)
        if str(row[-1]).strip():
            out += wrap(str(row[-1]), width, indent + "    ")
    return out


def render_plain(pages: List[Page], width: int = WIDTH) -> str:
    out: List[str] = []
    for page in pages:
        out += [page.title, "=" * min(display_width(page.title), width)]
        for index, (heading, text) in enumerate(page.sections):
            kind = page.kind_of(index)
            out.append(i18n.text("ui.explain.heading", page.lang, heading=heading))
            if kind == "code":
                out += ["  " + line for line in text.split("\n")]   # never wrapped
                continue
            for paragraph in _paragraphs(kind, text):
                out += wrap(paragraph, width, "  ")
        for heading, header, rows in page.tables:
            out += ["", i18n.text("ui.explain.heading", page.lang, heading=heading)] + _table_lines(header, rows, width)
        out.append("")
    return "\n".join(out)


def _styled(line: str):
    """A line with `code` spans shown as code (bold cyan), without the backticks."""
    from rich.text import Text
    text = Text()
    last = 0
    for match in CODE_INLINE.finditer(line):
        text.append(line[last:match.start()])
        text.append(match.group(1), style="bold cyan")
        last = match.end()
    text.append(line[last:])
    return text


def render_rich(pages: List[Page], console=None) -> None:
    from rich.console import Console
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.text import Text

    console = console or Console()
    width = min(console.width, 120)
    inner = width - 4                                   # panel borders and padding
    for page in pages:
        console.rule(Text(page.title, style="bold"))
        for index, (heading, text) in enumerate(page.sections):
            kind = page.kind_of(index)
            if kind == "code" and "\n" not in text and " " not in text.strip():   # a link: one line, never cut
                console.print(Text(heading + ":", style="bold"))
                console.print(Text("  " + text, style="underline"), soft_wrap=True)
                continue
            if kind == "code":    # never soft-wrapped (nor cut: a line wider than a panel goes out bare)
                if max(display_width(line) for line in text.split("\n")) + 4 <= width:
                    lexer = "python" if "model.compile(" in text else "yaml"
                    body = Syntax(text, lexer, word_wrap=False, background_color="default")
                    console.print(Panel(body, title=Text(heading), title_align="left", width=width))
                else:
                    console.print(Text(heading + ":", style="bold"))
                    for line in text.split("\n"):
                        console.print(Text("  " + line), soft_wrap=True, highlight=False)
                continue
            else:
                lines = [line for paragraph in _paragraphs(kind, text) for line in wrap(paragraph, inner)]
                body = Text("\n").join(_styled(line) for line in lines)
            console.print(Panel(body, title=Text(heading), title_align="left", width=width))
        for heading, header, rows in page.tables:
            console.print(Text(heading, style="bold"))
            for line in _table_lines(header, rows, width):
                console.print(_styled(line), soft_wrap=True, highlight=False)
