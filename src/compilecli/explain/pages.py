"""Build a Page for each kind of topic, in one language."""
from __future__ import annotations

from compilecli import i18n
from compilecli.catalogue import DEFAULT_TARGET, TARGETS, compile_roles, load_catalogue
from compilecli.codes import CODES, VERDICTS
from compilecli.explain import Page
from compilecli.explain.docs import doc, for_target
from compilecli.doc_links import code_url
from compilecli.explain.links import param_url

FIELD_KINDS = {"example": "code", "formula": "formula"}
DOC_FIELDS = ("summary", "details", "formula", "when", "default", "targets", "pitfalls", "example")


# Pages that mention an old argument name tell its one story (i18n `story.<name>`), the same words everywhere.
STORIES = {"CC603": ("lr",), "CC604": ("decay",), "CC607": ("lr", "decay"), "optimizer": ("lr", "decay")}


def _ui(key: str, lang: str, **args) -> str:
    return i18n.text(f"ui.explain.{key}", lang, **args)


def legacy_key(legacy) -> str:
    """The words for what a target does with an old argument name (ui.explain.legacy_<status>)."""
    bare = legacy.status == "warning" and not legacy.replaced_by
    return f"legacy_{legacy.status}" + ("_bare" if bare else "")


def add_stories(page: Page, topic: str, lang: str) -> None:
    told = "\n".join(i18n.text(f"story.{name}", lang) for name in STORIES.get(topic, ()))
    page.add(_ui("old_names", lang), told)


def code_page(code: str, lang: str, target: str = DEFAULT_TARGET) -> Page:
    """A code's page; its texts may mark spans for some targets (explain.docs.for_target), as docs do."""
    from compilecli.explain.code_examples import page_examples
    info = CODES.get(code) or VERDICTS[code]
    severity = i18n.text(f"ui.severity.{info.severity}", lang)
    page = Page(f"{code} {info.name} ({severity})", lang)
    page.add(_ui("summary", lang), for_target(i18n.text(f"codes.{code}.title", lang), target))
    page.add(_ui("details", lang), for_target(i18n.text(f"codes.{code}.explain", lang), target))
    for example in page_examples(code):     # verified in real Keras: tools/verify_code_examples.py
        heading = _ui(f"{example.role}_example", lang)
        if example.format == "python":
            heading = i18n.text("ux.in_python", lang, heading=heading)
        page.add(heading, example.text, "code")
    add_stories(page, code, lang)
    page.add(_ui("link", lang), code_url(code), "code")
    return page


def param_page(name: str, lang: str, target: str = DEFAULT_TARGET) -> Page:
    """A compile() argument as true for target; an argument target lacks is told about a target that has it."""
    catalogue = load_catalogue()
    has = [each for each in TARGETS if name in catalogue.target(each).compile_params]
    about = target if target in has or not has else has[0]
    text = doc("param", name, lang, about)
    page = Page(f"compile({name}=...)", lang)
    for field in DOC_FIELDS:
        page.add(_ui(field, lang), text.get(field), FIELD_KINDS.get(field, "text"))
        if field == "summary" and about != target:
            page.add(_ui("not_in_target_page", lang), _ui("param_shown_instead", lang, target=target, shown=about))
    if name in compile_roles():   # a parameter whose values are catalogue objects: the names Keras accepts
        tc = load_catalogue().target(target)
        page.add(_ui("objects_in", lang, target=target), ", ".join(sorted(tc.canonicals(compile_roles()[name]))))
    rows = []
    for each in TARGETS:     # (not `target`: the page's own target is still needed for its link)
        tc = catalogue.target(each)
        param = tc.compile_params.get(name)
        if param is None:
            rows.append([each, _legacy_status(tc.compile_legacy(name), lang), "", ""])
        else:
            rows.append([each, _ui("present", lang), _value(param.default), " | ".join(param.types)])
    page.tables.append((_ui("per_target", lang), [_ui(h, lang) for h in ("target", "status", "default", "type")], rows))
    add_stories(page, name, lang)
    page.add(_ui("link", lang), param_url(target, name), "code")
    return page


def _legacy_status(tried, lang: str) -> str:
    """What the target did with a keyword outside its signature, when it was probed."""
    if tried is None or tried.status == "error":
        return _ui("absent", lang)
    if tried.status == "warning":
        return _ui("deprecated", lang, replaced_by=tried.replaced_by or "")
    return _ui("ignored", lang)


def _value(value) -> str:
    if value is None:
        return "None"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def compile_order():
    """compile()'s arguments in signature order: Keras 3's, then what only older targets have, in theirs."""
    catalogue = load_catalogue()
    names = []
    for target in TARGETS:
        tc = catalogue.target(target)
        names += [n for n in tc.compile_signature if n in tc.compile_params and n not in names]
    return names


def compile_page(lang: str, target: str = DEFAULT_TARGET) -> Page:
    """`explain compile`: every compile() argument in the signature order, per target."""
    catalogue = load_catalogue()
    page = Page("model.compile()", lang)
    page.add(_ui("summary", lang), _ui("compile_summary", lang))
    signature = [n for n in catalogue.target(target).compile_signature if n in catalogue.target(target).compile_params]
    page.add(_ui("signature", lang, target=target), f"compile({', '.join(signature)})")
    rows = []
    for name in compile_order():
        cells = [name]
        for each in TARGETS:
            param = catalogue.target(each).compile_params.get(name)
            cells.append(_value(param.default) if param is not None else "-")
        cells.append(doc("param", name, lang, target).get("summary", ""))
        rows.append(cells)
    page.tables.append((_ui("compile_arguments", lang), [_ui("argument", lang), *TARGETS, _ui("meaning", lang)], rows))
    page.add(_ui("link", lang), param_url(target, "compile"), "code")
    return page
