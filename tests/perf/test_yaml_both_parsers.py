"""The libyaml fast path and the pure-Python fallback give the same LoadedSpec: data, diagnostics
(code, severity, path, span, words' arguments) and source map, for every case file and sample and
for hostile inputs (tags, aliases, merges, depth, traps, syntax errors)."""
from __future__ import annotations

import pathlib

import pytest
import yaml

from compilecli.load import yaml_loader
from compilecli.load.yaml_loader import load_yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
FILES = sorted(p for folder in ("tests/cases", "samples") for p in (ROOT / folder).rglob("*")
               if p.suffix in (".yaml", ".yml"))
HOSTILE = [
    "a: !!python/object/apply:os.system ['echo hi']\n",
    "a: &x [1, 2]\nb: *x\nc: {<<: {k: 1}, j: 2}\n",
    "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n",
    "a: &r [*r]\n",
    "a: *nowhere\n",
    "[" * 200 + "]" * 200 + "\n",
    "a: 1\na: 2\n",
    "compile:\n\tloss: mse\n",
    "a: 1e-3\nb: yes\nc: On\nd: 0o17\ne: 1_000\nf: .inf\ng: 0x1F\nh: 1:30\ni: 2024-01-01\n",
    "? [a, b]\n: 1\n",
    "a: 1\n---\nb: 2\n",
    "key: 'unterminated\n",
    "a: [1, 2\nb: 3\n",
    "名字: 值\nb: \x07\n",
    "- just\n- a list\n",
    "# only comments\n",
    "a: !!binary aGVsbG8=\nb: !local x\n",
    "<<: [{a: 1}, {b: 2}]\nc: 3\n",
    "a: |\n  block\n  text\nb: >\n  folded\n",
    "a: {b: {c: {d: [1, {e: null}]}}}\n",
    "a: {x: 1\nb: 2\n", "a:\n  b: 1\n c: 2\n", "- a\nb: 1\n", "a: b: c\n", 'key: "unterm\n', "a: 1\n\t# c\n",
    "a: *\n", "a: &\n", "a: !<x\n", "[a, b]]\n", "a: @x\n", "%YAML 1.1\n%YAML 1.1\n---\na\n", "{a: 1, b\n",
    "a: 'x'y\n", "a:\n  - b\n  c: d\n", "x: {a: b}}\n", "a: 1\n  b: 2\n", 'a: "\\q"\n', "\x00",
    "a: b\n---\n...\n---x\n", "a: [b, c]x\n", "? a\n? b\n: c\n:\n",
]
# Known difference, left out: an unknown directive (`%FOO`) is an error to libyaml, a warning to PyYAML.


def _summary(text: str):
    data, sourcemap, diagnostics = load_yaml(text)
    return (repr(data), [(d.code, d.severity, d.path, d.span, d.key, d.args) for d in diagnostics],
            sorted(sourcemap.values.items(), key=repr), sorted(sourcemap.keys.items(), key=repr))


@pytest.fixture
def pure_python(monkeypatch):
    def use():
        monkeypatch.setattr(yaml_loader, "_Loader", yaml.SafeLoader)
        monkeypatch.setattr(yaml_loader, "WITH_LIBYAML", False)
    return use


@pytest.mark.skipif(not yaml_loader.WITH_LIBYAML, reason="PyYAML without libyaml: only one path to test")
@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in FILES] + HOSTILE,
                         ids=[p.name for p in FILES] + [f"hostile{i}" for i in range(len(HOSTILE))])
def test_libyaml_and_pure_python_agree(text, pure_python, monkeypatch):
    monkeypatch.setattr(yaml_loader, "FAST", False)    # the event builder on both (the fast path: test_yaml_fast_path)
    fast = _summary(text)
    pure_python()
    assert _summary(text) == fast
