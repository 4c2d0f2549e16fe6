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
  ``**kwargs``) is skipped, never guessed: the key is left out, a list keeps its
  other items. A constructor whose skipped arguments might be the ones it
  requires is skipped whole (so ``ExponentialDecay(lr0, ...)`` cannot be reported
  as missing ``initial_learning_rate``).

A file that does not contain the word ``compile`` is not even parsed (so its
syntax errors, if any, are not reported): there is nothing in it for us.

Positional compile() arguments follow the target's order: Keras 3 takes
``(optimizer, loss, loss_weights, metrics, ...)``, tf.keras 2.x and Keras 2
``(optimizer, loss, metrics, loss_weights, ...)``. Only the first two agree, so
without a known target only those two are read.
"""
from __future__ import annotations

import ast
import re
import tokenize
from io import BytesIO
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from compilecli.diagnostics import ERROR, Span, SpecPath, diagnostic
from compilecli.load import LoadedSpec
from compilecli.load.sourcemap import SourceMap

FORMAT = "python"

#: Keywords of ``Model.compile()`` in any Keras target.
COMPILE_KEYWORDS = frozenset((
    "optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
    "steps_per_execution", "jit_compile", "auto_scale_loss", "sample_weight_mode", "target_tensors",
    "pss_evaluation_shards",
))

#: Receivers whose ``.compile`` is not Keras's (``re.compile``, ``torch.compile`` ...).
DENY_RECEIVERS = frozenset(("re", "regex", "torch", "jax", "tf", "np", "numpy", "sre_compile",
                            "py_compile", "compileall", "numba", "theano", "codeop"))

#: ``Model.compile()``'s positional order per target (from the facts files).
POSITIONAL = {
    "keras3": ("optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly",
               "steps_per_execution", "jit_compile", "auto_scale_loss"),
    "tf2": ("optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
            "steps_per_execution", "jit_compile", "pss_evaluation_shards"),
    "keras2": ("optimizer", "loss", "metrics", "loss_weights", "sample_weight_mode", "weighted_metrics",
               "target_tensors"),
}
#: The positions every target agrees on.
POSITIONAL_COMMON = ("optimizer", "loss")

#: What kind of object each compile keyword names.
ROLE_KIND = {"optimizer": "optimizer", "loss": "loss", "metrics": "metric", "weighted_metrics": "metric"}

#: Keras module segments that hold each kind (``keras.optimizers.schedules.X`` ...).
KIND_MODULES = {
    "optimizer": ("optimizers",),
    "schedule": ("schedules", "experimental", "optimizers"),
    "loss": ("losses", "metrics"),
    "metric": ("metrics", "losses"),
}
MODULE_KIND = {"schedules": "schedule", "optimizers": "optimizer", "losses": "loss", "metrics": "metric"}

#: Roots assumed when a name is used without an import (notebook snippets, partial files).
FALLBACK_ROOTS = {"tf": "tensorflow", "keras": "keras", "tfk": "tensorflow.keras",
                  "optimizers": "keras.optimizers", "losses": "keras.losses", "metrics": "keras.metrics"}

#: ``tf.keras.losses.Reduction.X`` -> the string Keras takes.
REDUCTIONS = {"NONE": "none", "SUM": "sum", "SUM_OVER_BATCH_SIZE": "sum_over_batch_size", "AUTO": "auto"}

#: Deepest literal nesting converted (deeper values are skipped).
MAX_DEPTH = 50

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _Skip(Exception):
    """The expression is not a literal we can read: leave it out."""


# ------------------------------------------------------------------ the file as a whole
class FileFacts:
    """What one parse of a file (or of all cells of a notebook) tells about names and imports."""

    def __init__(self) -> None:
        self.imports: Dict[str, str] = {}        # bound name -> dotted module/object path
        self.star_modules: List[str] = []        # modules of ``from X import *``
        self.bound: set = set()                  # names assigned, defined or taken as arguments
        self.tf_keras = False                    # tf.keras / tensorflow.keras / tf_keras in use
        self.tensorflow = False                  # tensorflow imported
        self.standalone = False                  # keras imported as a package of its own
        self._keras_attrs: List[str] = []        # roots X of ``X.keras`` attributes

    def add(self, tree: ast.AST) -> List[ast.Call]:
        """Record imports and names of one tree; return its compile() calls, in file order."""
        calls: List[ast.Call] = []
        for node in ast.walk(tree):
            kind = type(node)
            if kind is ast.Call:
                func = node.func
                if type(func) is ast.Attribute and func.attr == "compile":
                    calls.append(node)
            elif kind is ast.Attribute:
                if node.attr == "keras" and type(node.value) is ast.Name:
                    self._keras_attrs.append(node.value.id)
            elif kind is ast.Name:
                if type(node.ctx) is ast.Store:
                    self.bound.add(node.id)
            elif kind is ast.Import:
                for alias in node.names:
                    self._module(alias.name)
                    if alias.asname:
                        self.imports[alias.asname] = alias.name
                    else:
                        root = alias.name.split(".")[0]
                        self.imports.setdefault(root, root)
            elif kind is ast.ImportFrom:
                if node.level or not node.module:
                    continue
                self._module(node.module)
                for alias in node.names:
                    if alias.name == "*":
                        self.star_modules.append(node.module)
                        continue
                    full = f"{node.module}.{alias.name}"
                    self._module(full)
                    self.imports[alias.asname or alias.name] = full
            elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                self.bound.add(node.name)
            elif kind is ast.arg:
                self.bound.add(node.arg)
        calls.sort(key=lambda c: (c.lineno, c.col_offset))
        return calls

    def _module(self, dotted: str) -> None:
        parts = dotted.split(".")
        if parts[0] == "tensorflow":
            self.tensorflow = True
            if len(parts) > 1 and parts[1] == "keras":
                self.tf_keras = True
        elif parts[0] == "tf_keras":
            self.tf_keras = True
        elif parts[0] == "keras":
            self.standalone = True

    def target(self) -> Optional[str]:
        """"tf2", "keras3", or None when the imports do not say for certain."""
        tf_keras = self.tf_keras or any(self.resolve_root(root) == ["tensorflow"]
                                        for root in set(self._keras_attrs))
        if tf_keras and not self.standalone:
            return "tf2"
        if self.standalone and not tf_keras and not self.tensorflow:
            return "keras3"
        if self.tensorflow and not self.standalone:
            return "tf2"
        return None

    @property
    def uses_keras(self) -> bool:
        return self.tensorflow or self.tf_keras or self.standalone

    def resolve_root(self, name: str) -> Optional[List[str]]:
        if name in self.imports:
            return self.imports[name].split(".")
        if name in self.bound:
            return None
        if name in FALLBACK_ROOTS:
            return FALLBACK_ROOTS[name].split(".")
        for module in self.star_modules:
            if _is_keras(module.split(".")):
                return module.split(".") + [name]
        return None

    def keras_path(self, node: ast.AST) -> Optional[List[str]]:
        """``tf.keras.optimizers.Adam`` -> ["tensorflow", "keras", "optimizers", "Adam"], if Keras's."""
        rest: List[str] = []
        while type(node) is ast.Attribute:
            rest.append(node.attr)
            node = node.value
        if type(node) is not ast.Name:
            return None
        root = self.resolve_root(node.id)
        if root is None:
            return None
        full = root + rest[::-1]
        return full if _is_keras(full) else None


