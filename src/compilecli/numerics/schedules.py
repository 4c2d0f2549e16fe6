"""numpy mirrors of ``keras.optimizers.schedules`` (Keras 3).

A schedule is a 1-argument callable: ``schedule(step) -> learning rate``. Pass one
as an optimizer's ``learning_rate`` and the optimizer calls it with its raw
iteration counter before every update.

    from compilecli.numerics import schedules
    s = schedules.get({"class_name": "ExponentialDecay",
                       "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}})
    s(3)   # 0.1 * 0.5 ** 0.3

Values are computed in ``config.floatx()`` (float32 by default, as Keras), except where
Keras itself drops to float32 even under floatx float64 (see ``_f32``).
Like ``keras.optimizers.schedules.deserialize``, names are exact class names
(no lowercasing, no snake_case aliases).
"""
from __future__ import annotations

import math

import numpy as np

from ._registry import Registry
from .config import floatx

_registry = Registry("schedule", module="keras.optimizers.schedules")
REGISTRY = _registry


def _fx(x):
    """x in the schedule's compute type: Keras converts its Python-float arguments to floatx."""
    return np.asarray(x, dtype=floatx())


def _f32(x):
    """Rounds to float32, as Keras 3 does inside ``ops.cos``, ``ops.floor`` and ``ops.ceil``.

    Outside TensorFlow, ``keras.backend.result_type(float64, float)`` is float32
    (Keras aligns with JAX's 32-bit default), so those ops return float32 even for
    float64 input. Mirroring it keeps the cosine schedules within 1e-6 of Keras
    near the end of a decay, where ``1 + cos`` is tiny and float32 rounding shows.
    """
    return np.asarray(x, dtype=np.float64).astype(np.float32)


def _floor(x):
    return np.floor(_f32(x)).astype(floatx())


def _check_positive(name, value):
    if value <= 0:
        raise ValueError(f"Argument `{name}` must be > 0. Received: {name}={value}")


class LearningRateSchedule:
    """Base class: subclasses implement ``__call__(step)`` and ``get_config()``."""

    def __call__(self, step):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `__call__(self, step)`.")

    def get_config(self):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `get_config()` "
            "in order to be serializable.")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class _StepDecay(LearningRateSchedule):
    """What ExponentialDecay and InverseTimeDecay share: their arguments and the
    progress ``step / decay_steps`` (floored with ``staircase=True``)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name or type(self).__name__
        _check_positive("decay_steps", decay_steps)

    def progress(self, step):
        p = _fx(step) / _fx(self.decay_steps)
        return _floor(p) if self.staircase else p

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "decay_rate": self.decay_rate, "staircase": self.staircase, "name": self.name}


@_registry.register()
class ExponentialDecay(_StepDecay):
    """``lr = initial_learning_rate * decay_rate ** (step / decay_steps)``;
    with ``staircase=True`` the exponent is ``floor(step / decay_steps)``."""

    def __call__(self, step):
        return _fx(self.initial_learning_rate) * np.power(_fx(self.decay_rate), self.progress(step))


@_registry.register()
class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[0]`` while ``step <= boundaries[0]``, ``values[i]`` while
    ``boundaries[i-1] < step <= boundaries[i]``, ``values[-1]`` after the last boundary."""

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of values. "
                f"Received: boundaries={boundaries} of length {len(boundaries)}, "
                f"and values={values} of length {len(values)}.")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        step = np.asarray(step)
        # Keras casts the boundaries to the step's dtype: with an integer step
        # (the optimizer's counter) a boundary of 2.5 acts as 2.
        bounds = [np.asarray(b).astype(step.dtype) for b in self.boundaries]
        index = int(np.searchsorted(np.asarray(bounds), step, side="left"))
        dtype = np.asarray(self.values[0]).dtype
        return np.asarray(self.values[index], dtype=dtype)

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


@_registry.register()
class PolynomialDecay(LearningRateSchedule):
    """``lr = (initial - end) * (1 - min(step, decay_steps) / decay_steps) ** power + end``.
    With ``cycle=True`` ``decay_steps`` is stretched to ``decay_steps * ceil(step / decay_steps)``
    (and kept as is at step 0) instead of clamping the step."""

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, name="PolynomialDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        _check_positive("decay_steps", decay_steps)

    def __call__(self, step):
        step, decay_steps = _fx(step), _fx(self.decay_steps)
        if self.cycle:
            multiplier = np.where(step == 0, 1.0, np.ceil(_f32(step / decay_steps)))
            decay_steps = decay_steps * multiplier
        else:
            step = np.minimum(step, decay_steps)
        p = step / decay_steps
        initial, end = _fx(self.initial_learning_rate), _fx(self.end_learning_rate)
        return (initial - end) * np.power(1 - p, _fx(self.power)) + end

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "end_learning_rate": self.end_learning_rate, "power": self.power,
                "cycle": self.cycle, "name": self.name}


