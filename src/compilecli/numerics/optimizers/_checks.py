"""Argument validation and (de)serialization helpers of ``Optimizer``, worded as Keras words them."""
from __future__ import annotations

import warnings

import numpy as np

from .. import schedules
from . import _transforms


def validate(clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
              ema_overwrite_frequency, gradient_accumulation_steps):
    if gradient_accumulation_steps and not gradient_accumulation_steps >= 2:
        raise ValueError("`gradient_accumulation_steps` must be an integer >= 2. "
                         f"Received: gradient_accumulation_steps={gradient_accumulation_steps}")
    if use_ema and (ema_momentum > 1 or ema_momentum < 0):
        raise ValueError(f"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={ema_momentum}")
    if use_ema and ema_overwrite_frequency and (
            not isinstance(ema_overwrite_frequency, int) or ema_overwrite_frequency < 1):
        raise ValueError("`ema_overwrite_frequency` must be an integer >= 1 or None. "
                         f"Received: ema_overwrite_frequency={ema_overwrite_frequency}")
    if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
        raise ValueError("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                         f"Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                         f"global_clipnorm={global_clipnorm}")


def check_learning_rate(learning_rate):
    # Keras accepts a schedule, any callable, or a Python float -- not an int.
    if callable(learning_rate) or isinstance(learning_rate, float):
        return learning_rate
    raise ValueError(
        "Argument `learning_rate` should be float, or an instance of LearningRateSchedule, "
        "or a callable (that takes in the current iteration value and returns the corresponding "
        f"learning rate value). Received instead: learning_rate={learning_rate}")


def serialize_learning_rate(learning_rate):
    if isinstance(learning_rate, schedules.LearningRateSchedule):
        return schedules.serialize(learning_rate)
    if callable(learning_rate):
        return _transforms.serialize_callable(learning_rate)
    return float(learning_rate)


def filter_empty_gradients(grads, variables):
    kept = [(g, v) for g, v in zip(grads, variables) if g is not None]
    if not kept:
        raise ValueError("No gradients provided for any variable.")
    if len(kept) < len(grads):
        warnings.warn("Gradients do not exist for some variables when minimizing the loss.")
    return [np.asarray(g) for g, _ in kept], [v for _, v in kept]
