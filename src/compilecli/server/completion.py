"""textDocument/completion: what Keras accepts at the cursor, for the file's target.

Names: each target's accepted spellings of optimizers, losses, metrics and schedules, without the
case variants get() also folds (``adam`` and ``Adam``, not ``ADAM``), without abstract bases and
without classes get() cannot build from a name alone. Arguments: the object's own, each with its
default, inside ``{class_name, config}`` and inside a Keras constructor in code; compile() keywords
with their defaults; the top-level keys of a spec.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from lsprotocol import types as lsp

from compilecli import i18n
from compilecli.server.context import code_context, spec_context

from compilecli.catalogue import compile_roles   # compile argument -> the kind it takes
TOP_KEYS = ("target", "model", "compile")
_CLASS_NAME = re.compile(r"""["']?class_name["']?\s*:\s*["']?([A-Za-z_][\w.]*)""")


def complete(analysis, uri: str, text: str, offset: int, lang: str) -> List[lsp.CompletionItem]:
    from compilecli.catalogue import load_catalogue
    tc = load_catalogue().target(analysis.target)
    if analysis.kind in ("python", "notebook"):
        return code_items(tc, text, offset, lang)
    return spec_items(tc, text, offset, lang, yaml=analysis.kind == "yaml")


# -- names and arguments -------------------------------------------------------------------------
def accepted_names(tc, kind: str, classes: bool = False) -> List[str]:
    """The spellings get() takes, one per case-folded family (lower case, or the class's own name)."""
    from compilecli.rules.abstract_objects import abstract_bases
    abstract = (abstract_bases().get(tc.name) or {}).get(kind) or {}
    out = []
    for name in tc.names(kind):
        entry = tc.resolve(kind, name)
        if entry is None or entry.canonical in abstract or (entry.config_only and not classes):
            continue
        own = name in (entry.canonical, entry.class_equivalent)
        if classes and not (entry.is_class and own):
            continue
        if not classes and not (own or name == name.lower()):
            continue
        out.append(name)
    return out


def name_items(tc, kind: str, lang: str, classes: bool = False) -> List[lsp.CompletionItem]:
    detail = i18n.text("server.completion.name", lang, kind=i18n.text(f"ui.kind.{kind}", lang), target=tc.name)
    return [lsp.CompletionItem(label=name, kind=lsp.CompletionItemKind.Class if name[:1].isupper()
                               else lsp.CompletionItemKind.Value, detail=detail) for name in accepted_names(tc, kind, classes)]


def _default_text(spec, lang: str) -> str:
    from compilecli.explain.pages import _value
    if getattr(spec, "required", False):
        return i18n.text("server.completion.required", lang)
    return i18n.text("server.completion.default", lang, value=_value(spec.default))


def argument_items(tc, kind: str, class_name: str, lang: str, suffix: str) -> List[lsp.CompletionItem]:
    from compilecli.explain.docs import doc
    entry = tc.resolve(kind, class_name) or tc.entry(kind, class_name)
    if entry is None:
        return []
    meanings = doc(kind, entry.class_equivalent or entry.canonical, lang).get("args", {})
    return [lsp.CompletionItem(label=arg.name, kind=lsp.CompletionItemKind.Property, detail=_default_text(arg, lang),
                               documentation=meanings.get(arg.name) or None, insert_text=arg.name + suffix)
            for arg in entry.args.values()]


def compile_items(tc, lang: str, suffix: str) -> List[lsp.CompletionItem]:
    from compilecli.explain.docs import doc
    return [lsp.CompletionItem(label=name, kind=lsp.CompletionItemKind.Property,
                               detail=f"{i18n.text('server.completion.compile_keyword', lang)}, {_default_text(param, lang)}",
                               documentation=doc("param", name, lang).get("summary") or None,
                               insert_text=name + suffix)
            for name, param in tc.compile_params.items()]


# -- specs ---------------------------------------------------------------------------------------
def object_place(path: Tuple[str, ...], key: Optional[str], at_key: bool) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """(kind, where inside the object: () the reference, ("class_name",), ("config",)) or None."""
    segments = list(path[1:]) + ([key] if key and not at_key else [])
    if not path or path[0] != "compile" or not segments or segments[0] not in compile_roles():
        return None
    role, rest = segments[0], segments[1:]
    kind = compile_roles()[role]
    if role != "optimizer":
        while rest and rest[0] not in ("class_name", "config"):
            rest = rest[1:]                   # an output name: losses and metrics by output
    if kind == "optimizer" and rest[:2] == ["config", "learning_rate"]:
        kind, rest = "schedule", rest[2:]
    return kind, tuple(rest)


def spec_items(tc, text: str, offset: int, lang: str, yaml: bool) -> List[lsp.CompletionItem]:
    from compilecli.catalogue import TARGETS
    ctx = spec_context(text, offset)
    key_suffix = ": " if yaml and not ctx.quoted else ""
    if ctx.path == ():
        if ctx.at_key:
            return [lsp.CompletionItem(label=k, kind=lsp.CompletionItemKind.Module, insert_text=k + key_suffix)
                    for k in TOP_KEYS]
        return [lsp.CompletionItem(label=t, kind=lsp.CompletionItemKind.EnumMember) for t in TARGETS] \
            if ctx.key == "target" else []
    if ctx.path == ("compile",) and ctx.at_key:
        return compile_items(tc, lang, key_suffix)
    place = object_place(ctx.path, ctx.key, ctx.at_key)
    if place is None:
        return []
    kind, rest = place
    if rest == () and not ctx.at_key:
        return name_items(tc, kind, lang)
    if rest == () and ctx.at_key:
        return [lsp.CompletionItem(label=k, kind=lsp.CompletionItemKind.Property, insert_text=k + key_suffix)
                for k in ("class_name", "config")]
    if rest == ("class_name",):
        return name_items(tc, kind, lang, classes=True)
    if rest == ("config",) and ctx.at_key:
        class_name = class_name_near(text, offset)
        return argument_items(tc, kind, class_name, lang, key_suffix) if class_name else []
    return []


def class_name_near(text: str, offset: int) -> Optional[str]:
    """The class_name of the object being configured: the nearest one before the cursor, else after."""
    before = list(_CLASS_NAME.finditer(text, max(0, offset - 5000), offset))
    if before:
        return before[-1].group(1)
    after = _CLASS_NAME.search(text, offset, offset + 5000)
    return after.group(1) if after else None


# -- code ----------------------------------------------------------------------------------------
def code_items(tc, text: str, offset: int, lang: str) -> List[lsp.CompletionItem]:
    ctx = code_context(text, offset)
    if not ctx.callee:
        return []
    if ctx.in_string:
        compile_call = [keyword for callee, keyword in ctx.outer if callee.endswith(".compile")]
        inner = ctx.outer[-1][0] if ctx.outer else ""
        if compile_call and inner.endswith(".compile") and compile_call[-1] in compile_roles():
            return name_items(tc, compile_roles()[compile_call[-1]], lang)
        return []
    if not ctx.at_keyword:
        return []
    if ctx.callee.endswith(".compile"):
        return compile_items(tc, lang, "=")
    found = keras_class(text, ctx.callee)
    if found is None:
        return []
    kind, class_name = found
    return argument_items(tc, kind, class_name, lang, "=")


def keras_class(text: str, callee: str) -> Optional[Tuple[str, str]]:
    """(kind, class name) when callee names a Keras optimizer/loss/metric/schedule through the imports."""
    import ast
    from compilecli.load.python_calls import FileFacts
    from compilecli.load.python_calls.keras_objects import MODULE_KIND
    facts = FileFacts()
    for statement in re.findall(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+)?import[ \t]+[^\n#;()]+", text, re.M):
        try:
            for node in ast.parse(statement.strip()).body:
                facts.import_node(node)
        except (SyntaxError, ValueError):
            continue
    try:
        node = ast.parse(callee, mode="eval").body
    except (SyntaxError, ValueError):
        return None
    parts = facts.keras_path(node)
    if not parts:
        return None
    kind = next((MODULE_KIND[p] for p in reversed(parts[:-1]) if p in MODULE_KIND), None)
    return (kind, parts[-1]) if kind else None
