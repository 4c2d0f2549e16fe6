"""``model.compile(...)`` calls in Python source -> one ``LoadedSpec`` per call.

The file is parsed once with the standard library's ``ast`` and never imported
or executed. Each ``<receiver>.compile(...)`` call becomes a spec whose data is
``{"compile": {...}}`` (plus ``"target"`` when the imports make it certain) and
whose source map points every spec path at the expression in the file, so the
rules report at the call's own line and column.

What is taken, and what is left alone:

* literals: str, int, float, bool, None, negative numbers, arithmetic on number
  literals (``1e-3 / 10``), lists, tuples, dicts with str keys;
* Keras constructors named through a Keras module (``keras.optimizers.Adam(...)``,
  ``tf.keras.losses.Huber(...)``, ``from keras.metrics import AUC; AUC()``):
  ``{"class_name": <last attribute>, "config": {<literal keyword arguments>}}``.
  A positional argument is kept only as an optimizer's ``learning_rate``;
  a schedule constructor there becomes the learning_rate's ``{class_name, config}``;
* bare references through a Keras module (``keras.losses.mean_squared_error``):
  the last attribute name, as a string;
* anything else (variables, f-strings, calls we do not recognise, ``*args``,
  ``**kwargs``) is skipped, never guessed: the key is left out, a compile() list
  keeps its other items (a list inside a Keras object's config, whose length
  counts, is skipped whole). A constructor whose skipped arguments might be the ones it
  requires is skipped whole (so ``ExponentialDecay(lr0, ...)`` cannot be reported
  as missing ``initial_learning_rate``).

A file that does not contain the word ``compile`` is not even parsed (so its
syntax errors, if any, are not reported): there is nothing in it for us.

The parts: ``facts`` (imports, names, the target), ``compile_calls`` (which calls,
positional order), ``call_reader`` (one call), ``literals`` and ``keras_objects``
(its values), ``positions`` (ast offsets -> spans).
"""
from __future__ import annotations

import ast
import warnings
from typing import Any, Dict, Iterable, List, Optional, Tuple

from compilecli.diagnostics import ERROR, Span, diagnostic
from compilecli.load import LoadedSpec
from compilecli.load.python_calls.call_reader import CallReader
from compilecli.load.python_calls.compile_calls import is_keras_compile
from compilecli.load.python_calls.facts import FileFacts
from compilecli.load.python_calls.outputs import add_outputs
from compilecli.load.python_calls.positions import Positions
from compilecli.load.python_calls.receivers import Receiver, checking_mode, classify
from compilecli.load.python_calls.scopes import FileIndex

__all__ = ["FORMAT", "FileFacts", "FileIndex", "is_keras_compile", "registered_custom_objects", "parse",
           "specs_from_tree", "load_python_text", "read_text", "load_python_file"]

FORMAT = "python"


def parse(text: str, source: str, fmt: str = FORMAT, reparser=None) -> Tuple[Optional[ast.AST], List[LoadedSpec]]:
    """ast.parse, with a syntax error (or runaway nesting) as one spec holding CC103/CC104. ``reparser``
    (``reparse.Reparser``, the server's, per document): only the statements an edit changed are parsed."""
    try:
        if reparser is not None:
            return reparser.parse(text, source), []
        with warnings.catch_warnings():   # "invalid escape sequence" and friends are the user's, not ours
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=source), []
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = max(exc.offset or 1, 1)
        problem = exc.msg or "invalid syntax"
        found = diagnostic("CC103", ERROR, span=Span(line, column), key="codes.CC103.python", problem=problem)
    except ValueError as exc:           # NUL bytes (Python < 3.12 says ValueError)
        found = diagnostic("CC103", ERROR, span=Span(1, 1), key="codes.CC103.python", problem=str(exc))
    except (RecursionError, MemoryError):
        found = diagnostic("CC104", ERROR, span=Span(1, 1), key="codes.CC104.python_nesting")
    return None, [LoadedSpec(source=source, text=text, format=fmt, diagnostics=[found],
                             comments=_python_comments(text))]


def specs_from_tree(tree: ast.AST, text: str, source: str, index: FileIndex,
                    calls: Iterable[ast.Call], target: Optional[str] = None,
                    fmt: str = FORMAT, path: Optional[str] = None,
                    positions: Optional[Positions] = None, inferred: Optional[tuple] = None,
                    custom: Optional[frozenset] = None) -> List[LoadedSpec]:
    """One LoadedSpec per Keras compile() call of a parsed tree (a file, or one notebook cell).
    ``inferred``: ``target.infer``'s answer when the caller has it (a notebook asks once, not per cell:
    the inference reads the whole notebook's text); ``custom`` likewise, the names the file registers
    as custom objects (``custom_objects.registered_names``)."""
    if inferred is None:
        from compilecli.load.python_calls.target import infer
        inferred = infer(path or source, index.facts, text, target)
    if custom is None:
        custom = registered_custom_objects((tree,), text)
    chosen, target_info, candidates = inferred
    from compilecli.load.python_calls.graph_mode import graph_ranges, inside
    positions = positions or Positions(text)
    out: List[LoadedSpec] = []
    comments = graph = reuse = None
    calls = list(calls)
    if len(calls) > 1:                    # repeated calls are read once (reuse.py); one call imports nothing
        from compilecli.load.python_calls.reuse import CallReuse
        reuse = CallReuse(index, positions)
    graph = graph_ranges(tree, text) if calls else ()
    for call in calls:
        site = index.site_of(call)
        key = reuse.key(call, site, bool(graph) and inside(graph, call)) if reuse is not None else None
        spec = reuse.recall(key, call, site) if key is not None else None   # (an equal call was Keras's)
        if spec is None:
            if not is_keras_compile(call, index.facts):
                continue
            if comments is None:          # once per file, shared; only a directive needs them
                comments = _python_comments(text) if "compilecli" in text else ()
            spec = read_call(call, index, positions, text, source, fmt, chosen, target_info, candidates,
                             comments, graph, custom)
            if key is not None:
                reuse.keep(key, call, site, spec)
        out.append(spec)
    return out


