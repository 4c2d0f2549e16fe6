"""Adagrad and Adadelta: per-coordinate steps from accumulated squared gradients."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs
from .base import Optimizer


class Adagrad(Optimizer):
    """Adagrad (Duchi et al., 2011).

    Slot ``a`` starts at ``initial_accumulator_value``::

        a += g**2
        w -= lr * g / sqrt(a + epsilon)      # epsilon inside the sqrt
    """

    elementwise = True

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self._accumulators = self.add_optimizer_variables(variables, self.initial_accumulator_value)

    def update_step(self, gradient, variable, learning_rate):
        accumulator = self._accumulators[self._index(variable)]
        accumulator[...] = accumulator + np.square(gradient)
        variable[...] = variable - learning_rate * gradient / np.sqrt(accumulator + self.epsilon)

    def get_config(self):
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value,
                       "epsilon": self.epsilon})
        return config


class Adadelta(Optimizer):
    """Adadelta (Zeiler, 2012), scaled by ``learning_rate`` as in Keras.

    Slots ``Eg`` (squared gradients) and ``Edx`` (squared updates), zeros at first;
    ``rms(x) = sqrt(x + epsilon)``::

        Eg = rho * Eg + (1 - rho) * g**2
        dx = -rms(Edx) * g / rms(Eg)
        Edx = rho * Edx + (1 - rho) * dx**2
        w += lr * dx
    """

    elementwise = True

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.rho = rho
        self.epsilon = epsilon

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self._accumulated_grads = self.add_optimizer_variables(variables)
        self._accumulated_delta_vars = self.add_optimizer_variables(variables)

    def _rms(self, x):
        return np.sqrt(x + self.epsilon)

    def update_step(self, gradient, variable, learning_rate):
        i, rho = self._index(variable), self.rho
        grads_sq, deltas_sq = self._accumulated_grads[i], self._accumulated_delta_vars[i]
        grads_sq[...] = rho * grads_sq + (1 - rho) * np.square(gradient)
        delta = -(self._rms(deltas_sq) * gradient / self._rms(grads_sq))
        deltas_sq[...] = rho * deltas_sq + (1 - rho) * np.square(delta)
        variable[...] = variable + learning_rate * delta

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config
