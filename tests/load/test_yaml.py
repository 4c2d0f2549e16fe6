"""YAML: data, source-map paths and spans, duplicates, YAML 1.1 traps, tags, aliases."""
from __future__ import annotations

import math

import pytest

from compilecli.diagnostics import ERROR, WARNING, Span
from compilecli.load import load_bytes, load_text
from compilecli.load import yaml_loader

from loadhelpers import assert_well_formed, at, codes, only

SPEC = """\
# a compile spec
compile:
  optimizer:
    class_name: Adam
    config:
      learning_rate: 0.001
  loss: mse
  metrics:
    - accuracy
    - {class_name: AUC, config: {num_thresholds: 100}}
"""


def load(text: str, name: str = "spec.yaml"):
    spec = load_bytes(text.encode("utf-8"), name)
    assert_well_formed(spec)
    return spec


def test_plain_spec_data_and_no_diagnostics():
    spec = load(SPEC)
    assert spec.diagnostics == []
    assert spec.format == "yaml"
    assert spec.usable
    assert spec.text == SPEC
    assert spec.data == {"compile": {
        "optimizer": {"class_name": "Adam", "config": {"learning_rate": 0.001}},
        "loss": "mse",
        "metrics": ["accuracy", {"class_name": "AUC", "config": {"num_thresholds": 100}}],
    }}


def test_value_and_key_spans():
    sm = load(SPEC).sourcemap
    lr = ("compile", "optimizer", "config", "learning_rate")
    assert sm.values[lr] == Span(6, 22, 6, 27)
    assert sm.keys[lr] == Span(6, 7, 6, 20)
    assert sm.values[("compile", "loss")] == Span(7, 9, 7, 12)
    assert sm.keys[("compile", "loss")] == Span(7, 3, 7, 7)
    assert sm.values[("compile", "metrics", 0)] == Span(9, 7, 9, 15)
    assert sm.values[("compile", "metrics", 1)].line == 10
    assert sm.values[("compile", "metrics", 1, "config", "num_thresholds")] == Span(10, 50, 10, 53)
    assert sm.keys[("compile", "metrics", 1, "class_name")] == Span(10, 8, 10, 18)
    # The root maps to line 1, column 1 even when the file starts with a comment.
    assert at(sm.values[()]) == (1, 1)
    assert sm.value_span(("compile", "metrics", 7)) == sm.values[("compile", "metrics")]


def test_every_value_has_a_span():
    spec = load(SPEC)

    def walk(value, path):
        assert path in spec.sourcemap.values, path
        if isinstance(value, dict):
            for key, item in value.items():
                assert path + (key,) in spec.sourcemap.keys
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    walk(spec.data, ())


def test_columns_count_characters_not_bytes():
    spec = load("名字: 值\nloss: mse\nk: 'ü'\n")
    assert spec.sourcemap.values[("名字",)] == Span(1, 5, 1, 6)
    assert at(spec.sourcemap.values[("k",)]) == (3, 4)


def test_duplicate_key_keeps_last_and_points_at_second():
    spec = load("compile:\n  loss: mse\n  optimizer: sgd\n  loss: mae\n")
    diag = only(spec, "CC110")
    assert diag.severity == ERROR
    assert at(diag.span) == (4, 3)
    assert diag.path == ("compile", "loss")
    assert diag.arguments == {"name": "loss", "first_line": 2}
    assert spec.data == {"compile": {"loss": "mae", "optimizer": "sgd"}}
    assert spec.usable                       # a duplicate does not stop the checks
    assert at(spec.sourcemap.values[("compile", "loss")]) == (4, 9)


def test_duplicate_key_in_flow_mapping_and_list_item():
    spec = load("compile:\n  metrics:\n    - {a: 1, a: 2}\n")
    diag = only(spec, "CC110")
    assert diag.path == ("compile", "metrics", 0, "a")
    assert at(diag.span) == (3, 14)


@pytest.mark.parametrize("text, value", [
    ("1e-3", 0.001), ("5E-4", 0.0005), ("1e5", 100000.0), ("1.0e5", 100000.0),
    ("-2e-2", -0.02), ("+1E+3", 1000.0),
])
def test_cc111_yaml11_float_strings_become_floats(text, value):
    spec = load(f"compile:\n  optimizer:\n    config:\n      learning_rate: {text}\n")
    diag = only(spec, "CC111")
    assert diag.severity == WARNING
    assert diag.arguments == {"text": text}
    assert diag.path == ("compile", "optimizer", "config", "learning_rate")
    assert at(diag.span) == (4, 22)
    got = spec.data["compile"]["optimizer"]["config"]["learning_rate"]
    assert isinstance(got, float) and got == value


