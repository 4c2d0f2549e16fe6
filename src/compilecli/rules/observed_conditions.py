"""observed-conditions: argument combinations that each look valid but that real Keras rejects,
ignores or trains into NaN -- facts observed by the differential oracle, kept as data
(catalogue/data/observed.json: one entry per fact, with the target and run it was seen in).

* CC307: an argument that has no effect unless another one is set (``nesterov`` without
  ``momentum``, ``ema_momentum`` without ``use_ema``, BinaryFocalCrossentropy's ``alpha`` without
  ``apply_class_balancing``): Keras trains exactly as without it; or a
  config given to a loss named by its function (``{class_name: huber, config: {delta: 2.0}}``):
  ``get()`` returns the function and drops the config (``config_ignored`` in observed.json).
* CC309: a loss with ``reduction: none``: Keras 3 cannot take the gradient of a per-sample loss; tf.keras 2.15
  cannot add it to the other outputs' reduced losses (a condition may test another output's loss as
  ``outputs.any:<argument>``).
* CC310: an infinite learning rate: accepted, and the loss is NaN from the first step.
* CC311: ``jit_compile: true`` with ``run_eagerly: true`` (Keras 3 drops jit, tf.keras raises).
* CC313: a metric that cannot be a compile() metric (Keras 3's ``Mean``/``Sum`` take values, not labels).
* CC314: ``clipvalue: 0`` in tf.keras 2.15: every gradient is clipped to 0 and nothing trains.
* CC320: a function name given as ``{class_name, config}`` where the target calls the function with the
  config (tf.keras 2.15 metrics): it raises at compile (``config_called`` in observed.json).
* CC321: a metric whose dtype the labels cannot be converted to (tf.keras 2.15 F1Score in float64).
* CC322: an argument whose code path the compiled fit step cannot trace (R2Score num_regressors: jax jit in
  Keras 3, a tf.function graph in tf.keras 2.15; tf.keras 2.15's Adam ``amsgrad`` under ``jit_compile``). A
  condition may test a compile() keyword as ``compile.<name>``.
* CC323: ``weight_decay`` times ``learning_rate`` of 1 or more: each step wipes the weights (above 2, NaN).
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Dict, Iterator, List

from compilecli.catalogue import read_data
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, diagnostic, short
from compilecli.resolve import in_order

CODES = ("CC307", "CC309", "CC310", "CC311", "CC313", "CC314", "CC320", "CC321", "CC322", "CC323")
EXAMPLES = [
    ("compile:\n  optimizer: {class_name: SGD, config: {nesterov: true}}\n  loss: mse\n", ["CC307"]),
    ("compile:\n  optimizer: {class_name: Adam, config: {ema_momentum: 0.9}}\n  loss: mse\n", ["CC307"]),
    ("compile:\n  optimizer: adam\n  loss: {class_name: MeanSquaredError, config: {reduction: none}}\n", ["CC309"]),
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: .inf}}\n  loss: mse\n", ["CC310"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  jit_compile: true\n  run_eagerly: true\n", ["CC311"]),
    ("compile:\n  optimizer: adam\n  loss: {class_name: huber, config: {delta: 2.0}}\n", ["CC307"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [{class_name: Mean, config: {name: m}}]\n", ["CC313"]),
    ("target: tf2\ncompile:\n  optimizer: {class_name: SGD, config: {clipvalue: 0}}\n  loss: mse\n", ["CC314"]),
    ("target: tf2\ncompile:\n  optimizer: adam\n  loss: mse\n  metrics: [{class_name: mae, config: {}}]\n", ["CC320"]),
    ("target: tf2\ncompile:\n  optimizer: adam\n  loss: mse\n  metrics: [{class_name: R2Score, config: {dtype: float64}}]\n",
     ["CC321"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [{class_name: R2Score, config: {num_regressors: 2}}]\n", ["CC322"]),
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 0.01, weight_decay: 1000.0}}\n  loss: mse\n",
     ["CC323"]),
    ("compile:\n  optimizer: {class_name: AdamW, config: {learning_rate: 0.001, weight_decay: 0.01}}\n"
     "  loss: mse\n", []),
    ("compile:\n  optimizer: {class_name: SGD, config: {momentum: 0.9, nesterov: true}}\n  loss: mse\n", []),
    ("compile:\n  optimizer: adam\n  loss: {class_name: BinaryFocalCrossentropy, config: {alpha: 0.5,"
     " apply_class_balancing: true}}\n", []),
]
OPS = ("is", "in", "not_in", "truthy", "above", "given", "infinite", "longer_than", "product_at_least")
_MISSING = object()


@lru_cache(maxsize=None)
def conditions() -> List[dict]:
    """The entries of observed.json, validated once (CatalogueError names the entry and key)."""
    from compilecli.catalogue import CatalogueError
    from compilecli.codes import CODES as ALL_CODES
    entries = read_data("observed.json")["conditions"]
    for entry in entries:
        where = f"observed.json: {entry.get('id', '?')}"
        missing = {"id", "code", "kind", "objects", "at", "when", "severity", "observed"} - set(entry)
        if missing:
            raise CatalogueError(f"{where}: missing {sorted(missing)}")
        if entry["code"] not in ALL_CODES or entry["code"] not in CODES:
            raise CatalogueError(f"{where}: code {entry['code']} is not one of {CODES}")
        if set(entry["severity"].values()) - {"error", "warning"}:
            raise CatalogueError(f"{where}: severity must be error or warning")
        for arg, cond in entry["when"].items():
            if not cond or set(cond) - set(OPS):
                raise CatalogueError(f"{where}: when.{arg}: one or more of {OPS}")
    return entries


def holds(cond: Dict[str, Any], value: Any, other=lambda name: _MISSING) -> bool:
    """Every test of the condition holds for the value (`_MISSING` when the spec leaves it out);
    ``other(name)`` is another argument's value (for product_at_least)."""
    return all(_holds(op, want, value, other) for op, want in cond.items())


