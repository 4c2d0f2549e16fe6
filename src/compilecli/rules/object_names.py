"""object-names: every optimizer, loss, metric and schedule must be a name that
the target's ``get()`` resolves, spelled and cased exactly as Keras accepts it.

* CC201–CC204: unknown optimizer / loss / metric / schedule (with did-you-mean).
* CC207: a ``{class_name, config}`` reference that is not well formed.
* CC210: a dict field the target's deserialiser refuses: ``module: null``; a tf2 optimizer without a config.
* CC209: a name get() takes as a string but rejects as a dict ``class_name`` (Keras 3.15: ``mse``, ``kld``,
  ``bce``, ...; probed: deserialize.json ``class_name_rejected``); fixed to the name that works when certain.
* CC606: the name exists, but only in another target (``Lion`` under keras2).

A name the code registers as a custom object is not judged where the target's get() looks it up there.
"""
from __future__ import annotations

from typing import Dict, Iterator, Optional, Tuple

from compilecli.catalogue import load_catalogue, read_data
from compilecli.catalogue.model import KERAS_PACKAGES, REGISTERED_NAME_SEPARATOR
from compilecli.diagnostics import Diagnostic, ERROR, Respell, diagnostic, short
from compilecli.rules._values import suggest, type_name

CODES = ("CC201", "CC202", "CC203", "CC204", "CC207", "CC209", "CC210", "CC606")
UNKNOWN = {"optimizer": "CC201", "loss": "CC202", "metric": "CC203", "schedule": "CC204"}

