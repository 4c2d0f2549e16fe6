"""The catalogue's smaller data files that are not facts of one target, each validated as it loads."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Optional, Tuple

from .model import KINDS, LABEL_FORMATS, TARGETS, CatalogueError


def _fail(fname: str, where: str, problem: str):
    raise CatalogueError(f"{fname}: {where}: {problem}")


def _table(fname: str, data: Any, where: str) -> Dict[str, Any]:
    if not isinstance(data, dict):
        _fail(fname, where, "expected an object")
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def numerics_table() -> Dict[str, Any]:
    """numerics.json: equivalents, not_built, wrapper_names and legacy_arguments (see its ``_about``)."""
    from . import read_data
    fname = "numerics.json"
    data = _table(fname, read_data(fname), "<root>")
    for section in ("equivalents", "not_built"):
        for target, kinds in _table(fname, data.get(section), section).items():
            if target not in TARGETS:
                _fail(fname, f"{section}.{target}", "not a target")
            for kind, names in _table(fname, kinds, f"{section}.{target}").items():
                if kind not in KINDS:
                    _fail(fname, f"{section}.{target}.{kind}", "not a kind")
                for name, value in _table(fname, names, f"{section}.{target}.{kind}").items():
                    if not isinstance(value, str) or not value:
                        _fail(fname, f"{section}.{target}.{kind}.{name}", "expected a non-empty string")
    for kind, names in _table(fname, data.get("wrapper_names"), "wrapper_names").items():
        for name, canonical in _table(fname, names, f"wrapper_names.{kind}").items():
            if kind not in KINDS or not isinstance(canonical, str):
                _fail(fname, f"wrapper_names.{kind}.{name}", "expected kind -> name -> canonical")
    for kind, args in _table(fname, data.get("legacy_arguments"), "legacy_arguments").items():
        for name, rule in _table(fname, args, f"legacy_arguments.{kind}").items():
            if not isinstance(rule.get("schedule"), str) or not isinstance(rule.get("config"), dict):
                _fail(fname, f"legacy_arguments.{kind}.{name}", "needs schedule (str) and config (object)")
    return data


@lru_cache(maxsize=None)
def families_table() -> Dict[str, Any]:
    """families.json: loss families and their label formats (see its ``_about``)."""
    from . import read_data
    fname = "families.json"
    data = _table(fname, read_data(fname), "<root>")
    seen: Dict[str, str] = {}
    for family, spec in _table(fname, data.get("families"), "families").items():
        where = f"families.{family}"
        if not isinstance(spec.get("classes"), list) or not isinstance(spec.get("crossentropy"), bool):
            _fail(fname, where, "needs classes (list) and crossentropy (bool)")
        labels = spec.get("labels")
        if not isinstance(labels, list) or not labels or any(x not in LABEL_FORMATS for x in labels):
            _fail(fname, where + ".labels", f"expected a non-empty list of {', '.join(LABEL_FORMATS)}")
        for cls in spec["classes"]:
            if cls in seen:
                _fail(fname, where, f"{cls} is already in {seen[cls]}")
            seen[cls] = family
    families = set(data["families"])
    for target, listed in _table(fname, data.get("accuracy_binary_under"), "accuracy_binary_under").items():
        if target not in TARGETS or not isinstance(listed, list) or not set(listed) <= families:
            _fail(fname, f"accuracy_binary_under.{target}", "expected a target -> list of families")
    return data


def loss_family(entry) -> Optional[str]:
    """The family of a resolved loss entry (its class, or the class its function stands for)."""
    if entry is None:
        return None
    cls = entry.class_equivalent or entry.canonical
    for family, spec in families_table()["families"].items():
        if not family.startswith("_") and cls in spec["classes"]:
            return family
    return None


def family_labels(family: Optional[str]) -> Tuple[str, ...]:
    """The label formats a family takes (() for no family)."""
    return tuple(families_table()["families"][family]["labels"]) if family else ()


def is_crossentropy(family: Optional[str]) -> bool:
    return bool(family) and families_table()["families"][family]["crossentropy"]
