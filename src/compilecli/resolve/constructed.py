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
    code = spec.loaded.code
    if not code or path not in code.get("_constructed", ()) or not isinstance(name, str):
        return None
    if kind == "optimizer" and "." in name:
        namespace, cls = name.split(".", 1)
        facts = code_facts()["targets"].get(spec.target, {}).get("namespaces", {}).get("optimizers." + namespace)
        probed = (facts or {}).get("classes", {}).get(cls)
        if not probed or not probed.get("is") or probed.get("construct", "").startswith("error"):
            return None                      # no such namespace or class in this target, or it raises
        return spec.catalogue.entry(kind, probed["is"])
    return spec.catalogue.entry(kind, name)
