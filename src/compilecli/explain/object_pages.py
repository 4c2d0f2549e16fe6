"""Pages for catalogue objects (`explain adam --target keras2`) and old argument names (`explain lr`).

An object page shows ONE target's class: its names, arguments, defaults and the old argument
names it still knows (keras3 unless --target says otherwise), since those differ between targets.
"""
from __future__ import annotations

from typing import List, Optional

from compilecli import i18n
from compilecli.catalogue import DEFAULT_TARGET, TARGETS, load_catalogue
from compilecli.explain import Page
from compilecli.explain.docs import arg_texts, doc
from compilecli.explain.meanings import arg_meaning
from compilecli.explain.links import object_url
from compilecli.explain.pages import _ui, _value, legacy_key


def object_page(kind: str, canonical: str, lang: str, target: Optional[str] = None) -> Page:
    if canonical.startswith("@"):
        return compile_string_page(kind, canonical, lang)
    catalogue = load_catalogue()
    where = [t for t in TARGETS if catalogue.target(t).entry(kind, canonical) is not None]
    shown = target if target in where else shown_target(where)
    text = doc(kind, canonical.split('.', 1)[1] if canonical.startswith('legacy.') else canonical, lang,
               target if target in where else shown_target(where))
    page = Page(f"{canonical} ({i18n.text(f'ui.kind.{kind}', lang)}, {shown})", lang)
    for field in ("summary", "formula", "when"):
        page.add(_ui(field, lang), text.get(field), "formula" if field == "formula" else "text")
    if target is not None and target not in where:
        page.add(_ui("not_in_target_page", lang), _ui("shown_instead", lang, target=target, shown=shown))
    tc = catalogue.target(shown)
    entry = tc.entry(kind, canonical)
    if entry is None:
        return page
    page.add(_ui("names", lang), ", ".join(_names_for(tc, kind, canonical)) or _ui("config_only", lang))
    page.add(_ui("targets", lang), ", ".join(where))
    page.add(_ui("built_from_spec", lang), _deserialized_as(shown, kind, canonical, lang))
    page.add(_ui("link", lang), object_url(shown, kind, canonical), "code")
    meanings = arg_texts(kind, canonical.split('.', 1)[1] if canonical.startswith('legacy.') else canonical, lang,
                         shown)
    rows = [_arg_row(arg, arg_meaning(meanings.get(arg.name, ""), arg, kind, canonical, shown, lang))
            for arg in entry.args.values()]
    rows += [_legacy_row(legacy, shown, lang) for legacy in tc.legacy_args(kind, canonical).values()
             if legacy.name not in entry.args or legacy.status != "ok"]
    page.tables.append((_ui("arguments_in", lang, target=shown),
                        [_ui(h, lang) for h in ("argument", "default", "type", "range", "meaning")], rows))
    return page


def shown_target(where: List[str]) -> str:
    """The target whose class a page shows when --target does not name one that has it."""
    return DEFAULT_TARGET if DEFAULT_TARGET in where or not where else where[0]


def _deserialized_as(target: str, kind: str, canonical: str, lang: str) -> str:
    """tf.keras 2.15's get() builds legacy.Adam from a {class_name: Adam, config} dict: say so on Adam's page."""
    from compilecli.catalogue import read_data
    rule = (read_data("deserialize.json").get(target) or {}).get(kind) or {}
    pattern = rule.get("non_empty_config_resolves_to")
    if not pattern or "." in canonical:
        return ""
    built = pattern.format(canonical=canonical)
    if load_catalogue().target(target).entry(kind, built) is None:
        return ""
    return _ui("deserialized_as", lang, target=target, canonical=canonical, built=built)


def _legacy_row(legacy, target: str, lang: str) -> List[str]:
    effect = "" if legacy.applied is None else _ui("applied" if legacy.applied else "dropped", lang)
    status = _ui(legacy_key(legacy), lang, target=target, replaced_by=legacy.replaced_by or "")
    return [legacy.name, "-", "", "", "; ".join(x for x in (status, effect) if x)]


def compile_string_page(kind: str, canonical: str, lang: str) -> Page:
    """`accuracy`, `acc`, `crossentropy`, `ce`: names compile() resolves itself, per target, from the shapes."""
    catalogue = load_catalogue()
    page = Page(f"{canonical[1:]} ({i18n.text(f'ui.kind.{kind}', lang)})", lang)
    page.add(_ui("summary", lang), _ui("compile_string", lang))
    rows = []
    for target in TARGETS:
        tc = catalogue.target(target)
        entry = tc.entry(kind, canonical)
        if entry is None:
            continue
        names = ", ".join(sorted(n for n in tc.names(kind) if (e := tc.resolve(kind, n)) is not None
                                 and e.canonical == canonical))
        rows.append([target, names] + [dict(entry.resolves_to).get(case, "-") for case in ("binary", "sparse", "categorical")])
    page.tables.append((_ui("resolution", lang), [_ui("target", lang), _ui("names", lang), "binary", "sparse", "categorical"], rows))
    return page


def legacy_arg_page(kind: str, name: str, lang: str) -> Page:
    """`explain lr`: an old argument name, per target and per kind of class, as probing real Keras found it."""
    catalogue = load_catalogue()
    page = Page(f"{name} ({i18n.text(f'ui.kind.{kind}', lang)})", lang)
    page.add(_ui("summary", lang), _ui("legacy_arg", lang, name=name))
    if isinstance(i18n.lookup(f"story.{name}", lang), str) and i18n.lookup(f"story.{name}", lang) != f"story.{name}":
        page.add(_ui("old_names", lang), i18n.text(f"story.{name}", lang))
    rows = []
    for target in TARGETS:
        tc = catalogue.target(target)
        groups = {}
        for canonical in tc.canonicals(kind):
            legacy = tc.legacy_args(kind, canonical).get(name)
            if legacy is not None:
                groups.setdefault((legacy.status, legacy.applied, legacy.replaced_by or ""), []).append(canonical)
        for (status, applied, replaced_by), classes in groups.items():
            effect = "" if applied is None else _ui("applied" if applied else "dropped", lang)
            rows.append([target, _classes(classes), i18n.text(f"ui.severity_word.{status}", lang), effect, replaced_by])
    page.tables.append((_ui("per_target", lang), [_ui(h, lang) for h in ("target", "classes", "status", "effect",
                                                                         "replaced_by")], rows))
    return page


def _classes(classes: List[str]) -> str:
    """"legacy.Adam, legacy.SGD, ... (9)": a family of classes by its first members."""
    return ", ".join(classes) if len(classes) <= 3 else f"{', '.join(classes[:2])}, … ({len(classes)})"


def _names_for(tc, kind, canonical):
    return sorted(n for n in tc.names(kind) if (e := tc.resolve(kind, n)) is not None
                  and canonical in (e.canonical, e.class_equivalent))


def _arg_row(arg, meaning: str):
    limits = str(arg.range) if arg.range is not None else (", ".join(map(str, arg.choices)) if arg.choices else "")
    default = "(required)" if arg.required else _value(arg.default)
    shown = ("float" if t == "strict_float" else t for t in arg.types if t != "callable")
    return [arg.name, default, " | ".join(shown), limits, meaning]