def _is_keras(parts: Sequence[str]) -> bool:
    if not parts:
        return False
    if parts[0] in ("keras", "tf_keras"):
        return True
    return parts[0] == "tensorflow" and len(parts) > 1 and (
        parts[1] == "keras" or (parts[1] == "python" and len(parts) > 2 and parts[2] == "keras"))


# ------------------------------------------------------------------ positions
class _Positions:
    """ast positions (1-based lines, 0-based UTF-8 byte columns) -> 1-based character Spans."""

    def __init__(self, text: str):
        self.lines = _LINE_BREAK.split(text)

    def column(self, line: int, byte_col: int) -> int:
        if 1 <= line <= len(self.lines):
            source = self.lines[line - 1]
            if not source.isascii():
                return len(source.encode("utf-8")[:byte_col].decode("utf-8", "replace")) + 1
        return byte_col + 1

    def span(self, node: ast.AST) -> Span:
        end_line = getattr(node, "end_lineno", None) or node.lineno
        end_col = getattr(node, "end_col_offset", None)
        if end_col is None:
            end_col = node.col_offset
        return Span(node.lineno, self.column(node.lineno, node.col_offset),
                    end_line, self.column(end_line, end_col))

    def name_span(self, node: ast.AST, name: str) -> Span:
        """The span of the last name of ``a.b.Name`` (or of a Name)."""
        full = self.span(node)
        if full.line == full.end_line and full.end_column - len(name) >= full.column:
            return Span(full.end_line, full.end_column - len(name), full.end_line, full.end_column)
        return full

    def keyword_span(self, node: ast.keyword) -> Span:
        column = self.column(node.lineno, node.col_offset)
        return Span(node.lineno, column, node.lineno, column + len(node.arg or ""))


