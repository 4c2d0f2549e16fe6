"""The explain pages' texts (catalogue/data/docs.<lang>.json), loaded on demand."""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Dict

from compilecli.catalogue import DATA_DIR, read_data


@lru_cache(maxsize=None)
def docs(lang: str) -> Dict[str, Any]:
    name = f"docs.{lang}.json"
    if not os.path.isfile(os.path.join(DATA_DIR, name)):
        return {}
    return read_data(name)


def doc(section: str, name: str, lang: str) -> Dict[str, Any]:
    """The page for `name` in `section` ("param", "optimizer", ...); English where a text is missing."""
    page = dict(docs("en").get(section, {}).get(name, {}))
    page.update({k: v for k, v in docs(lang).get(section, {}).get(name, {}).items() if v})
    return page


def doc_name(entry) -> str:
    """The docs page an entry shares: a function's class, a legacy optimizer's new class (legacy.Adam -> Adam)."""
    name = entry.class_equivalent or entry.canonical
    return name.split(".", 1)[1] if name.startswith("legacy.") else name