@_registry.register()
class InverseTimeDecay(_StepDecay):
    """``lr = initial_learning_rate / (1 + decay_rate * step / decay_steps)``;
    with ``staircase=True`` the ratio is ``floor(step / decay_steps)``."""

    def __call__(self, step):
        return _fx(self.initial_learning_rate) / (1.0 + _fx(self.decay_rate) * self.progress(step))


def _one_plus_cos(fraction):
    """``1 + cos(pi * fraction)``, in float32 like Keras (see ``_f32``).

    The cosine itself is taken in float64 and rounded: XLA's float32 cosine is
    (nearly always) correctly rounded, numpy's float32 one often is not.
    """
    return np.float32(1.0) + np.cos(_f32(math.pi * fraction).astype(np.float64)).astype(np.float32)


@_registry.register()
class CosineDecay(LearningRateSchedule):
    """Optional linear warmup, then cosine decay.

    Without ``warmup_target``: ``lr = initial * ((1 - alpha) * c + alpha)`` with
    ``c = 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps))``.
    With it: for ``step < warmup_steps`` ``lr = initial + (warmup_target - initial) * step / warmup_steps``,
    then the same cosine from ``warmup_target`` over ``step - warmup_steps``.
    """

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        _check_positive("decay_steps", decay_steps)

    def _decayed(self, step):
        # Keras stays in float32 here: the cosine is float32 and alpha is a weak Python float.
        cosine = np.float32(0.5) * _one_plus_cos(step / _fx(self.decay_steps))
        return np.float32(1 - self.alpha) * cosine + np.float32(self.alpha)

    def __call__(self, step):
        initial, decay_steps = _fx(self.initial_learning_rate), _fx(self.decay_steps)
        step = _fx(step)
        if self.warmup_target is None:
            # Keras's initial_learning_rate is a weakly typed Python float here, so the
            # product -- the learning rate -- comes out float32.
            decayed = self._decayed(np.minimum(step, decay_steps))
            return (_f32(initial) * decayed).astype(floatx())
        target, warmup_steps = _fx(self.warmup_target), _fx(self.warmup_steps)
        step = np.minimum(step, decay_steps + warmup_steps)
        if step < warmup_steps:
            return (target - initial) * (step / warmup_steps) + initial
        return target * self._decayed(step - warmup_steps).astype(floatx())

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "alpha": self.alpha, "name": self.name, "warmup_target": self.warmup_target,
                "warmup_steps": self.warmup_steps}


@_registry.register()
class CosineDecayRestarts(LearningRateSchedule):
    """SGDR: cosine decay from 1 to ``alpha`` over ``first_decay_steps``, then warm
    restarts; period ``i`` lasts ``first_decay_steps * t_mul**i`` steps and starts
    at ``initial_learning_rate * m_mul**i``."""

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                 name="SGDRDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        _check_positive("first_decay_steps", first_decay_steps)

    def _restart(self, fraction):
        """(index of the current period, fraction of it completed)."""
        t_mul = _fx(self._t_mul)
        if t_mul == 1.0:
            i_restart = _floor(fraction)
            return i_restart, fraction - i_restart
        i_restart = _floor(np.log(1.0 - fraction * (1.0 - t_mul)) / np.log(t_mul))
        sum_r = (1.0 - np.power(t_mul, i_restart)) / (1.0 - t_mul)
        return i_restart, (fraction - sum_r) / np.power(t_mul, i_restart)

    def __call__(self, step):
        fraction = _fx(step) / _fx(self.first_decay_steps)
        i_restart, fraction = self._restart(fraction)
        m_fac = np.power(_fx(self._m_mul), i_restart)
        cosine_decayed = 0.5 * m_fac * _one_plus_cos(fraction).astype(floatx())
        alpha = _fx(self.alpha)
        return _fx(self.initial_learning_rate) * ((1 - alpha) * cosine_decayed + alpha)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "first_decay_steps": self.first_decay_steps, "t_mul": self._t_mul,
                "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}


def serialize(schedule):
    """``{"module", "class_name", "config", "registered_name"}``, as Keras writes it."""
    return _registry.serialize(schedule)


def deserialize(config):
    """Builds a schedule from ``{"class_name": ..., "config": {...}}`` (exact class name)."""
    return _registry.deserialize(config)


def get(identifier):
    """A schedule from a class name, a config dict or an instance (returned unchanged).

    Keras 3 has no ``schedules.get``; this follows ``deserialize``: a bare class
    name builds the class with no arguments, which fails for every built-in
    schedule (they all need ``initial_learning_rate`` / ``boundaries``).
    """
    return _registry.get(identifier)


ALL_OBJECTS = (ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay,
               CosineDecay, CosineDecayRestarts)
