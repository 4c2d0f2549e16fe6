"""The oracle's own parts that need no Keras: the YAML emitter, the generator, the labeller."""
from __future__ import annotations

import json
import math
import pathlib
import sys

import pytest
import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tools" / "differential"))

import families  # noqa: E402
import generate  # noqa: E402
import label  # noqa: E402
from spec_text import emit  # noqa: E402

VALUES = [0.001, 1e-05, 1e300, -0.0, float("inf"), -float("inf"), 0, -1, True, False, None, "1e-3", "yes",
          "null", "a: b", "", "名字", [1, [2.5, "x"]], {"k": {"n": [None]}}, {"y": 1, "on": 2}]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_emit_reads_back_the_same_values(value):
    data = {"target": "keras3", "compile": {"optimizer": {"class_name": "Adam", "config": {"x": value}}}}
    back = yaml.safe_load(emit(data))
    assert json.dumps(back, sort_keys=True) == json.dumps(data, sort_keys=True)


def test_emit_nan():
    back = yaml.safe_load(emit({"compile": {"v": float("nan")}}))
    assert math.isnan(back["compile"]["v"])


@pytest.mark.parametrize("target", ["keras3", "tf2"])
def test_generator_covers_every_family_and_object(target):
    specs = list(generate.all_specs(target))
    assert {s["family"] for s in specs} == {f.__name__ for f in families.FAMILIES}
    ctx = families.Context.load(target)
    argued = {s["group"].split(":")[1] for s in specs if s["family"] == "arguments"}
    for kind in ("optimizer", "loss", "metric", "schedule"):
        concrete = [n for n, o in ctx.objects(kind).items() if families.required_config(o) is not None
                    and n not in ("Optimizer", "Loss", "Metric", "LearningRateSchedule")]
        assert set(concrete) <= argued, set(concrete) - argued
    for s in specs:
        assert (s["path"] == "compile" or s["path"].startswith("compile.")) and s["intent"] in ("clean", "error", "smell", "probe")


@pytest.mark.parametrize("target", ["keras3", "tf2"])
def test_no_argument_mutations_of_objects_the_target_cannot_use(target):
    """tf.keras 2.15's get() has no AdamW, Keras 3.15's no Lamb, Mean cannot be a compile metric: mutating their
    arguments tests nothing (Keras fails on the object), in the generator and in the committed verdicts."""
    import prune
    from compare import load_verdicts
    ctx = families.Context.load(target)
    # Mean raises as a compile metric in both targets (keras3-00353, tf2-g00062: observed.json CC313)
    assert ctx.unusable("optimizer", "AdamW") == (target == "tf2") and ctx.unusable("metric", "Mean") \
        and not ctx.unusable("optimizer", "Adam")
    argued = {tuple(s["group"].split(":")[:2]) for s in generate.all_specs(target) if s["family"] == "arguments"
              and not s["group"].startswith("schedule-form:")}
    assert not [g for g in argued if ctx.unusable(*g)]
    assert not [r["id"] for r in load_verdicts(target) if prune.untestable(r, ctx)]


@pytest.mark.parametrize("target", ["keras3", "tf2"])
def test_generated_bases_fit_their_heads(target):
    """A base that fails on its head makes every mutation of it an error about the head, not the path: IoU over
    five sparse units needs sparse_y_pred false (observed.json label_shapes), one loss over several outputs goes
    over heads it fits (tf2 SCCE on one unit raises). prune.py drops older verdicts with such bases."""
    import prune
    ctx = families.Context.load(target)
    assert ctx.base_rescue("metric", "IoU", families.HEADS["sparse"]) == {"sparse_y_pred": False}
    assert ctx.base_rescue("metric", "IoU", families.HEADS["binary"]) == {}
    specs = list(generate.all_specs(target))
    ious = [s for s in specs if s["family"] == "arguments" and s["group"].startswith("metric:IoU:")]
    assert ious and not any(prune._base_misfits(ctx, "metric", s["data"]["compile"]["metrics"][0],
                                                     s["data"]) for s in ious)
    weights = [s for s in specs if s["family"] == "structures" and s["path"] == "compile.loss_weights"]
    assert weights and not [s for s in weights if prune._single_loss_base_fails(s["data"], ctx)]
    mixed = families.multi_spec(2, "sparse_categorical_crossentropy")
    assert prune._single_loss_base_fails(mixed, ctx) == (target == "tf2")
    assert not prune._single_loss_base_fails(families.multi_spec(2, "sparse_categorical_crossentropy",
                                                                 same_heads=True), ctx)


