"""compile() calls that run on tf.keras's graph-mode (TF1) training loop, which compilecli has no facts for.

tf.keras 2.x trains with its v1 loop (``training_v1.Model``) when eager execution is off: inside
``with tf.Graph().as_default():`` or after ``tf.compat.v1.disable_eager_execution()`` /
``disable_v2_behavior()``. That loop accepts what eager TF 2 rejects (``target_tensors``, v1
optimizers taking ``lr``), so such calls are not checked (tf-keras's own engine/training_test.py
compiles with target_tensors inside a graph). Found only when the text names one of them: no walk
for files that cannot have any.
"""
from __future__ import annotations

import ast
from typing import List, Tuple

SWITCHES = ("disable_eager_execution(", "disable_v2_behavior(")


def graph_ranges(tree: ast.AST, text: str) -> List[Tuple[int, int]]:
    """Line ranges whose compile() calls run in graph mode ([(1, last line)] for a switched-off file)."""
    if any(switch in text for switch in SWITCHES):
        return [(1, len(text.splitlines()) + 1)]
    if "as_default" not in text:
        return []
    return [(node.lineno, node.end_lineno or node.lineno) for node in _statements(tree)
            if type(node) in (ast.With, ast.AsyncWith) and any(_graph(item.context_expr) for item in node.items)]


#: Where statements hold statements (a ``with`` is a statement: no expression can hold one).
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _statements(tree: ast.AST):
    """Every statement of the tree (and except/case clauses), not the expressions ast.walk also visits."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for name in _BODIES:
            children = getattr(node, name, None)
            if children:
                stack.extend(children)


def _graph(expr: ast.AST) -> bool:
    """``<...>.Graph().as_default()`` (tf.Graph, tf.compat.v1.Graph, ops.Graph)."""
    if type(expr) is not ast.Call or type(expr.func) is not ast.Attribute or expr.func.attr != "as_default":
        return False
    inner = expr.func.value
    if type(inner) is not ast.Call:
        return False
    func = inner.func
    return (type(func) is ast.Attribute and func.attr == "Graph") or (type(func) is ast.Name and func.id == "Graph")


def inside(ranges: List[Tuple[int, int]], call: ast.Call) -> bool:
    return any(start <= call.lineno <= end for start, end in ranges)