def read_call(call: ast.Call, index: FileIndex, positions: Positions, text: str, source: str, fmt: str,
              target: Optional[str], target_info: Dict[str, Any], candidates: tuple, comments=(),
              graph=(), custom: frozenset = frozenset()) -> LoadedSpec:
    """One compile() call -> a spec, with what was read, skipped and inferred in ``spec.code``."""
    from compilecli.load.python_calls.code_info import describe
    from compilecli.load.python_calls.graph_mode import inside
    site = index.site_of(call)
    receiver = classify(index, call, site)
    if graph and inside(graph, call):
        receiver = Receiver("graph_mode", "tf1_graph", receiver.detail)
    mode = checking_mode(call, receiver)
    reader = CallReader(index, positions, target, site, receiver, mode, candidates)
    compile_args, sourcemap = reader.read(call) if mode != "skipped" else ({}, CallReader.empty_map(positions, call))
    data: Dict[str, Any] = {"compile": compile_args}
    if target is not None:
        data = {"target": target, "compile": compile_args}
    outputs_info = add_outputs(data, sourcemap, index, receiver, reader, site, positions, call)
    code = describe(call, positions, receiver, mode, reader, target_info, candidates, outputs_info)
    if custom:
        code["_custom_objects"] = custom      # for the object-names rule: these strings may resolve
    return LoadedSpec(source=source, text=text, data=data, sourcemap=sourcemap, format=fmt, code=code,
                      comments=comments)


def registered_custom_objects(trees, text: str) -> frozenset:
    """``custom_objects.registered_names``, imported only for a file that spells one of its words."""
    if "custom_object" not in text and "CustomObject" not in text:
        return frozenset()
    from compilecli.load.python_calls.custom_objects import registered_names
    return registered_names(trees, text)


def load_python_text(text: str, source: str, target: Optional[str] = None, reparser=None) -> List[LoadedSpec]:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "compile" not in text:          # nothing for us: not even parsed
        return []
    tree, failed = parse(text, source, FORMAT, reparser)
    if tree is None:
        tree, failed = _percent_cells_tree(text, source, failed)
        if tree is None:
            return failed
    index = FileIndex()
    calls = index.add(tree, text)
    specs = specs_from_tree(tree, text, source, index, calls, target)
    index.release()
    return specs


def _percent_cells_tree(text: str, source: str, failed: List[LoadedSpec]):
    """A ``# %%`` script that holds IPython lines (``!pip install keras``): (the tree of its cells as
    IPython runs them, percent.py; or None and the syntax error that remains there, in the script's
    own text). Not such a script: (None, its syntax error)."""
    if failed[0].diagnostics[0].code != "CC103":
        return None, failed
    from compilecli.load.python_calls.percent import as_python
    converted = as_python(text)
    if converted is None:
        return None, failed
    tree, still = parse(converted, source)
    from compilecli.record import replace
    return tree, [replace(spec, text=text) for spec in still]


def read_text(path: str, fmt: str, limit: Optional[int] = None, key: str = "") -> Tuple[Optional[str], List[LoadedSpec]]:
    """Bounded read (``limit``, else the loader's) + the loader's decoding (CC100/CC101/CC102); a
    PEP 263 coding line is honoured."""
    from compilecli.load.reader import decode, read_path

    raw, problems = read_path(path, limit, key)
    if raw is None:
        return None, [LoadedSpec(source=path, format=fmt, diagnostics=problems)]
    text, problems, _encoding = decode(raw)
    if text is None and fmt == FORMAT:
        text = _declared_encoding(raw)
    if text is None:
        return None, [LoadedSpec(source=path, format=fmt, diagnostics=problems)]
    return text, []


def _declared_encoding(raw: bytes) -> Optional[str]:
    if b"\x00" in raw:
        return None
    import tokenize
    from io import BytesIO
    try:
        encoding, _ = tokenize.detect_encoding(BytesIO(raw).readline)
        return raw.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None


def load_python_file(path: str, target: Optional[str] = None) -> List[LoadedSpec]:
    """Every Keras ``compile()`` call of a .py file, as specs. Never raises for bad input.

    ``target`` (the ``--target`` option, when the caller passes it) decides how
    positional arguments map; otherwise the target inferred from the imports does.
    """
    text, failed = read_text(path, FORMAT)
    if text is None:
        return failed
    return load_python_text(text, path, target)


def _python_comments(text: str):
    from compilecli.load.comments import python_comments     # (tokenize: a file that does not parse, or a directive)
    return python_comments(text)