# ------------------------------------------------------------------ one compile() call
class _CallReader:
    def __init__(self, facts: FileFacts, positions: _Positions, target: Optional[str]):
        self.facts = facts
        self.pos = positions
        self.target = target
        self.vlog: List[Tuple[SpecPath, Span]] = []
        self.klog: List[Tuple[SpecPath, Span]] = []

    def read(self, call: ast.Call) -> Tuple[Dict[str, Any], SourceMap]:
        compile_args: Dict[str, Any] = {}
        order = POSITIONAL.get(self.target or "", POSITIONAL_COMMON)
        for index, arg in enumerate(call.args):
            if type(arg) is ast.Starred or index >= len(order):
                break                      # positions after *args are unknown
            self._argument(compile_args, order[index], arg, None)
        for keyword in call.keywords:
            if keyword.arg is None:        # **kwargs
                continue
            self._argument(compile_args, keyword.arg, keyword.value, keyword)
        span = self.pos.span(call)
        values = {path: where for path, where in self.vlog}
        keys = {path: where for path, where in self.klog}
        values[()] = span
        values[("compile",)] = span
        keys[("compile",)] = self.pos.name_span(call.func, "compile")
        return compile_args, SourceMap(values=values, keys=keys)

    def _argument(self, into: Dict[str, Any], name: str, node: ast.AST, keyword: Optional[ast.keyword]):
        mark = self._mark()
        path = ("compile", name)
        try:
            value = self.value(node, path, ROLE_KIND.get(name), 1)
        except _Skip:
            self._rollback(mark)
            return
        into[name] = value
        if keyword is not None:
            self.klog.append((path, self.pos.keyword_span(keyword)))

    # -- logging with rollback, so a skipped item leaves no stale spans
    def _mark(self) -> Tuple[int, int]:
        return len(self.vlog), len(self.klog)

    def _rollback(self, mark: Tuple[int, int]) -> None:
        del self.vlog[mark[0]:]
        del self.klog[mark[1]:]

    # -- values
    def value(self, node: ast.AST, path: SpecPath, kind: Optional[str], depth: int) -> Any:
        """The literal value of node; ``kind`` says which Keras objects may stand here."""
        if depth > MAX_DEPTH:
            raise _Skip
        result = self._value(node, path, kind, depth)
        self.vlog.append((path, self.pos.span(node)))
        return result

    def _value(self, node: ast.AST, path: SpecPath, kind: Optional[str], depth: int) -> Any:
        node_type = type(node)
        if node_type is ast.Constant:
            value = node.value
            if value is None or isinstance(value, (str, bool, int, float)):
                return value
            raise _Skip
        if node_type in (ast.UnaryOp, ast.BinOp):
            return _number(node)
        if node_type in (ast.List, ast.Tuple):
            out = []
            for item in node.elts:
                mark = self._mark()
                try:
                    out.append(self.value(item, path + (len(out),), kind, depth + 1))
                except _Skip:
                    self._rollback(mark)
            return out
        if node_type is ast.Dict:
            return self._dict(node, path, kind, depth)
        if node_type is ast.Call:
            return self._call(node, path, kind, depth)
        if node_type in (ast.Attribute, ast.Name):
            return self._reference(node, kind)
        raise _Skip

    def _dict(self, node: ast.Dict, path: SpecPath, kind: Optional[str], depth: int) -> dict:
        keys = [k.value if type(k) is ast.Constant and isinstance(k.value, str) else None
                for k in node.keys]
        if "class_name" in keys:
            kind = None                    # a {class_name, config} written out: plain values inside
        out: Dict[str, Any] = {}
        for key_node, key, item in zip(node.keys, keys, node.values):
            if key is None:                # **other, or a key that is not a str literal
                continue
            mark = self._mark()
            try:
                out[key] = self.value(item, path + (key,), kind, depth + 1)
            except _Skip:
                self._rollback(mark)
                continue
            self.klog.append((path + (key,), self.pos.span(key_node)))
        return out

    def _reference(self, node: ast.AST, kind: Optional[str]) -> str:
        """``keras.losses.mean_squared_error`` -> "mean_squared_error"; Reduction.NONE -> "none"."""
        full = self.facts.keras_path(node)
        if full is None:
            raise _Skip
        if len(full) >= 2 and full[-2] == "Reduction" and full[-1] in REDUCTIONS:
            return REDUCTIONS[full[-1]]
        if kind is None or not any(part in KIND_MODULES[kind] for part in full[:-1]):
            raise _Skip
        return full[-1]

    def _call(self, node: ast.Call, path: SpecPath, kind: Optional[str], depth: int) -> Any:
        full = self.facts.keras_path(node.func)
        if full is None or len(full) < 2:
            raise _Skip
        name, module = full[-1], full[:-1]
        if kind is None:                   # inside a config: a Keras object named by its module
            kind = next((MODULE_KIND[part] for part in reversed(module) if part in MODULE_KIND), None)
            if kind is None:
                raise _Skip
        if not any(part in KIND_MODULES[kind] for part in module):
            raise _Skip
        if name in ("get", "deserialize"):  # keras.optimizers.get("adam") -> "adam"
            if (len(node.args) == 1 and not node.keywords and type(node.args[0]) is ast.Constant
                    and isinstance(node.args[0].value, str)):
                return node.args[0].value
            raise _Skip
        if not name[:1].isupper():         # a function call, not a constructor
            raise _Skip
        config: Dict[str, Any] = {}
        config_path = path + ("config",)
        skipped = False
        for index, arg in enumerate(node.args):
            if kind == "optimizer" and index == 0 and type(arg) is not ast.Starred:
                skipped |= not self._config_item(config, config_path, "learning_rate", arg, None,
                                                 "schedule", depth)
            else:
                skipped = True
        for keyword in node.keywords:
            if keyword.arg is None:
                skipped = True
                continue
            sub_kind = "schedule" if kind == "optimizer" and keyword.arg == "learning_rate" else None
            skipped |= not self._config_item(config, config_path, keyword.arg, keyword.value, keyword,
                                             sub_kind, depth)
        if skipped and _may_lack_required(kind, name, config, self.target):
            raise _Skip
        self.vlog.append((path + ("class_name",), self.pos.name_span(node.func, name)))
        self.vlog.append((config_path, self.pos.span(node)))
        return {"class_name": name, "config": config}

    def _config_item(self, config, config_path, name, node, keyword, kind, depth) -> bool:
        mark = self._mark()
        try:
            config[name] = self.value(node, config_path + (name,), kind, depth + 2)
        except _Skip:
            self._rollback(mark)
            return False
        if keyword is not None:
            self.klog.append((config_path + (name,), self.pos.keyword_span(keyword)))
        return True


