"""The check memo (checker/memo.py): calls of one file that cannot differ are checked once, and what
every call gets is exactly what a fresh check of it gives -- its own spans, its own loaded spec."""
from __future__ import annotations

import json
import os

import pytest

from compilecli import record
from compilecli.checker import check_code, check_file
from compilecli.checker.memo import CheckMemo
from compilecli.diagnostics import Span
from compilecli.load.notebook import load_notebook_file
from compilecli.load.python_calls import load_python_file, load_python_text

CORPUS = os.path.join(os.path.dirname(__file__), os.pardir, "corpus")


def _corpus_files(limit=40_000):
    """The corpus files that repeat a call at all (two ``.compile(`` or more), up to ``limit`` bytes (the
    suite's time; None: all)."""
    with open(os.path.join(CORPUS, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)["corpora"]
    for name, entry in manifest.items():
        for path in entry["files"]:
            full = os.path.join(CORPUS, name, path)
            if path.endswith((".py", ".ipynb")) and (limit is None or os.path.getsize(full) <= limit):
                with open(full, encoding="utf-8", errors="replace") as handle:
                    if handle.read().count(".compile(") >= 2:
                        yield full, entry["target"]


def _seen(result):
    """Everything a renderer, --fix or smoke reads of a result (the loaded spec by identity)."""
    diags = [(d.code, d.severity, d.path, d.span, d.key, d.args, d.fix) for d in result.diagnostics]
    spec = result.resolved
    resolved = None if spec is None else (spec.target, spec.outputs, spec.compile, spec.objects, spec.inputs,
                                          spec.diagnostics, spec.loss_weights, spec.by_role, spec.by_output)
    return result.source, result.target, result.path, diags, resolved, id(result.loaded), \
        None if spec is None else id(spec.loaded)


def test_every_corpus_call_checks_as_if_alone():
    """Without a target (the imports decide; an ambiguous file is checked under each candidate)."""
    hits, chosen = 0, None
    for path, _manifest_target in _corpus_files():
        loader = load_notebook_file if path.endswith(".ipynb") else load_python_file
        memo = CheckMemo()
        for loaded in loader(path, chosen):
            keys = [memo.key(loaded, t) for t in (loaded.code or {}).get("_candidates") or (chosen,)]
            recalled = all(key is not None and key in memo._entries for key in keys)
            result = check_code(loaded, chosen, path, memo)
            if recalled:             # (a call checked afresh is the plain check: nothing to compare)
                hits += 1
                assert _seen(result) == _seen(check_code(loaded, chosen, path))
    assert hits > 20          # the corpus repeats calls: the memo is really used here


SCRIPT = """import keras
model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss="binary_crossentropy", metrics=["acc"])
model.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss="binary_crossentropy", metrics=["acc"])
x = 1

model.compile(optimizer=keras.optimizers.Adam(lr=0.1),
              loss="binary_crossentropy", metrics=["acc"])
"""


def test_repeated_calls_each_report_at_their_own_place():
    specs = load_python_text(SCRIPT, "train.py")
    memo = CheckMemo()
    results = [check_code(loaded, None, "train.py", memo) for loaded in specs]
    assert len(memo._entries) == 3            # one per candidate target (keras3, keras2, tf2), shared by 3 calls
    fresh = [check_code(loaded, None, "train.py") for loaded in specs]
    assert [_seen(r) for r in results] == [_seen(r) for r in fresh]
    assert all(r.resolved.loaded is loaded for r, loaded in zip(results, specs))
    specs = load_python_text(SCRIPT, "train.py", "keras3")
    results = [check_code(loaded, "keras3", "train.py", memo) for loaded in specs]
    lines = [sorted({d.span.line for d in r.diagnostics if d.code == "CC603"}) for r in results]
    assert lines == [[3], [4], [7]]           # lr=0.1 of each call, at its own line


def test_a_span_the_source_map_did_not_give_is_never_reused(monkeypatch):
    """A rule that made a Span of its own could not be re-placed: such calls are checked afresh."""
    from compilecli import rules
    from compilecli.diagnostics import WARNING, diagnostic

    calls = []

    class Own:
        CODES = ()

        @staticmethod
        def check(spec):
            calls.append(spec)
            yield diagnostic("CC301", WARNING, ("compile",), Span(1, 1))

    monkeypatch.setitem(rules.RULES, "own-span", Own)
    specs = load_python_text(SCRIPT, "train.py", "keras3")
    memo = CheckMemo()
    results = [check_code(loaded, "keras3", "train.py", memo) for loaded in specs]
    assert len(calls) == 3 and not memo._entries
    assert all(any(d.span == Span(1, 1) for d in r.diagnostics) for r in results)


def test_one_span_at_two_places_that_now_differ_is_checked_afresh(monkeypatch):
    from compilecli import rules
    from compilecli.diagnostics import WARNING, diagnostic

    class AtTheCall:
        CODES = ()

        @staticmethod
        def check(spec):
            yield diagnostic("CC301", WARNING, ("compile",), spec.sourcemap.value_span(("compile",)))

    monkeypatch.setitem(rules.RULES, "at-the-call", AtTheCall)
    first, second = load_python_text(SCRIPT, "train.py", "keras3")[:2]
    assert first.sourcemap.values[()] is first.sourcemap.values[("compile",)]   # one Span, two places
    memo = CheckMemo()
    check_code(first, "keras3", "train.py", memo)
    key = memo.key(second, "keras3")
    assert memo.recall(key, second) is not None
    second.sourcemap.values[()] = Span(99, 1)          # the same places now hold different spans
    assert memo.recall(key, second) is None
    assert any(d.span == second.sourcemap.values[("compile",)]
               for d in check_code(second, "keras3", "train.py", memo).diagnostics)


def test_check_file_output_is_unchanged_by_the_memo(tmp_path, monkeypatch):
    path = tmp_path / "train.py"
    path.write_text(SCRIPT, encoding="utf-8")
    with_memo = [_seen(r)[:5] for r in check_file(str(path))]

    class NoMemo(CheckMemo):
        def key(self, loaded, target):
            return None

    monkeypatch.setattr("compilecli.checker.memo.CheckMemo", NoMemo)
    assert [_seen(r)[:5] for r in check_file(str(path))] == with_memo


def test_replace_copies_fields_only():
    @record.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0

    point = Point(1, 2)
    object.__setattr__(point, "cached", "stale")        # not a field: never copied
    moved = record.replace(point, y=5)
    assert (moved.x, moved.y) == (1, 5) and "cached" not in moved.__dict__
    assert record.replace(Point(1), y=3) == Point(1, 3)
    with pytest.raises(TypeError):
        record.replace(Point(1), z=3)


def test_a_call_under_two_candidate_targets_is_recalled_once_as_checked_fresh():
    """check_code keeps what every candidate reported (by code and path) per key: one recall per call."""
    specs = load_python_text(SCRIPT, "train.py")
    assert len(specs[0].code["_candidates"]) == 3      # plain `import keras`: keras3, keras2, tf2
    memo = CheckMemo()
    results = [check_code(loaded, None, "train.py", memo) for loaded in specs]
    assert len(memo._common) == 1
    assert [_seen(r) for r in results] == [_seen(check_code(loaded, None, "train.py")) for loaded in specs]
    memo._entries.clear()                         # the first candidate's entry gone: checked afresh, same
    assert _seen(check_code(specs[1], None, "train.py", memo)) == _seen(results[1])
