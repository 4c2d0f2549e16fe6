"""argument-bounds: an argument whose valid values depend on the output or on another argument,
as real Keras checks them (``bounds`` in catalogue/data/observed.json: one entry per fact, each
with the probe or verdict id it was observed in).

* CC315: bounded by the output -- ``axis`` beyond the output's rank, a sparse loss's ``axis``
  that is not the class axis, ``top_k`` larger than the output's units.
* CC316: bounded by another argument -- ``target_class_ids`` not below ``num_classes``,
  ``PiecewiseConstantDecay`` whose ``values`` are not one longer than its ``boundaries``.

A bound is a number or an expression: ``rank`` (an output of ``model.outputs`` is a Dense head,
(batch, units): rank 2), ``units``, ``arg.<name>`` (another argument, or its default),
``len.<name>`` (the length of another argument), each with an optional sign and ``+n``/``-n``.
Output-relative bounds are checked for every output the object applies to.
"""
from __future__ import annotations

import operator
import re
from functools import lru_cache
from typing import Any, Iterator, List, Optional

from compilecli.catalogue import read_data
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, diagnostic, short
from compilecli.resolve import deserialized_entry
from compilecli.rules.observed_conditions import config_ignored

CODES = ("CC315", "CC316")
ONE = "model:\n  outputs:\n    - {{name: out, units: {units}, activation: {act}, labels: {labels}}}\ncompile:\n" \
      "  optimizer: adam\n"
PCD = "compile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate:\n" \
      "        module: keras.optimizers.schedules\n        class_name: PiecewiseConstantDecay\n" \
      "        config: {{boundaries: {b}, values: {v}}}\n  loss: mse\n"
EXAMPLES = [
    (ONE.format(units=5, act="softmax", labels="onehot") + "  loss: {class_name: CategoricalCrossentropy, config: {axis: 2}}\n",
     ["CC315"]),
    (ONE.format(units=1, act="sigmoid", labels="binary") + "  loss: binary_crossentropy\n"
     "  metrics: [{class_name: Precision, config: {top_k: 2}}]\n", ["CC315"]),
    (ONE.format(units=5, act="softmax", labels="onehot") + "  loss: categorical_crossentropy\n"
     "  metrics: [{class_name: OneHotIoU, config: {num_classes: 3, target_class_ids: [4]}}]\n", ["CC316"]),
    (PCD.format(b="[10, 20]", v="[0.01, 0.001]"), ["CC316"]),
    (PCD.format(b="[10]", v="[0.01, 0.001]"), []),
    (ONE.format(units=5, act="softmax", labels="onehot") + "  loss: {class_name: CategoricalCrossentropy, config: {axis: -1}}\n"
     "  metrics: [{class_name: Recall, config: {top_k: 5}}]\n", []),
]
RANK = 2
COMPARE = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt}
LENGTH = {"len_eq": operator.eq, "len_ge": operator.ge}
TESTS = set(COMPARE) | set(LENGTH) | {"in", "integer", "ascending", "same_type"}
EXPR = re.compile(r"^(-)?(rank|units|arg\.(\w+)|len\.(\w+))([+-]\d+)?$")


@lru_cache(maxsize=None)
def bounds() -> List[dict]:
    """observed.json's bounds, validated once (CatalogueError names the entry and key)."""
    from compilecli.catalogue import CatalogueError
    entries = read_data("observed.json")["bounds"]["entries"]
    for entry in entries:
        where = f"observed.json: bounds: {entry.get('id', '?')}"
        missing = {"id", "code", "variant", "kinds", "objects", "arg", "test", "severity", "observed"} - set(entry)
        if missing:
            raise CatalogueError(f"{where}: missing {sorted(missing)}")
        if entry["code"] not in CODES or set(entry["severity"].values()) - {"error", "warning"}:
            raise CatalogueError(f"{where}: code must be one of {CODES}, severity error or warning")
        for op, want in entry["test"].items():
            if op not in TESTS:
                raise CatalogueError(f"{where}: test.{op}: one of {sorted(TESTS)}")
            for expr in (want if op == "in" else [want]):
                if not _is_number(expr) and not isinstance(expr, bool) and not EXPR.match(str(expr)):
                    raise CatalogueError(f"{where}: test.{op}: {expr!r} is not a number or a bound expression")
    return entries