def _number(node: ast.AST, depth: int = 0) -> Any:
    """-1, +2.5, 1e-3 / 10, 2 ** -4: arithmetic on number literals only, bounded."""
    if depth > MAX_DEPTH:
        raise _Skip
    if type(node) is ast.Constant:
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return node.value
        raise _Skip
    if type(node) is ast.UnaryOp and type(node.op) in (ast.USub, ast.UAdd):
        value = _number(node.operand, depth + 1)
        return -value if type(node.op) is ast.USub else +value
    if type(node) is ast.BinOp:
        left, right = _number(node.left, depth + 1), _number(node.right, depth + 1)
        op = type(node.op)
        try:
            if op is ast.Add:
                result = left + right
            elif op is ast.Sub:
                result = left - right
            elif op is ast.Mult:
                result = left * right
            elif op is ast.Div:
                result = left / right
            elif op is ast.Pow and abs(right) <= 64 and abs(left) <= 1e6:
                result = left ** right
            else:
                raise _Skip
        except (ArithmeticError, ValueError, TypeError):
            raise _Skip from None
        if isinstance(result, complex) or (isinstance(result, int) and result.bit_length() > 64):
            raise _Skip
        return result
    raise _Skip


def _may_lack_required(kind: str, name: str, config: Dict[str, Any], target: Optional[str]) -> bool:
    """True when the catalogue says ``name`` requires an argument that ``config`` does not hold."""
    from compilecli.catalogue import TARGETS, load_catalogue

    catalogue = load_catalogue()
    for tname in ([target] if target in TARGETS else TARGETS):
        entry = catalogue.target(tname).resolve(kind, name)
        if entry is not None and entry.is_class and any(
                arg.required and arg_name not in config for arg_name, arg in entry.args.items()):
            return True
    return False