EXAMPLES = [
    ("compile:\n  optimizer: adamm\n", ["CC201"]),
    ("compile:\n  optimizer: adam\n  loss: categorical_crossentropyy\n", ["CC202"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [acuracy]\n", ["CC203"]),
    ("compile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate: {class_name: CosineDecayy, config: {}}\n",
     ["CC204"]),
    ("compile:\n  optimizer: {config: {learning_rate: 0.1}}\n", ["CC207"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [mae, acc]\n", []),
    ("compile:\n  optimizer: adam\n  loss: {class_name: mse, config: {}}\n", ["CC209"]),
    ("compile:\n  optimizer: adam\n  loss: {class_name: mean_squared_error, config: {}}\n", []),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [{class_name: acc, config: {}}]\n", ["CC209"]),
    ("compile:\n  optimizer: {module: null, class_name: Adam, config: {}}\n  loss: mse\n", ["CC210"]),
    ("compile:\n  optimizer: {module: keras.optimizers, class_name: Adam, config: {}}\n  loss: mse\n", []),
    ("compile:\n  optimizer: adam\n  loss: Addons>sigmoid_focal_crossentropy\n", ["CC202"]),   # a spec imports nothing
    ("compile:\n  optimizer: {class_name: AdamW}\n  loss: mse\n", ["CC606"], "keras2"),   # (spec, codes, target)
]


def check(spec) -> Iterator[Diagnostic]:
    smap = spec.sourcemap
    verdicts: Dict[Tuple[str, str], Tuple[str, tuple]] = {}   # a repeated unknown name is judged once
    for ref in spec.objects:
        if ref.malformed:
            path = ref.path + ("class_name",) if ref.malformed == "class_name" else ref.path
            yield diagnostic("CC207", ERROR, ref.path, smap.value_span(path), key=f"codes.CC207.{ref.malformed}",
                             role=ref.role, kind=ref.kind, found=type_name(ref.name), value=short(ref.name))
        elif ref.entry is None and ref.config_path is not None and spec.catalogue.resolve(ref.kind, ref.name):
            yield _as_dict(spec, ref, {"use": None, "keras": ""})   # compile()'s own string ('acc', 'ce')
        elif ref.entry is None and not _registered(spec, ref.name):
            custom = _custom(spec, ref)
            if custom is None:
                yield _unknown(spec, ref, smap, verdicts)
            elif not custom:        # registered, but this get() never looks there: it raises all the same
                name_path = ref.path + ("class_name",) if ref.config_path else ref.path
                yield diagnostic(UNKNOWN[ref.kind], ERROR, ref.path, smap.value_span(name_path),
                                 key=f"codes.{UNKNOWN[ref.kind]}.custom_object", name=ref.name, kind=ref.kind,
                                 target=spec.target)
        elif ref.entry is not None and ref.config_path is not None and isinstance(ref.name, str):
            yield from _fields(spec, ref)
            rejected = _dict_rejected(spec.target, ref.kind).get(ref.name)
            if rejected is not None and _raises(rejected, ref):
                yield _as_dict(spec, ref, rejected)


def _fields(spec, ref) -> Iterator[Diagnostic]:
    """CC210: `module: null` (both targets), no config for a tf2 optimizer (deserialize.json dict_fields)."""
    table = read_data("deserialize.json")["dict_fields"].get(spec.target, {})
    refused = {**table.get("*", {}), **table.get(ref.kind, {})}
    for field, written, where in (("module_null", ref.module_null, "module"), ("config_absent", ref.config_absent, "")):
        if written and refused.get(field) == "error":
            path = ref.path + ((where,) if where else ())
            yield diagnostic("CC210", ERROR, path, spec.sourcemap.key_span(path) if where else
                             spec.sourcemap.value_span(path), key=f"codes.CC210.{field}", kind=ref.kind,
                             name=ref.name, target=spec.target)


def _dict_rejected(target: str, kind: str) -> dict:
    return read_data("deserialize.json")["class_name_rejected"].get(target, {}).get(kind) or {}


def _raises(rejected: dict, ref) -> bool:
    """Listed names raised without a module; with one (the kind's own was probed) only if that raised too."""
    return ref.module is None or rejected["with_module"] != "ok"


def _as_dict(spec, ref, rejected: dict) -> Diagnostic:
    path = ref.path + ("class_name",)
    use = rejected["use"]
    return diagnostic("CC209", ERROR, ref.path, spec.sourcemap.value_span(path),
                      key="codes.CC209" if use else "codes.CC209.no_use",
                      fix=Respell(path, ref.name, use) if use else None, kind=ref.kind, name=ref.name,
                      target=spec.target, use=use or "", keras=_words(rejected["keras"]))


def _words(keras: str) -> str:
    """Keras's own message, as the probe recorded it (English in every language), or nothing."""
    return f" ({short(keras.replace('error: ', '', 1), 100)})" if keras else ""


def _registered(spec, name) -> bool:
    """A registered custom object ("Package>name") in code: it resolves if the program's imports registered
    it, so it is not judged. A spec file imports nothing, and no package registers under Keras's own names:
    there `get()` raises ('Could not interpret optimizer identifier: keras>Adam', both targets; i10-s3)."""
    if not isinstance(name, str) or spec.loaded.format not in ("python", "notebook"):
        return False
    package, separator, rest = name.partition(REGISTERED_NAME_SEPARATOR)
    return bool(separator and package and rest) and package.lower() not in KERAS_PACKAGES


def _custom(spec, ref) -> Optional[bool]:
    """A name the file registers as a custom object (``get_custom_objects().update({"focal": ...})``): True
    where the target's get() looks there for this kind (deserialize.json ``custom_objects``), False where it
    does not (Keras 3.15: a loss or metric string; only an optimizer's is looked up), None if not registered.
    Keys the loader could not read ("*") may be any name: True or None, never a claim that it is registered."""
    custom = (spec.loaded.code or {}).get("_custom_objects")
    if not custom or (ref.name not in custom and "*" not in custom):
        return None
    lookups = read_data("deserialize.json")["custom_objects"].get(spec.target, {})
    if ref.kind in lookups.get("dict" if ref.config_path else "str", ()):
        return True
    return False if ref.name in custom else None


def _unknown(spec, ref, smap, verdicts) -> Diagnostic:
    name_path = ref.path + ("class_name",) if ref.config_path else ref.path
    span = smap.value_span(name_path)
    found = verdicts.get((ref.kind, ref.name))
    if found is None:
        found = verdicts[(ref.kind, ref.name)] = _verdict(spec, ref)
    code, args = found
    return Diagnostic(code, ERROR, tuple(ref.path), span, "", args)


_JUDGED: Dict[tuple, tuple] = {}   # (target, kind, name) -> (catalogue, code, args): a folder repeats its typos


def _verdict(spec, ref) -> Tuple[str, tuple]:
    """The judgement of an unknown name, once per run and target catalogue (the did-you-mean is costly)."""
    from compilecli.resolve.constructed import is_constructed    # (only for an unknown name: start-up)
    key = (spec.target, ref.kind, ref.name, is_constructed(spec, ref.path))
    known = _JUDGED.get(key)
    if known is None or known[0] is not spec.catalogue:
        if len(_JUDGED) > 4096:
            _JUDGED.clear()
        judged = _judge(spec, ref)
        known = _JUDGED[key] = (spec.catalogue, judged.code, judged.args)
    return known[1], known[2]


def _judge(spec, ref) -> Diagnostic:
    """The words of an unknown name, whatever its place: known to another target (CC606), or a typo."""
    from compilecli.resolve.constructed import building_targets, is_constructed
    elsewhere = load_catalogue().targets_with_object(ref.kind, ref.name)
    if not elsewhere and is_constructed(spec, ref.path):     # keras.optimizers.experimental.AdamW(...)
        elsewhere = tuple(t for t in building_targets(ref.kind, ref.name) if t != spec.target)
    if elsewhere:
        return diagnostic("CC606", ERROR, kind=ref.kind, name=ref.name, target=spec.target, targets=list(elsewhere))
    return diagnostic(UNKNOWN[ref.kind], ERROR, name=ref.name, target=spec.target,
                      suggestions=suggest(ref.name, spec.catalogue.names(ref.kind)))
