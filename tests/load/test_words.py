"""Every diagnostic the loader emits has words in both languages, with matching
placeholders; and loading is fast enough for >= 1,000 specs/s."""
from __future__ import annotations

import codecs
import json
import string
import time
from importlib import resources

import pytest

from compilecli.load import load_bytes, load_path
from compilecli.load import yaml_loader

CASES = [
    (b"a: 1\na: 2\nb: 1e-3\nc: on\n", "s.yaml"),
    (b"a: !!python/name:os.system\n", "s.yaml"),
    (b"a: &a [*a]\n", "s.yaml"), (b"a: *b\n", "s.yaml"), (b"a:\n  <<: 1\n", "s.yaml"),
    (b"? [a]\n: 1\n", "s.yaml"), (b"a: !!int x\n", "s.yaml"), (b"a: \x07\n", "s.yaml"),
    (b"[" * 100, "s.yaml"), (b"a: " + b"x" * 20000, "s.yaml"), (b"a:\n\tb: 1\n", "s.yaml"),
    (b"a: 1\n---\nb: 1\n", "s.yaml"), (b"", "s.yaml"), (b"- 1\n", "s.yaml"),
    (b"a: [1, 2\n", "s.yaml"), (b"\x89PNG\r\n\x1a\n\x00", "s.yaml"), (b"caf\xe9", "s.yaml"),
    (codecs.BOM_UTF16_LE + b"a\x00", "s.yaml"), (b"x" * (1024 * 1024 + 1), "s.yaml"),
    (b'{"a": [1,]}', "s.json"), (b'{"a": 1 // c\n}', "s.json"), (b"{'a': 1}", "s.json"),
    (b'{"a": True}', "s.json"), (b"{a: 1}", "s.json"), (b'{"a": 1 "b": 2}', "s.json"),
    (b'{"a": 1}}', "s.json"), (b'{"a": ', "s.json"), (b'{"a": @}', "s.json"),
    (b'{"a": 1, "a": 2}', "s.json"), (b"[1]", "s.json"), (b"", "s.json"),
]


def _catalogue(lang):
    folder = resources.files("compilecli.i18n")
    return json.loads(folder.joinpath(f"load.{lang}.json").read_text(encoding="utf-8"))


def _entry(catalogue, dotted):
    node = catalogue
    for part in dotted.split("."):
        node = node[part]
    return node


def _fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _emitted():
    found = []
    for raw, name in CASES:
        found.extend(load_bytes(raw, name).diagnostics)
    found.extend(load_path("/nonexistent/spec.yaml").diagnostics)
    found.extend(load_path("/").diagnostics)
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_emitted_key_has_words_with_matching_placeholders(lang):
    catalogue = _catalogue(lang)
    for diag in _emitted():
        entry = _entry(catalogue, diag.message_key)
        base = _entry(catalogue, f"codes.{diag.code}")
        for field in ("title", "message", "hint", "explain"):
            assert base.get(field), (diag.code, field)
        assert entry.get("message"), diag.message_key
        for field in ("message", "hint"):
            template = entry.get(field) or base[field]
            missing = _fields(template) - set(diag.arguments) - {"code"}
            assert not missing, (lang, diag.message_key, field, missing)


def test_english_and_chinese_have_the_same_keys_and_placeholders():
    def flat(node, prefix=""):
        out = {}
        for key, value in node.items():
            if isinstance(value, dict):
                out.update(flat(value, f"{prefix}{key}."))
            else:
                out[prefix + key] = value
        return out

    en, zh = flat(_catalogue("en")), flat(_catalogue("zh"))
    assert en.keys() == zh.keys()
    for key in en:
        assert _fields(en[key]) == _fields(zh[key]), key
