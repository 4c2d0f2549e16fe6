"""A code frame splits its text once per text (a cell with 20,000 findings was quadratic), and a new
text is never framed with the last one's lines."""
from __future__ import annotations

from compilecli.diagnostics import Span
from compilecli.render.frame import frame


def test_each_text_is_framed_with_its_own_lines():
    first, second = "a: 1\nb: 2\n", "x: 10\ny: 20\nz: 30\n"
    assert frame(first, Span(2, 1))[1] == "  2 | b: 2"
    assert frame(second, Span(2, 1))[1] == "  2 | y: 20"
    assert frame(first, Span(1, 4))[1] == "  1 | a: 1"
    assert frame(second, Span(4, 1)) == []            # past the end of that text


def test_findings_of_one_text_share_one_split():
    text = "".join(f"m.compile('adam', 'mse')  # {n}\n" for n in range(500))
    splits = []

    class Counting(str):
        def splitlines(self, *args):
            splits.append(1)
            return str.splitlines(self, *args)

    counted = Counting(text)
    for line in range(1, 501):
        assert frame(counted, Span(line, 1))[1].startswith(f"  {line} | m.compile")
    assert len(splits) == 1


def test_a_findings_words_are_made_once_and_are_what_render_makes():
    """render/text._words keeps a finding's words by code, severity, key, arguments, language and syntax."""
    from compilecli import record
    from compilecli.diagnostics import WARNING, diagnostic
    from compilecli.render import hint, message
    from compilecli.render.text import _WORDS, _words

    found = [diagnostic("CC505", WARNING, ("compile", "loss"), Span(3, 1), output="output_0",
                        loss="categorical_crossentropy"),
             diagnostic("CC301", WARNING, ("compile", "optimizer"), Span(4, 1), name="Adam", argument="lr")]
    found[1] = record.replace(found[1], args=found[1].args + (("suggestions", ["learning_rate"]),))  # unhashable
    for diag in found:
        for lang in ("en", "zh"):
            for syntax in ("python", "yaml"):
                severity, said, fix = _words(diag, lang, syntax)
                assert said == message(diag, lang, syntax)
                assert fix.endswith(hint(diag, lang, syntax)) and bool(fix) == bool(hint(diag, lang, syntax))
                assert _words(diag, lang, syntax) == (severity, said, fix)
    assert ("CC505", WARNING, "", found[0].args, "zh", "yaml") in _WORDS
    assert not any(key[0] == "CC301" for key in _WORDS)
