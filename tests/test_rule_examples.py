"""Every rule's EXAMPLES are tests (as pycodestyle's docstring examples are).

An example is ``(spec, codes)`` or ``(spec, codes, target)``: the codes are every code the checker
reports for the spec under that target (the spec's own ``target:``, else the default), CC1xx included.
"""
import pytest

from compilecli.checker import check_text
from compilecli.codes import CODES
from compilecli.rules import RULES, example_text, examples


def _cases():
    for name, rule in RULES.items():
        for i, example in enumerate(rule.EXAMPLES):
            assert len(example) in (2, 3), f"{name} example {i}: (spec, codes[, target])"
        for i, (spec, codes, target) in enumerate(examples(rule)):
            yield name, i, spec, codes, target


CASES = list(_cases())


@pytest.mark.parametrize("name,index,spec,expected,target", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_example(name, index, spec, expected, target):
    found = sorted({d.code for d in check_text(spec, target=target).diagnostics})
    assert found == sorted(expected)


def test_every_rule_code_is_registered_and_exemplified():
    for name, rule in RULES.items():
        for code in rule.CODES:
            assert code in CODES, code
            assert any(code in example[1] for example in rule.EXAMPLES), f"{name}: no example for {code}"


@pytest.mark.parametrize("name,index,spec,expected,target", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_example_as_shown_on_its_page_says_the_same(name, index, spec, expected, target):
    """explain shows an example with its target written in it: the same codes, without --target."""
    found = sorted({d.code for d in check_text(example_text(spec, target)).diagnostics})
    assert found == sorted(expected)


def test_examples_name_real_targets():
    from compilecli.catalogue import TARGETS
    assert {c[4] for c in CASES} - {None} <= set(TARGETS)
    assert any(c[4] is not None for c in CASES)