def _holds(op: str, want: Any, value: Any, other) -> bool:
    if op == "given":
        return (value is not _MISSING) == want
    if value is _MISSING:
        return False
    if op == "is":
        return value == want and type(value) is type(want)
    if op == "in":
        return any(value == w and type(value) is type(w) for w in want)
    if op == "not_in":
        return not any(value == w and type(value) is type(w) for w in want)
    if op == "truthy":   # Keras tests `if jit_compile and run_eagerly:`, so 1 and "yes" count
        return bool(value) == want
    if op == "above":
        return _number(value) and value > want
    if op == "infinite":
        return isinstance(value, float) and math.isinf(value) == want
    if op == "product_at_least":
        factor = other(want[0])
        return _number(value) and _number(factor) and value * factor >= want[1]
    return isinstance(value, list) and len(value) > want   # longer_than


def _number(value) -> bool:
    """A finite real number (a schedule dict, a string or a bool is not: other rules speak of those)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def config_ignored(spec, ref) -> bool:
    """get() returns the function itself for {class_name: <a function's name>, config}: the config is dropped."""
    kinds = read_data("observed.json")["config_ignored"].get(spec.target, ())
    return ref.kind in kinds and ref.entry is not None and not ref.entry.is_class and bool(ref.config)


def config_called(spec, ref) -> bool:
    """tf.keras 2.15's metrics.get() calls a function named in {class_name, config} with the config: even {}
    raises 'Missing required positional argument' (probe:errors/metric-fn-*; tf2-00082/00123/00214)."""
    kinds = read_data("observed.json")["config_called"].get(spec.target, ())
    # with a `module` tf.keras deserialises the new way and returns the function (probe:breadth/dict-metric-mod-*)
    return ref.kind in kinds and ref.config_path is not None and ref.entry is not None and not ref.entry.is_class \
        and ref.module is None


@lru_cache(maxsize=None)
def _plan(target: str):
    """Per target, once: the kinds either config test can hold for, and the conditions that apply
    (with their severity), in observed.json's order."""
    observed = read_data("observed.json")
    by_config = frozenset(observed["config_called"].get(target, ())) | frozenset(observed["config_ignored"].get(target, ()))
    return by_config, tuple((entry, entry["severity"][target]) for entry in conditions() if target in entry["severity"])


def check(spec) -> Iterator[Diagnostic]:
    by_config, applying = _plan(spec.target)
    objects, groups = spec.objects, spec.by_entry
    # CC320/CC307 hold for a function's entry only (config_called, config_ignored): its references, in spec order
    calls = [every for (kind, _), (entry, every, _) in groups.items() if kind in by_config and not entry.is_class]
    for index in in_order(calls):
        yield from _by_config(spec, objects[index])
    for entry, severity in applying:
        if entry["kind"] == "compile":
            yield from _compile(spec, entry, severity)
            continue
        # what get() builds is the reference's entry (resolve made it so: deserialized_entry; tf2: the legacy
        # optimizer), judged once per object; only the references of the objects it names are walked
        hits = [formed for (kind, _), (built, _, formed) in groups.items()
                if kind == entry["kind"] and formed and _named(built, entry)]
        for index in in_order(hits):
            ref = objects[index]
            yield from _object(spec, entry, severity, ref, ref.entry)


def _by_config(spec, ref) -> Iterator[Diagnostic]:
    if config_called(spec, ref):
        cls = ref.entry.class_equivalent
        yield diagnostic("CC320", ERROR, ref.path, spec.sourcemap.value_span(ref.path), object=ref.entry.canonical,
                         kind=ref.kind, target=spec.target, instead=f" `{cls}`" if cls else "")
    if ref.config_path is not None and config_ignored(spec, ref):
        for name in ref.config:
            path = ref.config_path + (name,)
            yield diagnostic("CC307", WARNING, path, spec.sourcemap.key_span(path), key="codes.CC307.function",
                             object=ref.entry.canonical, kind=ref.kind, name=name, target=spec.target)


def _named(built, entry) -> bool:
    objects, unless = entry["objects"], entry.get("except", ())
    if built.canonical in unless or (built.class_equivalent or "") in unless:
        return False
    return "*" in objects or built.canonical in objects or (built.class_equivalent or "") in objects


def _object(spec, entry, severity, ref, built) -> Iterator[Diagnostic]:
    def value(name):
        if name.startswith("compile."):    # a compile() keyword the object's fact depends on (jit_compile)
            return _compile_value(spec, name[len("compile."):])
        if name in ref.config:
            return ref.config[name]
        if entry["when"].get(name, {}).get("given") is not None or name not in built.args:
            return _MISSING
        return built.args[name].default
    if entry["at"] == "*":   # every argument written in the config that meets the condition
        for name in ref.config:
            if name in built.args and all(holds(cond, ref.config[name]) for cond in entry["when"].values()):
                path = ref.config_path + (name,)
                yield _diagnostic(spec, entry, severity, path, object=built.canonical, kind=ref.kind, name=name,
                                  value=short(ref.config[name]))
        return
    if entry["at"] not in built.args:
        return   # not an argument of what Keras builds: object-arguments reports it
    if not entry["when"]:   # the object itself, whatever its arguments
        yield _diagnostic(spec, entry, severity, ref.path, object=built.canonical, kind=ref.kind, name=entry["at"],
                          value="")
        return
    def test(name, cond):
        if name.startswith("outputs.any:"):    # another output's loss (tf.keras adds the outputs' losses up)
            return any(holds(cond, v) for v in _other_outputs(spec, ref, name[len("outputs.any:"):]))
        return holds(cond, value(name), value)
    if all(test(name, cond) for name, cond in entry["when"].items()):
        at = entry["at"]
        path = ref.config_path + (at,) if ref.config_path is not None and at in ref.config else ref.path
        yield _diagnostic(spec, entry, severity, path, object=built.canonical, kind=ref.kind, name=at,
                          value=short(value(at) if at in ref.config else built.args[at].default))


def _other_outputs(spec, ref, arg) -> Iterator[Any]:
    """``arg`` of each reference of ref's role on the outputs ref does not apply to: as written, else the object's
    default; None for a function (the target wraps it with its default reduction)."""
    for index in range(len(spec.outputs)):
        if index in ref.outputs:
            continue
        for other in spec.output_refs(ref.role, index):
            if other.entry is None:
                continue
            if arg in other.config:
                yield other.config[arg]
            else:
                yield other.entry.args[arg].default if arg in other.entry.args else None


def _compile_value(spec, name):
    if name in spec.compile:
        return spec.compile[name]
    params = spec.catalogue.compile_params
    return params[name].default if name in params else _MISSING


def _compile(spec, entry, severity) -> Iterator[Diagnostic]:
    if all(holds(cond, _compile_value(spec, name)) for name, cond in entry["when"].items()):
        path = ("compile", entry["at"])
        yield _diagnostic(spec, entry, severity, path, name=entry["at"], value=short(_compile_value(spec, entry["at"])))


def _diagnostic(spec, entry, severity, path, **args) -> Diagnostic:
    key = f"codes.{entry['code']}.{entry['variant']}" if entry.get("variant") else ""
    return diagnostic(entry["code"], ERROR if severity == "error" else WARNING, path,
                      spec.sourcemap.value_span(path), key=key, target=spec.target, **args)
