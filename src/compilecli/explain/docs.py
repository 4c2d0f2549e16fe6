"""The explain pages' texts (catalogue/data/docs.<lang>.json), loaded on demand."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Dict


@lru_cache(maxsize=None)
def docs(lang: str) -> Dict[str, Any]:
    folder = resources.files("compilecli.catalogue").joinpath("data")
    target = folder.joinpath(f"docs.{lang}.json")
    if not target.is_file():
        return {}
    return json.loads(target.read_text(encoding="utf-8"))


def doc(section: str, name: str, lang: str) -> Dict[str, Any]:
    """The page for `name` in `section` ("param", "optimizer", ...); English where a text is missing."""
    page = dict(docs("en").get(section, {}).get(name, {}))
    page.update({k: v for k, v in docs(lang).get(section, {}).get(name, {}).items() if v})
    return page
