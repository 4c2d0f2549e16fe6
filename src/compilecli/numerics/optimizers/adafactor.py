"""Adafactor: factored second moments for matrices."""
from __future__ import annotations

import numpy as np

from ._transforms import base_kwargs, keras_mean
from .base import Optimizer


def _rms(x):
    return np.sqrt(keras_mean(np.square(x)))


class Adafactor(Optimizer):
    """Adafactor (Shazeer & Stern, 2018), as Keras 3 implements it (means in float32, like Keras).

    With ``t = iterations + 1``, ``rho = min(lr, 1 / sqrt(t))`` (for a float ``lr`` and
    ``relative_step``, ``lr`` itself is first capped the same way)::

        alpha = max(epsilon_2, rms(w)) * rho
        G = g**2 + epsilon_1;  beta_2_t = 1 - t**beta_2_decay
        rank >= 2: r = beta_2_t * r + (1 - beta_2_t) * mean(G, axis=-1)
                   c = beta_2_t * c + (1 - beta_2_t) * mean(G, axis=-2)
                   v = (r / mean(r, axis=-1))[..., None] * c[..., None, :]
        rank < 2:  v = beta_2_t * v + (1 - beta_2_t) * G
        u = g / sqrt(v);  u /= max(1, rms(u) / clip_threshold)
        w -= alpha * u
    """

    def __init__(self, learning_rate=0.001, beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=0.001,
                 clip_threshold=1.0, relative_step=True, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        # Row and column statistics only for matrices (and higher ranks).
        self._r = [np.zeros(v.shape[:-1], v.dtype) if v.ndim >= 2 else None for v in variables]
        self._c = [np.zeros(v.shape[:-2] + v.shape[-1:], v.dtype) if v.ndim >= 2 else None
                   for v in variables]
        self._v = self.add_optimizer_variables(variables)

    def update_step(self, gradient, variable, learning_rate):
        i, dtype = self._index(variable), variable.dtype
        lr, local_step = learning_rate, np.asarray(self.iterations + 1, dtype)
        if not callable(self._learning_rate) and self.relative_step:
            lr = np.minimum(lr, 1 / np.sqrt(local_step))
        rho_t = np.minimum(lr, 1 / np.sqrt(local_step))
        alpha_t = np.maximum(np.asarray(self.epsilon_2, dtype), _rms(variable)) * rho_t
        regulated_grad_square = np.square(gradient) + self.epsilon_1
        beta_2_t = 1 - np.power(local_step, self.beta_2_decay)
        v = self._v[i]
        if variable.ndim >= 2:
            r, c = self._r[i], self._c[i]
            r[...] = beta_2_t * r + (1 - beta_2_t) * keras_mean(regulated_grad_square, axis=-1)
            c[...] = beta_2_t * c + (1 - beta_2_t) * keras_mean(regulated_grad_square, axis=-2)
            v[...] = (np.expand_dims(r / keras_mean(r, axis=-1, keepdims=True), -1)
                      * np.expand_dims(c, -2))
        else:
            v[...] = beta_2_t * v + (1 - beta_2_t) * regulated_grad_square
        u_t = gradient / np.sqrt(v)
        u_t_hat = u_t / np.maximum(np.asarray(1.0, dtype), _rms(u_t) / self.clip_threshold)
        variable[...] = variable - alpha_t * u_t_hat

    def get_config(self):
        config = super().get_config()
        config.update({"beta_2_decay": self.beta_2_decay, "epsilon_1": self.epsilon_1,
                       "epsilon_2": self.epsilon_2, "clip_threshold": self.clip_threshold,
                       "relative_step": self.relative_step})
        return config