def test_sample_is_deterministic_and_sized():
    import random
    first = generate.sample(list(generate.all_specs("tf2")), 300, random.Random(3))
    second = generate.sample(list(generate.all_specs("tf2")), 300, random.Random(3))
    same = lambda specs: [json.dumps(s["data"], sort_keys=True) for s in specs]  # noqa: E731 - nan != nan
    assert len(first) == 300 and same(first) == same(second)


def obs(raised=None, warnings=(), losses=(1.0, 0.9), changed=True, digest=1.0, score=0.8):
    return {"raised": raised, "stage": "fit" if raised else None, "warnings": list(warnings),
            "losses": list(losses), "heads": {"out": {"changed": changed, "digest": digest, "score": score}}}


SPEC = {"family": "arguments", "path": "compile.optimizer.config.nesterov",
        "text": emit({"compile": {"optimizer": {"class_name": "SGD", "config": {"nesterov": True}}}})}
FACTS = {"kinds": {"optimizer": {"objects": {"SGD": {"args": {"nesterov": {"default": False}}}}}}}


@pytest.mark.parametrize("run, control, verdict, evidence", [
    (obs(raised="ValueError: no"), None, "error", "raised@fit"),
    (obs(), obs(), "smell", "no-effect"),                           # nesterov=True changed nothing
    (obs(digest=2.0), obs(), "clean", None),
    (obs(warnings=["UserWarning: odd"], digest=2.0), obs(), "smell", "warning"),
    (obs(warnings=["UserWarning: odd"], digest=2.0), obs(warnings=["UserWarning: odd"]), "clean", None),
    (obs(losses=(1.0, "nan"), digest=2.0), obs(), "smell", "not-finite"),
    (obs(changed=False, digest=2.0), obs(), "smell", "frozen-head"),
])
def test_label(run, control, verdict, evidence):
    got, found = label.verdict(SPEC, {"run": run, "control": control}, FACTS)
    assert got == verdict
    assert (evidence is None and not found) or any(e.startswith(evidence) for e in found)


def test_label_unknown_and_far_worse():
    assert label.verdict(SPEC, {"worker_error": "timeout"}, FACTS) == ("unknown", ["timeout"])
    spec = dict(SPEC, family="structures", path="compile.loss")
    got, found = label.verdict(spec, {"run": obs(score=0.3, digest=2.0), "control": obs(score=0.9)}, FACTS)
    assert got == "smell" and found[0].startswith("far-worse")


def test_neutral_values_are_not_no_effect():
    spec = dict(SPEC, text=emit({"compile": {"optimizer": {"class_name": "SGD", "config": {"nesterov": False}}}}))
    assert label.verdict(spec, {"run": obs(), "control": obs()}, FACTS) == ("clean", [])


def test_an_int_equal_to_the_base_float_is_no_mutation():
    """keras3-w00130: weight_decay 1 against a base of 1.0 changed nothing because it is the same number."""
    config = lambda v: {"compile": {"optimizer": {"class_name": "RMSprop", "config": {"weight_decay": v}}}}  # noqa: E731
    spec = {"family": "wide", "path": "compile.optimizer.config.weight_decay", "text": emit(config(1)),
            "control": emit(config(1.0))}
    facts = {"kinds": {"optimizer": {"objects": {"RMSprop": {"args": {"weight_decay": {"default": None}}}}}}}
    assert label.verdict(spec, {"run": obs(), "control": obs()}, facts) == ("clean", [])
    assert label.verdict(dict(spec, text=emit(config(2))), {"run": obs(), "control": obs()}, facts)[0] == "smell"


@pytest.mark.parametrize("target", ["keras3", "tf2"])
def test_wide_family_composes_buildable_bases_and_mutates_one_place(target):
    """Bases name nothing the target cannot build without a config (prune.config_only_strings), JSON texts hold only
    finite numbers (JSON has no NaN), and a mutant differs from its base (its control) at its path alone."""
    import prune
    from families_wide import set_at
    ctx = families.Context.load(target)
    specs = [s for s in families.FAMILIES[-1](ctx)]
    assert {s["path"] == "compile" for s in specs} == {True, False}
    assert {s["format"] for s in specs} == {"json", "yaml"}
    for s in specs:
        assert not prune.config_only_strings(s["data"], ctx), s["data"]
        if s["format"] == "json":
            json.dumps(s["data"], allow_nan=False)
        if s["path"] != "compile":
            undone = json.loads(json.dumps(s["data"]))
            set_at(undone, s["path"], label.value_at(s["control"], s["path"]))
            assert json.dumps(undone, sort_keys=True) == json.dumps(s["control"], sort_keys=True)
