"""Build a Page for each kind of topic, in one language."""
from __future__ import annotations

from compilecli import i18n
from compilecli.catalogue import TARGETS, load_catalogue
from compilecli.codes import CODES, VERDICTS
from compilecli.explain import Page
from compilecli.explain.docs import doc

DOC_FIELDS = ("summary", "details", "formula", "when", "default", "targets", "pitfalls", "example")


def _ui(key: str, lang: str, **args) -> str:
    return i18n.text(f"ui.explain.{key}", lang, **args)


def code_page(code: str, lang: str) -> Page:
    from compilecli.rules import rule_for_code
    info = CODES.get(code) or VERDICTS[code]
    severity = i18n.text(f"ui.severity.{info.severity}", lang)
    page = Page(f"{code} {info.name} ({severity})", lang)
    page.add(_ui("summary", lang), i18n.text(f"codes.{code}.title", lang))
    page.add(_ui("details", lang), i18n.text(f"codes.{code}.explain", lang))
    rule = rule_for_code(code)
    if rule is not None:
        bad = next((spec for spec, codes in rule.EXAMPLES if code in codes), None)
        good = next((spec for spec, codes in rule.EXAMPLES if not codes), None)
        page.add(_ui("bad_example", lang), bad)
        page.add(_ui("good_example", lang), good)
    return page


# Parameters whose values are catalogue objects: their page lists the names Keras accepts.
PARAM_KINDS = {"optimizer": "optimizer", "loss": "loss", "metrics": "metric", "weighted_metrics": "metric"}


def param_page(name: str, lang: str, target: str = "keras3") -> Page:
    text = doc("param", name, lang)
    page = Page(f"compile({name}=...)", lang)
    for field in DOC_FIELDS:
        page.add(_ui(field, lang), text.get(field))
    if name in PARAM_KINDS:
        tc = load_catalogue().target(target)
        page.add(_ui("objects_in", lang, target=target), ", ".join(sorted(tc.canonicals(PARAM_KINDS[name]))))
    rows = []
    catalogue = load_catalogue()
    for target in TARGETS:
        tc = catalogue.target(target)
        param = tc.compile_params.get(name)
        if param is None:
            rows.append([target, _legacy_status(tc.compile_legacy(name), lang), "", ""])
        else:
            rows.append([target, _ui("present", lang), _value(param.default), " | ".join(param.types)])
    page.tables.append((_ui("per_target", lang), [_ui(h, lang) for h in ("target", "status", "default", "type")], rows))
    return page


def _legacy_status(tried, lang: str) -> str:
    """What the target did with a keyword outside its signature, when it was probed."""
    if tried is None or tried.status == "error":
        return _ui("absent", lang)
    if tried.status == "warning":
        return _ui("deprecated", lang, replaced_by=tried.replaced_by or "")
    return _ui("ignored", lang)


def legacy_arg_page(kind: str, name: str, lang: str) -> Page:
    """`explain lr`: an old argument name, per target, as probing real Keras found it."""
    from collections import Counter
    catalogue = load_catalogue()
    page = Page(f"{name} ({i18n.text(f'ui.kind.{kind}', lang)})", lang)
    page.add(_ui("summary", lang), _ui("legacy_arg", lang, name=name))
    rows = []
    for target in TARGETS:
        tc = catalogue.target(target)
        seen = Counter()
        for canonical in tc.canonicals(kind):
            legacy = tc.legacy_args(kind, canonical).get(name)
            if legacy is not None:
                seen[(legacy.status, legacy.applied, legacy.replaced_by or "")] += 1
        if not seen:
            continue
        (status, applied, replaced_by), _ = seen.most_common(1)[0]
        effect = "" if applied is None else _ui("applied" if applied else "dropped", lang)
        rows.append([target, status, effect, replaced_by])
    page.tables.append((_ui("per_target", lang), [_ui("target", lang), _ui("status", lang), _ui("effect", lang),
                                                  _ui("replaced_by", lang)], rows))
    return page


def object_page(kind: str, canonical: str, lang: str) -> Page:
    if canonical.startswith("@"):
        return compile_string_page(kind, canonical, lang)
    catalogue = load_catalogue()
    text = doc(kind, canonical, lang)
    page = Page(f"{canonical} ({i18n.text(f'ui.kind.{kind}', lang)})", lang)
    for field in ("summary", "formula", "when"):
        page.add(_ui(field, lang), text.get(field))
    entry, where = None, []
    for target in TARGETS:
        found = catalogue.target(target).entry(kind, canonical)
        if found is not None:
            where.append(target)
            entry = entry or found
    if entry is not None:
        names = sorted({n for t in where for n in _names_for(catalogue.target(t), kind, canonical)})
        page.add(_ui("names", lang), ", ".join(names))
        page.add(_ui("targets", lang), ", ".join(where))
        page.tables.append((_ui("arguments", lang), [_ui(h, lang) for h in ("argument", "default", "type", "range", "meaning")],
                            [_arg_row(arg, text.get("args", {}).get(arg.name, "")) for arg in entry.args.values()]))
    return page


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


def _names_for(tc, kind, canonical):
    return [n for n in tc.names(kind) if (e := tc.resolve(kind, n)) is not None
            and canonical in (e.canonical, e.class_equivalent)]


def _arg_row(arg, meaning: str):
    limits = str(arg.range) if arg.range is not None else (", ".join(map(str, arg.choices)) if arg.choices else "")
    default = "(required)" if arg.required else _value(arg.default)
    shown = ("float" if t == "strict_float" else t for t in arg.types if t != "callable")
    return [arg.name, default, " | ".join(shown), limits, meaning]


def _value(value) -> str:
    if value is None:
        return "None"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def compile_page(lang: str) -> Page:
    """`explain compile`: every compile() argument, per target."""
    catalogue = load_catalogue()
    page = Page("model.compile()", lang)
    page.add(_ui("summary", lang), _ui("compile_summary", lang))
    names = sorted(set().union(*(catalogue.target(t).compile_params for t in TARGETS)))
    rows = []
    for name in names:
        cells = [name]
        for target in TARGETS:
            param = catalogue.target(target).compile_params.get(name)
            cells.append(_value(param.default) if param is not None else "-")
        cells.append(doc("param", name, lang).get("summary", ""))
        rows.append(cells)
    page.tables.append((_ui("compile_arguments", lang), [_ui("argument", lang), *TARGETS, _ui("meaning", lang)], rows))
    return page
