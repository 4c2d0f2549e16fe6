"""issue 13: every sentence of an explain page is true for the page's target.

Every object page of every target, in both languages: the argument table is the target's own facts
(names in signature order, defaults, old names), no argument of the Keras 3 class that the target's class
lacks is mentioned, a default named in a meaning is the target's default, and the facts the page states
in words (float only, arguments that cannot be set together) are the target's. Parameter pages and
`explain compile` mention no object name the target does not know. Texts marked for some targets
(`[[tf2,keras2:...]]`) are well formed and the same in both languages."""
import re

import pytest

from compilecli.catalogue import KINDS, TARGETS, load_catalogue
from compilecli.explain.build import build_pages
from compilecli.explain.docs import TAGGED, docs
from compilecli.explain.pages import _value
from compilecli.explain.meanings import same_value
from compilecli.explain.topics import Topic, param_names

CATALOGUE = load_catalogue()
MARK = re.compile(r"\[\[[a-z0-9,]*:|\]\]")
IDENT = re.compile(r"`([^`]+)`|\b([A-Za-z]+_[A-Za-z0-9_]+)\b")
DEFAULT = {"en": re.compile(r"\bdefault(?: is| to|:)?\s+(`?)(\"[^\"]*\"|[−\-]?[0-9][\w.+\-]*|None|True|False)", re.I),
           "zh": re.compile(r"默认(?:为|值为|是)?\s*(`?)(\"[^\"]*\"|[−\-]?[0-9][\w.+\-]*|None|True|False)")}
FLOAT_ONLY = {"en": "an int (`1`) raises", "zh": "写整数（`1`）会报错"}
CONFLICT = {"en": "Cannot be set together with", "zh": "不能与"}


def object_pages(target):
    tc = CATALOGUE.target(target)
    seen = set()
    for kind in KINDS:
        for canonical in sorted(tc.canonicals(kind)):
            entry = tc.entry(kind, canonical)
            name = entry.class_equivalent or entry.canonical
            if (kind, name) in seen or name.startswith("@"):
                continue
            seen.add((kind, name))
            yield kind, name, tc.entry(kind, name)


def argument_rows(page):
    return page.tables[-1][2]


NAMES_TARGETS = re.compile(r"Keras \d|tf\.keras|keras[23]\b|tf2\b|TF 2")
NEGATED = re.compile(r"\bnot?\b|\bno longer\b|不是|没有|不能|不再")


def own_sentences(text):
    """The sentences of text that do not name the targets they are about (those are true on every page)."""
    return [s for s in re.split(r"(?<=[.;])\s+|(?<=[。；])", text) if not NAMES_TARGETS.search(s)]


