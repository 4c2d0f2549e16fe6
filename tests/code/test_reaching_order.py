"""``reaching`` bisects a scope's bindings (they are in file order) instead of scanning them: the
answer must be the one a scan gives, for any mix of assignments, mutations, branches and loops."""
from __future__ import annotations

import ast

from hypothesis import given, settings, strategies as st

from compilecli.load.python_calls import reaching as reaching_module
from compilecli.load.python_calls.scopes import FileIndex, first_from

STATEMENTS = ("x = 'mse'", "x = 'mae'", "x.append(1)", "x += 'a'", "m.compile(loss=x)", "m.compile(loss=x)")
BLOCKS = ("if c:", "for i in r:", "while c:", "with f():")


def _scanned(bindings, site, ignore_mutations):
    """The former linear scan, kept as the reference."""
    if ignore_mutations:
        bindings = [b for b in bindings if b.how != "mutated"]
    if not bindings:
        return None
    before = [b for b in bindings if b.seq < site.seq]
    if not before:
        return None, "unbound"
    last = before[-1]
    if last.how in reaching_module._HOW_WHY:
        return None, reaching_module._HOW_WHY[last.how]
    if site.blocks[:len(last.blocks)] != last.blocks:
        return None, "branch"
    loops = {block for block, is_loop in site.blocks if is_loop}
    if loops and any(b.seq > site.seq and any(block in loops for block, _ in b.blocks) for b in bindings):
        return None, "loop"
    return last, ""


@st.composite
def programs(draw):
    lines, depth = ["m = make()"], 0
    for _ in range(draw(st.integers(1, 30))):
        if depth and draw(st.booleans()) and draw(st.booleans()):
            depth -= 1
        if draw(st.integers(0, 4)) == 0 and depth < 3:
            lines.append("    " * depth + draw(st.sampled_from(BLOCKS)))
            depth += 1
            lines.append("    " * depth + "pass")
        lines.append("    " * depth + draw(st.sampled_from(STATEMENTS)))
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(programs(), st.booleans())
def test_bisected_reaching_is_the_scan(source, ignore_mutations):
    index = FileIndex()
    index.add(ast.parse(source), source)
    for _call, site in index.calls:
        bindings = site.scope.bindings.get("x") or []
        expected = _scanned(bindings, site, ignore_mutations)
        if expected is None:          # no binding in the scope: the enclosing scopes answer, as before
            continue
        assert reaching_module._in_scope(bindings, site, ignore_mutations) == expected, source


@given(st.lists(st.integers(0, 50), unique=True).map(sorted), st.integers(-1, 52))
def test_first_from_is_the_first_at_or_after(seqs, seq):
    class B:
        def __init__(self, s):
            self.seq = s
    bindings = [B(s) for s in seqs]
    assert first_from(bindings, seq) == next((i for i, b in enumerate(bindings) if b.seq >= seq), len(bindings))
