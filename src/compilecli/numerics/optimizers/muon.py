"""Muon: orthogonalized momentum for 2-D weights, AdamW for everything else."""
from __future__ import annotations

import re

import numpy as np

from ._transforms import base_kwargs, keras_matrix_norm
from .adam import adam_alpha, adam_moments
from .base import Optimizer


def _swap_last_axes(x):
    return np.swapaxes(x, -2, -1)


def zeropower_via_newtonschulz5(x, steps, a, b, c):
    """Quintic Newton-Schulz iteration towards the orthogonal factor ``U V^T`` of ``x``."""
    if x.ndim < 2:
        raise ValueError("Expected gradient or momentum to have at least 2 dimensions. "
                         f"Received: shape={x.shape}")
    tall = x.shape[-2] > x.shape[-1]
    if tall:
        x = _swap_last_axes(x)
    # Spectral norm <= 1; the norm is float32, as in Keras (see keras_matrix_norm).
    x = x / (keras_matrix_norm(x) + np.float32(1e-7)).astype(x.dtype)
    for _ in range(steps):
        gram = x @ _swap_last_axes(x)
        x = a * x + (b * gram + c * gram @ gram) @ x
    return _swap_last_axes(x) if tall else x


class Muon(Optimizer):
    """Muon (Jordan et al., 2024; Liu et al., 2025).

    A variable takes the AdamW path when it is not 2-D, when ``exclude_embeddings``
    and its name contains "embedding", or when a regex of ``exclude_layers`` matches
    its name (names come from ``build(variables, names=...)``). Slot ``m`` for all::

        Muon path:  m = momentum * m + g
                    u = NS5(g + momentum * m if nesterov else m)      # ns_steps iterations
                    w -= lr * u * sqrt(max(rows, cols)) * rms_rate   # no rescale if rms_rate is None
        AdamW path: Adam without amsgrad, at lr * adam_lr_ratio

    Weight decay (before the step) is ``weight_decay`` on the Muon path and
    ``adam_weight_decay`` on the AdamW path.
    """

    def __init__(self, learning_rate=0.001, adam_beta_1=0.9, adam_beta_2=0.999,
                 adam_weight_decay=0.004, epsilon=1e-7, weight_decay=0.004, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, exclude_layers=None,
                 exclude_embeddings=True, muon_a=3.4445, muon_b=-4.7750, muon_c=2.0315,
                 adam_lr_ratio=1, momentum=0.95, ns_steps=5, nesterov=True, rms_rate=0.2, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.adam_beta_1 = adam_beta_1
        self.adam_beta_2 = adam_beta_2
        self.epsilon = epsilon
        self.muon_a, self.muon_b, self.muon_c = muon_a, muon_b, muon_c
        self.adam_lr_ratio = adam_lr_ratio
        self.momentum = momentum
        self.ns_steps = ns_steps
        self.nesterov = nesterov
        self.exclude_embeddings = exclude_embeddings
        self.exclude_layers = exclude_layers or []
        self.adam_weight_decay = adam_weight_decay
        self.rms_rate = rms_rate

    def _should_use_adamw(self, variable):
        if variable.ndim != 2:
            return True
        name = self._variable_name(variable)
        if self.exclude_embeddings and "embedding" in name.lower():
            return True
        return any(re.search(keyword, name) for keyword in self.exclude_layers)

    def build(self, variables, names=None):
        if self.built:
            return
        super().build(variables, names)
        self.momentums = self.add_optimizer_variables(variables)
        # A velocity slot marks the variables that take the AdamW path.
        self.adam_velocities = [self.add_variable_from_reference(v) if self._should_use_adamw(v)
                                else None for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        i = self._index(variable)
        if self.adam_velocities[i] is not None:
            lr = np.asarray(learning_rate * self.adam_lr_ratio, variable.dtype)
            self._adamw_update_step(gradient, variable, lr, self.momentums[i], self.adam_velocities[i])
        else:
            self._muon_update_step(gradient, variable, learning_rate, self.momentums[i])

    def _muon_update_step(self, gradient, variable, lr, m):
        m[...] = m + (gradient + m * (self.momentum - 1))
        g = gradient + self.momentum * m if self.nesterov else m
        update = zeropower_via_newtonschulz5(g, self.ns_steps, self.muon_a, self.muon_b, self.muon_c)
        variable[...] = variable - self.lr_adjust(lr * update)

    def _adamw_update_step(self, gradient, variable, lr, m, v):
        step = np.asarray(self.iterations + 1, variable.dtype)
        alpha = adam_alpha(lr, self.adam_beta_1, self.adam_beta_2, step, variable.dtype)
        adam_moments(m, v, gradient, self.adam_beta_1, self.adam_beta_2)
        variable[...] = variable - m * alpha / (np.sqrt(v) + self.epsilon)

    def lr_adjust(self, x):
        """Moonlight's rescaling: ``x * sqrt(max(rows, cols)) * rms_rate``."""
        if self.rms_rate is None:
            return x
        return x * np.sqrt(max(x.shape[0], x.shape[1])) * self.rms_rate

    def _weight_decay_rate(self, variable):
        if not self._use_weight_decay(variable):
            return None
        return self.adam_weight_decay if self._should_use_adamw(variable) else self.weight_decay

    def get_config(self):
        config = super().get_config()
        config.update({key: getattr(self, key) for key in (
            "adam_beta_1", "adam_beta_2", "epsilon", "exclude_layers", "muon_a", "muon_b", "muon_c",
            "adam_lr_ratio", "momentum", "ns_steps", "nesterov", "exclude_embeddings",
            "adam_weight_decay", "rms_rate")})
        return config
