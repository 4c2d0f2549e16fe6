"""The fix stage reads what the loader recorded (spans, anchors an alias repeats): it never parses the
text a second time."""
from __future__ import annotations

import pytest
import yaml

from compilecli.fix import fix_text
from compilecli.load import load_text

ALIASED = ("compile:\n  optimizer: {class_name: Adam, config: &cfg {lr: 0.1}}\n"
           "  loss: mse\n  metrics: [{class_name: AUC, config: *cfg}]\n")


@pytest.fixture
def no_second_parse(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the text was parsed again")
    for name in ("parse", "compose", "compose_all", "load", "safe_load", "scan"):
        monkeypatch.setattr(yaml, name, refuse)


def test_the_loader_records_what_an_alias_repeats():
    smap = load_text(ALIASED, "s.yaml").sourcemap
    (span,) = smap.shared
    assert ALIASED.splitlines()[span.line - 1][span.column - 1:span.end_column - 1] == "&cfg {lr: 0.1}"   # the node with its anchor, as the parser marks it
    assert load_text("compile: {loss: mse}\n", "s.yaml").sourcemap.shared == ()


def test_an_aliased_key_is_shared_too():
    text = "compile:\n  optimizer: {class_name: Adam, config: {&k lr: 0.1}}\n  loss: {class_name: Huber, config: {*k : 1.0}}\n"
    shared = load_text(text, "s.yaml").sourcemap.shared
    assert [(s.line, s.column) for s in shared] == [(2, 42)]


def test_fixes_leave_what_an_alias_repeats_without_parsing_again(no_second_parse):
    fixed, fixes = fix_text(ALIASED)
    assert fixed == ALIASED and fixes == []


def test_what_no_alias_repeats_is_fixed_without_parsing_again(no_second_parse):
    text = "compile:\n  optimizer: {class_name: Adam, config: &cfg {lr: 0.1}}\n  loss: mse\n"
    fixed, _ = fix_text(text)
    assert fixed == "compile:\n  optimizer: {class_name: Adam, config: &cfg {learning_rate: 0.1}}\n  loss: mse\n"


def test_an_anchor_merged_in_blocks_the_fix_of_its_source(no_second_parse):
    text = ("base: &b {learning_rate: 0.1, lr: 0.2}\ncompile:\n  optimizer: {class_name: Adam, config: {<<: *b}}\n"
            "  loss: mse\n")
    fixed, fixes = fix_text(text)
    assert fixed == text and fixes == []


def test_the_loader_records_which_mappings_are_written_in_flow_style():
    text = "compile:\n  optimizer:\n    class_name: Adam\n    config: {lr: 0.1}\n  loss: {class_name: Huber}\n"
    assert load_text(text, "s.yaml").sourcemap.flow == {("compile", "optimizer", "config"), ("compile", "loss")}


def test_a_flow_mapping_loses_its_item_and_a_block_mapping_its_line(no_second_parse):
    flow = "compile:\n  optimizer: {class_name: SGD, config: {learning_rate: 0.01, decay: 1.0e-6}}\n  loss: mse\n"
    block = "compile:\n  optimizer:\n    class_name: SGD\n    config:\n      learning_rate: 0.01\n      decay: 1.0e-6\n"
    assert fix_text(flow)[0] == "compile:\n  optimizer: {class_name: SGD, config: {learning_rate: 0.01}}\n  loss: mse\n"
    assert fix_text(block)[0] == "compile:\n  optimizer:\n    class_name: SGD\n    config:\n      learning_rate: 0.01\n"


def test_what_fix_needs_survives_the_trip_to_a_worker_process():
    import pickle
    smap = load_text(ALIASED, "s.yaml").sourcemap
    copy = pickle.loads(pickle.dumps(smap))
    assert (copy.shared, copy.flow, copy.values) == (smap.shared, smap.flow, smap.values) and copy.shared
