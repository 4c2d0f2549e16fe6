"""Property: --fix changes only what it fixes (every other value of the spec stays), loads as cleanly
as before, and is idempotent; the file keeps its encoding and byte-order mark (issue 11)."""
from __future__ import annotations

import codecs
import math
import os
import tempfile

from hypothesis import assume, example, given, strategies as st

from compilecli.checker import check_loaded
from compilecli.config import CheckOptions
from compilecli.fix import fix_result, write_file
from compilecli.load import load_text
from propertyhelpers import spec_texts

EMPTY = ("<empty>",)


def flat(value, path=()):
    """{path: leaf}, empty containers as leaves, so that any change shows as a differing path."""
    if isinstance(value, dict) and value:
        out = {}
        for key, item in value.items():
            out.update(flat(item, path + (key,)))
        return out
    if isinstance(value, list) and value:
        out = {}
        for index, item in enumerate(value):
            out.update(flat(item, path + (index,)))
        return out
    if value == {} or value == []:
        return {path: (EMPTY, type(value).__name__)}
    return {path: value}


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def touched(path, allowed) -> bool:
    return any(path[:len(p)] == p for p in allowed)


def fixed(text, name):
    loaded = load_text(text, name)
    result = check_loaded(loaded)
    return loaded, fix_result(result, CheckOptions())


@given(spec_texts())
@example(("spec.yaml", "{compile: {optimizer: adam, loss: mse, sample_weight_mode: [], target_tensors: []}}\n"))
def test_fix_keeps_every_value_it_does_not_fix_and_is_idempotent(case):
    name, text = case
    loaded, outcome = fixed(text, name)
    assume(outcome is not None and outcome.changed)
    again = load_text(outcome.new_text, name)
    assert again.usable
    allowed = set()
    for fix in outcome.fixes:
        allowed.add(tuple(fix.path))
        for old, new in fix.renames.items():
            allowed.update((tuple(old), tuple(new)))
    before, after = flat(loaded.data), flat(again.data)
    for path in set(before) | set(after):
        if path in before and path in after and same(before[path], after[path]):
            continue
        empty_parent = path in after and isinstance(after[path], tuple) and after[path][:1] == (EMPTY,)
        assert touched(path, allowed) or (empty_parent and any(p[:len(path)] == path for p in allowed)), \
            (path, before.get(path), after.get(path), [f.code for f in outcome.fixes])
    _, second = fixed(outcome.new_text, name)
    assert second is None or not second.changed, "a second --fix changed the text again"


BOMS = {"utf-8": b"", "utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
FIXABLE = "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.01}}   # 学习率\n  loss: mse\n"


@given(st.sampled_from(sorted(BOMS)), st.sampled_from(["\n", "\r\n"]), st.text(max_size=20).filter(
    lambda t: "\r" not in t and "\n" not in t and all(not 0xD800 <= ord(c) <= 0xDFFF for c in t)))
def test_written_fix_keeps_encoding_and_bom(encoding, newline, comment):
    text = ("# " + comment + "\n" + FIXABLE).replace("\n", newline)
    codec = encoding.replace("-sig", "")
    raw = BOMS[encoding] + text.encode(codec)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "spec.yaml")
        with open(path, "wb") as handle:
            handle.write(raw)
        loaded, outcome = fixed(text, path)
        assume(outcome is not None and outcome.changed)
        assert write_file(path, outcome.old_text, outcome.new_text)
        with open(path, "rb") as handle:
            written = handle.read()
    assert written.startswith(BOMS[encoding])
    assert written[len(BOMS[encoding]):].decode(codec) == outcome.new_text
    assert "learning_rate" in outcome.new_text and ("\r\n" in outcome.new_text) == (newline == "\r\n")


@given(spec_texts())
@example(("spec.yaml", "compile:\n  optimizer: {class_name: Adam, config: {lr: 1, decay: 1e-3}}\n  loss: mse\n"))
def test_what_is_marked_fixable_is_gone_after_fix(case):
    """The [*] mark (render/fixes) is the fix stage's own answer: a marked finding carries its typed fix
    and no longer appears once `--fix` ran."""
    from compilecli.fix.recheck import _moved, _renames
    from compilecli.render.fixes import fixes_of
    name, text = case
    loaded, outcome = fixed(text, name)
    marked = fixes_of(check_loaded(loaded))
    assume(marked)
    result = check_loaded(loaded)
    assert all(result.diagnostics[i].fix is not None for i in marked)
    assert outcome is not None and outcome.changed
    renames = _renames(outcome.fixes)
    left = {(d.code, tuple(d.path)) for d in outcome.result.diagnostics}
    for index in marked:
        diag = result.diagnostics[index]
        assert (diag.code, _moved(diag.path, renames)) not in left, (diag.code, diag.path)
