"""issue 13: every explain page's example is data, verified against real Keras by
tools/verify_explain_examples.py (results committed); a changed or failing example fails here."""
import json

import pytest

from compilecli.catalogue import TARGETS, load_catalogue, read_data
from compilecli.checker import check_text
from compilecli.explain.docs import docs
from compilecli.explain.pages import compile_order

EXAMPLES = read_data("examples.json")["param"]
VERIFIED = read_data("examples.verified.json")
YAML_EXAMPLES = sorted(name for name, page in docs("en")["param"].items()
                       if page.get("example") and not page["example"].lstrip().startswith("#"))


def test_every_compile_argument_has_text_in_both_languages():
    for name in compile_order():
        for lang in ("en", "zh"):
            assert docs(lang)["param"].get(name, {}).get("summary"), (name, lang)


@pytest.mark.parametrize("name", YAML_EXAMPLES)
def test_example_is_a_whole_spec_holding_the_page_example(name):
    assert docs("en")["param"][name]["example"] in EXAMPLES[name]
    assert docs("zh")["param"][name]["example"] == docs("en")["param"][name]["example"]


@pytest.mark.parametrize("name", YAML_EXAMPLES)
def test_example_was_verified_in_real_keras_and_passed(name):
    spec = EXAMPLES[name]
    runs = [t for t in ("keras3", "tf2") if name in VERIFIED.get(t, {}).get("examples", {})]
    assert runs, f"{name}: run tools/verify_explain_examples.py"
    for target in runs:
        record = VERIFIED[target]["examples"][name]
        assert record["spec"] == spec, f"{name}: the example changed; verify it again in {target}"
        assert record["result"] == "ok", (target, record["result"])


@pytest.mark.parametrize("name", YAML_EXAMPLES)
def test_check_agrees_with_keras_on_the_example(name):
    for target in ("keras3", "tf2"):
        if name in VERIFIED.get(target, {}).get("examples", {}):
            result = check_text(EXAMPLES[name], "example.yaml", target)
            assert not [d for d in result.diagnostics if d.severity == "error"], (target, result.diagnostics)
