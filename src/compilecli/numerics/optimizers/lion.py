"""Lion: sign-based updates with two interpolation rates."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs
from .base import Optimizer


class Lion(Optimizer):
    """Evolved sign momentum (Chen et al., 2023).

    Slot ``m`` (zeros)::

        w -= lr * sign(beta_1 * m + (1 - beta_1) * g)
        m = beta_2 * m + (1 - beta_2) * g

    ``beta_1`` must be in (0, 1].
    """

    elementwise = True

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.99, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError(
                "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer "
                f"degenerates to SignSGD. Received: beta_1={beta_1}.")

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self._momentums = self.add_optimizer_variables(variables)

    def update_step(self, gradient, variable, learning_rate):
        m = self._momentums[self._index(variable)]
        beta_1 = np.asarray(self.beta_1, variable.dtype)
        beta_2 = np.asarray(self.beta_2, variable.dtype)
        variable[...] = variable - learning_rate * np.sign(m * beta_1 + gradient * (1.0 - beta_1))
        m[...] = m * beta_2 + gradient * (1.0 - beta_2)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2})
        return config
