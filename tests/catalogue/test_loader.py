"""The catalogue loader: API shape, caching, validation errors, reading each file once.

How fast it loads is measured in ``benchmarks/``, not asserted here."""
import json
import os
import shutil

import pytest

from compilecli.catalogue import (DEFAULT_TARGET, KINDS, TARGETS, Catalogue, CatalogueError,
                                  Range, load_catalogue)
from compilecli.catalogue import DATA_DIR


def test_constants():
    assert KINDS == ("optimizer", "loss", "metric", "schedule")
    assert TARGETS == ("keras3", "tf2", "keras2")
    assert DEFAULT_TARGET == "keras3"


def test_cached_once():
    assert load_catalogue() is load_catalogue()
    cat = load_catalogue()
    assert cat.target("keras3") is cat.target("keras3")


def test_unknown_target():
    with pytest.raises(KeyError):
        load_catalogue().target("keras1")


@pytest.mark.parametrize("target", TARGETS)
def test_every_name_resolves_to_an_entry(target):
    t = load_catalogue().target(target)
    for kind in KINDS:
        for name in t.names(kind):
            e = t.resolve(kind, name)
            assert e is not None and e.kind == kind, (target, kind, name)
            assert name in e.names
        for canon in t.canonicals(kind):
            e = t.entry(kind, canon)
            for arg, spec in e.args.items():
                assert spec.name == arg and spec.types


def test_range_contains_and_str():
    r = Range(ge=0, lt=1)
    assert r.contains(0) and r.contains(0.5) and not r.contains(1)
    assert not r.contains(True)        # a bool is not a number here
    assert str(r) == "[0, 1)"
    assert str(Range(gt=0)) == "(0, inf)"
    assert str(Range(gt=0, le=1.5)) == "(0, 1.5]"


def _broken_copy(tmp_path, fname, mutate):
    d = tmp_path / "data"
    shutil.copytree(DATA_DIR, d)
    data = json.loads((d / fname).read_text())
    mutate(data)
    (d / fname).write_text(json.dumps(data))
    return str(d)


def test_malformed_facts_names_file_and_key(tmp_path):
    def mutate(data):
        data["kinds"]["optimizer"]["names"]["adam"] = "NoSuchOptimizer"
    d = _broken_copy(tmp_path, "facts.keras3.json", mutate)
    with pytest.raises(CatalogueError, match=r"facts\.keras3\.json: kinds\.optimizer\.names\.adam"):
        Catalogue(d).target("keras3")


def test_malformed_case_insensitive(tmp_path):
    def mutate(data):
        data["kinds"]["optimizer"]["case_insensitive"] = ["Adam"]     # must be lower-case spellings
    d = _broken_copy(tmp_path, "facts.tf2.json", mutate)
    with pytest.raises(CatalogueError, match=r"facts\.tf2\.json: kinds\.optimizer\.case_insensitive"):
        Catalogue(d).target("tf2")


def test_case_insensitive_list_folds_only_those(tmp_path):
    def mutate(data):
        data["kinds"]["optimizer"]["case_insensitive"] = ["sgd"]
    t = Catalogue(_broken_copy(tmp_path, "facts.keras3.json", mutate)).target("keras3")
    assert t.resolve("optimizer", "sGD").canonical == "SGD"
    assert t.resolve("optimizer", "aDam") is None
    assert t.resolve("optimizer", "Adam").canonical == "Adam"


def test_malformed_semantics_names_file_and_key(tmp_path):
    def mutate(data):
        data["args"]["optimizer"]["beta_1"]["types"] = ["floaty"]
    d = _broken_copy(tmp_path, "semantics.json", mutate)
    with pytest.raises(CatalogueError, match=r"semantics\.json: args\.optimizer\.beta_1\.types"):
        Catalogue(d)


def test_not_json(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(DATA_DIR, d)
    (d / "facts.tf2.json").write_text("{nope")
    with pytest.raises(CatalogueError, match="facts.tf2.json"):
        Catalogue(str(d)).target("tf2")


def test_each_file_is_read_and_parsed_once(monkeypatch):
    """Loading stays cheap by construction: semantics first, each target's facts once, and
    nothing again however often the catalogue is used (the explain docs are not read at all)."""
    import compilecli.catalogue as catalogue_module
    read = []
    original = catalogue_module._read

    def counting(path, *more):
        read.append(os.path.basename(path))
        return original(path, *more)

    monkeypatch.setattr(catalogue_module, "_read", counting)
    cat = Catalogue(DATA_DIR)
    assert read == ["semantics.json"]
    for _ in range(3):
        for t in TARGETS:
            cat.target(t).compile_params
            cat.target(t).resolve("loss", "mse")
    assert sorted(read) == sorted(["semantics.json"] + ["facts.%s.json" % t for t in TARGETS])
