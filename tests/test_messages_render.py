"""Every diagnostic the project can produce on its own cases, samples and rule examples renders
to real words in both languages: no raw message key, no placeholder left unfilled."""
import pathlib
import re

import pytest

from compilecli.checker import check_file, check_loaded, check_text
from compilecli.load import load_bytes
from compilecli.render import hint, message
from compilecli.rules import RULES

ROOT = pathlib.Path(__file__).resolve().parent.parent
LEFTOVER = re.compile(r"\{[a-z_]+\}")
RAW_KEY = re.compile(r"(^|\s)(codes|ui)\.[A-Za-z0-9_.]+")


def all_results():
    files = [p for p in (ROOT / "tests" / "cases").rglob("*") if p.suffix in (".yaml", ".json")]
    files += [p for p in (ROOT / "samples").iterdir() if p.suffix in (".yaml", ".json", ".py", ".ipynb")]
    yield from check_file(str(ROOT / "no such file.yaml"))                      # CC100
    yield check_loaded(load_bytes(b"compile: {}\n" + b"#" * (2 << 20), "big.yaml"))  # CC102
    for target in (None, "keras3", "tf2", "keras2"):
        for path in sorted(files):
            yield from check_file(str(path), target)
        for rule in RULES.values():
            for spec, *_ in rule.EXAMPLES:
                yield check_text(spec, "example.yaml", target=target)


DIAGNOSTICS = sorted({d for result in all_results() for d in result.diagnostics}, key=lambda d: (d.code, repr(d)))


def test_the_corpus_covers_every_code():
    from compilecli.codes import CODES
    # CC901 needs a whole run with suppressions: tests/workflow renders it.
    assert sorted(set(CODES) - {d.code for d in DIAGNOSTICS}) == ["CC901"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_diagnostic_renders_to_words(lang):
    for diag in DIAGNOSTICS:
        for text in (message(diag, lang), hint(diag, lang)):
            assert not text.endswith((".message", ".hint")), (diag, text)
            assert not RAW_KEY.search(text), (diag, text)
            assert not LEFTOVER.search(text), (diag, text)
        if lang == "zh":
            assert re.search(r"[\u4e00-\u9fff]", message(diag, lang)), (diag, message(diag, lang))
