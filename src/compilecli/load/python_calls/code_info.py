"""What the JSON report says about one compile() call in code: how much of it was read, and why.

``checked`` is ``full`` (every argument), ``shared`` (only the Keras keywords a custom or
unknown compile() shares with Keras's) or ``skipped`` (a third-party model's compile()).
``arguments`` gives each argument's state -- ``read``, ``partly`` (some items skipped),
``identified`` (the user's own or a third-party object: known, not guessed at) or ``skipped`` --
and ``skipped`` lists every value left out with its reason; ``followed`` every name whose one
reaching assignment was read. Keys starting with ``_`` are for the checker, not the report.
"""
from __future__ import annotations

import ast
from typing import Any, Dict


def describe(call: ast.Call, positions, receiver, mode: str, reader, target_info: Dict[str, Any],
             candidates: tuple, outputs: Dict[str, Any]) -> Dict[str, Any]:
    span = positions.span(call)
    arguments = dict(reader.arguments)
    if mode == "skipped":
        names = [f"<positional {n + 1}>" for n in range(len(call.args))]
        names += [k.arg or "**" for k in call.keywords]
        arguments = {name: "identified" for name in names}
    return {
        "call": {"line": span.line, "column": span.column},
        "receiver": {"kind": receiver.kind, "why": receiver.why, "what": receiver.detail},
        "checked": mode,
        "target": target_info,
        "arguments": arguments,
        "skipped": list(reader.skipped),
        "followed": list(reader.followed),
        "outputs": outputs,
        "_constructed": frozenset(reader.constructed),
        "_candidates": tuple(candidates),
    }


def public(code: Dict[str, Any]) -> Dict[str, Any]:
    """The report's part of it."""
    return {key: value for key, value in code.items() if not key.startswith("_")}
