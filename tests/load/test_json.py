"""JSON: positions, duplicates, limits and the usual hand-editing mistakes."""
from __future__ import annotations

import json
import math

import pytest

from compilecli.diagnostics import Span
from compilecli.load import load_bytes

from loadhelpers import assert_well_formed, at, codes, only

SPEC = """{
  "compile": {
    "optimizer": {"class_name": "Adam", "config": {"learning_rate": 1e-3}},
    "loss": "mse",
    "metrics": ["accuracy", {"class_name": "AUC"}]
  }
}
"""


def load(text: str, name: str = "spec.json"):
    spec = load_bytes(text.encode("utf-8"), name)
    assert_well_formed(spec)
    return spec


def test_data_equals_json_loads():
    spec = load(SPEC)
    assert spec.format == "json"
    assert spec.diagnostics == []
    assert spec.data == json.loads(SPEC)


def test_spans():
    sm = load(SPEC).sourcemap
    lr = ("compile", "optimizer", "config", "learning_rate")
    assert sm.values[lr] == Span(3, 69, 3, 73)          # 1e-3 is a number in JSON: no CC111
    assert at(sm.keys[lr]) == (3, 52)
    assert sm.values[("compile", "loss")] == Span(4, 13, 4, 18)
    assert sm.keys[("compile", "loss")] == Span(4, 5, 4, 11)
    assert at(sm.values[("compile", "metrics", 1)]) == (5, 29)
    assert at(sm.values[("compile", "metrics", 1, "class_name")]) == (5, 44)
    assert sm.values[()] == Span(1, 1, 7, 2)


def test_format_guessed_from_content_without_extension():
    spec = load_bytes(b'  {"compile": {}}', "<stdin>")
    assert spec.format == "json" and spec.data == {"compile": {}}
    assert load_bytes(b"compile: {}\n", "<stdin>").format == "yaml"
    assert load_bytes(b'{"compile": {}}', "spec.yaml").format == "yaml"


def test_duplicate_key():
    spec = load('{"compile": {"loss": "mse",\n "loss": "mae"}}')
    diag = only(spec, "CC110")
    assert diag.arguments == {"name": "loss", "first_line": 1}
    assert at(diag.span) == (2, 2)
    assert diag.path == ("compile", "loss")
    assert spec.data == {"compile": {"loss": "mae"}}


def test_nan_infinity_kept():
    spec = load('{"a": NaN, "b": Infinity, "c": -Infinity, "d": -0.5e+2, "e": null, "f": [true, false]}')
    d = spec.data
    assert math.isnan(d["a"]) and d["b"] == math.inf and d["c"] == -math.inf
    assert d["d"] == -50.0 and d["e"] is None and d["f"] == [True, False]


def test_unicode_escapes_and_columns():
    spec = load('{"名": "\\u00e9\\n", "x": 1}')
    assert spec.data == {"名": "é\n", "x": 1}
    assert at(spec.sourcemap.values[("x",)]) == (1, 24)


@pytest.mark.parametrize("text, variant, where", [
    ('{"a": [1, 2,]}', "trailing_comma", (1, 12)),
    ('{"a": 1,\n}', "trailing_comma", (1, 8)),
    ('{\n  // note\n  "a": 1}', "comment", (2, 3)),
    ('{"a": 1 /* x */}', "comment", (1, 9)),
    ('{"a": 1}\n# trailing', "comment", (2, 1)),
    ("{'a': 1}", "single_quote", (1, 2)),
    ("{\"a\": 'x'}", "single_quote", (1, 7)),
    ('{a: 1}', "unquoted_key", (1, 2)),
    ('{"a": True}', "bad_literal", (1, 7)),
    ('{"a": None}', "bad_literal", (1, 7)),
    ('{"a": 1\n "b": 2}', "missing_comma", (2, 2)),
    ('{"a": [1 2]}', "missing_comma", (1, 10)),
    ('{"a": 1}}', "extra_data", (1, 9)),
    ('{"a": [1, 2', "eof", (1, 12)),
    ('{"a": ', "eof", (1, 7)),
])
def test_syntax_errors_say_what_is_wrong(text, variant, where):
    spec = load(text)
    diag = only(spec, "CC103")
    assert diag.message_key == f"codes.CC103.{variant}"
    assert at(diag.span) == where
    assert diag.arguments["problem"]
    assert spec.data is None


@pytest.mark.parametrize("text, where", [
    ('{"a": "x\n"}', (1, 9)),           # control character in a string
    ('{"a": "\\q"}', (1, 8)),           # bad escape
    ('{"a": "x', (1, 7)),               # unterminated string
    ('{"a": 01}', (1, 7)),              # leading zero
    ('{"a": +1}', (1, 7)),
    ('{"a": .5}', (1, 7)),
    ('{"a" 1}', (1, 6)),
])
def test_other_syntax_errors_have_positions(text, where):
    diag = only(load(text), "CC103")
    assert at(diag.span) == where


@pytest.mark.parametrize("text", ["", "  \n\t\n"])
def test_empty(text):
    diag = only(load(text), "CC106")
    assert diag.message_key == "codes.CC106.empty"


@pytest.mark.parametrize("text, found", [("[1]", "list"), ('"x"', "str"), ("3", "int"), ("null", "null")])
def test_top_level_not_an_object(text, found):
    spec = load(text)
    assert only(spec, "CC106").arguments == {"found": found}
    assert spec.data is None


def test_depth_limit():
    spec = load('{"a": ' * 60 + "1" + "}" * 60)
    diag = only(spec, "CC104")
    assert diag.message_key == "codes.CC104.depth"
    assert diag.arguments == {"limit": 50}
    assert at(diag.span) == (1, 1 + 6 * 50)


def test_depth_50_is_fine():
    spec = load('{"a": ' * 50 + "1" + "}" * 50)
    assert spec.diagnostics == [] and spec.usable


def test_long_minified_line_is_fine():
    body = ", ".join(f'"{i}": {i}' for i in range(3000))
    spec = load('{"compile": {"loss": "mse"}, "class_weight": {' + body + "}}")
    assert spec.diagnostics == []


def test_huge_integer_is_a_syntax_error_not_a_crash():
    diag = only(load('{"a": ' + "9" * 5000 + "}"), "CC103")
    assert at(diag.span) == (1, 7)
