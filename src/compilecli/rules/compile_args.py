"""compile-arguments: every key of `compile:` must be a keyword that the target's
``Model.compile()`` takes, with a value of the right type and range.

* CC205: a keyword no Keras target knows (with did-you-mean).
* CC601: a keyword older Keras took and this target no longer does
  (``sample_weight_mode``, ``target_tensors`` under keras3).
* CC602: a keyword only newer Keras takes (``jit_compile`` under keras2).
* CC301 / CC303: wrong type / out of range (``steps_per_execution: 0``).
"""
from __future__ import annotations

from typing import Iterator, Optional

from compilecli.catalogue import CHRONOLOGICAL, TARGETS, load_catalogue
from compilecli.diagnostics import Drop, Diagnostic, ERROR, WARNING, diagnostic, short
from compilecli.rules._lenient import verdict as lenient
from compilecli.rules._values import expected_types, in_choices, suggest, truthy_for_bool, type_name, type_ok

CODES = ("CC205", "CC301", "CC303", "CC601", "CC602")

EXAMPLES = [
    ("compile:\n  optimizer: adam\n  sample_weight_mode: temporal\n", ["CC601"]),
    ("target: keras2\ncompile:\n  optimizer: adam\n  jit_compile: true\n", ["CC602"]),
    ("compile:\n  optimizer: adam\n  metircs: [accuracy]\n", ["CC205"]),
    ("compile:\n  optimizer: adam\n  steps_per_execution: 0\n", ["CC303"]),
    ("compile:\n  optimizer: adam\n  steps_per_execution: '4'\n", ["CC301"]),
    ("compile:\n  optimizer: adam\n  run_eagerly: 'yes'\n", ["CC301"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  steps_per_execution: 4\n", []),
]

# Oldest first (the catalogue's release order): a keyword found only in targets before this one was
# removed, after it is new.
AGE = {name: age for age, name in enumerate(CHRONOLOGICAL)}


def check(spec) -> Iterator[Diagnostic]:
    catalogue = load_catalogue()
    params = spec.catalogue.compile_params
    smap = spec.sourcemap
    for key, value in spec.compile.items():
        path = ("compile", key)
        param = params.get(key)
        if param is None:
            found = _not_here(spec, catalogue, key, value, path, smap)
            if found is None:
                continue
            yield found
            renamed = params.get(dict(found.args).get("replaced_by") or "")
            if found.severity == WARNING and renamed is not None:
                # accepted under its old name, the value still goes where the new one goes (tf.keras 2.15:
                # experimental_steps_per_execution: "2" raises, probe:errors/espe-str): its errors count
                yield from (d for d in _value(spec, path, key, value, renamed) if d.severity == ERROR)
            continue
        yield from _value(spec, path, key, value, param)


def _value(spec, path, key, value, param) -> Iterator[Diagnostic]:
    smap = spec.sourcemap
    if isinstance(value, bool) and not type_ok(value, param.types) and lenient(spec.target, "compile", value,
                                                                              param.types, key):
        yield _bool_as_number(spec, path, key, value, param)
    elif truthy_for_bool(value, [t for t in param.types if t != "str"]) and not in_choices(value, param.choices or ()):
        yield diagnostic("CC301", WARNING, path, smap.value_span(path), key="codes.CC301.truthy", name=key,
                         value=short(repr(value)), meaning=str(bool(value)).lower())
    elif not type_ok(value, param.types):
        yield diagnostic("CC301", ERROR, path, smap.value_span(path), name=key, found=type_name(value),
                         value=short(value), expected=expected_types(param.types))
    elif param.choices and not in_choices(value, param.choices) and isinstance(value, str):
        yield diagnostic("CC303", ERROR, path, smap.value_span(path), key="codes.CC303.choice",
                         name=key, value=short(value), allowed=list(param.choices))
    elif param.range is not None and type_ok(value, ("float",)) and not param.range.contains(value):
        yield diagnostic("CC303", ERROR, path, smap.value_span(path), name=key, value=value,
                         range=str(param.range))


def _bool_as_number(spec, path, key, value, param) -> Diagnostic:
    """Keras computes with a bool where it wants a number: true is 1, false 0 (observed.json lenient_types;
    steps_per_execution: true trains, false raises in Keras 3: probe:errors/spe-true, spe-false)."""
    span = spec.sourcemap.value_span(path)
    if param.range is not None and not param.range.contains(int(value)):
        return diagnostic("CC303", ERROR, path, span, name=key, value=short(value), range=str(param.range))
    return diagnostic("CC301", WARNING, path, span, key="codes.CC301.bool_number", name=key, value=short(value),
                      number=int(value), target=spec.target)


def _not_here(spec, catalogue, key, value, path, smap) -> Optional[Diagnostic]:
    span = smap.key_span(path)
    if not isinstance(key, str):
        return diagnostic("CC205", ERROR, path, span, name=str(key), target=spec.target, suggestions=[])
    tried = spec.catalogue.compile_legacy(key, value)      # what compile(key=value) did when we asked this Keras
    elsewhere = catalogue.targets_with_param(key)
    if tried is not None and tried.status == "ok" and value is None and not tried.replaced_by:
        return None     # None to a keyword the target pops and ignores: nothing happens (tf-keras training_test)
    if tried is not None and tried.status in ("ok", "warning"):
        # Accepted through **kwargs: either ignored (sample_weight_mode in tf2) or renamed.
        variant = "deprecated" if tried.replaced_by else "ignored"
        return diagnostic("CC601", WARNING, path, span, key=f"codes.CC601.{variant}", name=key,
                          target=spec.target, replaced_by=tried.replaced_by or "")
    if tried is None and not elsewhere:
        return diagnostic("CC205", ERROR, path, span, name=key, target=spec.target,
                          suggestions=suggest(key, list(spec.catalogue.compile_params)))
    if elsewhere and all(AGE[t] > AGE[spec.target] for t in elsewhere):
        return diagnostic("CC602", ERROR, path, span, name=key, target=spec.target, targets=list(elsewhere))
    replaced_by = (tried and tried.replaced_by) or getattr(catalogue.legacy_compile_params.get(key),
                                                            "replaced_by", None)
    # dropped by --fix only where the target rejects the keyword outright (probed, or no **kwargs at all)
    rejects = tried.status == "error" if tried is not None else not spec.catalogue.compile_accepts_kwargs
    return diagnostic("CC601", ERROR, path, span, key="codes.CC601" if replaced_by else "codes.CC601.plain",
                      fix=Drop(path) if rejects and not replaced_by else None,
                      name=key, target=spec.target, replaced_by=replaced_by or "")


assert set(AGE) == set(TARGETS)
