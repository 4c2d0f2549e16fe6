"""output-structure: a loss, metrics or weighted_metrics given per output (a dict by
output name, a list by position) must match `model.outputs` (loss_weights: see loss_weights.py).

What each target does with a mismatch is data (catalogue/data/structure.json):
Keras 3 raises on most of them, tf.keras 2.x silently leaves outputs untrained.

* CC401: a dict key that names no output.      * CC402: a list of the wrong length.
* CC403: an output that gets no loss (or no loss at all: Keras 3 trains nothing, tf.keras raises).
* CC405: a per-output structure, but no `model.outputs` to check it against.
* CC317: a ``null`` metric (Keras 3 raises 'Expected metric, received None'; tf.keras skips it).
* CC318: metrics nested deeper than one list per output (Keras 3 raises for several outputs).
* CC319: two metrics of one output with the same name (tf.keras 2.15 raises; Keras 3 trains).
"""
from __future__ import annotations

from typing import Iterator

from compilecli.diagnostics import Diagnostic, WARNING, diagnostic
from compilecli.resolve.objects import is_object_dict
from compilecli.rules._structure import (behaviour, emit as _emit, holds_type, keyed_pairing, nested as _nested,
                                        without_outputs)

CODES = ("CC401", "CC402", "CC403", "CC405", "CC317", "CC318", "CC319")
ROLES = ("loss", "metrics", "weighted_metrics")
TWO_OUTPUTS = "model:\n  outputs:\n    - {name: cls, units: 3, activation: softmax, labels: onehot}\n" \
              "    - {name: reg, units: 1, labels: real}\n"

EXAMPLES = [
    (TWO_OUTPUTS + "compile:\n  loss: [categorical_crossentropy]\n", ["CC403"]),
    (TWO_OUTPUTS + "compile:\n  loss: {cls: categorical_crossentropy, rge: mse}\n", ["CC401", "CC403"]),
    (TWO_OUTPUTS + "compile:\n  loss: [categorical_crossentropy, mse, mse]\n", ["CC402"]),
    (TWO_OUTPUTS + "compile:\n  optimizer: adam\n", ["CC403"]),
    ("compile:\n  loss: {cls: categorical_crossentropy, reg: mse}\n", ["CC405"]),
    (TWO_OUTPUTS + "compile:\n  loss: [categorical_crossentropy, mse]\n  metrics: [[accuracy], [null]]\n", ["CC317"]),
    (TWO_OUTPUTS + "compile:\n  loss: [categorical_crossentropy, mse]\n  metrics: [[[accuracy]], [[mae]]]\n",
     ["CC318"]),
    ("target: tf2\n" + TWO_OUTPUTS + "compile:\n  loss: [categorical_crossentropy, mse]\n"
     "  metrics: [[accuracy, accuracy], [mae]]\n", ["CC319"]),
    (TWO_OUTPUTS + "compile:\n  loss: {cls: categorical_crossentropy, reg: mse}\n  loss_weights: {cls: 1.0, reg: 0.5}\n"
     "  metrics: {cls: [accuracy], reg: [mae]}\n", []),
]


def check(spec) -> Iterator[Diagnostic]:
    has_compile = not any(d.code == "CC121" for d in spec.diagnostics)   # else CC121 already says so
    if spec.outputs and has_compile and spec.compile.get("loss") is None:
        # Keras 3 then trains nothing (the weights never change) and tf.keras raises "No loss found"
        # at fit -- unless the model adds its own losses with add_loss(), which a spec cannot show.
        path = ("compile", "loss") if "loss" in spec.compile else ("compile",)
        yield diagnostic("CC403", WARNING, path, spec.sourcemap.key_span(path), key="codes.CC403.no_loss",
                         outputs=spec.output_names)
    for role in ROLES:
        value = spec.compile.get(role)
        if role != "loss":
            yield from _null_metrics(spec, role, value, ("compile", role))
        if value is None or is_object_dict(value) or not isinstance(value, (dict, list)):
            continue
        if not spec.outputs:
            yield from without_outputs(spec, role, value)
            continue
        yield from (_dict(spec, role, value) if isinstance(value, dict) else _list(spec, role, value))


def _dict(spec, role: str, value: dict) -> Iterator[Diagnostic]:
    family = "metrics" if role == "weighted_metrics" else role
    names = spec.output_names
    known = set(names)            # a set: linear in outputs, not outputs x keys
    unknown = f"{family}.dict.unknown_key"
    if len(names) == 1 and f"{unknown}.single_output" in behaviour(spec):
        unknown += ".single_output"    # Keras 3 ignores the keys of a one-output model's metrics dict
    for key in value:
        if key not in known:
            yield from _emit(spec, unknown, "CC401", ("compile", role, key), True,
                             trains_key="codes.CC401.ignored", role=role, name=key, outputs=names)
    if role != "loss":
        yield from _duplicates(spec, role)
    if role == "loss" and not any(item is not None for item in value.values()):
        yield from _all_null(spec, value)
        return
    if role == "loss":   # metrics may leave outputs out
        for name in names:
            if name not in value:
                yield from _emit(spec, "loss.dict.missing_output", "CC403", ("compile", role), False,
                                 key="codes.CC403.missing", role=role, name=name, given=len(value),
                                 expected=len(names))


