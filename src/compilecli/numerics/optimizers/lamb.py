"""LAMB: Adam steps rescaled by a layer-wise trust ratio."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs
from .adam import adam_moments
from .base import Optimizer


class Lamb(Optimizer):
    """Layer-wise Adaptive Moments (You et al., 2019).

    With ``t = iterations + 1`` and Adam's slots ``m``, ``v``::

        m += (g - m) * (1 - beta_1);  v += (g**2 - v) * (1 - beta_2)
        update = (m / (1 - beta_1**t)) / (sqrt(v / (1 - beta_2**t)) + epsilon)
        ratio = ||w|| / ||update||   (1 when either norm is 0)
        w -= ratio * lr * update

    Note: Keras 3 exports ``keras.optimizers.Lamb`` but leaves it out of
    ``keras.optimizers.get``; so does this package.
    """

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
        self._momentums = self.add_optimizer_variables(variables)
        self._velocities = self.add_optimizer_variables(variables)

    def update_step(self, gradient, variable, learning_rate):
        i, dtype = self._index(variable), variable.dtype
        m, v = self._momentums[i], self._velocities[i]
        local_step = np.asarray(self.iterations + 1, dtype)
        beta_1_power = np.power(np.asarray(self.beta_1, dtype), local_step)
        beta_2_power = np.power(np.asarray(self.beta_2, dtype), local_step)
        adam_moments(m, v, gradient, self.beta_1, self.beta_2)
        update = (m / (1.0 - beta_1_power)) / (np.sqrt(v / (1.0 - beta_2_power)) + self.epsilon)
        w_norm = np.sqrt(np.sum(np.square(variable)))
        g_norm = np.sqrt(np.sum(np.square(update)))
        ratio = w_norm / g_norm if w_norm > 0 and g_norm > 0 else 1.0
        variable[...] = variable - ratio * learning_rate * update

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
