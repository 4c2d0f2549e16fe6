"""object-arguments: every key in an object's ``config`` must be an argument its
constructor takes in the target, with a value of the right type and range.

* CC206: unknown argument (with did-you-mean).
* CC302 / CC303 / CC306: wrong type / out of range where Keras raises / a value
  Keras accepts but that cannot train (``momentum: 1.0``).
* CC304: arguments that cannot be set together (``clipnorm`` with ``global_clipnorm``).
* CC305: a required argument is missing (``PiecewiseConstantDecay`` without ``values``).
* CC603 / CC604 / CC607: a renamed (``lr``), removed (``decay``) or deprecated argument.
* CC605: the argument exists for this object, but only in another target.
"""
from __future__ import annotations

from typing import Iterator

from compilecli.catalogue import TARGETS, load_catalogue
from compilecli.rules._lenient import strict_bool, verdict as lenient
from compilecli.rules.observed_conditions import config_ignored
from compilecli.diagnostics import Diagnostic, Drop, ERROR, Rename, Respell, WARNING, diagnostic, short
from compilecli.rules._values import (expected_types, in_choices, int_for_strict_float, suggest, truthy_for_bool,
                                      type_name, type_ok)

CODES = ("CC206", "CC302", "CC303", "CC304", "CC305", "CC306", "CC603", "CC604", "CC605", "CC607")

EXAMPLES = [
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rat: 0.001}}\n", ["CC206"]),
    ("compile:\n  optimizer: {class_name: Adam, config: {lr: 0.001}}\n", ["CC603"]),
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: -0.1}}\n", ["CC306"]),
    ("compile:\n  optimizer: {class_name: SGD, config: {momentum: 1.5}}\n", ["CC303"]),
    ("compile:\n  optimizer: {class_name: Adam, config: {beta_1: 1.0}}\n", ["CC306"]),
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: '1e-3'}}\n", ["CC302"]),
    ("compile:\n  optimizer: {class_name: Adam, config: {amsgrad: 'true'}}\n", ["CC302"]),
    ("compile:\n  optimizer: {class_name: SGD, config: {clipnorm: 1.0, global_clipnorm: 1.0}}\n", ["CC304"]),
    ("compile:\n  optimizer: {class_name: SGD, config: {learning_rate: 0.01, momentum: 0.9}}\n", []),
    ("compile:\n  optimizer: adam\n  loss: sparse_categorical_crossentropy\n"
     "  metrics: [{class_name: MeanIoU, config: {}}]\n", ["CC305"]),
    # (spec, codes, target): what only another target says
    ("compile:\n  optimizer: {class_name: Adam, config: {is_legacy_optimizer: false, decay: 0.0001}}\n  loss: mse\n",
     ["CC604"], "tf2"),
    ("compile:\n  optimizer: {class_name: Adam, config: {weight_decay: 0.01}}\n  loss: mse\n", ["CC605"], "keras2"),
    ("compile:\n  optimizer: {class_name: RMSprop, config: {lr: 0.001}}\n  loss: mse\n", ["CC607"], "tf2"),
    ("compile:\n  optimizer: {class_name: Adam, config: {decay: 0.0001}}\n  loss: mse\n", [], "tf2"),
]


def check(spec) -> Iterator[Diagnostic]:
    required: dict = {}        # id(entry) -> whether it has a required argument: asked once per object
    for ref in spec.objects:
        if ref.entry is None:
            continue
        if ref.config_path is not None and not config_ignored(spec, ref):
            meta = meta_keys(spec.target, ref.kind)
            for key, value in ref.config.items():
                if key not in meta:
                    yield from _argument(spec, ref, key, value)
            yield from _conflicts(spec, ref)
        needs = required.get(id(ref.entry))
        if needs is None:
            needs = required[id(ref.entry)] = ref.entry.is_class and any(a.required for a in ref.entry.args.values())
        if needs:
            yield from _required(spec, ref)


def meta_keys(target: str, kind: str) -> tuple:
    """Config keys that steer deserialization rather than reach the constructor."""
    from compilecli.resolve import deserialize_rules
    return tuple(deserialize_rules().get(target, {}).get(kind, {}).get("meta_keys", ()))


