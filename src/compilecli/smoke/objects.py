"""What numerics builds for each object of a resolved spec, for any target.

Names are never resolved here: the catalogue resolved every reference for the spec's target
(``ObjectRef.entry``); numerics' registry says which of its Keras 3 objects stands for that entry
(``Registry.name_for``, data in ``catalogue/data/numerics.json``). An optimizer's old arguments are
translated from the target's own facts (``legacy_args``): renamed when the target reads them under
a new name, turned into a schedule when numerics.json says how, dropped when the target drops them.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

MODULES = {"loss": "losses", "metric": "metrics", "optimizer": "optimizers", "schedule": "schedules"}
DEFAULT_OPTIMIZER = "rmsprop"      # compile()'s default in every target


def registry(kind: str):
    return importlib.import_module(f"compilecli.numerics.{MODULES[kind]}").REGISTRY


@dataclass(frozen=True)
class Part:
    """A loss or metric as numerics builds it: its object ``name`` from ``config``; ``label`` as the
    spec wrote it (a string also names it, as compile() does); ``problem`` why it cannot be built."""
    kind: str
    label: Any
    name: Optional[str] = None
    config: Dict[str, Any] = field(default_factory=dict)
    problem: str = ""

    def make(self):
        """The numerics object; ValueError with the reason when there is none."""
        if self.problem:
            raise ValueError(self.problem)
        return importlib.import_module(f"compilecli.numerics.{MODULES[self.kind]}").build(
            self.name, self.config, self.label)


def written(ref) -> Any:
    """The reference as the spec wrote it: a name, or a {class_name, config} dict."""
    return ref.name if ref.config_path is None else {"class_name": ref.name, "config": dict(ref.config)}


def part(ref, spec, width: int, sparse: bool) -> Part:
    """The Part for a loss or metric reference on an output of ``width`` values per sample."""
    label, entry = written(ref), ref.entry
    if entry is None:
        return Part(ref.kind, label, problem=f"Could not interpret {ref.kind} identifier: {ref.name!r}")
    if entry.resolves_to:                       # compile()'s own strings: "accuracy", "ce"
        from compilecli.numerics.losses import output_kind
        entry = spec.catalogue.entry(ref.kind, dict(entry.resolves_to)[output_kind(width, sparse)])
    try:
        return Part(ref.kind, label, registry(ref.kind).name_for(spec.target, entry), dict(ref.config))
    except ValueError as exc:
        return Part(ref.kind, label, problem=str(exc))


def optimizer(spec, notes: List[Tuple[str, dict]]) -> Dict[str, Any]:
    """The optimizer as numerics' ``optimizers.get`` takes it; ValueError with the reason when none."""
    refs = spec.refs("optimizer")
    ref = refs[0] if refs else None
    entry = ref.entry if ref is not None else spec.catalogue.get_entry("optimizer", DEFAULT_OPTIMIZER)
    if entry is None:
        raise ValueError(f"Could not interpret optimizer identifier: {ref.name!r}")
    name = registry("optimizer").name_for(spec.target, entry)
    config = _translated(dict(ref.config) if ref is not None else {}, spec, entry, name, notes)
    for schedule in spec.refs("learning_rate"):
        if schedule.entry is not None and isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = {"class_name": registry("schedule").name_for(spec.target, schedule.entry),
                                       "config": dict(schedule.config)}
    return {"class_name": name, "config": config}


def _translated(config: Dict[str, Any], spec, entry, name: str, notes) -> Dict[str, Any]:
    from compilecli.catalogue import NUMERICS_TARGET, load_catalogue
    from compilecli.catalogue.tables import numerics_table
    from compilecli.smoke.plan import finite_number
    keras3 = load_catalogue().target(NUMERICS_TARGET).entry("optimizer", name)
    legacy = spec.catalogue.legacy_args("optimizer", entry.canonical)
    rules = numerics_table()["legacy_arguments"].get("optimizer", {})
    foreign = [key for key in config if keras3 is None or key not in keras3.args]
    for key in foreign:                         # renames first: a schedule reads the learning rate
        old = legacy.get(key)
        if old is not None and old.applied is False and old.status != "error":
            notes.append(("note_dropped", {"name": key, "value": config.pop(key), "target": spec.target}))
        elif old is not None and old.status != "error" and old.replaced_by and old.replaced_by not in config:
            config[old.replaced_by] = config.pop(key)
            notes.append(("note_renamed", {"name": key, "new": old.replaced_by, "target": spec.target}))
    for key in [k for k in foreign if k in config and k in rules and k in entry.args]:
        value = config.pop(key)
        rate = config.get("learning_rate", entry.args["learning_rate"].default if "learning_rate" in entry.args
                          else None)
        if not value:
            continue                            # decay: 0 changes nothing
        if not finite_number(rate):
            notes.append(("note_dropped", {"name": key, "value": value, "target": spec.target}))
            continue
        fill = {"$value": value, "$learning_rate": rate}
        config["learning_rate"] = {"class_name": rules[key]["schedule"],
                                   "config": {k: fill.get(v, v) for k, v in rules[key]["config"].items()}}
        notes.append(("note_schedule", {"name": key, "value": value, "schedule": rules[key]["schedule"]}))
    return config
