"""RMSprop, plain or centered, with optional (heavy-ball) momentum."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs
from .base import Optimizer


class RMSprop(Optimizer):
    """Divide the gradient by a running RMS of recent gradients.

    Slots ``v`` (and ``a`` if centered, ``m`` if momentum > 0), zeros at first::

        v = rho * v + (1 - rho) * g**2
        a = rho * a + (1 - rho) * g                    # centered only
        denom = v - a**2 + epsilon   if centered else   v + epsilon
        step = lr * g / sqrt(denom)                    # epsilon inside the sqrt
        m = momentum * m + step;  w -= m               # momentum > 0
        w -= step                                      # otherwise
    """

    elementwise = True

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self._velocities = self.add_optimizer_variables(variables)
        self._momentums = self.add_optimizer_variables(variables) if self.momentum > 0 else []
        self._average_gradients = self.add_optimizer_variables(variables) if self.centered else []

    def update_step(self, gradient, variable, learning_rate):
        i, rho = self._index(variable), self.rho
        velocity = self._velocities[i]
        velocity[...] = rho * velocity + (1 - rho) * np.square(gradient)
        if self.centered:
            average = self._average_gradients[i]
            average[...] = rho * average + (1 - rho) * gradient
            denominator = velocity - np.square(average) + self.epsilon
        else:
            denominator = velocity + self.epsilon
        increment = learning_rate * gradient / np.sqrt(denominator)
        if self.momentum > 0:
            momentum = self._momentums[i]
            momentum[...] = self.momentum * momentum + increment
            variable[...] = variable - momentum
        else:
            variable[...] = variable - increment

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
