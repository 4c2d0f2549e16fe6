"""Topic -> pages, one per requested language."""
from __future__ import annotations

from typing import List, Sequence

from compilecli.catalogue.model import DEFAULT_TARGET
from compilecli.explain import Page
from compilecli.explain.object_pages import legacy_arg_page, object_page
from compilecli.explain.pages import code_page, compile_page, param_page
from compilecli.explain.spec_page import spec_page
from compilecli.explain.topics import Topic


def build_pages(topic: Topic, langs: Sequence[str], target=None) -> List[Page]:
    pages = []
    for lang in langs:
        if topic.kind == "code":
            pages.append(code_page(topic.name, lang, target or DEFAULT_TARGET))
        elif topic.kind == "compile":
            pages.append(compile_page(lang, target or DEFAULT_TARGET))
        elif topic.kind == "param":
            pages.append(param_page(topic.name, lang, target or DEFAULT_TARGET))
        elif topic.kind == "legacy_arg":
            pages.append(legacy_arg_page(topic.object_kind, topic.name, lang))
        elif topic.kind == "object":
            pages.append(object_page(topic.object_kind, topic.name, lang, target))
        else:
            pages.append(spec_page(topic.name, target, lang))
    return pages
