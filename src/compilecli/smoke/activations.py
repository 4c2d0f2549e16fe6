"""Activations in float64 numpy, forward and backward, following Keras 3's defaults
(leaky_relu slope 0.2, gelu exact, hard_sigmoid = relu6(x + 3) / 6, ...). The common
ones have analytic derivatives; the rarer element-wise ones are differentiated by
central differences, which is exact enough for a smoke run and keeps this file short.
"""
from __future__ import annotations

import math

import numpy as np

from compilecli.numerics.losses._ops import log_softmax, sigmoid, softplus

SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805
_erf = np.frompyfunc(math.erf, 1, 1)


def _relu6(z):
    return np.clip(z, 0.0, 6.0)


def _elu(z):
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))


# Element-wise activations: name -> forward. Their derivative comes from `_elementwise_grad`.
ELEMENTWISE = {
    "linear": lambda z: z,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "softplus": softplus,
    "softsign": lambda z: z / (1.0 + np.abs(z)),
    "elu": _elu,
    "selu": lambda z: SELU_SCALE * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0.0))),
    "gelu": lambda z: 0.5 * z * (1.0 + _erf(z / math.sqrt(2.0)).astype(np.float64)),
    "silu": lambda z: z * sigmoid(z),
    "swish": lambda z: z * sigmoid(z),
    "exponential": np.exp,
    "hard_sigmoid": lambda z: _relu6(z + 3.0) / 6.0,
    "leaky_relu": lambda z: np.where(z > 0, z, 0.2 * z),
    "relu6": _relu6,
    "mish": lambda z: z * np.tanh(softplus(z)),
    "hard_silu": lambda z: z * _relu6(z + 3.0) / 6.0,
    "hard_swish": lambda z: z * _relu6(z + 3.0) / 6.0,
    "celu": _elu,   # alpha = 1.0, Keras's default, makes celu identical to elu
}
# Analytic derivatives, written in terms of the output y where that is cheapest.
_DERIVATIVE = {
    "linear": lambda z, y: 1.0,
    "relu": lambda z, y: (z > 0).astype(np.float64),
    "sigmoid": lambda z, y: y * (1.0 - y),
    "tanh": lambda z, y: 1.0 - y * y,
    "exponential": lambda z, y: y,
}


def _sparsemax(z):
    srt = -np.sort(-z, axis=-1)
    k = np.arange(1, z.shape[-1] + 1)
    cumsum = np.cumsum(srt, axis=-1)
    support = (1.0 + k * srt) > cumsum
    k_z = np.sum(support, axis=-1, keepdims=True)
    tau = (np.take_along_axis(cumsum, k_z - 1, axis=-1) - 1.0) / k_z
    return np.maximum(z - tau, 0.0)


def _glu(z):
    a, b = np.split(z, 2, axis=-1)
    return a * sigmoid(b)


def _softmax(z):
    # jax.nn.softmax's form, exp(z - max) / sum, which Keras's jax backend uses: in place, it is
    # fewer passes than exp(log_softmax(z)) and the head's most frequent activation.
    e = z - np.maximum.reduce(z, axis=-1, keepdims=True)
    np.exp(e, out=e)
    e /= np.add.reduce(e, axis=-1, keepdims=True)
    return e


VECTOR = {"softmax": _softmax, "log_softmax": log_softmax, "softmin": lambda z: _softmax(-z),
          "sparsemax": _sparsemax, "glu": _glu}
ACTIVATIONS = tuple(ELEMENTWISE) + tuple(VECTOR)


def activation(name):
    """The forward function of activation ``name``."""
    return VECTOR[name] if name in VECTOR else ELEMENTWISE[name]


def activate(name, z):
    return activation(name)(z)


def activation_backward(name, z, y, dy):
    """d loss / d z from d loss / d y, for y = activation(z)."""
    if name in _DERIVATIVE:
        return dy * _DERIVATIVE[name](z, y)
    if name in ELEMENTWISE:
        h = 1e-6 * np.maximum(1.0, np.abs(z))
        fwd = ELEMENTWISE[name]
        return dy * (fwd(z + h) - fwd(z - h)) / (2.0 * h)
    if name in ("softmax", "softmin"):
        sign = 1.0 if name == "softmax" else -1.0
        return sign * y * (dy - np.sum(dy * y, axis=-1, keepdims=True))
    if name == "log_softmax":
        return dy - np.exp(y) * np.sum(dy, axis=-1, keepdims=True)
    if name == "sparsemax":
        support = (y > 0).astype(np.float64)
        mean = np.sum(dy * support, axis=-1, keepdims=True) / np.sum(support, axis=-1, keepdims=True)
        return support * (dy - mean)
    a, b = np.split(z, 2, axis=-1)   # glu
    s = sigmoid(b)
    return np.concatenate([dy * s, dy * a * s * (1.0 - s)], axis=-1)


def output_width(activation, units):
    """What a head of `units` emits: glu halves the last axis."""
    return units // 2 if activation == "glu" else units
