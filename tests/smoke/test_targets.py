"""smoke builds what the spec's target resolves a name to (the catalogue is the one name authority),
translates old optimizer arguments from that target's facts, and guesses labels from loss families."""
import json

import pytest

from compilecli.resolve import resolve
from compilecli.load import load_text
from compilecli.smoke.plan import Refusal, build_plan

HEAD = "target: {target}\nmodel:\n  inputs: [4]\n  outputs:\n    - {{name: out, units: {units}, activation: {act}{labels}}}\n"


def spec(target="tf2", loss="mse", metrics="[]", optimizer="adam", units=1, act="linear", labels="real",
         extra=""):
    text = HEAD.format(target=target, units=units, act=act, labels=f", labels: {labels}" if labels else "")
    text += f"compile:\n  optimizer: {optimizer}\n  loss: {loss}\n  metrics: {metrics}\n{extra}"
    return text


def plan_of(text, steps=5):
    return build_plan(resolve(load_text(text, "s.yaml")), hidden=4, steps=steps, batch_size=4)


@pytest.mark.parametrize("loss", ["logcosh", "huber_loss", "kullback_leibler_divergence", "log_cosh", "huber"])
def test_tf2_only_loss_names_train(write_spec, smoke, loss):
    result = smoke(write_spec(spec(loss=loss)), "--steps", "5", "--format", "json")
    assert result.exit_code in (0, 1), result.output + result.stderr
    report = json.loads(result.output)
    assert report["outputs"][0]["loss"] == loss          # shown as written


@pytest.mark.parametrize("metric", ["cosine_proximity", "acc", "mse", "crossentropy"])
def test_tf2_only_metric_names_train(write_spec, smoke, metric):
    text = spec(units=1, act="sigmoid", labels="binary", loss="binary_crossentropy", metrics=f"[{metric}]")
    result = smoke(write_spec(text), "--steps", "5", "--format", "json")
    assert result.exit_code in (0, 1), result.output + result.stderr
    assert metric in json.loads(result.output)["outputs"][0]["metrics"]


def test_keras2_names_train(write_spec, smoke):
    text = spec(target="keras2", loss="cosine_proximity", metrics="[logcosh]")
    result = smoke(write_spec(text), "--steps", "5")
    assert result.exit_code in (0, 1), result.output + result.stderr


def test_a_name_numerics_cannot_build_is_refused_with_the_reason(write_spec, smoke):
    text = spec(metrics="[{class_name: MeanRelativeError, config: {normalizer: [1.0]}}]")
    result = smoke(write_spec(text), "--steps", "5")
    assert result.exit_code == 2
    assert "MeanRelativeError" in result.stderr + result.output and "Keras 3" in result.stderr + result.output


def test_the_same_name_differs_by_target():
    """'logcosh' is a loss in tf2 (refused by check in Keras 3: the pre-check's business, not the plan's)."""
    part = plan_of(spec(loss="logcosh")).outputs[0].loss_part
    assert (part.name, part.problem) == ("log_cosh", "")
    assert plan_of(spec(target="keras3", loss="logcosh")).outputs[0].loss_part.problem


@pytest.mark.parametrize("target,config,expected,notes", [
    ("keras2", "{lr: 0.5, decay: 0.1}",
     {"learning_rate": {"class_name": "InverseTimeDecay",
                        "config": {"initial_learning_rate": 0.5, "decay_steps": 1, "decay_rate": 0.1}}},
     ["note_renamed", "note_schedule"]),
    ("tf2", "{lr: 0.5}", {"learning_rate": 0.5}, ["note_renamed"]),                   # the legacy optimizer
    ("tf2", "{lr: 0.5, is_legacy_optimizer: false}", {"is_legacy_optimizer": False}, ["note_dropped"]),
    ("keras3", "{learning_rate: 0.5, decay: 0.1}", {"learning_rate": 0.5}, ["note_dropped"]),
    ("keras2", "{learning_rate: 0.5, decay: 0}", {"learning_rate": 0.5}, []),
])
def test_old_optimizer_arguments_come_from_the_targets_facts(target, config, expected, notes):
    plan = plan_of(spec(target=target, optimizer=f"{{class_name: Adam, config: {config}}}"))
    assert plan.optimizer == {"class_name": "Adam", "config": expected}
    assert [key for key, _ in plan.notes if key.startswith("note_") and key != "note_labels"] == notes


def test_the_default_optimizer_is_the_targets_rmsprop():
    plan = plan_of(spec(optimizer="null"))
    assert plan.optimizer == {"class_name": "RMSprop", "config": {}}


@pytest.mark.parametrize("loss,units,act,expected", [
    ("hinge", 1, "linear", "binary"),
    ("squared_hinge", 3, "linear", "multilabel"),
    ("categorical_hinge", 3, "linear", "onehot"),
    ("sparse_categorical_crossentropy", 3, "linear", "sparse"),
    ("mse", 3, "softmax", "onehot"),
    ("mse", 1, "sigmoid", "binary"),
    ("poisson", 2, "linear", "real"),
])
def test_labels_without_labels_come_from_the_loss_family(loss, units, act, expected):
    text = spec(target="keras3", loss=loss, units=units, act=act, labels="")
    assert plan_of(text).outputs[0].labels == expected


def test_hinge_without_labels_trains(write_spec, smoke):
    result = smoke(write_spec(spec(target="keras3", loss="hinge", labels="", act="tanh")), "--steps", "5",
                   "--format", "json")
    assert result.exit_code in (0, 1), result.output + result.stderr
    assert json.loads(result.output)["outputs"][0]["labels"] == "binary"


def test_dict_loss_weights_reach_the_outputs():
    text = ("target: keras3\nmodel:\n  inputs: [4]\n  outputs:\n    - {name: a, units: 1, labels: real}\n"
            "    - {name: b, units: 1, labels: real}\ncompile:\n  optimizer: adam\n  loss: mse\n"
            "  loss_weights: {b: 0.25}\n")
    assert [o.weight for o in plan_of(text).outputs] == [1.0, 0.25]


def test_a_suppressed_unknown_optimizer_is_refused_by_name():
    with pytest.raises(Refusal) as caught:
        plan_of(spec(target="keras3", optimizer="adamm"))
    assert caught.value.key == "numerics_failed" and "adamm" in caught.value.params["reason"]