def check(spec) -> Iterator[Diagnostic]:
    entries = [e for e in bounds() if spec.target in e["severity"]]
    if not entries:
        return
    for ref in spec.objects:
        if ref.entry is None or ref.malformed or ref.config_path is None or config_ignored(spec, ref):
            continue
        built = deserialized_entry(spec, ref)
        for entry in entries:
            if ref.kind in entry["kinds"] and entry["arg"] in ref.config and entry["arg"] in built.args \
                    and _named(built, entry["objects"]):
                yield from _entry(spec, ref, built, entry)


def _named(built, objects) -> bool:
    return "*" in objects or built.canonical in objects or (built.class_equivalent or "") in objects


def _entry(spec, ref, built, entry) -> Iterator[Diagnostic]:
    def value(name):
        if name in ref.config:
            return ref.config[name]
        return built.args[name].default if name in built.args else None
    per_output = any("rank" in str(w) or "units" in str(w) for w in _exprs(entry["test"]))
    outputs = [spec.outputs[i] for i in ref.outputs if i < len(spec.outputs)] if per_output else [None]
    for output in outputs:
        failed = _failure(entry, value(entry["arg"]), value, output)
        if failed is not None:
            index, item, bound = failed
            path = ref.config_path + (entry["arg"],) + ((index,) if index is not None else ())
            severity = ERROR if entry["severity"][spec.target] == "error" else WARNING
            yield diagnostic(entry["code"], severity, path, spec.sourcemap.value_span(path),
                             key=f"codes.{entry['code']}.{entry['variant']}", object=built.canonical,
                             name=entry["arg"], value=short(value(entry["arg"])), item=short(item), bound=short(bound),
                             output=output.name if output else "", units=output.units if output else "", rank=RANK,
                             target=spec.target)
            return   # one finding per object and fact


def _exprs(test: dict):
    for op, want in test.items():
        yield from (want if op == "in" else [want])


def _failure(entry, value, lookup, output):
    """(item index or None, the offending value, the bound it breaks) or None."""
    test = entry["test"]
    for op, want in test.items():
        if op in LENGTH:
            bound = _bound(want, lookup, output)
            if isinstance(value, list) and bound is not None and not LENGTH[op](len(value), bound):
                return None, len(value), bound
    if isinstance(value, list) and all(_is_number(v) for v in value):
        found = _order(test, value)
        if found is not None:
            return found
    items = list(enumerate(value)) if entry.get("each") and isinstance(value, list) else [(None, value)]
    for index, item in items:
        if not _is_number(item):
            continue   # a wrong type is object-arguments' to report
        for op, want in test.items():
            if op == "integer" and want and isinstance(item, float):
                return index, item, "int"
            if op == "in":
                allowed = [_bound(w, lookup, output) for w in want]
                if None not in allowed and item not in allowed:
                    return index, item, allowed
            if op in COMPARE:
                bound = _bound(want, lookup, output)
                if bound is not None and not COMPARE[op](item, bound):
                    return index, item, bound
    return None


def _order(test: dict, value: list):
    """ascending: no item below the one before it; same_type: ints and floats not mixed (tf.keras builds one
    tensor per item and compares them: PiecewiseConstantDecay, probe:breadth3/sb3-pcd-desc, -int-value)."""
    if test.get("ascending"):
        for index in range(1, len(value)):
            if value[index] < value[index - 1]:
                return index, value[index], value[index - 1]
    if test.get("same_type") and len({isinstance(v, float) for v in value}) > 1:
        first = next(i for i, v in enumerate(value) if isinstance(v, float) != isinstance(value[0], float))
        return first, value[first], type(value[0]).__name__
    return None


def _bound(expr, lookup, output) -> Optional[float]:
    if _is_number(expr):
        return expr
    sign, base, arg, length_of, plus = EXPR.match(str(expr)).groups()
    if base == "rank":
        found: Any = RANK
    elif base == "units":
        found = output.units if output is not None else None
    elif arg:
        found = lookup(arg)
    else:
        other = lookup(length_of)
        found = len(other) if isinstance(other, list) else None
    if not _is_number(found):
        return None
    return (-found if sign else found) + int(plus or 0)


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)
