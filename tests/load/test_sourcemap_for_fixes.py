"""What the YAML loader records for the fix stage (``SourceMap.shared``, ``SourceMap.flow``) is what a
second parse of the text would find: checked against one, written out here as the oracle, over the case
files, the samples and specs with anchors, aliases, merges and both styles."""
from __future__ import annotations

import pathlib

import pytest
import yaml
from yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, MappingEndEvent,
                         MappingStartEvent, NodeEvent, ScalarEvent, SequenceStartEvent)

from compilecli.load import load_text

ROOT = pathlib.Path(__file__).resolve().parents[2]
WRITTEN = [
    "compile:\n  optimizer: {class_name: Adam, config: &cfg {lr: 0.1}}\n  metrics: [{class_name: AUC, config: *cfg}]\n",
    "compile:\n  optimizer: {class_name: Adam, config: {&k lr: 0.1}}\n  loss: {class_name: Huber, config: {*k : 1.0}}\n",
    "base: &b {learning_rate: 0.1}\ncompile:\n  optimizer: {class_name: Adam, config: {<<: *b, epsilon: 1.0}}\n",
    "compile:\n  optimizer:\n    class_name: Adam\n    config:\n      <<: {epsilon: 1.0e-7}\n      decay: 0.01\n",
    "compile:\n  optimizer: &o\n    class_name: SGD\n    config: {momentum: 0.9}\n  loss: mse\nx: *o\n",
    "compile:\n  loss: &l mse\n  metrics: [*l, *l, mae]\n",
    "compile:\n  optimizer: &unused adam\n  loss: [{class_name: Huber}, mse]\n",
    "compile: {optimizer: adam, loss: {a: mse, b: [mae]}}\n",
    "compile:\n  metrics:\n    - {class_name: AUC, config: {}}\n    - [acc, {class_name: Precision}]\n",
]
FILES = sorted(p for folder in ("tests/cases", "samples") for p in (ROOT / folder).rglob("*.yaml"))
TEXTS = WRITTEN + [p.read_text(encoding="utf-8", errors="replace") for p in FILES]
IDS = [f"written-{i}" for i in range(len(WRITTEN))] + [str(p.relative_to(ROOT)) for p in FILES]


def _events(text):
    try:
        return list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def shared_oracle(events):
    """(line, column, end_line, end_column) of each anchored node some alias repeats."""
    anchored, aliased, stack = {}, set(), []
    for event in events:
        if isinstance(event, AliasEvent):
            aliased.add(event.anchor)
        elif isinstance(event, CollectionStartEvent):
            stack.append((event.anchor, event.start_mark))
        elif isinstance(event, CollectionEndEvent):
            anchor, start = stack.pop()
            if anchor is not None:
                anchored[anchor] = (start, event.end_mark)
        elif isinstance(event, NodeEvent) and event.anchor is not None:
            anchored[event.anchor] = (event.start_mark, event.end_mark)
    return {(s.line + 1, s.column + 1, e.line + 1, e.column + 1) for name, (s, e) in anchored.items() if name in aliased}


def flow_oracle(events):
    """Paths of flow-style mappings written in the text (not merged in by `<<`, not alias copies)."""
    found, stack = set(), []          # frames: [is_map, path, key or None, expecting a key, merged]
    for event in events:
        if not stack and not isinstance(event, (CollectionStartEvent, ScalarEvent, AliasEvent)):
            continue
        if stack and stack[-1][0] and stack[-1][3] and not isinstance(event, MappingEndEvent):
            top = stack[-1]                       # a key
            top[2] = event.value if isinstance(event, ScalarEvent) else None
            top[3] = False
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                return None                       # a complex key: not a spec the loader builds
            continue
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            if stack and stack[-1][0]:
                stack[-1][3] = True
            continue
        if stack:
            top = stack[-1]
            merged = top[4] or (top[0] and top[2] == "<<")
            path = top[1] + ((top[2],) if top[0] else (top[5],))
            if not top[0]:
                top[5] += 1
        else:
            merged, path = False, ()
        if isinstance(event, MappingStartEvent):
            if event.flow_style and not merged:
                found.add(path)
            stack.append([True, path, None, True, merged, 0])
        elif isinstance(event, SequenceStartEvent):
            stack.append([False, path, None, False, merged, 0])
        elif stack and stack[-1][0]:
            stack[-1][3] = True
    return found


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_the_loader_records_what_a_second_parse_would_find(text):
    loaded = load_text(text, "spec.yaml")
    events = _events(text)
    if not loaded.usable or events is None:
        return                                     # nothing is fixed in a spec that does not load
    assert {(s.line, s.column, s.end_line, s.end_column) for s in loaded.sourcemap.shared} == shared_oracle(events)
    expected = flow_oracle(events)
    if expected is not None:
        assert loaded.sourcemap.flow == expected


def test_the_written_specs_exercise_both_records():
    records = [load_text(text, "spec.yaml").sourcemap for text in WRITTEN]
    assert sum(bool(r.shared) for r in records) >= 4 and sum(bool(r.flow) for r in records) >= 6
