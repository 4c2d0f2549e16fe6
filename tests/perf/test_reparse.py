"""The server's re-parse after an edit (load/python_calls/reparse.py) is ``ast.parse`` of the new text:
the same nodes at the same positions, or the same SyntaxError, after any sequence of edits."""
from __future__ import annotations

import ast
import json
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from compilecli.load.python_calls.reparse import Reparser

CORPUS = os.path.join(os.path.dirname(__file__), os.pardir, "corpus")

#: Lines an edit may write: plain code, and what joins, opens or closes across statements.
PIECES = ["x = 1", "# a comment", "", "def f():", "    return 1", "if x:", "else:", "@decorator", '"""',
          "(", ")", "a = 1; b = 2", "    y = 2", "from __future__ import annotations", "x = 1 \\", "\\",
          "model.compile(optimizer='adam', loss='mse')", "'''", "x = [", "]", "class C:", "\tpass",
          "print('é中')", "@d\ndef g(): pass", "lambda: (yield)", "    ", "x = '''", "'''.strip()"]


def _scripts():
    with open(os.path.join(CORPUS, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)["corpora"]
    out = []
    for name, entry in sorted(manifest.items()):
        scripts = [p for p in entry["files"] if p.endswith(".py")
                   and os.path.getsize(os.path.join(CORPUS, name, p)) <= 20_000][:1]
        for path in scripts:
            with open(os.path.join(CORPUS, name, path), encoding="utf-8") as handle:
                out.append(handle.read())
    return out


SCRIPTS = _scripts()


def _parsed(parse, text):
    try:
        return ast.dump(parse(text), include_attributes=True)
    except SyntaxError as exc:
        return ("SyntaxError", exc.msg, exc.lineno, exc.offset)


def _edit(text: str, edit) -> str:
    where, kind, piece = edit
    lines = text.splitlines(keepends=True) or [""]
    at = where % (len(lines) + 1)
    if kind == "insert":
        lines.insert(at, piece + "\n")
    elif kind == "delete" and at < len(lines):
        del lines[at]
    elif kind == "replace" and at < len(lines):
        lines[at] = piece + "\n"
    elif kind == "type" and at < len(lines):            # a few characters typed into a line
        line = lines[at]
        column = len(piece) % (len(line) + 1)
        lines[at] = line[:column] + piece[:3] + line[column:]
    elif kind == "join" and at + 1 < len(lines):        # the newline between two lines removed
        lines[at] = lines[at].rstrip("\r\n") + lines.pop(at + 1)
    return "".join(lines)


EDITS = st.tuples(st.integers(0, 10_000), st.sampled_from(["insert", "delete", "replace", "type", "join"]),
                  st.sampled_from(PIECES))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SCRIPTS))), st.lists(EDITS, min_size=1, max_size=6))
def test_every_edit_parses_as_the_whole_text_does(script, edits):
    reparser = Reparser()
    text = SCRIPTS[script]
    assert _parsed(reparser.parse, text) == _parsed(ast.parse, text)
    for edit in edits:
        text = _edit(text, edit)
        assert _parsed(reparser.parse, text) == _parsed(ast.parse, text)


def test_an_edit_reparses_only_its_statements(monkeypatch):
    text = "".join(f"def f{n}(x):\n    return x + {n}\n\n" for n in range(300))
    reparser = Reparser()
    reparser.parse(text)
    sizes = []
    real = ast.parse

    def counting(source, *args, **kwargs):
        sizes.append(len(source.strip()))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", counting)
    edited = text.replace("return x + 150\n", "return x + 151\n")
    tree = reparser.parse(edited)
    assert sizes == [len("def f150(x):\n    return x + 151")]
    assert ast.dump(tree, include_attributes=True) == ast.dump(real(edited), include_attributes=True)
    appended = edited + "# a note\n"
    reparser.parse(appended)
    assert sizes[-1] == len("# a note")
