"""Property: whatever bytes come in, no exception escapes load -> resolve -> check -> filter -> render,
and every diagnostic renders to words in both languages and every format (issue 11)."""
from __future__ import annotations

import json

from hypothesis import given, strategies as st

from compilecli.checker import Report, check_loaded
from compilecli.checker.filter import filter_results
from compilecli.config import CheckOptions
from compilecli.load import load_bytes
from compilecli.render import FORMATS, message, render
from propertyhelpers import encoded, notebooks, python_sources, spec_texts

LANGS = ("en", "zh")


def rendered_everywhere(results) -> None:
    kept = filter_results(results, CheckOptions(strict=True)).results
    report = Report(list(kept))
    for lang in LANGS:
        for fmt in FORMATS:
            out = render(report, fmt, lang, color=fmt == "text")
            out.encode("utf-8")                 # strict: nothing unencodable reaches the output
            if fmt in ("json", "sarif"):
                json.loads(out)
            elif fmt != "text":
                assert "\x1b" not in out
        for result in kept:
            for diag in result.diagnostics:
                words = message(diag, lang)
                assert words and not words.startswith("codes."), (diag, words)


@given(encoded(spec_texts()))
def test_any_spec_bytes_are_checked_and_rendered(case):
    name, raw = case
    rendered_everywhere([check_loaded(load_bytes(raw, name))])


@given(python_sources())
def test_any_python_source_is_checked_and_rendered(text):
    from compilecli.load.python_calls import load_python_text
    rendered_everywhere([check_loaded(spec) for spec in load_python_text(text, "train.py")])


@given(notebooks())
def test_any_notebook_is_checked_and_rendered(text):
    from compilecli.load.notebook import load_notebook_text
    rendered_everywhere([check_loaded(spec) for spec in load_notebook_text(text, "nb.ipynb")])


@given(st.binary(max_size=300), st.sampled_from(["a.yaml", "a.json", "a", "-"]))
def test_any_bytes_at_all(raw, name):
    rendered_everywhere([check_loaded(load_bytes(raw, name))])
