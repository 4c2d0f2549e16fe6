"""``model.compile(...)`` calls in Jupyter notebooks -> one ``LoadedSpec`` per call.

The notebook is read with the loader's bounded reader and decoder (CC100-CC102; a notebook may be
``limits.MAX_NOTEBOOK_BYTES``, since outputs do not count, while its code cells together are held to
``limits.MAX_BYTES`` like a .py file),
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
from typing import Any, Dict, List, Optional, Tuple

from compilecli.diagnostics import ERROR, Span, diagnostic
from compilecli.load import LoadedSpec, limits
from compilecli.load.python_calls import FileIndex, parse, read_text, registered_custom_objects, specs_from_tree
from compilecli.load.python_calls.positions import Positions

FORMAT = "notebook"

#: Cell magics whose body is still Python.
PYTHON_CELL_MAGICS = frozenset(("time", "timeit", "capture", "prun", "debug", "time_it"))

_ESCAPED = re.compile(r"\s*(?:%|!|\?|,\w|;\w|/\w)")                 # IPython's escapes at a line's start
_ASSIGNED = re.compile(r"\s*[\w.,\s\[\]()*]+=\s*[!%]")             # x = !ls, y = %time f()
_HELP = re.compile(r"\s*\??[\w.\[\]()]+\?\??\s*$")                   # obj?, obj??
#: Anything that could be one of the above somewhere in a cell (a cheap test before the line scan).
_ANY_IPYTHON = re.compile(r"^[ \t]*(?:[%!?]|[,;/]\w)|=[ \t]*[!%]|\?[ \t]*$", re.M)


def cell_source(cell: Any, key: str = "source") -> str:
    source = cell.get(key, "") if isinstance(cell, dict) else ""
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def ipython_to_python(source: str) -> Optional[Tuple[str, Dict[int, int]]]:
    """The cell as IPython would run it, with the same line numbers: (code, {line: columns removed}).

    As IPython's input transformers do: the first line's indentation is removed from every line
    that starts with it; a cell magic (``%%bash``) makes the whole cell not Python, unless it is
    one whose body is (``%%time``); at the start of a logical line, ``%magic``, ``!shell``,
    ``x = !ls``, ``obj?`` and the lines they continue with a trailing backslash become ``pass``.
    None: the cell is not Python.
    """
    if not source[:1].isspace() and not _ANY_IPYTHON.search(source):
        return source, {}                 # plain Python (most cells): nothing to rewrite
    lines = source.split("\n")
    shift: Dict[int, int] = {}
    first = next((line for line in lines if line.strip()), "")
    indent = first[:len(first) - len(first.lstrip())]
    if indent:
        for number, line in enumerate(lines):
            if line.startswith(indent):
                lines[number] = line[len(indent):]
                shift[number + 1] = len(indent)
    head = first.strip()
    if head.startswith("%%"):
        name = head[2:].split(None, 1)[0] if len(head) > 2 else ""
        if name not in PYTHON_CELL_MAGICS:
            return None
    out, scanner, continued_escape = [], _LineScanner(), False
    for line in lines:
        at_start = scanner.at_logical_start()
        if continued_escape or (at_start and (_ESCAPED.match(line) or _ASSIGNED.match(line) or _HELP.match(line))):
            stripped = line.lstrip()
            out.append("" if continued_escape else line[:len(line) - len(stripped)] + "pass")
            continued_escape = line.rstrip().endswith("\\")
            continue
        scanner.feed(line)
        out.append(line)
    return "\n".join(out), shift


def blank_magics(source: str) -> Optional[str]:
    """The cell's code as ipython_to_python reads it (same line numbers); None: not Python."""
    converted = ipython_to_python(source)
    return None if converted is None else converted[0]


class _LineScanner:
    """Where a physical line is in Python's logical lines: inside brackets, a string, a continuation."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote: Optional[str] = None          # the open triple quote
        self.continued = False

    def at_logical_start(self) -> bool:
        return self.depth == 0 and self.quote is None and not self.continued

    def feed(self, line: str) -> None:
        index, size = 0, len(line)
        self.continued = False
        while index < size:
            char = line[index]
            if self.quote is not None:
                if line.startswith(self.quote, index):
                    index += 3
                    self.quote = None
                    continue
                index += 2 if char == "\\" else 1
                continue
            if char == "#":
                break
            if char in "\"'":
                if line.startswith(char * 3, index):
                    self.quote = char * 3
                    index += 3
                    continue
                end = index + 1
                while end < size and line[end] != char:
                    end += 2 if line[end] == "\\" else 1
                index = end + 1
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(self.depth - 1, 0)
            index += 1
        self.continued = self.quote is None and line.rstrip().endswith("\\")


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
    too_large = _code_too_large(path, text, cells)
    if too_large is not None:
        return [too_large]
    index = FileIndex()
    parsed = []
    out: List[LoadedSpec] = []
    for number, (cell, key) in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell_source(cell, key)
        converted = ipython_to_python(source)
        if converted is None or not converted[0].strip():
            continue
        code, shift = converted
        name = f"{path}:cell {number}"
        tree, failed = parse(code, name, FORMAT)
        if tree is None:
            for spec in failed:
                spec.text = source
            parsed.append((None, source, failed, name, None))
            continue
        parsed.append((tree, source, index.add(tree, code), name, Positions(code, shift)))
    from compilecli.load.python_calls.target import infer
    whole = "\n".join(item[1] for item in parsed)
    inferred = infer(path, index.facts, whole, target)   # once: it reads every cell
    custom = registered_custom_objects([item[0] for item in parsed if item[0] is not None], whole)
    for tree, source, calls_or_failed, name, positions in parsed:
        if tree is None:
            out.extend(calls_or_failed)
            continue
        out.extend(specs_from_tree(tree, source, name, index, calls_or_failed, target, FORMAT, path,
                                   positions=positions, inferred=inferred, custom=custom))
    index.release()
    return out


def load_notebook_file(path: str, target: Optional[str] = None) -> List[LoadedSpec]:
    """Every Keras ``compile()`` call of a .ipynb file, as specs. Never raises for bad input."""
    text, failed = read_text(path, FORMAT, limits.MAX_NOTEBOOK_BYTES, "codes.CC102.notebook")
    if text is None:
        return failed
    return load_notebook_text(text, path, target)


def _code_too_large(path: str, text: str, cells) -> Optional[LoadedSpec]:
    """CC102 when the code cells together are larger than a .py file may be (outputs do not count)."""
    size = sum(len(cell_source(cell, key).encode("utf-8", "surrogatepass")) for cell, key in cells
               if isinstance(cell, dict) and cell.get("cell_type") == "code")
    if size <= limits.MAX_BYTES:
        return None
    return LoadedSpec(source=path, text=text, format=FORMAT, diagnostics=[diagnostic(
        "CC102", ERROR, key="codes.CC102.notebook_code", limit=limits.MAX_BYTES, size=size)])
