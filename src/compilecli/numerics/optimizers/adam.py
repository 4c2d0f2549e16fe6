"""Adam (with optional AMSGrad) and AdamW."""
from __future__ import annotations

import math

import numpy as np

from ._transforms import base_kwargs
from .base import Optimizer


def adam_moments(m, v, gradient, beta_1, beta_2):
    """In-place ``m += (g - m) * (1 - beta_1)``, ``v += (g**2 - v) * (1 - beta_2)``; returns a
    scratch array shaped like ``m`` (free for the caller). In place, op for op the same numbers
    as the written-out expressions, with one temporary instead of five."""
    scratch = np.subtract(gradient, m)
    scratch *= 1 - beta_1
    m += scratch
    np.square(gradient, out=scratch)
    scratch -= v
    scratch *= 1 - beta_2
    v += scratch
    return scratch


def adam_alpha(learning_rate, beta_1, beta_2, step, dtype):
    """Bias correction folded into the step size: ``lr * sqrt(1 - b2**t) / (1 - b1**t)``
    (``step`` = t, a number or a 0-d array)."""
    if dtype == np.float64:
        # Python floats do the same IEEE float64 operations (libm's pow, a correctly rounded
        # sqrt) in a tenth of the time of numpy scalars; numpy's inf/nan where Python raises.
        try:
            t = float(step)
            return float(learning_rate) * math.sqrt(1 - float(beta_2) ** t) / (1 - float(beta_1) ** t)
        except (ArithmeticError, ValueError):
            pass
    step = np.asarray(step, dtype)
    beta_1_power = np.power(np.asarray(beta_1, dtype), step)
    beta_2_power = np.power(np.asarray(beta_2, dtype), step)
    return learning_rate * np.sqrt(1 - beta_2_power) / (1 - beta_1_power)


class Adam(Optimizer):
    """Adaptive moment estimation (Kingma & Ba, 2014).

    With ``t = iterations + 1`` (the step being taken) and slots ``m``, ``v``::

        alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)
        m += (g - m) * (1 - beta_1)
        v += (g**2 - v) * (1 - beta_2)
        v_hat = max(v_hat, v); v = v_hat              # amsgrad only
        w -= m * alpha / (sqrt(v) + epsilon)          # epsilon "hat": outside the sqrt
    """

    elementwise = True

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.amsgrad = amsgrad

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self._momentums = self.add_optimizer_variables(variables)
        self._velocities = self.add_optimizer_variables(variables)
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(variables)

    def update_step(self, gradient, variable, learning_rate):
        i = self._index(variable)
        m, v = self._momentums[i], self._velocities[i]
        alpha = adam_alpha(learning_rate, self.beta_1, self.beta_2, self.iterations + 1, variable.dtype)
        scratch = adam_moments(m, v, gradient, self.beta_1, self.beta_2)
        if self.amsgrad:
            v_hat = self._velocity_hats[i]
            np.maximum(v_hat, v, out=v_hat)
            v = v_hat
        # variable - m * alpha / (sqrt(v) + epsilon), in place
        np.sqrt(v, out=scratch)
        scratch += self.epsilon
        step = np.multiply(m, alpha)
        step /= scratch
        variable -= step

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                       "amsgrad": self.amsgrad})
        return config


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter, 2019).

    Same update as ``Adam``; before it, ``w -= w * weight_decay * lr`` (the base
    class's weight decay). ``weight_decay`` defaults to 0.004 and may not be None.
    """

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, amsgrad=amsgrad,
                         **base_kwargs(locals()))
        if self.weight_decay is None:
            raise ValueError("Argument `weight_decay` must be a float. Received: weight_decay=None")