def _null_metrics(spec, role: str, value, path, top: bool = True) -> Iterator[Diagnostic]:
    """CC317 at a null where a metric should be: in a flat list or in an output's list. A null that stands
    for an output (a dict value, an item of a list of lists) means no metrics there and trains
    (keras3-01703/01760; probe:errors/metrics-null-item, metrics-null-nested raise)."""
    if isinstance(value, list) and not holds_type(value, (list, type(None))):
        return                # neither a null nor a list in it: nothing to report or to look into
    per_output = top and (isinstance(value, dict) and not is_object_dict(value) or _nested(value))
    items = value.items() if isinstance(value, dict) and not is_object_dict(value) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if item is None and not per_output:
            yield from _emit(spec, "metrics.null_item", "CC317", path + (key,), False, role=role)
        elif isinstance(item, list):
            yield from _null_metrics(spec, role, item, path + (key,), top=False)


def _all_null(spec, value) -> Iterator[Diagnostic]:
    """CC403 when a loss list or dict holds no loss at all ([] or only nulls)."""
    items = list(value.values()) if isinstance(value, dict) else value
    if any(item is not None for item in items):
        return
    many = "multi_output" if len(spec.outputs) > 1 else "single_output"
    situation, variant = ("loss.list.empty", "empty") if not items else (f"loss.all_null.{many}", "all_null")
    yield from _emit(spec, situation, "CC403", ("compile", "loss"), False, key=f"codes.CC403.{variant}",
                     trains_key=f"codes.CC403.{variant}_untrained" if variant == "empty" else "",
                     outputs=spec.output_names)


def _duplicates(spec, role: str) -> Iterator[Diagnostic]:
    """CC319: tf.keras names a metric by the string or config name it is given, per output."""
    if behaviour(spec).get("metrics.duplicate_name", "error") == "ok":
        return                          # (Keras 3 trains: no need to look through every metric)
    reported = set()
    for index, output in enumerate(spec.outputs):
        seen = set()
        for ref in spec.output_refs(role, index):
            name = _metric_name(ref)
            if isinstance(name, str) and name in seen and ref.path not in reported:
                reported.add(ref.path)
                yield from _emit(spec, "metrics.duplicate_name", "CC319", ref.path, False, role=role, name=name,
                                 output=output.name)
            seen.add(name)


def _metric_name(ref):
    """The name tf.keras 2.15 gives a metric: the config's `name`; else a class's own default name (`Poisson` and
    `{class_name: Poisson}` are both 'poisson', `MeanAbsoluteError` clashes with `mean_absolute_error`); else the
    string as written (a function: `mae` and `mean_absolute_error` do not clash). None: a unique name (AUC's
    default None) or one not known (probe:oracle5/dup-metric-*, tf2-w00002)."""
    if ref.config_path is not None and isinstance(ref.config.get("name"), str):
        return ref.config["name"]
    entry = ref.entry
    if entry is not None and entry.is_class and not entry.resolves_to:
        arg = entry.args.get("name")
        return arg.default if arg is not None and isinstance(arg.default, str) else None
    return ref.name if isinstance(ref.name, str) and ref.config_path is None else None


def _list(spec, role: str, value: list) -> Iterator[Diagnostic]:
    given, expected = len(value), len(spec.outputs)
    if role != "loss" and not given:
        return   # no metric at all: Keras pairs nothing and trains (tools/probes/public_code)
    path = ("compile", role)
    nested = role != "loss" and _nested(value)   # scanned once: a list of 50,000 metrics is not walked four times
    if role == "loss" or nested:
        yield from keyed_pairing(spec, role, value)
    if role != "loss":
        yield from _duplicates(spec, role)
    if role == "loss" and not any(item is not None for item in value):
        yield from _all_null(spec, value)
    elif role == "loss":
        if given > expected:
            yield from _emit(spec, "loss.list.too_long", "CC402", path, False, role=role, given=given,
                             expected=expected)
        for output in spec.outputs[given:]:
            yield from _emit(spec, "loss.list.too_short", "CC403", path, False, role=role, name=output.name,
                             given=given, expected=expected)
    elif nested and expected > 1 and any(_nested(item) for item in value if isinstance(item, list)):
        yield from _emit(spec, "metrics.list.too_deep", "CC318", path, False, role=role, expected=expected)
    elif nested and expected == 1 and given > 1:
        # one output: Keras 3 and tf.keras gather every list for it (probe:errors/metrics-nested-single-two)
        yield from _emit(spec, "metrics.list.single_output", "CC402", path, False, role=role, given=given,
                         expected=expected)
    elif nested:
        if given != expected:
            yield from _emit(spec, "metrics.list.length", "CC402", path, False, role=role, given=given,
                             expected=expected)
        else:   # tf.keras cannot pair a list of lists with dict outputs (structure.json keyed_outputs)
            example = "{" + ", ".join(f"{o.name}: [...]" for o in spec.outputs) + "}"
            yield from _emit(spec, "metrics.list.per_output", "CC402", path, False, key="codes.CC402.per_output",
                             role=role, example=example)
    elif expected > 1 and given == expected:
        # Keras 3 pairs a flat list one metric per output, by position (tf.keras gives each output all).
        pairs = [f"{o.name}: {m if isinstance(m, str) else m.get('class_name', '?')}" for o, m in zip(spec.outputs, value)]
        yield from _emit(spec, "metrics.flat_list.paired", "CC402", path, False, key="codes.CC402.paired",
                         role=role, pairs=pairs)
    elif expected > 1:
        example = "{" + ", ".join(f"{o.name}: [...]" for o in spec.outputs) + "}"   # the hint names the real outputs
        yield from _emit(spec, "metrics.flat_list.multi_output", "CC402", path, False, key="codes.CC402.flat",
                         role=role, given=given, expected=expected, example=example)

