"""Scripts in the percent format: ``# %%`` cells, as VS Code's interactive window, Spyder and jupytext
write them. Their cells are sent to an IPython kernel, so they may hold lines that Python cannot parse
and the kernel runs: ``!pip install keras``, ``%matplotlib inline``, ``x = !ls``, ``obj?``.

When such a script does not parse, each cell is read as a notebook's code cell is
(``load.notebook.ipython_to_python``): its IPython lines become ``pass``, and a cell that is not Python
(``%%bash``, ``%%writefile``) becomes blank lines. Every line keeps its number and every other line its
columns, so the tree's positions are the script's own. Only the tree comes from this text: the spec
keeps the script's text (what ``--show-source`` prints and ``--fix`` edits). A script that Python can
parse is never read this way, and one whose cells still do not parse keeps its syntax error (CC103).
"""
from __future__ import annotations

import re
from typing import List, Optional

#: A cell's first line: ``# %%``, ``#%%``, ``# %% [markdown]``, ``# %% Training``.
CELL_MARKER = re.compile(r"[ \t]*#[ \t]*%%")


def as_python(text: str) -> Optional[str]:
    """The script with each cell as IPython runs it (same lines, same columns), or None: it has no
    ``# %%`` cells, nothing in them is IPython's, or a cell's first line is indented (IPython would
    dedent the cell, which moves its columns)."""
    if "%%" not in text:
        return None
    lines = text.split("\n")
    starts = [number for number, line in enumerate(lines) if CELL_MARKER.match(line)]
    if not starts:
        return None
    markers = set(starts)
    out: List[str] = []
    for begin, end in zip([0] + starts, starts + [len(lines)]):
        if begin == end:
            continue
        marker = 1 if begin in markers else 0      # (the text before the first cell has none)
        out.extend(lines[begin:begin + marker])
        body = _cell_as_python(lines[begin + marker:end])
        if body is None:
            return None
        out.extend(body)
    converted = "\n".join(out)
    return None if converted == text else converted


def _cell_as_python(lines: List[str]) -> Optional[List[str]]:
    if not lines:
        return lines
    from compilecli.load.notebook import ipython_to_python    # (only for a script that did not parse)
    converted = ipython_to_python("\n".join(lines))
    if converted is None:                   # a cell magic: not Python, read as blank lines
        return [""] * len(lines)
    code, dedented = converted
    return None if dedented else code.split("\n")
