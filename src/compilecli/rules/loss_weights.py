"""loss-weights: `loss_weights` must weigh the losses Keras really builds.

Keras 3 (``trainers/compile_utils.py: CompileLoss.build``) pairs weights with the
losses it built, not with output names: a single loss for several outputs is ONE
loss, so any per-output weights raise; a list `loss` with a dict of weights pairs
them by the SORTED keys, silently swapping weights when the outputs are not in
alphabetical order; a dict `loss` ignores extra weight keys. tf.keras 2.x matches
weights by output name. The per-target verdicts are in catalogue/data/structure.json.

* CC401: a weight for a name no output has, or weights paired by sorted keys.
* CC402: the wrong number of weights.            * CC404: a weight that is not a number.
* CC405: per-output weights, but no `model.outputs` to check them against.
"""
from __future__ import annotations

from typing import Any, Iterator

from compilecli.diagnostics import Diagnostic, ERROR, diagnostic, short
from compilecli.resolve.objects import is_object_dict
from compilecli.rules._structure import behaviour, emit, keyed_pairing, nested as _nested, without_outputs

CODES = ("CC401", "CC402", "CC404", "CC405")
OUTPUTS = "model:\n  outputs:\n    - {name: zeta, units: 1, labels: real}\n    - {name: alpha, units: 1, labels: real}\n"

EXAMPLES = [
    (OUTPUTS + "compile:\n  loss: [mse, mae]\n  loss_weights: {zeta: 1.0, alpha: 0.1}\n", ["CC401"]),
    (OUTPUTS + "compile:\n  loss: mse\n  loss_weights: {zeta: 1.0, alpha: 0.1}\n", ["CC402"]),
    (OUTPUTS + "compile:\n  loss: [mse, mae]\n  loss_weights: [1.0, heavy]\n", ["CC404"]),
    ("compile:\n  loss: mse\n  loss_weights: [1.0, 0.5]\n", ["CC405"]),
    (OUTPUTS + "compile:\n  loss: {zeta: mse, alpha: mae}\n  loss_weights: {zeta: 1.0, alpha: 0.1}\n", []),
]


def check(spec) -> Iterator[Diagnostic]:
    value = _flattened(spec, spec.compile.get("loss_weights"))
    path, names = ("compile", "loss_weights"), spec.output_names
    if _number(value) and len(names) > 1 and _loss_form(spec.compile.get("loss")) in ("list", "dict"):
        # one weight per built loss: a single loss takes a scalar (probe:errors/lw-two-scalar-*; keras3-01654)
        yield from emit(spec, "loss_weights.scalar.multi_output", "CC402", path, False, key="codes.CC402.scalar",
                        role="loss_weights", value=value, expected=len(names))
    if not isinstance(value, (dict, list)):
        return   # null, or a wrong type that compile-arguments reports
    yield from _numbers(spec, value)
    if not spec.outputs:
        yield from without_outputs(spec, "loss_weights", value)
        return
    form = _loss_form(spec.compile.get("loss"))
    if isinstance(value, list):
        yield from keyed_pairing(spec, "loss_weights", value)
    # tf.keras and Keras 2 match dict weights by output name; Keras 3 pairs weights with the losses it built
    by_name = isinstance(value, dict) and behaviour(spec).get("loss_weights.dict.sorted_pairing") == "ok"
    if not value:
        empty = "loss_weights.dict.empty" if isinstance(value, dict) else "loss_weights.list.empty"
        yield from emit(spec, empty, "CC402", path, False, role="loss_weights", given=0, expected=len(names))
    elif form == "single" and behaviour(spec).get("loss_weights.single_loss") != "ok":
        # one loss built: Keras 3 wants exactly one weight, whatever its key (probe:errors/lw-single-other,
        # lw-two-single-loss-one-key train; lw-single-two-keys raises)
        if len(value) != 1:
            yield from emit(spec, "loss_weights.single_loss", "CC402", path, False, key="codes.CC402.single_loss",
                            role="loss_weights", given=len(value), expected=1, outputs=len(names))
        yield from _unknown_keys(spec, value, names)
    elif form == "single" and len(names) > 1:
        return   # the target weighs the one loss per output by name (tf.keras)
    elif not by_name and (isinstance(value, list) or form == "list") and len(value) != len(names):
        yield from emit(spec, "loss_weights.list.length", "CC402", path, False, role="loss_weights",
                        given=len(value), expected=len(names))
    elif isinstance(value, dict):
        yield from _by_name(spec, value, names, form)


def _unknown_keys(spec, value, names) -> Iterator[Diagnostic]:
    if not isinstance(value, dict):
        return
    known = set(names)            # a set: linear in outputs, not outputs x keys
    for key in value:
        if key not in known:
            yield from emit(spec, "loss_weights.dict.unknown_key", "CC401", ("compile", "loss_weights", key), True,
                            trains_key="codes.CC401.ignored", role="loss_weights", name=key, outputs=names)


def _by_name(spec, value: dict, names, form: str) -> Iterator[Diagnostic]:
    yield from _unknown_keys(spec, value, names)
    if form == "list" and behaviour(spec).get("loss_weights.dict.sorted_pairing") != "ok":
        if sorted(value) != list(names):
            yield from emit(spec, "loss_weights.dict.sorted_pairing", "CC401", ("compile", "loss_weights"), False,
                            key="codes.CC401.sorted_pairing", paired=sorted(value), outputs=names)
        return
    for name in names:
        if name not in value:
            yield from emit(spec, "loss_weights.dict.missing_output", "CC402", ("compile", "loss_weights"), False,
                            key="codes.CC402.missing", role="loss_weights", name=name, given=len(value),
                            expected=len(names))


def _loss_form(loss: Any) -> str:
    if isinstance(loss, list):
        return "list"
    if isinstance(loss, dict) and not is_object_dict(loss):
        return "dict"
    return "single" if loss is not None else "none"


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _flattened(spec, value):
    """Keras flattens a nested weights list ([[1.0], [2.0]] trains as [1.0, 2.0]; structure.json
    loss_weights.list.nested): the flat numbers then, when every leaf is one."""
    if not isinstance(value, list) or not _nested(value) or behaviour(spec).get("loss_weights.list.nested") != "ok":
        return value
    flat, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif item is None or _number(item):
            flat.append(item)
        else:
            return value          # a leaf that is not a number: CC404 says so where it is written
    return flat


def _numbers(spec, value) -> Iterator[Diagnostic]:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    null_ok = behaviour(spec).get("loss_weights.item.null") == "ok"
    for key, weight in items:
        if weight is None and null_ok:
            continue              # Keras 3 and tf.keras train a null weight (probe:breadth2/lw3-*-null*)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            path = ("compile", "loss_weights", key)
            yield diagnostic("CC404", ERROR, path, spec.sourcemap.value_span(path), name=repr(key), value=short(weight))
