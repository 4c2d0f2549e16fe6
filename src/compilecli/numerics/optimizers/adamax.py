"""Adamax: Adam with the infinity norm."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs
from .base import Optimizer


class Adamax(Optimizer):
    """Adam's variant based on the infinity norm (Kingma & Ba, section 7).

    With ``t = iterations + 1`` and slots ``m`` (momentum) and ``u`` (norm)::

        m += (g - m) * (1 - beta_1)
        u = max(beta_2 * u, |g|)
        w -= lr * m / ((1 - beta_1**t) * (u + epsilon))
    """

    elementwise = True

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self._m = self.add_optimizer_variables(variables)
        self._u = self.add_optimizer_variables(variables)

    def update_step(self, gradient, variable, learning_rate):
        i = self._index(variable)
        m, u = self._m[i], self._u[i]
        local_step = np.asarray(self.iterations + 1, variable.dtype)
        beta_1_power = np.power(np.asarray(self.beta_1, variable.dtype), local_step)
        m[...] = m + (gradient - m) * (1 - self.beta_1)
        u[...] = np.maximum(self.beta_2 * u, np.abs(gradient))
        variable[...] = variable - learning_rate * m / ((1 - beta_1_power) * (u + self.epsilon))

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
