"""Data files are read from their marshal cache while nothing they are made of has changed
(compilecli/datacache.py), and from the JSON, validated, otherwise."""
from __future__ import annotations

import json
import os
import sys

import pytest

from compilecli import datacache


@pytest.fixture
def writing(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)     # the suite runs under PYTHONDONTWRITEBYTECODE


def _parse(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _file(tmp_path, value, name="facts.json"):
    path = tmp_path / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return str(path)


def test_a_cached_file_is_not_parsed_or_validated_again(tmp_path, writing):
    path = _file(tmp_path, {"kinds": {"loss": ["mse", 1.5, None, True]}})
    calls = []
    parse = lambda p: calls.append("parse") or _parse(p)           # noqa: E731
    validate = lambda data: calls.append("validate")               # noqa: E731
    first = datacache.load(path, parse, validate)
    second = datacache.load(path, parse, validate)
    assert first == second == {"kinds": {"loss": ["mse", 1.5, None, True]}}
    assert calls == ["parse", "validate"]
    assert os.listdir(tmp_path / "__pycache__") == [f"facts.json.{sys.implementation.cache_tag}.marshal"]


def test_a_changed_source_or_validator_is_read_again(tmp_path, writing):
    path = _file(tmp_path, {"a": 1})
    code = _file(tmp_path, "validator v1", "validate.py")
    assert datacache.load(path, _parse, code=[code]) == {"a": 1}
    _file(tmp_path, {"a": 22})                                      # another size
    assert datacache.load(path, _parse, code=[code]) == {"a": 22}
    os.utime(path, ns=(1, 1))                                       # the same size, another time
    assert datacache.load(path, lambda p: "parsed", code=[code]) == "parsed"
    assert datacache.load(path, lambda p: "again", code=[code]) == "parsed"
    os.utime(code, ns=(2, 2))                                       # the validating code changed
    assert datacache.load(path, lambda p: "re-validated", code=[code]) == "re-validated"


def test_a_value_made_of_several_files_follows_each(tmp_path, writing):
    parts = [_file(tmp_path, {"x": 1}, "a.en.json"), _file(tmp_path, {"y": 2}, "b.en.json")]
    merge = lambda _: {k: v for p in parts for k, v in _parse(p).items()}   # noqa: E731
    assert datacache.load(str(tmp_path / "en.merged"), merge, sources=parts) == {"x": 1, "y": 2}
    _file(tmp_path, {"y": 33}, "b.en.json")
    assert datacache.load(str(tmp_path / "en.merged"), merge, sources=parts) == {"x": 1, "y": 33}


def test_what_fails_validation_is_never_cached(tmp_path, writing):
    path = _file(tmp_path, {"bad": True})

    def refuse(data):
        raise ValueError("bad data")
    for _ in range(2):
        with pytest.raises(ValueError):
            datacache.load(path, _parse, refuse)
    assert not (tmp_path / "__pycache__").exists()


def test_nothing_is_written_under_dont_write_bytecode(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = _file(tmp_path, [1, 2])
    assert datacache.load(path, _parse) == [1, 2]
    assert not (tmp_path / "__pycache__").exists()


def test_a_broken_or_foreign_cache_is_ignored_and_rewritten(tmp_path, writing):
    path = _file(tmp_path, {"a": [1, 2, 3]})
    datacache.load(path, _parse)
    cache = tmp_path / "__pycache__" / f"facts.json.{sys.implementation.cache_tag}.marshal"
    good = cache.read_bytes()
    for broken in (good[:-3], good[:20], b"", b"\x00" * 50, good.replace(b"compilecli", b"xompilecli", 1)):
        cache.write_bytes(broken)
        assert datacache.load(path, _parse) == {"a": [1, 2, 3]}
        assert cache.read_bytes() == good


def test_an_unwritable_folder_costs_nothing_but_the_cache(tmp_path, writing, monkeypatch):
    path = _file(tmp_path, {"a": 1})
    monkeypatch.setattr(os, "makedirs", lambda *a, **k: (_ for _ in ()).throw(PermissionError("read-only")))
    assert datacache.load(path, _parse) == {"a": 1}
    assert not (tmp_path / "__pycache__").exists()


def test_the_shipped_data_reads_the_same_from_its_cache(tmp_path, writing):
    """Every data file and the merged words: cached value == the JSON's (copies, so the package's own
    folder is left alone)."""
    import shutil
    from compilecli import i18n
    from compilecli.catalogue import DATA_DIR
    for name in sorted(os.listdir(DATA_DIR)):
        if name.endswith(".json"):
            shutil.copy(os.path.join(DATA_DIR, name), tmp_path / name)
            fresh = datacache.load(str(tmp_path / name), _parse)
            assert datacache.load(str(tmp_path / name), lambda p: pytest.fail("not cached")) == fresh == \
                _parse(os.path.join(DATA_DIR, name))
    merged = i18n._merged([os.path.join(i18n.FOLDER, n) for n in sorted(os.listdir(i18n.FOLDER))
                           if n == "en.json" or n.endswith(".en.json")])
    assert i18n.catalogue("en") == merged


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_words_looked_up_by_section_are_the_merged_words(lang):
    """i18n reads the words section by section (each code's texts on their own): every key, and the
    sections themselves, read as a walk of the whole merged catalogue does."""
    from compilecli import i18n
    merged = i18n._merged([os.path.join(i18n.FOLDER, n) for n in sorted(os.listdir(i18n.FOLDER))
                           if n == f"{lang}.json" or n.endswith(f".{lang}.json")])

    def keys(node, prefix=""):
        for key, value in node.items():
            yield prefix + key
            if isinstance(value, dict):
                yield from keys(value, prefix + key + ".")
    for key in list(keys(merged)) + ["codes.NOPE", "nope", "codes.CC201.nope"]:
        node = merged
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node not in (None, ""):          # (an empty or missing word falls back to English)
            assert i18n.lookup(key, lang) == node, key
        else:
            assert i18n.lookup(key, lang) in (key, i18n.lookup(key, "en")), key
