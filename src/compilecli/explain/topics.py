"""What a TOPIC names: a diagnostic code, a compile parameter, an object, or a spec file."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import List, Optional

from compilecli.catalogue import KINDS, TARGETS, known_compile_keywords, load_catalogue
from compilecli.codes import CODES, VERDICTS

CODE_RE = re.compile(r"^(cc|sm)\d{3}$", re.IGNORECASE)
PARAM_ALIASES = {"**kwargs": "kwargs", "kwarg": "kwargs"}


@dataclass(frozen=True)
class Topic:
    kind: str                 # "code" | "compile" | "param" | "object" | "legacy_arg" | "spec"
    name: str                 # code, parameter name, canonical object name, or path
    object_kind: str = ""     # for objects: "optimizer" | "loss" | "metric" | "schedule"
    asked: str = ""           # what the user typed


def param_names() -> List[str]:
    from compilecli.explain.docs import docs
    catalogue = load_catalogue()
    names = set(docs("en").get("param", {}))
    for target in TARGETS:
        names.update(catalogue.target(target).compile_params)
    names.update(catalogue.legacy_compile_params)
    names.update(known_compile_keywords())      # the **kwargs-only ones too: CC601's hint names them
    return sorted(names)


def find_topic(asked: str) -> Optional[Topic]:
    if CODE_RE.match(asked):
        code = asked.upper()
        return Topic("code", code, asked=asked) if code in CODES or code in VERDICTS else None
    if asked in ("compile", "model.compile", "compile()"):
        return Topic("compile", "compile", asked=asked)
    name = PARAM_ALIASES.get(asked, asked)
    if name in param_names():
        return Topic("param", name, asked=asked)
    found = find_object(asked) or find_legacy_arg(asked)
    if found:
        return found
    if os.path.isfile(asked) or asked == "-":
        return Topic("spec", asked, asked=asked)
    return None


def find_object(asked: str) -> Optional[Topic]:
    """Resolve as each target's get() would, keras3 first; the class page stands for its functions."""
    catalogue = load_catalogue()
    for target in TARGETS:
        tc = catalogue.target(target)
        for kind in KINDS:
            entry = tc.resolve(kind, asked) or tc.entry(kind, asked)   # also canonical names: legacy.Adam
            if entry is not None:
                return Topic("object", entry.class_equivalent or entry.canonical, kind, asked)
    return None


def find_legacy_arg(asked: str) -> Optional[Topic]:
    """An old argument name some target still knows (lr, decay), probed on real Keras."""
    catalogue = load_catalogue()
    for target in TARGETS:
        tc = catalogue.target(target)
        for kind in KINDS:
            if any(asked in tc.legacy_args(kind, c) for c in tc.canonicals(kind)):
                return Topic("legacy_arg", asked, kind, asked)
    return None


def all_topic_names() -> List[str]:
    catalogue = load_catalogue()
    names = set(CODES) | set(VERDICTS) | set(param_names()) | {"compile"}
    for target in TARGETS:
        for kind in KINDS:
            names.update(catalogue.target(target).names(kind))
    return sorted(names)
