"""One ``compile(...)`` call -> ``{"compile": {...}}`` data, a source map into the file, and what was not read.

Values are read as literals (``literals``) or Keras objects (``keras_objects``); a name is
followed to the one assignment that reaches it (``reaching``), and the value's own position is
what the source map records. What cannot be read is skipped, its spans rolled back, and the
reason logged (``skipped``): the JSON report says which argument and why.
"""
from __future__ import annotations

import ast
from typing import Any, Dict, List, Optional, Set, Tuple

from compilecli.diagnostics import Span, SpecPath
from compilecli.catalogue import compile_keywords, compile_roles
from compilecli.load.python_calls.compile_calls import positional_order
from compilecli.load.python_calls.keras_objects import LOSS_AS_METRIC, constructor, reference
from compilecli.load.python_calls.literals import MAX_DEPTH, Skip, number
from compilecli.load.python_calls.positions import Positions
from compilecli.load.python_calls.reaching import reaching
from compilecli.load.python_calls.receivers import Receiver
from compilecli.load.python_calls.scopes import FileIndex, Site
from compilecli.load.sourcemap import SourceMap

#: Reasons that still account for an argument: compilecli knows what it is and does not guess at it.
IDENTIFIED = frozenset(("user_defined", "third_party", "custom_compile_keyword", "optimizer_list", LOSS_AS_METRIC))