@pytest.mark.parametrize("text", ["'1e-3'", '"1e-3"', "!!str 1e-3", "1.0e-3", "0.001", "1e", "e5", "1e-3x"])
def test_cc111_not_for_quoted_or_real_floats(text):
    spec = load(f"a: {text}\n")
    assert "CC111" not in codes(spec)


@pytest.mark.parametrize("word, value", [
    ("yes", True), ("No", False), ("ON", True), ("off", False), ("Yes", True), ("OFF", False),
])
def test_cc112_yaml11_boolean_words(word, value):
    spec = load(f"compile:\n  metrics: [{word}]\n")
    diag = only(spec, "CC112")
    assert diag.severity == WARNING
    assert diag.arguments == {"text": word, "value": "true" if value else "false"}
    assert diag.path == ("compile", "metrics", 0)
    assert spec.data["compile"]["metrics"] == [value]


@pytest.mark.parametrize("text, value", [
    ("true", True), ("False", False), ("'yes'", "yes"), ("y", "y"), ("n", "n"), ("yEs", "yEs"),
])
def test_cc112_not_for_true_false_quoted_or_unchanged(text, value):
    spec = load(f"a: {text}\n")
    assert "CC112" not in codes(spec)
    assert spec.data["a"] == value


def test_core_scalars():
    spec = load("a: ~\nb: null\nc:\nd: 0x1F\ne: 1_000\nf: .inf\ng: -.INF\nh: .nan\n"
                "i: 2024-01-02\nj: '007'\nk: 3.5\nl: !!float 2\nm: !!int '7'\nn: !!str 12\n")
    d = spec.data
    assert d["a"] is None and d["b"] is None and d["c"] is None
    assert d["d"] == 31 and d["e"] == 1000
    assert d["f"] == math.inf and d["g"] == -math.inf and math.isnan(d["h"])
    assert d["i"] == "2024-01-02"               # timestamps stay text
    assert d["j"] == "007" and d["k"] == 3.5
    assert d["l"] == 2.0 and isinstance(d["l"], float)
    assert d["m"] == 7 and d["n"] == "12"
    assert spec.diagnostics == []


def test_non_string_keys_become_text_with_span():
    spec = load("1: a\ntrue: b\n1.5: c\nnull: d\n")
    assert spec.data == {"1": "a", "true": "b", "1.5": "c", "null": "d"}
    assert spec.sourcemap.keys[("true",)] == Span(2, 1, 2, 5)


def test_anchor_alias_and_merge():
    text = ("base: &opt\n  class_name: Adam\n  config: {learning_rate: 0.01}\n"
            "compile:\n  optimizer: *opt\n  other:\n    <<: *opt\n    class_name: SGD\n")
    spec = load(text)
    assert spec.diagnostics == []
    opt = {"class_name": "Adam", "config": {"learning_rate": 0.01}}
    assert spec.data["compile"]["optimizer"] == opt
    assert spec.data["compile"]["other"] == {"class_name": "SGD", "config": {"learning_rate": 0.01}}
    # an alias is a copy, not a shared object
    assert spec.data["compile"]["optimizer"] is not spec.data["base"]
    sm = spec.sourcemap
    assert at(sm.values[("compile", "optimizer")]) == (5, 14)             # the alias itself
    assert at(sm.values[("compile", "optimizer", "config", "learning_rate")]) == (3, 27)
    assert at(sm.values[("compile", "other", "class_name")]) == (8, 17)   # own key wins
    assert at(sm.values[("compile", "other", "config")]) == (3, 11)       # merged from the anchor


def test_merge_list_of_mappings():
    spec = load("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n")
    assert spec.data["c"] == {"x": 1, "y": 1, "z": 3}


def test_bad_merge_value():
    spec = load("a:\n  <<: 3\n")
    assert codes(spec) == ["CC103"]
    assert spec.data is None


def test_undefined_alias():
    spec = load("a: *nope\n")
    diag = only(spec, "CC103")
    assert diag.arguments["anchor"] == "nope"
    assert at(diag.span) == (1, 4)


