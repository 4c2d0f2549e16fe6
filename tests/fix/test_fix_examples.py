"""Every fix module's EXAMPLES, and the round trip over every case file and sample.

For any spec: the fixed text loads as cleanly as the original, what was fixed is gone,
and fixing again changes nothing (idempotence).
"""
import pathlib

import pytest

from compilecli.checker import check_text
from compilecli.fix import FIXERS, MODULES, fix_text

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = sorted(p for folder in (ROOT / "tests" / "cases", ROOT / "samples")
                for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))


def fmt_of(text):
    return "json" if text.lstrip().startswith("{") else "yaml"


def examples():
    for module in MODULES:
        for index, (before, after) in enumerate(module.EXAMPLES):
            yield pytest.param(module, before, after, id=f"{module.__name__.rsplit('.', 1)[1]}-{index}")


def test_registry_covers_each_modules_codes():
    for module in MODULES:
        assert module.__doc__ and module.EXAMPLES
        for code in module.CODES:
            assert module in FIXERS[code]
    assert {m for fixers in FIXERS.values() for m in fixers} == set(MODULES)


@pytest.mark.parametrize("module,before,after", list(examples()))
def test_example(module, before, after):
    fixed, fixes = fix_text(before, "spec." + fmt_of(before))
    if after is None:
        assert fixed == before, "this fix must not be made"
        assert not [f for f in fixes if f.code in module.CODES]
        return
    assert fixed == after
    assert {f.code for f in fixes} <= set(module.CODES)
    again, more = fix_text(fixed, "spec." + fmt_of(fixed))
    assert again == fixed and more == []


@pytest.mark.parametrize("target", [None, "keras3", "tf2"])
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_round_trip_and_idempotence(path, target):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the loader's own tests cover it")
    if text.startswith("\ufeff"):
        text = text[1:]
    before = check_text(text, path.name, target)
    fixed, fixes = fix_text(text, path.name, target)
    if not fixes:
        assert fixed == text
        return
    after = check_text(fixed, path.name, target)
    assert after.loaded.usable
    load_errors = lambda r: sorted(d.code for d in r.diagnostics if d.code.startswith("CC1") and d.severity == "error")
    assert load_errors(after) == load_errors(before)
    # every fixed code is gone at its line's entry; nothing that was not fixed appears
    assert len(after.diagnostics) <= len(before.diagnostics) - len(fixes)
    assert {d.code for d in after.diagnostics} <= {d.code for d in before.diagnostics}
    again, more = fix_text(fixed, path.name, target)
    assert again == fixed and more == []
