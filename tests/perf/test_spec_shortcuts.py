"""The spec-speed shortcuts (issue 14) give what the plain way gives: each is compared with a reference
written the plain way, on generated inputs (Hypothesis) and on the edge the shortcut relies on."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from compilecli import record
from compilecli.diagnostics import ERROR, Diagnostic, Span, in_file_order
from compilecli.load import limits
from compilecli.load.yaml_loader import long_lines
from compilecli.resolve import _by_output, _by_role, in_order
from compilecli.resolve.objects import ObjectRef


def _longest_line_first(text: str, limit: int):
    """The first line longer than limit, as (line number, length), read line by line."""
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > limit:
            return number, len(line)
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=30), st.integers(0, 25))
def test_long_lines_block_test_finds_every_long_line(lengths, limit):
    text = "\n".join("x" * n for n in lengths)
    saved = limits.MAX_LINE_LENGTH
    limits.MAX_LINE_LENGTH = limit
    try:
        found = long_lines.check_lines(text)
    finally:
        limits.MAX_LINE_LENGTH = saved
    expected = _longest_line_first(text, limit) if len(text) > limit else None
    if expected is None:
        assert found is None
    else:
        assert (found.span.line, found.arguments["length"]) == expected


def test_long_lines_at_the_limit_and_one_past_it():
    limit = limits.MAX_LINE_LENGTH
    for head in ("", "a\n", "a" * 4999 + "\n"):
        assert long_lines.check_lines(head + "x" * limit + "\n" + "y\n" * 10) is None
        assert long_lines.check_lines(head + "x" * (limit + 1)) is not None


def _ref(role: str, outputs, index: int) -> ObjectRef:
    return ObjectRef("metric", role, ("compile", role, index), "mae", {}, None, tuple(outputs))


def _plain_by_role(objects):
    table = {}
    for ref in objects:
        table.setdefault(ref.role, []).append(ref)
    return {role: tuple(refs) for role, refs in table.items()}


def _plain_by_output(objects):
    table = {}
    for ref in objects:
        for index in dict.fromkeys(ref.outputs):
            table.setdefault((ref.role, index), []).append(ref)
    return {key: tuple(refs) for key, refs in table.items()}


_REFS = st.lists(st.tuples(st.sampled_from(("loss", "metrics", "weighted_metrics")),
                           st.lists(st.integers(0, 3), max_size=4)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_REFS)
def test_indexes_by_runs_equal_the_plain_indexes(rows):
    objects = [_ref(role, outputs, i) for i, (role, outputs) in enumerate(rows)]
    assert _by_role(objects) == _plain_by_role(objects)
    assert list(_by_role(objects)) == list(_plain_by_role(objects))
    assert _by_output(objects) == _plain_by_output(objects)
    assert list(_by_output(objects)) == list(_plain_by_output(objects))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(("CC509", "CC201", "CC307")),
                          st.booleans()), max_size=30))
def test_file_order_is_sort_key_order(rows):
    found = [Diagnostic(code, ERROR, (i,), Span(line, column) if spanned else None)
             for i, (line, column, code, spanned) in enumerate(rows)]
    expected = sorted(found, key=Diagnostic.sort_key)
    in_file_order(found)
    assert [d.path for d in found] == [d.path for d in expected]


def test_positions_in_order_merge_groups():
    assert in_order([[0, 4, 9]]) == [0, 4, 9]
    assert in_order([[3, 7], [0, 5], []]) == [0, 3, 5, 7]
    assert in_order([]) == []


def test_replace_copies_a_template_record():
    span = Span(1, 2, 3, 4)
    assert getattr(type(span).__init__, "fills_fields", False)
    moved = record.replace(span, line=9)
    assert moved == Span(9, 2, 3, 4) and span == Span(1, 2, 3, 4)
