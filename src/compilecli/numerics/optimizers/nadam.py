"""Nadam: Adam with Nesterov momentum and Dozat's momentum schedule."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs
from .base import Optimizer


def _mu(beta_1, step):
    """Dozat's momentum schedule ``beta_1 * (1 - 0.5 * 0.96**step)``."""
    return beta_1 * (1.0 - 0.5 * np.power(0.96, step))


class Nadam(Optimizer):
    """Nesterov-accelerated Adam (Dozat, 2015).

    With ``t = iterations + 1``, ``u_t = mu(t)``, ``u_next = mu(t + 1)`` and a running
    product ``P`` of all ``u`` so far (updated once per step, before the variables)::

        m += (g - m) * (1 - beta_1);  v += (g**2 - v) * (1 - beta_2)
        m_hat = u_next * m / (1 - P * u_next) + (1 - u_t) * g / (1 - P)
        v_hat = v / (1 - beta_2**t)
        w -= m_hat * lr / (sqrt(v_hat) + epsilon)
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
        self._momentums = self.add_optimizer_variables(variables)
        self._velocities = self.add_optimizer_variables(variables)
        dtype = self._trainable_variables[0].dtype if self._trainable_variables else np.float64
        self._u_product = np.asarray(1.0, dtype=dtype)

    def _backend_update_step(self, grads, variables, learning_rate):
        # The product is shared by all variables: advance it once per step.
        step = np.asarray(self.iterations + 1, self._u_product.dtype)
        self._u_product = self._u_product * self.beta_1 * (1.0 - 0.5 * np.power(0.96, step))
        super()._backend_update_step(grads, variables, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        i = self._index(variable)
        m, v = self._momentums[i], self._velocities[i]
        beta_1, beta_2 = np.asarray(self.beta_1, dtype), np.asarray(self.beta_2, dtype)
        local_step = np.asarray(self.iterations + 1, dtype)
        u_t, u_t_1 = _mu(beta_1, local_step), _mu(beta_1, local_step + 1)
        u_product_t = np.asarray(self._u_product, dtype)
        u_product_t_1 = u_product_t * u_t_1
        m[...] = m + (gradient - m) * (1 - beta_1)
        v[...] = v + (np.square(gradient) - v) * (1 - beta_2)
        m_hat = u_t_1 * m / (1 - u_product_t_1) + (1 - u_t) * gradient / (1 - u_product_t)
        v_hat = v / (1 - np.power(beta_2, local_step))
        variable[...] = variable - m_hat * learning_rate / (np.sqrt(v_hat) + self.epsilon)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
