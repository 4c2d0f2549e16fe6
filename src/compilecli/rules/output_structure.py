"""output-structure: a loss, metrics, weighted_metrics or loss_weights given per
output (a dict by output name, a list by position) must match `model.outputs`.

What each target does with a mismatch is data (catalogue/data/structure.json):
Keras 3 raises on most of them, tf.keras 2.x silently leaves outputs untrained.

* CC401: a dict key that names no output.      * CC402: a list of the wrong length.
* CC403: an output that gets no loss.           * CC404: loss_weights that are not numbers.
* CC405: a per-output structure, but no `model.outputs` to check it against.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from compilecli.catalogue import read_data
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, diagnostic, short
from compilecli.resolve.objects import is_object_dict

CODES = ("CC401", "CC402", "CC403", "CC404", "CC405")
ROLES = ("loss", "metrics", "weighted_metrics", "loss_weights")
TWO_OUTPUTS = "model:\n  outputs:\n    - {name: cls, units: 3, activation: softmax, labels: onehot}\n" \
              "    - {name: reg, units: 1, labels: real}\n"

EXAMPLES = [
    (TWO_OUTPUTS + "compile:\n  loss: {cls: categorical_crossentropy, rge: mse}\n", ["CC401", "CC403"]),
    (TWO_OUTPUTS + "compile:\n  loss: [categorical_crossentropy, mse, mse]\n", ["CC402"]),
    (TWO_OUTPUTS + "compile:\n  loss: [categorical_crossentropy]\n", ["CC403"]),
    (TWO_OUTPUTS + "compile:\n  loss: [categorical_crossentropy, mse]\n  loss_weights: [1.0, heavy]\n", ["CC404"]),
    ("compile:\n  loss: {cls: categorical_crossentropy, reg: mse}\n", ["CC405"]),
    (TWO_OUTPUTS + "compile:\n  loss: {cls: categorical_crossentropy, reg: mse}\n  loss_weights: {cls: 1.0, reg: 0.5}\n"
     "  metrics: {cls: [accuracy], reg: [mae]}\n", []),
]


@lru_cache(maxsize=None)
def behaviour(target: str) -> dict:
    return read_data("structure.json")[target]


def check(spec) -> Iterator[Diagnostic]:
    for role in ROLES:
        value = spec.compile.get(role)
        if value is None or is_object_dict(value) or not isinstance(value, (dict, list)):
            continue
        if role == "loss_weights":
            yield from _numbers(spec, value)
        if not spec.outputs:
            # In code (.py/.ipynb) there is no `model:` section to add, so the hint would not help.
            in_code = spec.loaded.format in ("python", "notebook")
            if not in_code and (isinstance(value, dict) or role == "loss_weights" or _nested(value)):
                yield diagnostic("CC405", WARNING, ("compile", role), _span(spec, ("compile", role)), role=role)
            continue
        yield from (_dict(spec, role, value) if isinstance(value, dict) else _list(spec, role, value))


def _nested(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(v, (list, dict)) and not is_object_dict(v) for v in value)


def _dict(spec, role: str, value: dict) -> Iterator[Diagnostic]:
    family = "metrics" if role == "weighted_metrics" else role
    names = spec.output_names
    for key in value:
        if key not in names:
            yield from _emit(spec, f"{family}.dict.unknown_key", "CC401", ("compile", role, key), True,
                             role=role, name=key, outputs=names)
    if role != "metrics" and role != "weighted_metrics":
        for name in names:
            if name not in value:
                code = "CC403" if role == "loss" else "CC402"
                yield from _emit(spec, f"{role}.dict.missing_output", code, ("compile", role), False,
                                 key=f"codes.{code}.missing", role=role, name=name, given=len(value),
                                 expected=len(names))


def _list(spec, role: str, value: list) -> Iterator[Diagnostic]:
    given, expected = len(value), len(spec.outputs)
    path = ("compile", role)
    if role == "loss":
        if given > expected:
            yield from _emit(spec, "loss.list.too_long", "CC402", path, False, role=role, given=given,
                             expected=expected)
        for output in spec.outputs[given:]:
            yield from _emit(spec, "loss.list.too_short", "CC403", path, False, role=role, name=output.name,
                             given=given, expected=expected)
    elif role == "loss_weights":
        if given != expected:
            yield from _emit(spec, "loss_weights.list.length", "CC402", path, False, role=role, given=given,
                             expected=expected)
    elif _nested(value):
        if given != expected:
            yield from _emit(spec, "metrics.list.length", "CC402", path, False, role=role, given=given,
                             expected=expected)
    elif expected > 1:
        yield from _emit(spec, "metrics.flat_list.multi_output", "CC402", path, False, key="codes.CC402.flat",
                         role=role, given=given, expected=expected)


def _emit(spec, situation: str, code: str, path, on_key: bool, **args) -> Iterator[Diagnostic]:
    severity = behaviour(spec.target).get(situation, "error")
    if severity == "ok":
        return
    span = spec.sourcemap.key_span(path) if on_key else _span(spec, path)
    yield diagnostic(code, ERROR if severity == "error" else WARNING, path, span, target=spec.target, **args)


def _numbers(spec, value) -> Iterator[Diagnostic]:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, weight in items:
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            path = ("compile", "loss_weights", key)
            yield diagnostic("CC404", ERROR, path, _span(spec, path), name=str(key), value=short(weight))


def _span(spec, path):
    return spec.sourcemap.value_span(path)
