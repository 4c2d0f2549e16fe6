"""``model.compile(...)`` calls in Jupyter notebooks -> one ``LoadedSpec`` per call.

The notebook is read with the loader's bounded reader and decoder (CC100-CC102),
parsed with ``json``, and every code cell is parsed once with ``ast`` (never
executed). IPython syntax is blanked first, line by line, so it cannot hide the
Python around it: line magics (``%matplotlib inline``), shell escapes
(``!pip install keras``), ``x = !ls`` and ``obj?`` help lines. A cell that starts
with a cell magic other than ``%%time``/``%%timeit``/``%%capture`` (``%%bash``,
``%%writefile``...) is not Python and is skipped.

Imports are gathered over all cells (they usually sit in the first one) for the
target and for what ``keras``/``tf`` mean. Each spec's ``source`` is
``"path.ipynb:cell N"`` with N the 1-based index among all cells, as ruff prints
it, and its spans are lines and columns within that cell.
"""
from __future__ import annotations

import json
import re
from typing import Any, List, Optional, Tuple

from compilecli.diagnostics import ERROR, Span, diagnostic
from compilecli.load import LoadedSpec
from compilecli.load.python_calls import FileFacts, parse, read_text, specs_from_tree

FORMAT = "notebook"

#: Cell magics whose body is still Python.
PYTHON_CELL_MAGICS = frozenset(("time", "timeit", "capture", "prun", "debug", "time_it"))

_MAGIC = re.compile(r"^\s*(?:%%?[A-Za-z_]|![^=])")
_ASSIGNED_SHELL = re.compile(r"^\s*[\w.,\s\[\]()*]+=\s*[!%]")
_HELP = re.compile(r"^\s*\??[\w.\[\]()]+\?\??\s*$|^\s*\?\??[\w.]+\s*$")


def cell_source(cell: Any, key: str = "source") -> str:
    source = cell.get(key, "") if isinstance(cell, dict) else ""
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def blank_magics(source: str) -> Optional[str]:
    """The cell with IPython-only lines replaced by ``pass`` (same line numbers); None: not Python."""
    lines = source.split("\n")
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("%%"):
        name = first[2:].split(None, 1)[0] if len(first) > 2 else ""
        if name not in PYTHON_CELL_MAGICS:
            return None
    out = []
    for line in lines:
        stripped = line.lstrip()
        if _MAGIC.match(line) or _ASSIGNED_SHELL.match(line) or _HELP.match(line):
            indent = line[: len(line) - len(stripped)]
            out.append(indent + "pass")
        else:
            out.append(line)
    return "\n".join(out)


def _notebook_language(nb: dict) -> str:
    metadata = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    for holder, key in (("language_info", "name"), ("kernelspec", "language")):
        info = metadata.get(holder)
        if isinstance(info, dict) and isinstance(info.get(key), str):
            return info[key].lower()
    return "python"


def _cells(nb: dict) -> Optional[List[Tuple[Any, str]]]:
    """(cell, key of its source) in order, for nbformat 4 (cells) and 3 (worksheets)."""
    if isinstance(nb.get("cells"), list):
        return [(cell, "source") for cell in nb["cells"]]
    worksheets = nb.get("worksheets")
    if isinstance(worksheets, list):
        out = []
        for sheet in worksheets:
            if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list):
                out.extend((cell, "input") for cell in sheet["cells"])
        return out
    return None


def load_notebook_text(text: str, path: str, target: Optional[str] = None) -> List[LoadedSpec]:
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        return [LoadedSpec(source=path, text=text, format=FORMAT, diagnostics=[diagnostic(
            "CC103", ERROR, span=Span(exc.lineno, exc.colno), key="codes.CC103.notebook", problem=exc.msg)])]
    except RecursionError:
        return [LoadedSpec(source=path, text=text, format=FORMAT, diagnostics=[diagnostic(
            "CC104", ERROR, span=Span(1, 1), key="codes.CC104.depth", limit=1000)])]
    cells = _cells(nb) if isinstance(nb, dict) else None
    if cells is None:
        return [LoadedSpec(source=path, text=text, format=FORMAT, diagnostics=[diagnostic(
            "CC103", ERROR, span=Span(1, 1), key="codes.CC103.notebook_shape")])]
    if _notebook_language(nb) != "python":
        return []
    if not any(isinstance(cell, dict) and cell.get("cell_type") == "code" and "compile" in cell_source(cell, key)
               for cell, key in cells):
        return []                      # no compile() anywhere: no cell is parsed
    facts = FileFacts()
    parsed = []
    out: List[LoadedSpec] = []
    for index, (cell, key) in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell_source(cell, key)
        code = blank_magics(source)
        if code is None or not code.strip():
            continue
        name = f"{path}:cell {index}"
        tree, failed = parse(code, name, FORMAT)
        if tree is None:
            for spec in failed:
                spec.text = source
            parsed.append((index, None, source, failed, name))
            continue
        parsed.append((index, tree, source, facts.add(tree), name))
    for index, tree, source, calls_or_failed, name in parsed:
        if tree is None:
            out.extend(calls_or_failed)
            continue
        out.extend(specs_from_tree(tree, source, name, facts, calls_or_failed, target, FORMAT))
    return out


def load_notebook_file(path: str, target: Optional[str] = None) -> List[LoadedSpec]:
    """Every Keras ``compile()`` call of a .ipynb file, as specs. Never raises for bad input."""
    text, failed = read_text(path, FORMAT)
    if text is None:
        return failed
    return load_notebook_text(text, path, target)