class CallReader:
    """One compile() call -> its arguments as plain data, and the spans of every value and key."""

    def __init__(self, index: FileIndex, positions: Positions, target: Optional[str], site: Site,
                 receiver: Receiver, mode: str = "full", candidates: tuple = ()):
        self.index = index
        self.facts = index.facts
        self.pos = positions
        self.target = target
        self.site = site
        self.receiver = receiver
        self.mode = mode                         # full | shared (only the Keras keywords it shares)
        self.candidates = candidates             # the targets a file may be written for, when not known
        self.vlog: List[Tuple[SpecPath, Span]] = []
        self.klog: List[Tuple[SpecPath, Span]] = []
        self.skipped: List[Dict[str, Any]] = []
        self.followed: List[Dict[str, Any]] = []
        self.constructed: Set[SpecPath] = set()
        self.arguments: Dict[str, str] = {}      # argument -> read | partly | identified | skipped
        self._anchor: Optional[Span] = None      # a value from another notebook cell: point at its name
        self._logged = False
        self._following: Set[str] = set()

    def read(self, call: ast.Call) -> Tuple[Dict[str, Any], SourceMap]:
        compile_args: Dict[str, Any] = {}
        # (asked only for positional arguments: it reads every candidate target's facts)
        order = positional_order(self.target, self.candidates) if self.mode == "full" and call.args else ()
        for index, arg in enumerate(call.args):
            if type(arg) is ast.Starred or index >= len(order):
                name = order[index] if index < len(order) else f"<positional {index + 1}>"
                self._skip_argument(name, arg, "positional_unknown" if self.mode == "full" else
                                    "custom_compile_keyword")
                continue
            self._argument(compile_args, order[index], arg, None)
        for keyword in call.keywords:
            if keyword.arg is None:        # **kwargs
                self._skip_argument("**", keyword.value, "double_star")
            elif self.mode == "shared" and not self._shared(keyword.arg):
                self._skip_argument(keyword.arg, keyword.value, "custom_compile_keyword")
            else:
                self._argument(compile_args, keyword.arg, keyword.value, keyword)
        span = self.pos.span(call)
        values = {path: where for path, where in self.vlog}
        keys = {path: where for path, where in self.klog}
        values[()] = span
        values[("compile",)] = span
        keys[("compile",)] = self.pos.name_span(call.func, "compile")
        return compile_args, SourceMap(values=values, keys=keys)

    @staticmethod
    def empty_map(positions: Positions, call: ast.Call) -> SourceMap:
        span = positions.span(call)
        return SourceMap(values={(): span, ("compile",): span},
                         keys={("compile",): positions.name_span(call.func, "compile")})

    def _shared(self, name: str) -> bool:
        receiver = self.receiver
        if receiver.kind != "custom_compile":
            return name in compile_keywords()
        if name in receiver.params:
            return name in receiver.forwarded
        return receiver.forwards_rest and name in compile_keywords()

    def _argument(self, into: Dict[str, Any], name: str, node: ast.AST, keyword: Optional[ast.keyword]):
        mark = self.mark()
        skips = len(self.skipped)
        path = ("compile", name)
        if name == "optimizer" and type(node) in (ast.List, ast.Tuple):
            self._skip_argument(name, node, "optimizer_list")   # tf.keras WideDeepModel: one per sub-model
            return
        try:
            value = self.value(node, path, compile_roles().get(name), 1)
        except Skip as exc:
            self.rollback(mark)
            self._skip_argument(name, node, _why(exc))
            return
        into[name] = value
        self.arguments[name] = "read" if len(self.skipped) == skips else "partly"
        if keyword is not None:
            self.klog.append((path, self.keyword_span(keyword)))

    def _skip_argument(self, name: str, node: ast.AST, why: str) -> None:
        self.arguments[name] = "identified" if why in IDENTIFIED else "skipped"
        self.note_skip(("compile", name), node, why)

    def note_skip(self, path: SpecPath, node: ast.AST, why) -> None:
        why = why if isinstance(why, str) else _why(why)
        span = self.span(node)
        self.skipped.append({"argument": _shown(path), "why": why, "line": span.line, "column": span.column})

    # -- spans: a value followed into another notebook cell is shown at its name in this cell
    def span(self, node: ast.AST) -> Span:
        return self._anchor or self.pos.span(node)

    def name_span(self, node: ast.AST, name: str) -> Span:
        return self._anchor or self.pos.name_span(node, name)

    def keyword_span(self, node: ast.keyword) -> Span:
        return self._anchor or self.pos.keyword_span(node)

    # -- logging with rollback, so a skipped item leaves no stale spans
    def mark(self) -> Tuple[int, int]:
        return len(self.vlog), len(self.klog)

    def rollback(self, mark: Tuple[int, int]) -> None:
        del self.vlog[mark[0]:]
        del self.klog[mark[1]:]

    # -- values
    def value(self, node: ast.AST, path: SpecPath, kind: Optional[str], depth: int) -> Any:
        """The literal value of node; ``kind`` says which Keras objects may stand here."""
        if depth > MAX_DEPTH:
            raise Skip("too_deep")
        result = self._value(node, path, kind, depth)
        if self._logged:                   # a followed name: the value logged its own position
            self._logged = False
        else:
            self.vlog.append((path, self.span(node)))
        return result

    def _value(self, node: ast.AST, path: SpecPath, kind: Optional[str], depth: int) -> Any:
        node_type = type(node)
        if node_type is ast.Constant:
            value = node.value
            if value is None or isinstance(value, (str, bool, int, float)):
                return value
            raise Skip("not_literal")
        if node_type in (ast.UnaryOp, ast.BinOp):
            return number(node, leaf=lambda item: self._number_name(item, path, depth))
        if node_type in (ast.List, ast.Tuple):
            return self._sequence(node, path, kind, depth)
        if node_type is ast.Dict:
            return self._dict(node, path, kind, depth)
        if node_type is ast.Call:
            try:
                return constructor(self, node, path, kind, depth)
            except Skip as exc:
                raise Skip(self._call_why(node, exc)) from None
        if node_type is ast.Attribute:
            try:
                return reference(self, node, kind)
            except Skip as exc:          # tfmot's ``keras.losses.x``: identified, not guessed at
                raise Skip("third_party" if self._third_party(node) else _why(exc)) from None
        if node_type is ast.Name:
            try:
                return reference(self, node, kind)
            except Skip as exc:
                if exc.args:               # a Keras name that says why it is not read
                    raise
                return self._follow(node, path, kind, depth)
        raise Skip("not_literal")

    def _follow(self, node: ast.Name, path: SpecPath, kind: Optional[str], depth: int) -> Any:
        binding, why = reaching(self.index, node.id, self.site)
        if binding is None:
            raise Skip({"def": "user_defined", "class": "user_defined"}.get(why, why))
        if node.id in self._following or binding.value is None:
            raise Skip("recursive")
        saved = self.site, self._anchor
        self._following.add(node.id)
        self.site = binding.site()
        if binding.cell != saved[0].cell and self._anchor is None:
            self._anchor = self.pos.span(node)
        try:
            result = self.value(binding.value, path, kind, depth + 1)
        finally:
            self.site, self._anchor = saved
            self._following.discard(node.id)
        line = getattr(binding.value, "lineno", None)
        self.followed.append({"argument": _shown(path), "name": node.id, "line": line, "cell": binding.cell})
        self._logged = True
        return result

    def _number_name(self, node: ast.AST, path: SpecPath, depth: int) -> Any:
        """A name inside arithmetic (``lr * 0.5``), followed to its one assignment. A diagnostic on the
        result points at the whole expression, so the followed value's own position is not kept."""
        if type(node) is not ast.Name:
            raise Skip("not_literal")
        mark = self.mark()
        try:
            return self._follow(node, path, None, depth)
        finally:
            self.rollback(mark)
            self._logged = False

    def _call_why(self, node: ast.Call, exc: Skip) -> str:
        """A call compilecli does not read: the user's own function or class, a third-party one, or else."""
        func = node.func
        if type(func) is ast.Name and (func.id in self.index.functions or func.id in self.index.classes):
            return "user_defined"
        if self._third_party(func):
            return "third_party"
        return _why(exc) if exc.args else "call"

    def _third_party(self, node: ast.AST) -> bool:
        """Is node a name (or attribute of a name) imported from a package that is not Keras?"""
        root = node
        while type(root) is ast.Attribute:
            root = root.value
        return type(root) is ast.Name and root.id in self.facts.imports and self.facts.keras_path(node) is None

    def _sequence(self, node, path: SpecPath, kind: Optional[str], depth: int) -> list:
        """A list keeps the items it reads (``metrics=[my_metric, "mae"]`` still checks "mae"). Inside a
        Keras object's config the length and the positions are what Keras checks
        (``PiecewiseConstantDecay(boundaries=[30000 * 16 / global_batch], ...)``, keras-cv), so there one
        unread item skips the whole list rather than leave a shorter one; a list of the user's own
        objects stays identified (``gradient_transformers=[custom_transform]``)."""
        in_config = "config" in path
        out = []
        identified = None
        for position, item in enumerate(node.elts):
            mark = self.mark()
            try:
                out.append(self.value(item, path + (len(out),), kind, depth + 1))
            except Skip as exc:
                self.rollback(mark)
                if not in_config:
                    self.note_skip(path + (position,), item, exc)
                elif _why(exc) in IDENTIFIED:
                    identified = identified or _why(exc)
                else:
                    raise Skip("list_item") from None
        if identified:
            raise Skip(identified)
        return out

    def _dict(self, node: ast.Dict, path: SpecPath, kind: Optional[str], depth: int) -> dict:
        keys = [k.value if type(k) is ast.Constant and isinstance(k.value, str) else None
                for k in node.keys]
        if "class_name" in keys:
            kind = None                    # a {class_name, config} written out: plain values inside
        out: Dict[str, Any] = {}
        for key_node, key, item in zip(node.keys, keys, node.values):
            if key is None:                # **other, or a key that is not a str literal
                self.note_skip(path + ("?",), key_node or item, "dict_key")
                continue
            mark = self.mark()
            try:
                out[key] = self.value(item, path + (key,), kind, depth + 1)
            except Skip as exc:
                self.rollback(mark)
                self.note_skip(path + (key,), item, exc)
                continue
            self.klog.append((path + (key,), self.span(key_node)))
        return out


def _why(exc: Skip) -> str:
    return exc.args[0] if exc.args and isinstance(exc.args[0], str) else "not_literal"


def _shown(path: SpecPath) -> str:
    from compilecli.diagnostics import format_path
    return format_path(path[1:] if path[:1] == ("compile",) else path)