def _argument(spec, ref, key, value) -> Iterator[Diagnostic]:
    entry, smap = ref.entry, spec.sourcemap
    path = ref.config_path + (key,)
    arg = entry.args.get(key)
    common = dict(kind=ref.kind, object=entry.canonical, name=key)
    if arg is None:
        found = _not_an_argument(spec, ref, key, path, common)
        if found is not None:
            yield found
            new = found.fix.new if isinstance(found.fix, Rename) else None
            if new in entry.args:
                # the renamed value is judged as the new argument now, not after --fix renames it; one the
                # target takes with a warning is still converted (tf.keras 2.15 `lr: "abc"` raises), but a
                # value it then drops is only type-checked (probe:errors/lr-renamed-str, lr-renamed-neg)
                applied = found.severity == ERROR or _legacy_applied(spec, ref, key)
                yield from (d for d in _value(spec, ref, path, value, entry.args[new], common)
                            if applied or (d.code == "CC302" and d.severity == ERROR))
        return
    other = next((name for name in arg.replaced_when if name in ref.config), None)
    if other is not None:    # the target reads the other one instead: this value is never checked nor used
        yield diagnostic("CC307", WARNING, path, smap.key_span(path), key="codes.CC307.replaced", other=other,
                         target=spec.target, **common)
        return
    if arg.error_when and not all(ref.config.get(name) == want for name, want in arg.error_when) \
            and not type_ok(value, arg.types):
        return   # Keras never reads it without its switch (ema_* without use_ema): CC307 says so
    yield from _value(spec, ref, path, value, arg, common)


def _value(spec, ref, path, value, arg, common) -> Iterator[Diagnostic]:
    """Type, choice and range of one argument's value."""
    smap, key = spec.sourcemap, path[-1]
    if truthy_for_bool(value, arg.types) and not strict_bool(spec.target, ref.kind, key, ref.entry.canonical, ref.config):
        yield diagnostic("CC302", WARNING, path, smap.value_span(path), key="codes.CC302.truthy",
                         value=short(repr(value)), meaning=str(bool(value)).lower(), **common)
    elif not type_ok(value, arg.types) and (taken := lenient(spec.target, ref.kind, value, arg.types, key,
                                                             ref.entry.canonical)):
        # Keras takes it as it is (observed: rules/_lenient.py); a bool still meets the range as the number
        # it is (gradient_accumulation_steps: true is 1 < 2 and raises; probe:hold/bool-range)
        beyond = list(_range(spec, ref, path, int(value), arg, common)) if isinstance(value, bool) else []
        yield from beyond
        if taken == "warning" and not beyond:
            yield diagnostic("CC302", WARNING, path, smap.value_span(path), key="codes.CC302.lenient",
                             found=type_name(value), value=short(value), expected=expected_types(arg.types),
                             target=spec.target, **common)
    elif not type_ok(value, arg.types):
        respell = int_for_strict_float(value, arg.types)
        yield diagnostic("CC302", ERROR, path, smap.value_span(path), key="codes.CC302.int_for_float" if respell else "",
                         fix=Respell(path, str(value), f"{value}.0") if respell else None, found=type_name(value),
                         value=short(value), expected=expected_types(arg.types), target=spec.target, **common)
    elif arg.off and in_choices(value, arg.off):
        return   # Keras tests it for truth first: this value means "not set" (gradient_accumulation_steps: 0)
    elif arg.choices and not in_choices(value, arg.choices):
        yield diagnostic("CC303", ERROR, path, smap.value_span(path), key="codes.CC303.object_choice",
                         value=short(value), allowed=list(arg.choices), **common)
    elif arg.range is not None and type_ok(value, ("float",)):
        yield from _range(spec, ref, path, value, arg, common)
    elif arg.range is not None and isinstance(value, list):
        # a range on a list argument holds for each item (thresholds: [0.5, 1.5] raises in both targets)
        bad = next((i for i, item in enumerate(value) if type_ok(item, ("float",)) and not arg.range.contains(item)), None)
        if bad is not None:
            yield from _range(spec, ref, path + (bad,), value[bad], arg, common)


