"""issue 13: every code page's example (the bad one and the good one, as a spec and in Python) was run in
real Keras by tools/verify_code_examples.py (results committed in code_examples.verified.json), and
Keras agrees with what the page claims: an example with an error code raises, the others train.

A known disagreement is listed below with what Keras did: its test fails when Keras stops disagreeing
(then the entry goes), and any new disagreement fails."""
import pytest
import yaml

from compilecli.catalogue import read_data
from compilecli.codes import CODES
from compilecli.explain.build import build_pages
from compilecli.explain.code_examples import page_examples
from compilecli.explain.topics import Topic

VERIFIED = read_data("code_examples.verified.json")
EXAMPLES = [example for code in sorted(CODES) for example in page_examples(code)]
KNOWN_DISAGREEMENTS: dict = {}   # example key -> why Keras and the page differ (none now)


def test_every_code_with_a_rule_has_examples_in_both_forms():
    assert len({e.code for e in EXAMPLES}) >= 40
    assert {e.format for e in EXAMPLES} == {"yaml", "python"}
    assert sum(e.format == "python" for e in EXAMPLES) >= 30


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.key)
def test_page_example_was_run_in_keras_and_keras_agrees(example):
    runs = VERIFIED.get(example.target, {}).get("examples", {})
    assert example.key in runs, f"run tools/verify_code_examples.py --target {example.target}"
    record = runs[example.key]
    assert record["text"] == example.text, f"{example.key} changed: run tools/verify_code_examples.py again"
    assert record["claim"] == example.claim
    result = record["result"]
    if result.startswith("not run"):
        assert example.target == "keras2", result      # no Keras 2.3 installation exists to run it in
        return
    if result.startswith("not comparable"):
        assert "model" not in yaml.safe_load(example.spec), result
        return
    agrees = result.startswith("raises") == (example.claim == "raises")
    if example.key in KNOWN_DISAGREEMENTS:
        assert not agrees, f"{example.key}: Keras now agrees; drop it from KNOWN_DISAGREEMENTS"
    else:
        assert agrees, (example.key, example.claim, result)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_shows_exactly_these_examples(lang):
    for code in sorted(CODES):
        page = build_pages(Topic("code", code), (lang,))[0]
        shown = [text for index, (_, text) in enumerate(page.sections) if page.kind_of(index) == "code"
                 and not text.startswith("https://")]
        assert shown == [e.text for e in page_examples(code)], code


@pytest.mark.parametrize("code", sorted(CODES))
def test_the_bad_example_has_the_severity_the_page_heads(code):
    """The page is headed "CODE name (error|warning)": its bad example must get that severity, or the page
    shows a warning under an "error" heading (CC301's run_eagerly: 'yes' did)."""
    from compilecli.checker import check_text
    for example in page_examples(code):
        if example.role != "bad" or example.format != "yaml":
            continue
        results = check_text(example.spec, "example.yaml", example.target)
        results = results if isinstance(results, list) else [results]
        found = {d.severity for result in results for d in result.diagnostics if d.code == code}
        assert found == {CODES[code].severity}, (code, found)
