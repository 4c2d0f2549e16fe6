"""Literal numbers: ``-1``, ``1e-3 / 10``, ``2 ** -4``; anything else is skipped, never guessed.

A caller may read the leaves itself (``leaf``): the call reader follows ``lr * 0.5`` to the one
assignment of ``lr``; a leaf that is no number is skipped like any other.
"""
from __future__ import annotations

import ast
from typing import Any, Callable, Optional

#: Deepest literal nesting converted (deeper values are skipped).
MAX_DEPTH = 50


class Skip(Exception):
    """The expression is not a literal we can read: leave it out."""


def number(node: ast.AST, depth: int = 0, leaf: Optional[Callable[[ast.AST], Any]] = None) -> Any:
    """-1, +2.5, 1e-3 / 10, 2 ** -4: arithmetic on number literals (or on numbers ``leaf`` reads), bounded."""
    if depth > MAX_DEPTH:
        raise Skip
    if type(node) is ast.Constant:
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return node.value
        raise Skip
    if type(node) is ast.UnaryOp and type(node.op) in (ast.USub, ast.UAdd):
        value = number(node.operand, depth + 1, leaf)
        return -value if type(node.op) is ast.USub else +value
    if type(node) is ast.BinOp:
        left, right = number(node.left, depth + 1, leaf), number(node.right, depth + 1, leaf)
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
                raise Skip
        except (ArithmeticError, ValueError, TypeError):
            raise Skip from None
        if isinstance(result, complex) or (isinstance(result, int) and result.bit_length() > 64):
            raise Skip
        return result
    if leaf is not None and type(node) not in (ast.UnaryOp, ast.BinOp):
        value = leaf(node)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    raise Skip
