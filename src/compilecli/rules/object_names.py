"""object-names: every optimizer, loss, metric and schedule must be a name that
the target's ``get()`` resolves, spelled and cased exactly as Keras accepts it.

* CC201–CC204: unknown optimizer / loss / metric / schedule (with did-you-mean).
* CC207: a ``{class_name, config}`` reference that is not well formed.
* CC606: the name exists, but only in another target (``Lion`` under keras2).
"""
from __future__ import annotations

from typing import Dict, Iterator, Tuple

from compilecli.catalogue import load_catalogue
from compilecli.catalogue.model import REGISTERED_NAME_SEPARATOR
from compilecli.diagnostics import Diagnostic, ERROR, diagnostic, short
from compilecli.rules._values import suggest, type_name

CODES = ("CC201", "CC202", "CC203", "CC204", "CC207", "CC606")
UNKNOWN = {"optimizer": "CC201", "loss": "CC202", "metric": "CC203", "schedule": "CC204"}

EXAMPLES = [
    ("compile:\n  optimizer: adamm\n", ["CC201"]),
    ("compile:\n  optimizer: adam\n  loss: categorical_crossentropyy\n", ["CC202"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [acuracy]\n", ["CC203"]),
    ("compile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate: {class_name: CosineDecayy, config: {}}\n",
     ["CC204"]),
    ("compile:\n  optimizer: {config: {learning_rate: 0.1}}\n", ["CC207"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [mae, acc]\n", []),
    ("compile:\n  optimizer: adam\n  loss: Addons>sigmoid_focal_crossentropy\n", []),   # registered by a package
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
        elif ref.entry is None and not _registered(ref.name):
            yield _unknown(spec, ref, smap, verdicts)


def _registered(name) -> bool:
    """A registered custom object ("Package>name"): it resolves if the program registered it; not judged."""
    return isinstance(name, str) and REGISTERED_NAME_SEPARATOR in name.strip(REGISTERED_NAME_SEPARATOR)


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
    key = (spec.target, ref.kind, ref.name)
    known = _JUDGED.get(key)
    if known is None or known[0] is not spec.catalogue:
        if len(_JUDGED) > 4096:
            _JUDGED.clear()
        judged = _judge(spec, ref)
        known = _JUDGED[key] = (spec.catalogue, judged.code, judged.args)
    return known[1], known[2]


def _judge(spec, ref) -> Diagnostic:
    """The words of an unknown name, whatever its place: known to another target (CC606), or a typo."""
    elsewhere = load_catalogue().targets_with_object(ref.kind, ref.name)
    if elsewhere:
        return diagnostic("CC606", ERROR, kind=ref.kind, name=ref.name, target=spec.target, targets=list(elsewhere))
    return diagnostic(UNKNOWN[ref.kind], ERROR, name=ref.name, target=spec.target,
                      suggestions=suggest(ref.name, spec.catalogue.names(ref.kind)))
