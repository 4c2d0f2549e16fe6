"""Real public Keras code (manifest.json): no traceback, no error that is not a verified true positive,
and no drop in how much is read or inferred (expected.json holds the floors and the true positives)."""
import json
import os

import pytest

from compilecli.checker import check_file
from compilecli.load.python_calls.coverage import arguments

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = json.load(open(os.path.join(HERE, "manifest.json"), encoding="utf-8"))["corpora"]
EXPECTED = json.load(open(os.path.join(HERE, "expected.json"), encoding="utf-8"))


def run(name):
    entry = MANIFEST[name]
    results = []
    for path in entry["files"]:
        if path.endswith((".py", ".ipynb")):
            results.extend(check_file(os.path.join(HERE, name, path), entry["target"]))
    return results


@pytest.fixture(scope="module")
def checked():
    return {name: run(name) for name in MANIFEST}


def where(name, result, diag):
    source = os.path.relpath(result.source, os.path.join(HERE, name)).replace(os.sep, "/")
    return f"{name}/{source}:{diag.span.line if diag.span else 0} {diag.code}"


def test_every_corpus_has_its_source_and_target():
    assert len({entry["repository"] for entry in MANIFEST.values()}) >= 5
    assert {entry["target"] for entry in MANIFEST.values()} == {"keras3", "tf2", "keras2"}
    for entry in MANIFEST.values():
        assert len(entry["commit"]) == 40 and entry["files"]
        assert entry["licence"] in ("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause"), entry["repository"]


def test_errors_are_exactly_the_verified_true_positives(checked):
    # one value shared by two compile() calls is one finding per call, at the same place: listed once
    found = sorted({where(name, r, d) for name, results in checked.items() for r in results
                    for d in r.diagnostics if d.severity == "error"})
    assert found == sorted(EXPECTED["true_positives"])


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_no_drop_in_coverage(checked, name):
    calls = [r.loaded.code for r in checked[name] if r.loaded is not None and r.loaded.code]
    accounted = sum(arguments(code)[0] for code in calls)
    outputs = sum(1 for code in calls if code["outputs"].get("inferred"))
    floor = EXPECTED["coverage"][name]
    assert len(calls) >= floor["calls"], "compile() calls found"
    assert accounted >= floor["accounted"], "arguments read or identified"
    assert outputs >= floor["outputs"], "calls with inferred outputs"