def mentioned(text):
    return {word for code, bare in IDENT.findall(text) for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", code or bare)}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("target", TARGETS)
def test_object_pages_state_only_the_targets_facts(target, lang):
    tc = CATALOGUE.target(target)
    k3 = CATALOGUE.target("keras3")
    for kind, name, entry in object_pages(target):
        page = build_pages(Topic("object", name, kind, name), (lang,), target)[0]
        assert page.title.endswith(f", {target})"), page.title
        rows = argument_rows(page)
        args = list(entry.args.values())
        assert [row[0] for row in rows[:len(args)]] == [a.name for a in args], (target, name)
        for row, arg in zip(rows, args):
            assert row[1] == ("(required)" if arg.required else _value(arg.default)), (target, name, arg.name)
        legacy = tc.legacy_args(kind, name)
        assert {row[0] for row in rows[len(args):]} <= set(legacy), (target, name)
        own = set(entry.args) | set(legacy)
        k3_entry = k3.entry(kind, name)
        k3_only = (set(k3_entry.args) - own) if k3_entry is not None else set()
        texts = [text for _, text in page.sections] + [row[-1] for row in rows[:len(args)]]
        for text in texts:
            assert not MARK.search(text), (target, name, text)
            assert not mentioned(text) & k3_only, (target, name, mentioned(text) & k3_only, text)
            assert not foreign_names(text, target), (target, name, foreign_names(text, target), text)
        groups = tc.conflicts(kind, name)
        for row, arg in zip(rows, args):
            meaning = row[-1]
            for sentence in own_sentences(meaning):
                for match in DEFAULT[lang].finditer(sentence):
                    assert same_value(match.group(2), arg.default), (target, name, arg.name, meaning)
            assert (FLOAT_ONLY[lang] in meaning) == ("strict_float" in arg.types), (target, name, arg.name)
            partners = {n for group in groups if arg.name in group for n in group} - {arg.name}
            assert (CONFLICT[lang] in meaning) == bool(partners), (target, name, arg.name, meaning)
            if partners:
                assert mentioned(meaning.split(CONFLICT[lang])[-1]) == partners, (target, name, arg.name)
            assert "exclusive" not in meaning and "互斥" not in meaning, (target, name, arg.name, meaning)


def object_names(target):
    tc = CATALOGUE.target(target)
    return {name.lower() for kind in KINDS for name in list(tc.names(kind)) + list(tc.canonicals(kind))}


def foreign_names(text, target):
    """Object names in `code` the target does not know, in sentences that do not name their targets
    and do not say the name is wrong."""
    known, anywhere = object_names(target), every_name()
    return {word for sentence in own_sentences(text) if not NEGATED.search(sentence)
            for word in re.findall(r"`\"?([A-Za-z_0-9.]+)\"?`", sentence)
            if word.lower() in anywhere and word.lower() not in known}


def every_name():
    return set().union(*(object_names(t) for t in TARGETS))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("target", TARGETS)
def test_parameter_pages_name_only_objects_the_target_knows(target, lang):
    """A list of the names Keras accepts (`adam`, `lion`, `muon`) is the page's target's, unless the
    sentence names the targets it is about."""
    tc = CATALOGUE.target(target)
    topics = [Topic("param", name) for name in param_names()] + [Topic("compile", "compile")]
    for topic in topics:
        page = build_pages(topic, (lang,), target)[0]
        about = target
        if topic.kind == "param":    # an argument the target lacks is told about a target that has it, and says so
            has = [t for t in TARGETS if topic.name in CATALOGUE.target(t).compile_params]
            about = target if topic.name in tc.compile_params or not has else has[0]
            assert (about != target) == any(target in text and about in text for _, text in page.sections[:2])
        texts = [text for index, (_, text) in enumerate(page.sections) if page.kind_of(index) != "code"]
        texts += [row[-1] for _, _, rows in page.tables for row in rows]
        for text in texts:
            assert not foreign_names(text, about), (target, topic.name, foreign_names(text, about), text)


def tagged_texts(lang):
    for section, pages in docs(lang).items():
        for name, page in pages.items():
            for field, value in page.items():
                for key, text in (value.items() if isinstance(value, dict) else [(field, value)]):
                    if isinstance(text, str):
                        yield (section, name, field, key), text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_target_marks_are_well_formed(lang):
    for where, text in tagged_texts(lang):
        assert not MARK.search(TAGGED.sub("", text)), (where, text)
        for match in TAGGED.finditer(text):
            assert set(match.group(1).split(",")) <= set(TARGETS), (where, match.group(1))


def test_both_languages_mark_the_same_targets():
    zh = dict(tagged_texts("zh"))
    for where, text in tagged_texts("en"):
        if where in zh:
            assert [m.group(1) for m in TAGGED.finditer(text)] == [m.group(1) for m in TAGGED.finditer(zh[where])], where


def test_a_marked_span_shows_on_its_targets_only():
    from compilecli.explain.docs import for_target
    text = "Clip it. [[keras3:Only one of `clipnorm`, `clipvalue` may be set.]][[tf2,keras2:Both may be set.]]"
    assert for_target(text, "keras3") == "Clip it. Only one of `clipnorm`, `clipvalue` may be set."
    assert for_target(text, "tf2") == for_target(text, "keras2") == "Clip it. Both may be set."


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("target", TARGETS)
def test_code_pages_name_only_objects_the_target_knows(target, lang):
    from compilecli.codes import CODES, VERDICTS
    for code in list(CODES) + list(VERDICTS):
        page = build_pages(Topic("code", code), (lang,), target)[0]
        for index, (_, text) in enumerate(page.sections):
            if page.kind_of(index) != "code":
                assert not MARK.search(text), (code, text)
                assert not foreign_names(text, target), (target, code, foreign_names(text, target), text)


def test_a_page_for_no_one_target_labels_the_marked_spans():
    from compilecli.explain.docs import every_target
    assert every_target("Losses (`a`[[keras3,tf2:, `b`]]). [[keras2:Old.]]") == "Losses (`a`, `b` (keras3, tf2)). (keras2: Old.)"
    assert every_target("基类[[keras2:（旧）。]]") == "基类（keras2：（旧）。）"
