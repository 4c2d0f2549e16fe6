"""SGD, with optional (Nesterov) momentum."""
from __future__ import annotations

from ._transforms import base_kwargs
from .base import Optimizer


class SGD(Optimizer):
    """Gradient descent (with momentum).

    ``momentum == 0``: ``w -= lr * g``.
    Otherwise, with a velocity slot ``v`` (zeros at first)::

        v = momentum * v - lr * g
        w = w + v                          # nesterov=False
        w = w + momentum * v - lr * g      # nesterov=True

    ``momentum`` must be a Python float in [0, 1] (``momentum=1`` as an int is rejected, as in Keras).
    """

    elementwise = True

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        # No slot at all for plain SGD, as Keras.
        self.momentums = self.add_optimizer_variables(variables) if self.momentum != 0 else []

    def update_step(self, gradient, variable, learning_rate):
        if self.momentum == 0:
            variable[...] = variable - gradient * learning_rate
            return
        m = self.momentums[self._index(variable)]
        m[...] = m * self.momentum - gradient * learning_rate
        if self.nesterov:
            variable[...] = variable + (m * self.momentum - gradient * learning_rate)
        else:
            variable[...] = variable + m

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