def test_syntax_error_position_and_problem():
    spec = load("compile:\n  loss: mse\n  metrics: [accuracy\n")
    diag = only(spec, "CC103")
    assert diag.span is not None and diag.span.line >= 3
    assert diag.arguments["problem"]
    assert spec.data is None and not spec.usable


def test_syntax_error_mapping_values():
    spec = load("compile:\n  loss: mse: mae\n")
    diag = only(spec, "CC103")
    assert at(diag.span) == (2, 12)
    assert "mapping values" in diag.arguments["problem"]


def test_unclosed_quote():
    diag = only(load("a: 'x\nb: 2\n"), "CC103")
    assert diag.span.line == 3


def test_control_character():
    diag = only(load("名: x\nb: \x07\n"), "CC103")
    assert at(diag.span) == (2, 4)
    assert diag.arguments["character"] == "U+0007"


@pytest.mark.parametrize("text, where", [
    ("compile:\n\tloss: mse\n", (2, 1)),
    ("compile:\n  loss: mse\n\tmetrics: [a]\n", (3, 1)),
    ("compile:\n  \tloss: mse\n", (2, 3)),
])
def test_tabs(text, where):
    spec = load(text)
    diag = only(spec, "CC113")
    assert at(diag.span) == where
    assert spec.data is None


def test_tab_inside_value_is_fine():
    spec = load("compile:\n  loss:\tmse\n")
    assert spec.diagnostics == []
    assert spec.data == {"compile": {"loss": "mse"}}


def test_multiple_documents_keep_first():
    spec = load("compile: {loss: mse}\n---\ncompile: {loss: mae}\n")
    diag = only(spec, "CC107")
    assert at(diag.span) == (2, 1)
    assert spec.data == {"compile": {"loss": "mse"}}


def test_leading_document_marker_is_one_document():
    spec = load("---\ncompile: {loss: mse}\n...\n")
    assert spec.diagnostics == []


@pytest.mark.parametrize("text", ["", "\n\n", "# only\n# comments\n", "---\n", "---\n...\n"])
def test_empty(text):
    spec = load(text)
    diag = only(spec, "CC106")
    assert diag.message_key == "codes.CC106.empty"
    assert at(diag.span) == (1, 1)
    assert spec.data is None


@pytest.mark.parametrize("text, found", [
    ("- a\n- b\n", "list"), ("hello\n", "str"), ("42\n", "int"), ("~\n", "null"),
    ("[1, 2]\n", "list"), ("true\n", "bool"), ("1.5\n", "float"),
])
def test_top_level_not_a_mapping(text, found):
    spec = load(text, "spec.yaml")
    diag = only(spec, "CC106")
    assert diag.arguments == {"found": found}
    assert at(diag.span) == (1, 1)
    assert spec.data is None


def test_unsafe_tags_are_reported_not_constructed():
    spec = load("a: !!python/name:os.system\nb: !!binary aGVsbG8=\nc: !local x\n"
                "d: !!set {x}\ne: !!omap [a: 1]\n")
    tags = sorted(d.arguments["tag"] for d in spec.diagnostics if d.code == "CC105")
    assert tags == ["!!binary", "!!omap", "!!python/name:os.system", "!!set", "!local"]
    assert spec.data is None
    lines = sorted(d.span.line for d in spec.diagnostics)
    assert lines == [1, 2, 3, 4, 5]


def test_complex_key():
    spec = load("? [a, b]\n: 1\n")
    assert codes(spec) == ["CC103"]


def test_pure_python_loader_gives_the_same_result(monkeypatch):
    monkeypatch.setattr(yaml_loader, "_Loader", yaml_loader.yaml.SafeLoader)
    monkeypatch.setattr(yaml_loader, "WITH_LIBYAML", False)
    spec = load(SPEC + "  lr: 1e-3\n  jit_compile: on\n")
    assert codes(spec) == ["CC111", "CC112"]
    assert spec.sourcemap.values[("compile", "optimizer", "config", "learning_rate")] == Span(6, 22, 6, 27)
    tab = load("compile:\n\tloss: mse\n")
    assert codes(tab) == ["CC113"]
    assert at(tab.diagnostics[0].span) == (2, 1)
    bad = load("名: x\nb: \x07\n")
    assert at(bad.diagnostics[0].span) == (2, 4)


def test_load_text_and_explicit_format():
    spec = load_text('{"compile": {"loss": "mse"}}', "spec.txt", fmt="yaml")
    assert spec.format == "yaml" and spec.data == {"compile": {"loss": "mse"}}
