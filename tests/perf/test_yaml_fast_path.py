"""The line-by-line YAML fast path (load/yaml_loader/fast.py) and the event builder give the same result:
data, diagnostics (with their fixes), source map (values, keys, flow mappings, shared anchors). The fast
path may give up on any text (the builder then reads it); it may never answer differently."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from compilecli.load import yaml_loader
from compilecli.load.yaml_loader import Builder, fast, load_yaml

from test_yaml_both_parsers import FILES, HOSTILE   # tests/perf is on sys.path (rootdir conftest)

MORE = [
    "a:\n- x\n- y\nb: 1\n", "a:\n  - x\n  - y: 1\n    z: 2\n  -  w\nb:\n", "a: 1   # c\n# end\n\n",
    "a:\n  b:\n    c: d\n  e: f\ng: h", "a: 'it''s'\nb: \"x y\"\nc: ''\n", "a: [ 1 , 2 ]\nb: {}\nc: []\n",
    "---\na: 1\n", "# c\n---\na: [x, {y: z}]\n", "a:\n\n  # c\n  b: 1\n", "a: yes\nb: 1e-3\nc: ~\nd: 010\n",
    "a: b c   \n", "a:\n- b:\n  - c\n", "  a: 1\n  b: 2\n", "a: [x, [y, [z]]]\n", "a: {b: [1, {c: 2}]}\n",
    "a:\n- {name: x, units: 3}\n- [1, 2]\n", "a: -1\nb: -.5\nc: +1\nd: .inf\ne: 0x1F\nf: 1_000\n",
    "a: x\n  b: 1\n", "a:\n  - x\n  b: 1\n", "a: 1\n- x\n", "a: [x,]\n", "a: {b: }\n", "a: {b:1}\n",
    "a: 'x' y\n", "a: [x] y\n", "a: b#c\n", "a:b\n", "- a\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n",
    # spaces after the last line break (found by mutating the case files): the blocks end there in libyaml
    "compile:\n  loss:\n    class_name: X\n    config: {a: 1}\n   ", "a:\n  - x\n  - y\n ", "a:\n  b: 1\n#",
    "a:\n  b: 1\n  # c", "a:\n  b: 1",
]


def _summary(text: str, use_fast: bool, monkeypatch):
    monkeypatch.setattr(yaml_loader, "FAST", use_fast)
    data, sourcemap, diagnostics = load_yaml(text)
    return (repr(data), [(d.code, d.severity, d.path, d.span, d.key, d.args, d.fix) for d in diagnostics],
            sorted(sourcemap.values.items(), key=repr), sorted(sourcemap.keys.items(), key=repr),
            sorted(sourcemap.flow, key=repr), sourcemap.shared)


def _same(text: str, monkeypatch) -> None:
    assert _summary(text, True, monkeypatch) == _summary(text, False, monkeypatch)


TEXTS = [p.read_text(encoding="utf-8") for p in FILES] + HOSTILE + MORE


@pytest.mark.parametrize("text", TEXTS, ids=[p.name for p in FILES] + [f"hostile{i}" for i in range(len(HOSTILE))]
                         + [f"more{i}" for i in range(len(MORE))])
def test_fast_path_and_events_agree(text, monkeypatch):
    _same(text, monkeypatch)


def test_the_fast_path_reads_the_usual_specs():
    """Most case files and samples are read by the fast path (it is not giving up on everything)."""
    taken = sum(fast.read(text, Builder()) is not None for text in TEXTS[:len(FILES)])
    assert taken >= 0.8 * len(FILES)
    for text in MORE[:17]:
        assert fast.read(text, Builder()) is not None, text


# -- generated YAML ---------------------------------------------------------------------------------
WORDS = ["adam", "mse", "x y", "it's", "yes", "No", "on", "1e-3", "1.0e-3", "0o17", "010", "0x1F", "1_000",
         ".inf", "-.5", "~", "null", "true", "2024-01-01", "+1", "-1", "1.5", "=", "a/b", "$x", "(p)", "u.v"]
QUOTED = ["'x'", "'it''s'", '"q"', '"a b"', "''", '""']
KEYS = ["a", "b", "loss", "on", "1", "$schema", "x_y", "k.v", "null", "y-z"]
GAP = st.sampled_from(["", "", "", "  ", " # note", "   #x"])


def _scalar():
    return st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTED))


def _flow(depth=0):
    leaf = _scalar()
    if depth > 2:
        return leaf
    inner = st.deferred(lambda: _flow(depth + 1))
    pad = st.sampled_from(["", " "])
    seq = st.tuples(pad, st.lists(st.one_of(leaf, inner), max_size=3)).map(
        lambda t: "[" + t[0] + ", ".join(t[1]) + t[0] + "]")
    mapping = st.tuples(pad, st.dictionaries(st.sampled_from(KEYS), st.one_of(leaf, inner), max_size=3)).map(
        lambda t: "{" + t[0] + ", ".join(f"{k}: {v}" for k, v in t[1].items()) + t[0] + "}")
    return st.one_of(leaf, seq, mapping)


@st.composite
def _block(draw, indent=0, depth=0):
    """A block mapping at ``indent``: scalar, flow or nested block values, sequences (some indentless)."""
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True)):
        pad = " " * indent
        kind = draw(st.sampled_from(["scalar", "flow", "map", "seq", "empty"] if depth < 3 else ["scalar", "flow"]))
        if kind in ("scalar", "flow"):
            value = draw(_scalar() if kind == "scalar" else _flow())
            lines.append(f"{pad}{key}: {value}{draw(GAP)}")
        elif kind == "empty":
            lines.append(f"{pad}{key}:{draw(GAP)}")
        elif kind == "map":
            lines.append(f"{pad}{key}:{draw(GAP)}")
            lines.append(draw(_block(indent + draw(st.sampled_from([1, 2, 4])), depth + 1)))
        else:
            lines.append(f"{pad}{key}:")
            dash = indent + draw(st.sampled_from([0, 2]))
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    lines.append(" " * dash + "- " + draw(st.one_of(_scalar(), _flow())) + draw(GAP))
                else:
                    nested = draw(_block(dash + 2, depth + 1)).lstrip(" ")
                    lines.append(" " * dash + "- " + nested)
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "# comment", "   ", "  # indented comment"])))
    return "\n".join(lines)


@st.composite
def documents(draw):
    head = draw(st.sampled_from(["", "", "---\n", "# spec\n"]))
    return head + draw(_block()) + draw(st.sampled_from(["\n", "\n", "", "\n\n# end\n", "\n  \n"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_generated_yaml_reads_the_same(monkeypatch, text):
    _same(text, monkeypatch)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents(), st.integers(0, 10_000), st.sampled_from(list(":#-[]{}'\", \n\t&*!|>?%@`\\x") + ["", "\u00e9"]))
def test_damaged_yaml_reads_the_same(monkeypatch, text, where, char):
    """One character changed or removed anywhere: whatever the fast path makes of it, the builder agrees."""
    where %= max(1, len(text))
    _same(text[:where] + char + text[where + 1:], monkeypatch)


PIECES = [":", " ", "#", "'", '"', "-", "- ", "[", "]", "{", "}", ",", "\n", "  ", ": ", " #", "?", "!", "&a",
          "*a", "|", ">", "%", "\\", "...", "---", "null", "yes", "::", "0", "1."]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(TEXTS[:len(FILES)]), st.lists(st.tuples(st.integers(0, 5), st.integers(0, 100_000),
                                                               st.sampled_from(PIECES)), min_size=1, max_size=4))
def test_mutated_case_files_read_the_same(monkeypatch, text, edits):
    """Real specs with pieces inserted, characters cut, lines repeated or re-indented (a fuzzer of this
    kind found the trailing-spaces disagreement)."""
    for op, where, piece in edits:
        where %= len(text) + 1
        lines = text.split("\n")
        line = where % len(lines)
        if op <= 1:
            text = text[:where] + piece + text[where:]
        elif op == 2:
            text = text[:where] + text[where + 1 + where % 3:]
        elif op == 3:
            text = "\n".join(lines[:line] + [lines[where % len(lines)]] + lines[line:])
        elif op == 5:
            text = text + piece                 # an editor's leftovers at the end
        else:
            text = "\n".join(lines[:line] + [" " * (where % 7) + lines[line].lstrip()] + lines[line + 1:])
    _same(text, monkeypatch)


def test_limits_are_the_builders(monkeypatch):
    from compilecli.load import limits
    monkeypatch.setattr(limits, "MAX_NODES", 5)
    _same("a: [1, 2, 3]\nb: {c: 1}\n", monkeypatch)
    monkeypatch.setattr(limits, "MAX_DEPTH", 3)
    _same("a:\n  b:\n    c: [[1]]\n", monkeypatch)


def test_big_list_spans(monkeypatch):
    text = "compile:\n  metrics:\n" + "".join(f"    - m{i}\n" for i in range(2000)) + "  loss: mse\n"
    _same(text, monkeypatch)
