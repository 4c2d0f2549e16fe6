"""FTRL-Proximal."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs
from .base import Optimizer

_NON_NEGATIVE = ("initial_accumulator_value", "l1_regularization_strength",
                 "l2_regularization_strength", "l2_shrinkage_regularization_strength")


class Ftrl(Optimizer):
    """Follow The Regularized Leader (McMahan et al., 2013).

    Slots ``n`` (starts at ``initial_accumulator_value``) and ``z`` (zeros); ``p = -learning_rate_power``,
    ``l1``/``l2``/``l2_shrinkage`` the regularization strengths::

        l2' = l2 + beta / (2 * lr)
        n_new = n + g**2
        z += (g + 2 * l2_shrinkage * w) - (n_new**p - n**p) / lr * w
        w = (clip(z, -l1, l1) - z) / (n_new**p / lr + 2 * l2')
        n = n_new
    """

    elementwise = True

    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 l2_shrinkage_regularization_strength=0.0, beta=0.0, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        for key in _NON_NEGATIVE:
            if locals()[key] < 0.0:
                raise ValueError(f"`{key}` needs to be positive or zero. Received: {key}={locals()[key]}.")
        if learning_rate_power > 0.0:
            raise ValueError("`learning_rate_power` needs to be negative or zero. Received: "
                             f"learning_rate_power={learning_rate_power}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self._accumulators = self.add_optimizer_variables(variables, self.initial_accumulator_value)
        self._linears = self.add_optimizer_variables(variables)

    def update_step(self, gradient, variable, learning_rate):
        i, lr = self._index(variable), learning_rate
        accum, linear = self._accumulators[i], self._linears[i]
        power = -self.learning_rate_power
        l2_reg = self.l2_regularization_strength + self.beta / (2.0 * lr)
        grad_to_use = gradient + 2 * self.l2_shrinkage_regularization_strength * variable
        new_accum = accum + np.square(gradient)
        linear[...] = linear + (
            grad_to_use - (np.power(new_accum, power) - np.power(accum, power)) / lr * variable)
        quadratic = np.power(new_accum, power) / lr + 2 * l2_reg
        l1 = self.l1_regularization_strength
        variable[...] = (np.clip(linear, -l1, l1) - linear) / quadratic
        accum[...] = new_accum

    def get_config(self):
        config = super().get_config()
        config.update({key: getattr(self, key) for key in (
            "learning_rate_power", "initial_accumulator_value", "l1_regularization_strength",
            "l2_regularization_strength", "l2_shrinkage_regularization_strength", "beta")})
        return config
