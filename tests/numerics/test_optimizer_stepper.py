"""`Optimizer.stepper(variables)` is `apply(grads, variables)` for a training loop: the same
numbers to the last bit, whatever machinery (clipping, EMA, accumulation, schedules) is on."""
import numpy as np
import pytest

from compilecli.numerics import optimizers

CONFIGS = [
    "adam", "sgd", "nadam", "rmsprop", "adamw", "lion", "adagrad", "adadelta", "adamax", "ftrl", "lamb",
    {"class_name": "Adam", "config": {"amsgrad": True, "learning_rate": 0.01}},
    {"class_name": "SGD", "config": {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01}},
    {"class_name": "Adam", "config": {"clipnorm": 0.5}},
    {"class_name": "Adam", "config": {"global_clipnorm": 0.5, "use_ema": True}},
    {"class_name": "RMSprop", "config": {"gradient_accumulation_steps": 2, "loss_scale_factor": 4.0}},
    {"class_name": "Adam", "config": {"learning_rate": {"class_name": "ExponentialDecay", "config": {
        "initial_learning_rate": 0.1, "decay_steps": 2, "decay_rate": 0.5}}}},
]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("config", CONFIGS, ids=str)
def test_stepper_gives_the_numbers_of_apply(config, dtype):
    rng = np.random.default_rng(5)
    start = [rng.normal(size=(4, 3)).astype(dtype), rng.normal(size=3).astype(dtype)]
    grads = [[rng.normal(size=v.shape).astype(dtype) for v in start] for _ in range(6)]
    a, b = [v.copy() for v in start], [v.copy() for v in start]
    make = optimizers.Lamb if config == "lamb" else (lambda: optimizers.get(config))   # get() has no Lamb
    applied, stepped = make(), make()
    assert applied is not stepped
    step = stepped.stepper(b)
    for g in grads:
        applied.apply(g, a)
        step(g)
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x.dtype == y.dtype == np.dtype(dtype)
        assert np.array_equal(x, y)
    assert applied.iterations == stepped.iterations > 0
