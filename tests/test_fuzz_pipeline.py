"""Random, well-formed but nonsensical specs never crash resolve, the rules or a renderer.

The loader has its own hostile-input suite (tests/load); this one feeds the later stages
shapes they may not expect: lists where mappings belong, numbers for names, NaN, huge ints.
Deterministic (fixed seeds) so a failure reproduces.
"""
import json
import random

import pytest

from compilecli.checker import Report, check_text
from compilecli.render import render

WORDS = ["adam", "Adam", "sgd", "mse", "accuracy", "acc", "auc", "CosineDecay", "ExponentialDecay", "MeanIoU",
         "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy", "class_name", "config",
         "learning_rate", "lr", "decay", "from_logits", "use_ema", "ema_momentum", "boundaries", "values", "out", "a",
         "softmax", "sigmoid", "linear", "sparse", "onehot", "multilabel", "real", "auto", "keras3", "tf2", "reduction"]
COMPILE_KEYS = ["optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
                "steps_per_execution", "jit_compile", "auto_scale_loss", "sample_weight_mode", "lr"]


def value(rng, depth=0):
    roll = rng.random()
    if depth > 4 or roll < 0.35:
        return rng.choice([None, True, False, 0, 1, -1, 1.5, -0.5, 1e9, float("nan"), "", 10 ** 20, rng.choice(WORDS)])
    if roll < 0.6:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(WORDS): value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def random_spec(rng):
    spec = {"compile": {key: value(rng, 2) for key in rng.sample(COMPILE_KEYS, rng.randint(0, 6))}}
    if rng.random() < 0.7:
        fields = ["name", "units", "activation", "labels"]
        spec["model"] = {"outputs": [{f: rng.choice(WORDS + [1, 3, 10, value(rng, 3)]) for f in rng.sample(fields, rng.randint(0, 4))}
                                     for _ in range(rng.randint(0, 3))]}
    if rng.random() < 0.2:
        spec["target"] = value(rng, 2)
    return spec


@pytest.mark.parametrize("seed", range(6))
def test_random_specs_never_crash(seed):
    rng = random.Random(seed)
    for _ in range(30):
        text = json.dumps(random_spec(rng))
        for target in (None, "tf2", "keras2"):
            result = check_text(text, "fuzz.json", target=target)
            for fmt in ("text", "json", "sarif", "github"):
                render(Report([result]), fmt, "zh" if seed % 2 else "en")
