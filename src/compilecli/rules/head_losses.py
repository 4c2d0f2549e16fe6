"""head-losses: a loss that real Keras accepts on an output but that cannot train that output,
because of the output's units or activation (facts observed by the differential oracle, kept as
data: ``heads`` in catalogue/data/observed.json, one entry per fact with the runs it was seen in).

* CC517: a categorical crossentropy on a one-unit output: it normalises over the class axis, every
  prediction is 1.0 and the loss is constant (tf.keras raises for the sparse one: an error there).
* CC518: ``poisson`` on an output that can be negative (linear, tanh, ...): log of a negative
  number, the loss is NaN from the first epoch.
* CC519: a categorical crossentropy without ``from_logits`` on a ReLU output: a sample whose units
  are all 0 is divided by its sum 0, and the weights turn NaN.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, Iterator, List

from compilecli.catalogue import read_data
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, diagnostic

CODES = ("CC517", "CC518", "CC519")
ONE = "model:\n  outputs:\n    - {{name: out, units: {units}, activation: {act}, labels: {labels}}}\ncompile:\n" \
      "  optimizer: adam\n"
EXAMPLES = [
    (ONE.format(units=1, act="sigmoid", labels="binary") + "  loss: categorical_crossentropy\n", ["CC517"]),
    ("target: tf2\n" + ONE.format(units=1, act="sigmoid", labels="sparse")
     + "  loss: sparse_categorical_crossentropy\n", ["CC517"]),
    (ONE.format(units=1, act="linear", labels="real") + "  loss: poisson\n", ["CC518"]),
    (ONE.format(units=3, act="relu", labels="sparse") + "  loss: sparse_categorical_crossentropy\n", ["CC519"]),
    (ONE.format(units=1, act="softplus", labels="real") + "  loss: poisson\n", []),
    (ONE.format(units=3, act="relu", labels="sparse")
     + "  loss: {class_name: SparseCategoricalCrossentropy, config: {from_logits: true}}\n", []),
]


@lru_cache(maxsize=None)
def entries(target: str) -> List[dict]:
    """The facts that hold for target (validated once: CatalogueError names the entry and key)."""
    from compilecli.catalogue import CatalogueError
    found = []
    for entry in read_data("observed.json")["heads"]["entries"]:
        missing = {"id", "code", "losses", "output", "unless", "severity", "observed"} - set(entry)
        if missing or entry["code"] not in CODES or set(entry["output"]) - {"units", "activation"}:
            raise CatalogueError(f"observed.json: heads: {entry.get('id', '?')}: missing {sorted(missing)} "
                                 f"or a code not in {CODES} or an output condition not units/activation")
        if target in entry["severity"]:
            found.append(entry)
    return found


def _fold(name: str) -> str:
    return name.replace("_", "").lower()


def matching(spec, output, ref, facts=None) -> List[dict]:
    """The entries (``facts``: entries(spec.target), read once per spec) that hold for loss ``ref`` on ``output``."""
    if ref.entry is None or ref.malformed:
        return []
    names = {_fold(n) for n in (ref.entry.canonical, ref.entry.class_equivalent) if n}
    found = []
    losses = _losses(spec.target)
    for entry in entries(spec.target) if facts is None else facts:
        folded = losses.get(id(entry))
        if folded is None:             # (facts not from entries(): folded here)
            folded = frozenset(_fold(n) for n in entry["losses"].get(spec.target, ()))
        if names.isdisjoint(folded):
            continue
        head = {"units": output.units, "activation": output.activation}
        if all(head[key] in allowed for key, allowed in entry["output"].items()) and not _unless(ref, entry):
            found.append(entry)
    return found


@lru_cache(maxsize=None)
def _losses(target: str) -> Dict[int, frozenset]:
    """id(entry) -> the folded names of the losses it is about, for target's entries: once, not per reference."""
    return {id(entry): frozenset(_fold(n) for n in entry["losses"].get(target, ())) for entry in entries(target)}


def by_units(spec, output, ref) -> bool:
    """A fact about this loss over this output's number of units holds (label-consistency's CC502 is then moot)."""
    return any("units" in entry["output"] for entry in matching(spec, output, ref))


def _unless(ref, entry) -> bool:
    """A config value that makes the loss fit (from_logits: true), the argument's default when not written."""
    for name, want in entry["unless"].items():
        default = ref.entry.args[name].default if name in ref.entry.args else None
        value = ref.config.get(name, default)
        if value == want and type(value) is type(want):
            return True
    return False


def check(spec) -> Iterator[Diagnostic]:
    facts = entries(spec.target) if spec.outputs else []
    for output in spec.outputs:
        for ref in spec.output_refs("loss", output.index):
            for entry in matching(spec, output, ref, facts):
                yield _emit(spec, output, ref, entry)


def _emit(spec, output, ref, entry) -> Diagnostic:
    severity = ERROR if entry["severity"][spec.target] == "error" else WARNING
    key = f"codes.{entry['code']}.{entry['variant']}" if entry.get("variant") else ""
    name = ref.name if isinstance(ref.name, str) else (ref.entry.class_equivalent or ref.entry.canonical)
    return diagnostic(entry["code"], severity, ref.path, spec.sourcemap.value_span(ref.path), key=key,
                      target=spec.target, output=output.name, loss=name, units=output.units,
                      activation=output.activation)
