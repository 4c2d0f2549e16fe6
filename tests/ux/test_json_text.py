"""render/json_text.dumps is ``json.dumps(value, ensure_ascii=False, indent=2, default=str)``, byte for
byte: on generated values, and on the JSON and SARIF documents of every case file and sample."""
from __future__ import annotations

import enum
import json
import os

from hypothesis import given, settings, strategies as st

from compilecli.render.json_text import dumps

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def _reference(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


class Named(str):
    pass


class Level(enum.IntEnum):
    LOW = 1


class Opaque:
    def __str__(self) -> str:
        return "opaque \"quoted\"\n"


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(), st.text().map(Named), st.just(Level.LOW), st.just(Opaque()))
keys = st.one_of(st.text(), st.text().map(Named), st.integers(), st.floats(), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(keys, inner, max_size=4)), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(values)
def test_same_text_as_json_dumps(value):
    assert dumps(value) == _reference(value)


def test_lone_surrogates_and_controls():
    value = {"path": "bad\udcff\x00\x1f\u2028", "nested": [[], {}, [{}], {"a": []}]}
    assert dumps(value) == _reference(value)


def _documents():
    from compilecli.checker.run import run_check
    from compilecli.config import resolve_options
    from compilecli.render.json_format import file_dict
    from compilecli.render.sarif import sarif_log
    folders = [os.path.join(ROOT, "tests", "cases"), os.path.join(ROOT, "samples")]
    options = resolve_options(dict(target=None, format="json", lang=None, strict=None, select=(), ignore=()),
                              config_path=None, isolated=True)
    report = run_check(tuple(folders), options)
    for lang in ("en", "zh"):
        yield [file_dict(result, lang) for result in report.results]
        yield sarif_log(report, lang)


def test_every_case_report_is_written_as_json_dumps_writes_it():
    count = 0
    for document in _documents():
        assert dumps(document) == _reference(document)
        count += 1
    assert count == 4
