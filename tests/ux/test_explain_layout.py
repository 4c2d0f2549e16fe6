"""issue 13: every explain page (each object and parameter of every target, compile per target, every code
and old argument name) at 80 columns, both languages, plain and rich:
no identifier split across lines, no line wider than 80 (code examples excepted), and no line
starting with Chinese closing punctuation."""
import io
import re

import pytest

from compilecli.catalogue import KINDS, TARGETS, load_catalogue
from compilecli.codes import CODES, VERDICTS
from compilecli.explain.build import build_pages
from compilecli.explain.layout import units, wrap
from compilecli.explain.render import render_plain, render_rich
from compilecli.explain.topics import Topic, param_names
from compilecli.render.width import display_width

WIDTH = 80
CLOSING = "：。，）、；！？」』】》"
IDENT = re.compile(r"[A-Za-z0-9_]+")
BORDER = "│╭╮╰╯─ "


def topics(target):
    """Every page of one target: each object (a function's page is its class's), each compile() argument,
    compile itself; code pages and old argument names (target-independent) come with keras3."""
    catalogue = load_catalogue()
    tc = catalogue.target(target)
    seen = set()
    for kind in KINDS:
        for canonical in tc.canonicals(kind):
            entry = tc.entry(kind, canonical)
            name = entry.class_equivalent or entry.canonical
            if (kind, name) not in seen:
                seen.add((kind, name))
                yield Topic("object", name, kind, name)
    for name in param_names():
        yield Topic("param", name)
    yield Topic("compile", "compile")
    if target == "keras3":
        yield from (Topic("code", code) for code in list(CODES) + list(VERDICTS))
        for name in ("lr", "decay"):
            yield Topic("legacy_arg", name, "optimizer", name)


def known_tokens(page):
    texts = [page.title] + [h + " " + t for h, t in page.sections]
    texts += [" ".join([heading] + header + [str(c) for row in rows for c in row]) for heading, header, rows in page.tables]
    return set(IDENT.findall(" ".join(texts)))


def code_lines(page):
    return {line.strip() for index, (_, text) in enumerate(page.sections) if page.kind_of(index) == "code"
            for line in text.split("\n")}


def check_lines(lines, page):
    known, code = known_tokens(page), code_lines(page)
    source = " ".join([t for _, t in page.sections] + [str(c) for _, _, rows in page.tables for row in rows for c in row])
    for number, line in enumerate(lines):
        bare = line.strip(BORDER)
        if bare.strip() in code:
            continue
        assert display_width(line) <= WIDTH, line
        assert not bare.lstrip()[:1] or bare.lstrip()[0] not in CLOSING, line
        for token in IDENT.findall(bare):
            assert token in known, (token, line)        # a fragment of a split identifier is no known word
        if number + 1 < len(lines):
            tail = re.search(r"[A-Za-z0-9_]+$", bare.rstrip())
            head = re.match(r"[A-Za-z0-9_]+", lines[number + 1].strip(BORDER).lstrip())
            if tail and head and f"{tail.group(0)} {head.group(0)}" not in source:
                assert tail.group(0) + head.group(0) not in known - {tail.group(0), head.group(0)}, (line, lines[number + 1])


def test_every_object_and_parameter_of_every_target_is_covered():
    catalogue = load_catalogue()
    for target in TARGETS:
        covered = {(t.object_kind, t.name) for t in topics(target) if t.kind == "object"}
        tc = catalogue.target(target)
        for kind in KINDS:
            for canonical in tc.canonicals(kind):
                entry = tc.entry(kind, canonical)
                assert (kind, entry.class_equivalent or entry.canonical) in covered, (target, kind, canonical)
        params = {t.name for t in topics(target) if t.kind == "param"}
        assert set(tc.compile_params) <= params, target


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_at_80_columns(lang, target):
    from rich.console import Console
    for topic in topics(target):
        page = build_pages(topic, (lang,), target)[0]
        check_lines(render_plain([page], WIDTH).split("\n"), page)
        buffer = io.StringIO()
        render_rich([page], Console(file=buffer, width=WIDTH, color_system=None, force_terminal=False))
        check_lines(buffer.getvalue().split("\n"), page)


def test_wrap_never_starts_a_line_with_closing_punctuation():
    text = "这是一个很长的句子，" * 12 + "最后。"
    for width in range(10, 40):
        assert all(not line or line[0] not in CLOSING for line in wrap(text, width))


def test_wrap_keeps_identifiers_and_code_spans_whole():
    text = "use `keras.optimizers.schedules.LearningRateSchedule` or LearningRateSchedule here " * 3
    for width in range(60, 80):
        lines = wrap(text, width)
        assert all(display_width(line) <= width for line in lines)
        assert all(piece in text.split() for line in lines for piece in line.split())


def test_units_glue_latin_but_break_cjk():
    assert units("用`fit`/`evaluate`训练") == ["用", "`fit`/`evaluate`", "训", "练"]


def test_formula_has_one_equation_per_line():
    page = build_pages(Topic("object", "Adam", "optimizer", "adam"), ("en",))[0]
    out = render_plain([page])
    assert "\n  m ← β1·m + (1−β1)·g\n  v ← β2·v" in out


def test_plain_table_cells_are_cut_with_an_ellipsis():
    from compilecli.explain.layout import cell_lines
    assert cell_lines("sum_over_batch_size", 10, last=False) == ["sum_over_…"]


def test_chinese_tables_translate_status_words():
    page = build_pages(Topic("legacy_arg", "lr", "optimizer", "lr"), ("zh",))[0]
    out = render_plain([page])
    assert "警告" in out and "错误" in out and " warning " not in out and " error " not in out
