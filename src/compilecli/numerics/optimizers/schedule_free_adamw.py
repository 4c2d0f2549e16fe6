"""Schedule-Free AdamW."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs
from .base import Optimizer


class ScheduleFreeAdamW(Optimizer):
    """Schedule-Free AdamW (Defazio et al., 2024), as Keras 3 implements it.

    The model variable holds ``y``; slot ``z`` ("momentum") starts as a copy of it and
    ``v`` at zeros. With ``t = iterations + 1`` and ``lr *= min(t / warmup_steps, 1)``
    when ``warmup_steps > 0``::

        v += (g**2 - v) * (1 - beta_2)
        z_old = z;  z -= lr * g / (sqrt(v / (1 - beta_2**t)) + epsilon)
        x = (y - (1 - beta_1) * z_old) / beta_1
        x = (1 - 1/t) * x + (1/t) * z
        y = (1 - beta_1) * z + beta_1 * x
    """

    def __init__(self, learning_rate=0.0025, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 warmup_steps=0, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.warmup_steps = warmup_steps

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self._momentums = [np.array(v, copy=True) for v in variables]
        self._velocities = self.add_optimizer_variables(variables)

    def update_step(self, gradient, variable, learning_rate):
        i, dtype = self._index(variable), variable.dtype
        local_step = np.asarray(self.iterations + 1, dtype)
        beta_1, beta_2 = np.asarray(self.beta_1, dtype), np.asarray(self.beta_2, dtype)
        lr = learning_rate
        if self.warmup_steps > 0:
            lr = lr * np.minimum(local_step / np.asarray(self.warmup_steps, dtype), 1.0)
        momentum, velocity = self._momentums[i], self._velocities[i]
        momentum_old = momentum.copy()
        bias_correction_2 = 1 - np.power(beta_2, local_step)
        velocity[...] = velocity + (np.square(gradient) - velocity) * (1 - beta_2)
        denom = np.sqrt(velocity / bias_correction_2) + np.asarray(self.epsilon, dtype)
        momentum[...] = momentum - lr * gradient / denom
        weight = 1.0 / local_step
        x_old = (variable - (1 - beta_1) * momentum_old) / beta_1
        x_new = (1 - weight) * x_old + weight * momentum
        variable[...] = (1 - beta_1) * momentum + beta_1 * x_new

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                       "warmup_steps": self.warmup_steps})
        return config
