"""`compilecli explain spec.yaml`: each compile argument of a spec, as it resolves."""
from __future__ import annotations

from compilecli import i18n
from compilecli.explain import Page
from compilecli.explain.docs import arg_texts, doc, doc_name
from compilecli.explain.meanings import arg_meaning
from compilecli.explain.pages import _ui, _value, legacy_key
from compilecli.diagnostics import format_path, short


def spec_page(path: str, target, lang: str) -> Page:
    from compilecli.checker import check_path

    result = check_path(path, target)
    loaded, spec = result.loaded, result.resolved     # the checker's own resolved spec: resolved once
    page = Page(loaded.source, lang)
    if spec is None:
        page.add(_ui("unusable", lang), _ui("run_check", lang, path=path))
        page.failed = True
        return page
    page.add(_ui("target", lang), spec.target)
    params = spec.catalogue.compile_params
    rows = []
    for name, param in params.items():
        given = name in spec.compile
        value = spec.compile.get(name, param.default)
        origin = _ui("given", lang) if given else _ui("defaulted", lang)
        rows.append([name, _value(value) if not isinstance(value, (dict, list)) else _short(value), origin,
                     doc("param", name, lang, spec.target).get("summary", "")])
    for name in spec.compile:
        if name not in params:
            rows.append([name, _short(spec.compile[name]), _ui("not_in_target", lang, target=spec.target), ""])
    page.tables.append((_ui("compile_arguments", lang), [_ui(h, lang) for h in ("argument", "value", "origin", "meaning")], rows))
    for ref in spec.objects:
        page.tables.append(_object_table(ref, lang, spec.target))
    page.add(_ui("problems", lang), _ui("problem_count", lang, errors=result.errors, warnings=result.warnings, path=path))
    return page


def _object_table(ref, lang, spec_target):
    where = format_path(ref.path)
    kind = i18n.text(f"ui.kind.{ref.kind}", lang)
    if ref.entry is None:
        return (f"{where}: {ref.name!s} ({kind})", [_ui("argument", lang)], [[_ui("unknown_object", lang)]])
    meanings = arg_texts(ref.kind, doc_name(ref.entry), lang, spec_target)
    rows = []
    renamed = _renamed_in_spec(ref, spec_target)
    for arg in ref.entry.args.values():
        given = arg.name in ref.config
        value = ref.config.get(arg.name, arg.default)
        origin = _ui("given", lang) if given else _ui("defaulted", lang)
        old = renamed.get(arg.name)
        if not given and old is not None:   # `lr: 0.01` sets learning_rate where the target applies it
            value = ref.config[old.name] if old.applied is not False else value
            origin = _ui("given_as" if old.applied is not False else "dropped_old", lang, name=old.name)
        rows.append([arg.name, _short(value) if isinstance(value, (dict, list)) else _value(value),
                     origin, arg_meaning(meanings.get(arg.name, ""), arg, ref.kind, ref.entry.canonical, spec_target, lang)])
    rows += _legacy_rows(ref, spec_target, lang)
    title = f"{where}: {ref.name} → {ref.entry.canonical.lstrip('@')} ({kind})"
    return (title, [_ui(h, lang) for h in ("argument", "value", "origin", "meaning")], rows)


def _renamed_in_spec(ref, target):
    """new argument name -> the LegacyArg of an old name the spec wrote for it (learning_rate -> lr)."""
    from compilecli.catalogue import load_catalogue
    legacy = load_catalogue().target(target).legacy_args(ref.kind, ref.entry.canonical)
    return {old.replaced_by: old for key, old in legacy.items() if key in ref.config and old.replaced_by
            and old.status != "error"}


def _legacy_rows(ref, target, lang):
    """The spec's own keys that are not arguments of the class (lr, decay): shown, with what the target does."""
    from compilecli.catalogue import load_catalogue
    legacy = load_catalogue().target(target).legacy_args(ref.kind, ref.entry.canonical)
    rows = []
    for key, value in ref.config.items():
        if key in ref.entry.args:
            continue
        known = legacy.get(key)
        what = (_ui(legacy_key(known), lang, target=target, replaced_by=known.replaced_by or "")
                if known is not None else _ui("not_an_argument", lang, target=target))
        if known is not None and known.applied is not None:
            what += "; " + _ui("applied" if known.applied else "dropped", lang)
        rows.append([key, _short(value) if isinstance(value, (dict, list)) else _value(value),
                     _ui("given", lang), what])
    return rows


def _short(value) -> str:
    import json
    return short(json.dumps(value, ensure_ascii=False, default=str))
