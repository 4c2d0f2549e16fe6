"""What the structure rules share: the per-target behaviour table and how a situation
in it becomes a diagnostic (catalogue/data/structure.json says error, warning or ok)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from compilecli.catalogue import read_data
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, diagnostic
from compilecli.resolve.objects import is_object_dict


@lru_cache(maxsize=None)
def behaviour(target: str) -> dict:
    return read_data("structure.json")[target]


def emit(spec, situation: str, code: str, path, on_key: bool, **args) -> Iterator[Diagnostic]:
    severity = behaviour(spec.target).get(situation, "error")
    if severity == "ok":
        return
    span = spec.sourcemap.key_span(path) if on_key else spec.sourcemap.value_span(path)
    yield diagnostic(code, ERROR if severity == "error" else WARNING, path, span, target=spec.target, **args)


def nested(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(v, (list, dict)) and not is_object_dict(v) for v in value)


def without_outputs(spec, role: str, value: Any) -> Iterator[Diagnostic]:
    """CC405: a per-output structure and no `model.outputs` to check it against.
    Not for code (.py/.ipynb): there is no `model:` section to add there."""
    in_code = spec.loaded.format in ("python", "notebook")
    if not in_code and (isinstance(value, dict) or role == "loss_weights" or nested(value)):
        path = ("compile", role)
        yield diagnostic("CC405", WARNING, path, spec.sourcemap.value_span(path), role=role)
