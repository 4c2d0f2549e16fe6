"""One ``compile(...)`` call -> ``{"compile": {...}}`` data and a source map into the file.

Values are read as literals (``literals``) or Keras objects (``keras_objects``); what
cannot be read is skipped, and the spans it logged on the way are rolled back.
"""
from __future__ import annotations

import ast
from typing import Any, Dict, List, Optional, Tuple

from compilecli.diagnostics import Span, SpecPath
from compilecli.load.python_calls.compile_calls import ROLE_KIND, positional_order
from compilecli.load.python_calls.facts import FileFacts
from compilecli.load.python_calls.keras_objects import constructor, reference
from compilecli.load.python_calls.literals import MAX_DEPTH, Skip, number
from compilecli.load.python_calls.positions import Positions
from compilecli.load.sourcemap import SourceMap


class CallReader:
    """One compile() call -> its arguments as plain data, and the spans of every value and key."""

    def __init__(self, facts: FileFacts, positions: Positions, target: Optional[str]):
        self.facts = facts
        self.pos = positions
        self.target = target
        self.vlog: List[Tuple[SpecPath, Span]] = []
        self.klog: List[Tuple[SpecPath, Span]] = []

    def read(self, call: ast.Call) -> Tuple[Dict[str, Any], SourceMap]:
        compile_args: Dict[str, Any] = {}
        order = positional_order(self.target)
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
        mark = self.mark()
        path = ("compile", name)
        try:
            value = self.value(node, path, ROLE_KIND.get(name), 1)
        except Skip:
            self.rollback(mark)
            return
        into[name] = value
        if keyword is not None:
            self.klog.append((path, self.pos.keyword_span(keyword)))

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
            raise Skip
        result = self._value(node, path, kind, depth)
        self.vlog.append((path, self.pos.span(node)))
        return result

    def _value(self, node: ast.AST, path: SpecPath, kind: Optional[str], depth: int) -> Any:
        node_type = type(node)
        if node_type is ast.Constant:
            value = node.value
            if value is None or isinstance(value, (str, bool, int, float)):
                return value
            raise Skip
        if node_type in (ast.UnaryOp, ast.BinOp):
            return number(node)
        if node_type in (ast.List, ast.Tuple):
            out = []
            for item in node.elts:
                mark = self.mark()
                try:
                    out.append(self.value(item, path + (len(out),), kind, depth + 1))
                except Skip:
                    self.rollback(mark)
            return out
        if node_type is ast.Dict:
            return self._dict(node, path, kind, depth)
        if node_type is ast.Call:
            return constructor(self, node, path, kind, depth)
        if node_type in (ast.Attribute, ast.Name):
            return reference(self, node, kind)
        raise Skip

    def _dict(self, node: ast.Dict, path: SpecPath, kind: Optional[str], depth: int) -> dict:
        keys = [k.value if type(k) is ast.Constant and isinstance(k.value, str) else None
                for k in node.keys]
        if "class_name" in keys:
            kind = None                    # a {class_name, config} written out: plain values inside
        out: Dict[str, Any] = {}
        for key_node, key, item in zip(node.keys, keys, node.values):
            if key is None:                # **other, or a key that is not a str literal
                continue
            mark = self.mark()
            try:
                out[key] = self.value(item, path + (key,), kind, depth + 1)
            except Skip:
                self.rollback(mark)
                continue
            self.klog.append((path + (key,), self.pos.span(key_node)))
        return out
