"""resolve: what it hands every later stage is complete when made (each reference built once, with its
entry; each output's loss weight paired once), so no stage reads the raw data again."""
from __future__ import annotations

import pytest

from compilecli.load import load_text
from compilecli.resolve import resolve
from compilecli.resolve import objects

TWO = ("model:\n  outputs:\n    - {name: a, units: 3, activation: softmax}\n"
       "    - {name: b, units: 1, activation: sigmoid}\n")


def resolved(text: str, target=None):
    return resolve(load_text(text, "spec.yaml"), target)


def test_each_reference_is_built_once_with_its_entry(monkeypatch):
    made = []
    init = objects.ObjectRef.__init__

    def counting(self, *args, **kwargs):
        made.append(args[2] if len(args) > 2 else kwargs.get("path"))
        init(self, *args, **kwargs)

    monkeypatch.setattr(objects.ObjectRef, "__init__", counting)
    spec = resolved(TWO + "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: {class_name: "
                    "CosineDecay, config: {initial_learning_rate: 0.1, decay_steps: 5}}}}\n"
                    "  loss: [categorical_crossentropy, binary_crossentropy]\n  metrics: [accuracy, [mae, auc]]\n")
    assert len(made) == len(spec.objects) == 7
    assert len(set(made)) == len(made)
    by_path = {ref.path: ref for ref in spec.objects}
    assert by_path[("compile", "optimizer")].entry.canonical == "Adam"
    assert by_path[("compile", "optimizer", "config", "learning_rate")].entry.canonical == "CosineDecay"
    assert by_path[("compile", "loss", 1)].entry is not None
    assert by_path[("compile", "metrics", 1, 1)].entry.canonical == "AUC"


def test_a_name_repeated_resolves_to_the_same_entry_and_unknown_names_to_none():
    spec = resolved("compile:\n  loss: mse\n  metrics: [mae, mae, nonsense, 3]\n")
    metrics = spec.refs("metrics")
    assert metrics[0].entry is metrics[1].entry is not None
    assert metrics[2].entry is None and metrics[3].entry is None and metrics[3].malformed == "type"


def test_tf2_builds_the_legacy_optimizer_from_a_non_empty_config():
    spec = resolved("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 0.1}}\n  loss: mse\n", "tf2")
    assert spec.refs("optimizer")[0].entry.canonical != resolved(
        "compile:\n  optimizer: Adam\n  loss: mse\n", "tf2").refs("optimizer")[0].entry.canonical


def test_a_schedule_module_is_recorded_as_written():
    spec = resolved("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: {module: keras.optimizers."
                    "schedules, class_name: CosineDecay, config: {initial_learning_rate: 0.1, decay_steps: 5}}}}\n")
    assert spec.refs("learning_rate")[0].module == "keras.optimizers.schedules"
    assert spec.refs("optimizer")[0].module is None


@pytest.mark.parametrize("weights, expected", [
    ("[1.0, 0.5]", {0: (1.0, ("compile", "loss_weights", 0)), 1: (0.5, ("compile", "loss_weights", 1))}),
    ("[2.0]", {0: (2.0, ("compile", "loss_weights", 0))}),
    ("{b: 0.25}", {1: (0.25, ("compile", "loss_weights", "b"))}),
    ("{b: 0.25, zz: 3.0, a: heavy}", {0: ("heavy", ("compile", "loss_weights", "a")),
                                      1: (0.25, ("compile", "loss_weights", "b"))}),
    ("0.5", {0: (0.5, ("compile", "loss_weights")), 1: (0.5, ("compile", "loss_weights"))}),
    ("null", {}),
])
def test_each_output_gets_its_loss_weight_paired_once(weights, expected):
    spec = resolved(TWO + f"compile:\n  loss: [categorical_crossentropy, mse]\n  loss_weights: {weights}\n")
    got = {i: (spec.loss_weight(i).value, spec.loss_weight(i).path) for i in range(2) if spec.loss_weight(i)}
    assert got == expected
