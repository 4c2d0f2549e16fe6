"""abstract-objects: an optimizer, loss, metric or schedule that names an abstract base class.

* CC208: ``{class_name: Optimizer}``, ``loss: Loss``, ``metrics: [Metric]``,
  ``learning_rate: {class_name: LearningRateSchedule}``. ``get()`` finds the name, so nothing
  else complains, but the class leaves the work (``update_step``, ``call``, ``update_state``,
  ``__call__``) to subclasses: real Keras raises at compile or at the first training step.

Which classes are abstract, per target, is data (``catalogue/data/abstract.json``), written by
``tools/probe_abstract_bases.py`` from what real Keras raised (keras2 read off its source).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, Iterator

from compilecli.diagnostics import Diagnostic, ERROR, diagnostic
from compilecli.resolve import in_order

CODES = ("CC208",)
EXAMPLES = [
    ("compile:\n  optimizer: {class_name: Optimizer, config: {learning_rate: 0.01}}\n  loss: mse\n", ["CC208"]),
    ("compile:\n  optimizer: adam\n  loss: Loss\n", ["CC208"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [Metric]\n", ["CC208"]),
    ("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [mae]\n", []),
]
# A concrete class to offer instead, per kind (the common default of each).
INSTEAD = {"optimizer": "adam", "loss": "mean_squared_error", "metric": "mean_absolute_error",
           "schedule": "ExponentialDecay"}


@lru_cache(maxsize=None)
def abstract_bases() -> Dict[str, Dict[str, Dict[str, dict]]]:
    """target -> kind -> canonical -> {abstract, observed}."""
    from compilecli.catalogue import KINDS, CatalogueError, read_data
    data = read_data("abstract.json")
    for target, kinds in data.items():
        if target.startswith("_"):
            continue
        for kind, classes in kinds.items():
            if kind != "version" and (kind not in KINDS or not isinstance(classes, dict)):
                raise CatalogueError(f"abstract.json: {target}.{kind}: not a kind of object")
    return data


def check(spec) -> Iterator[Diagnostic]:
    known = abstract_bases().get(spec.target) or {}
    hits = [formed for (kind, _), (entry, _, formed) in spec.by_entry.items()     # once per object
            if formed and (known.get(kind) or {}).get(entry.canonical) is not None]
    for index in in_order(hits):
        ref = spec.objects[index]
        found = known[ref.kind][ref.entry.canonical]
        name_path = ref.path + ("class_name",) if ref.config_path else ref.path
        yield diagnostic("CC208", ERROR, ref.path, spec.sourcemap.value_span(name_path), kind=ref.kind,
                         object=ref.entry.canonical, method=found["abstract"], target=spec.target,
                         instead=INSTEAD[ref.kind])
