"""The catalogue entry of an object that code *constructs* (``keras.optimizers.AdamW(...)``).

A spec names objects by what ``get()`` accepts; code calls the class itself, so a class that
``get()`` does not know by name still exists (tf.keras 2.15 builds ``AdamW`` but its
``optimizers.get("AdamW")`` raises). Classes named through an optimizer namespace
(``optimizers.experimental.AdamW``, ``optimizers.legacy.Adam``) are what the probes recorded
for the target (catalogue/data/code_facts.json): which class they are, or that the namespace
does not exist or the class raises when built (Keras 3's ``legacy``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from compilecli.catalogue import read_data


@lru_cache(maxsize=None)
def code_facts() -> dict:
    return read_data("code_facts.json")


def constructed_entry(spec, kind: str, name, path) -> Optional[object]:
    """The class a reference at ``path`` constructs (None: not constructed, or not a class of the target)."""
    if not is_constructed(spec, path) or not isinstance(name, str):
        return None
    if kind == "optimizer" and "." in name:
        built = _built(spec.target, name)
        return None if built is None else spec.catalogue.entry(kind, built)
    return spec.catalogue.entry(kind, name)


def is_constructed(spec, path) -> bool:
    code = spec.loaded.code
    return bool(code) and path in code.get("_constructed", ())


def building_targets(kind: str, name) -> tuple:
    """The targets whose probes built ``name`` through its optimizer namespace (``experimental.AdamW``:
    tf2's, Keras 3 has no such module): where a call of ``keras.optimizers.experimental.AdamW`` works."""
    if kind != "optimizer" or not isinstance(name, str) or "." not in name:
        return ()
    return tuple(target for target in code_facts()["targets"] if _built(target, name) is not None)


def _built(target: str, name: str) -> Optional[str]:
    """The class ``namespace.Class`` is in ``target`` (None: no such namespace or class, or it raises)."""
    namespace, cls = name.split(".", 1)
    facts = code_facts()["targets"].get(target, {}).get("namespaces", {}).get("optimizers." + namespace)
    probed = (facts or {}).get("classes", {}).get(cls)
    if not probed or not probed.get("is") or probed.get("construct", "").startswith("error"):
        return None
    return probed["is"]
