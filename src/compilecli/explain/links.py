"""Where each object and compile() argument is documented: keras.io for Keras 3, tensorflow.org for tf.keras 2.15,
the Keras 2.3 docs for standalone Keras. Page paths are data (catalogue/data/links.json)."""
from __future__ import annotations

from functools import lru_cache

TF2_BASE = "https://www.tensorflow.org/versions/r2.15/api_docs/python/tf/keras/"
TF2_MODULE = {"optimizer": "optimizers", "loss": "losses", "metric": "metrics", "schedule": "optimizers/schedules"}


@lru_cache(maxsize=None)
def _links():
    from compilecli.catalogue import read_data
    return read_data("links.json")


def object_url(target: str, kind: str, canonical: str) -> str:
    if target == "tf2":
        return TF2_BASE + TF2_MODULE[kind] + "/" + canonical.replace(".", "/")
    table = _links().get(target, {})
    page = (table.get(kind) or {}).get(canonical) or table.get(f"{kind}_index", "")
    return table.get("base", "") + page if page else ""


def param_url(target: str, name: str) -> str:
    table = _links().get(target, {})
    if target == "tf2":
        return TF2_BASE + "Model#compile"
    return table.get("base", "") + table.get("compile", "")
