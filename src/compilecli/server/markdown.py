"""An explain Page as Markdown, for hovers: title, sections, tables."""
from __future__ import annotations

from typing import List

from compilecli.explain import Page


def _cell(value) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def page_markdown(page: Page) -> str:
    out: List[str] = [f"### {page.title}"]
    for heading, text in page.sections:
        out += ["", f"**{heading}**", "", text]
    for heading, header, rows in page.tables:
        if not rows:
            continue
        out += ["", f"**{heading}**", "", "| " + " | ".join(_cell(h) for h in header) + " |",
                "|" + "---|" * len(header)]
        out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"
