"""The explain pages' texts (catalogue/data/docs.<lang>.json), loaded on demand.

The texts describe Keras 3 unless marked: `[[tf2,keras2:...]]` is a span true only for the targets it
names (`[[keras3:Only one of ... may be set.]]`), and `doc(..., target)` keeps a span on its targets'
pages and drops it elsewhere, so every sentence of a page is true for the page's target. (Square
brackets, as the i18n texts that may carry marks too are format strings, where braces are taken.)
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any, Dict, Optional

from compilecli.catalogue import DATA_DIR, DEFAULT_TARGET, read_data

TAGGED = re.compile(r"\[\[([a-z0-9,]+):(.*?)\]\]", re.S)


@lru_cache(maxsize=None)
def docs(lang: str) -> Dict[str, Any]:
    name = f"docs.{lang}.json"
    if not os.path.isfile(os.path.join(DATA_DIR, name)):
        return {}
    return read_data(name)


def for_target(text: str, target: str) -> str:
    """text with the spans marked for other targets dropped, and the marks of its own spans removed."""
    if "[[" not in text:
        return text
    kept = TAGGED.sub(lambda m: m.group(2) if target in m.group(1).split(",") else "", text)
    kept = re.sub(r" +([，。；）)])", r"\1", re.sub(r" +([.;])(?=\s|$)", r"\1", kept))   # "x ." -> "x." (not " ...")
    return re.sub(r"  +", " ", kept).strip()


def every_target(text: str) -> str:
    """text for a reader of no one target (SARIF's rule descriptions): each marked span says its targets,
    `[[keras3,tf2:, `x`]]` as ", `x` (keras3, tf2)" and a sentence as "(keras2: ...)"."""
    def labelled(match):
        targets, content = ", ".join(match.group(1).split(",")), match.group(2).strip()
        wide = re.search(r"[\u3000-\u9fff]", content) is not None      # Chinese text: full-width brackets
        if content[:1] in ",、;；":
            return f"{content}（{targets}）" if wide else f"{content} ({targets})"
        return f"（{targets}：{content}）" if wide else f"({targets}: {content})"
    return TAGGED.sub(labelled, text) if "[[" in text else text


def _targeted(value, target: str):
    if isinstance(value, str):
        return for_target(value, target)
    if isinstance(value, dict):
        return {key: _targeted(item, target) for key, item in value.items()}
    return value


def doc(section: str, name: str, lang: str, target: Optional[str] = None) -> Dict[str, Any]:
    """The page for `name` in `section` ("param", "optimizer", ...) as true for target (keras3 by
    default); English where a text is missing."""
    page = dict(docs("en").get(section, {}).get(name, {}))
    page.update({k: v for k, v in docs(lang).get(section, {}).get(name, {}).items() if v})
    return _targeted(page, target or DEFAULT_TARGET)


def arg_texts(kind: str, name: str, lang: str, target: Optional[str] = None) -> Dict[str, str]:
    """The meanings of a class's arguments: its page's own, else the texts shared by every class of the
    kind (`name`, `reduction`, `decay`: docs' "common" section)."""
    shared = doc("common", kind, lang, target).get("args", {})
    return {**shared, **doc(kind, name, lang, target).get("args", {})}


def doc_name(entry) -> str:
    """The docs page an entry shares: a function's class, a legacy optimizer's new class (legacy.Adam -> Adam)."""
    name = entry.class_equivalent or entry.canonical
    return name.split(".", 1)[1] if name.startswith("legacy.") else name