def _range(spec, ref, path, value, arg, common) -> Iterator[Diagnostic]:
    if arg.range is None or arg.range.contains(value) or (arg.off and in_choices(value, arg.off)):
        return
    if arg.warn_only and any(ref.config.get(name) is not None for name in arg.unless_set):
        return   # CosineDecay(initial_learning_rate=0.0, warmup_target=1e-3): the warm-up starts at 0 on purpose
    conditional = bool(arg.error_when) and all(ref.config.get(name) == want for name, want in arg.error_when)
    yield _out_of_range(spec, path, value, arg, (not arg.warn_only or conditional) and not nan_passes(spec, value),
                        common)


def _out_of_range(spec, path, value, arg, raises, common) -> Diagnostic:
    code, severity, key = ("CC303", ERROR, "codes.CC303.object") if raises else ("CC306", WARNING, "")
    return diagnostic(code, severity, path, spec.sourcemap.value_span(path), key=key, value=value,
                      range=str(arg.range), **common)


def nan_passes(spec, value) -> bool:
    """NaN fails no `x < 0`-style check: Keras takes it (observed.json nan_passes_ranges) and trains to NaN."""
    from compilecli.catalogue import read_data
    return isinstance(value, float) and value != value and read_data("observed.json")["nan_passes_ranges"].get(
        spec.target, False)


def _legacy_applied(spec, ref, key) -> bool:
    legacy = spec.catalogue.legacy_args(ref.kind, ref.entry.canonical).get(key)
    return legacy is not None and legacy.applied is not False


def _not_an_argument(spec, ref, key, path, common):
    span = spec.sourcemap.key_span(path)
    legacy = spec.catalogue.legacy_args(ref.kind, ref.entry.canonical).get(key)
    if legacy is not None and legacy.status == "ok":
        return None   # an old name this target still takes silently (lr in Keras 2.3)
    if legacy is not None:
        if legacy.status == "warning":
            # Keras warns and goes on: the value either still takes effect or is silently dropped.
            dropped = legacy.applied is False
            variant = ("ignored_renamed" if legacy.replaced_by else "ignored") if dropped else ""
            code, severity, key = "CC607", WARNING, f"codes.CC607.{variant}" if variant else ""
        else:
            code, severity, key = ("CC603", ERROR, "") if legacy.replaced_by else ("CC604", ERROR, "")
        return diagnostic(code, severity, path, span, key=key, fix=_legacy_fix(spec, ref, legacy, path),
                          target=spec.target, replaced_by=legacy.replaced_by or "", **common)
    elsewhere = _targets_with_arg(ref, key)
    if elsewhere:
        return diagnostic("CC605", ERROR, path, span, target=spec.target, targets=elsewhere, **common)
    return diagnostic("CC206", ERROR, path, span, suggestions=suggest(key, ref.entry.args), **common)


def _legacy_fix(spec, ref, legacy, path):
    """Rename an old argument that has a new name (unless the new one is there too: which value was
    meant is not certain); drop one a learning-rate schedule replaces (catalogue/data/numerics.json)."""
    if legacy.replaced_by:
        return Rename(path, legacy.replaced_by) if legacy.replaced_by not in ref.config else None
    from compilecli.catalogue.tables import numerics_table
    name = path[-1]
    if name in numerics_table()["legacy_arguments"].get(ref.kind, {}):
        return Drop(path, f"fix.notes.{name}", (("name", name), ("object", ref.entry.canonical),
                                                ("target", spec.target)))
    return None


def _targets_with_arg(ref, key) -> list:
    catalogue = load_catalogue()
    out = []
    for target in TARGETS:
        entry = catalogue.target(target).entry(ref.kind, ref.entry.canonical)
        if entry is not None and key in entry.args:
            out.append(target)
    return out


def _conflicts(spec, ref) -> Iterator[Diagnostic]:
    for group in spec.catalogue.conflicts(ref.kind, ref.entry.canonical):
        present = [name for name in group if ref.config.get(name) is not None]
        if len(present) > 1:
            path = ref.config_path + (present[-1],)
            yield diagnostic("CC304", ERROR, path, spec.sourcemap.key_span(path), kind=ref.kind,
                             object=ref.entry.canonical, names=present)


def _required(spec, ref) -> Iterator[Diagnostic]:
    if not ref.entry.is_class:
        return
    for name, arg in ref.entry.args.items():
        if arg.required and name not in ref.config:
            yield diagnostic("CC305", ERROR, ref.path, spec.sourcemap.value_span(ref.path), kind=ref.kind,
                             object=ref.entry.canonical, name=name)
