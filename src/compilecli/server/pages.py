"""Which explain page a hover shows: the object, compile keyword or argument under the cursor.

Object, compile-keyword, old-argument and compile() pages are `compilecli explain`'s own
(``explain.build``); an argument of an object gets its row of the object's page, per target.
"""
from __future__ import annotations

from typing import Optional

from compilecli.explain import Page
from compilecli.explain.build import build_pages
from compilecli.explain.topics import Topic, find_legacy_arg, find_object, find_topic


def topic_page(topic: Optional[Topic], lang: str, target: Optional[str]) -> Optional[Page]:
    if topic is None or topic.kind in ("spec", "code"):
        return None
    return build_pages(topic, [lang], target)[0]


def object_topic(ref) -> Optional[Topic]:
    if ref.entry is None:
        return None
    return Topic("object", ref.entry.class_equivalent or ref.entry.canonical, ref.kind, str(ref.name))


def argument_page(kind: str, canonical: str, arg: str, lang: str) -> Optional[Page]:
    """`Adam(learning_rate=...)`: meaning, then default, type and valid values in each target."""
    from compilecli.catalogue import TARGETS, load_catalogue
    from compilecli.explain.docs import doc
    from compilecli.explain.object_pages import _arg_row
    from compilecli.explain.pages import _legacy_status, _ui

    catalogue = load_catalogue()
    rows = []
    for target in TARGETS:
        entry = catalogue.target(target).entry(kind, canonical)
        if entry is None:
            continue
        spec = entry.args.get(arg)
        if spec is not None:
            rows.append([target, _ui("present", lang)] + _arg_row(spec, "")[1:4])
        else:
            legacy = catalogue.target(target).legacy_args(kind, canonical).get(arg)
            rows.append([target, _legacy_status(legacy, lang), "", "", ""])
    if not any(row[1] == _ui("present", lang) for row in rows):
        return None
    page = Page(f"{canonical.lstrip('@')}({arg}=...)", lang)
    page.add(_ui("summary", lang), doc(kind, canonical, lang).get("args", {}).get(arg, ""))
    header = [_ui(h, lang) for h in ("target", "status", "default", "type", "range")]
    page.tables.append((_ui("per_target", lang), header, rows))
    return page


def spot_page(spot, lang: str) -> Optional[Page]:
    """The page for a located key or value, or None when it names nothing we explain."""
    from compilecli.server.locate import ref_at
    target = spot.result.target
    ref, arg = ref_at(spot)
    if ref is not None and arg is not None:
        if ref.entry is not None:
            page = argument_page(ref.kind, ref.entry.class_equivalent or ref.entry.canonical, arg, lang)
            if page is not None:
                return page
        return topic_page(find_legacy_arg(arg), lang, target)
    if ref is not None:
        return topic_page(object_topic(ref), lang, target)
    path = spot.path
    if spot.is_key and path == ("compile",):
        return topic_page(Topic("compile", "compile"), lang, target)
    if spot.is_key and len(path) == 2 and path[0] == "compile" and isinstance(path[1], str):
        return topic_page(find_topic(path[1]), lang, target)
    return None


def word_page(word: str, kind: str, lang: str, target: Optional[str]) -> Optional[Page]:
    """A name under the cursor that no spec holds (an import, a half-written line)."""
    if not word:
        return None
    if kind in ("python", "notebook"):
        return topic_page(find_object(word), lang, target)
    return topic_page(find_topic(word), lang, target)
