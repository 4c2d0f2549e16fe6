"""Every rule's EXAMPLES are tests (as pycodestyle's docstring examples are)."""
import pytest

from compilecli.checker import check_text
from compilecli.codes import CODES
from compilecli.rules import RULES

CASES = [(name, i, spec, codes) for name, rule in RULES.items() for i, (spec, codes) in enumerate(rule.EXAMPLES)]


@pytest.mark.parametrize("name,index,spec,expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_example(name, index, spec, expected):
    found = sorted({d.code for d in check_text(spec).diagnostics if d.code[2] != "1"})
    assert found == sorted(expected)


def test_every_rule_code_is_registered_and_exemplified():
    for name, rule in RULES.items():
        for code in rule.CODES:
            assert code in CODES, code
            if code not in ("CC306", "CC305", "CC604", "CC605", "CC606", "CC607"):
                assert any(code in codes for _, codes in rule.EXAMPLES), f"{name}: no example for {code}"