def is_keras_compile(call: ast.Call, facts: FileFacts) -> bool:
    """Does this ``x.compile(...)`` look like Keras's ``Model.compile``?"""
    receiver = call.func.value
    if type(receiver) is ast.Name and receiver.id in DENY_RECEIVERS:
        return False
    if any(k.arg in COMPILE_KEYWORDS for k in call.keywords):
        return True
    # positional arguments only: believe it only in a file that uses Keras at all
    return bool(call.args) and facts.uses_keras


# ------------------------------------------------------------------ entry points
def parse(text: str, source: str, fmt: str = FORMAT) -> Tuple[Optional[ast.AST], List[LoadedSpec]]:
    """ast.parse, with a syntax error (or runaway nesting) as one spec holding CC103/CC104."""
    try:
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
    return None, [LoadedSpec(source=source, text=text, format=fmt, diagnostics=[found])]


def specs_from_tree(tree: ast.AST, text: str, source: str, facts: FileFacts,
                    calls: Iterable[ast.Call], target: Optional[str] = None,
                    fmt: str = FORMAT) -> List[LoadedSpec]:
    """One LoadedSpec per Keras compile() call of a parsed tree."""
    inferred = facts.target()
    positions = _Positions(text)
    out: List[LoadedSpec] = []
    for call in calls:
        if not is_keras_compile(call, facts):
            continue
        compile_args, sourcemap = _CallReader(facts, positions, target or inferred).read(call)
        data: Dict[str, Any] = {"compile": compile_args}
        if inferred is not None:
            data = {"target": inferred, "compile": compile_args}
        out.append(LoadedSpec(source=source, text=text, data=data, sourcemap=sourcemap, format=fmt))
    return out


def load_python_text(text: str, source: str, target: Optional[str] = None) -> List[LoadedSpec]:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "compile" not in text:          # nothing for us: not even parsed
        return []
    tree, failed = parse(text, source)
    if tree is None:
        return failed
    facts = FileFacts()
    calls = facts.add(tree)
    return specs_from_tree(tree, text, source, facts, calls, target)


def read_text(path: str, fmt: str) -> Tuple[Optional[str], List[LoadedSpec]]:
    """Bounded read + the loader's decoding (CC100/CC101/CC102); a PEP 263 coding line is honoured."""
    from compilecli.load.reader import decode, read_path

    raw, problems = read_path(path)
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
