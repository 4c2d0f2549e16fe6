"""numpy versions of the few backend ops Keras 3's losses and metrics are built from.

Each helper mirrors the JAX backend (``keras/src/backend/jax``) so that float64
results agree with real Keras to rounding error. Everything computes in float64.
"""
from __future__ import annotations

import re

import numpy as np

EPSILON = 1e-7   # keras.config.epsilon(): the clip/guard constant used throughout


def to_float(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def to_snake_case(name: str) -> str:
    """keras.src.utils.naming.to_snake_case: "MeanIoU" -> "mean_io_u"."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def divide_no_nan(a, b):
    """a / b, with 0 wherever b == 0 (ops.divide_no_nan)."""
    a, b = np.broadcast_arrays(to_float(a), to_float(b))
    safe = np.where(b == 0, 1.0, b)
    return np.where(b == 0, 0.0, a / safe)


def sigmoid(x):
    x = to_float(x)
    # Two branches so that exp never overflows.
    ex = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + ex), ex / (1.0 + ex))


def softplus(x):
    return np.logaddexp(to_float(x), 0.0)


def log_sigmoid(x):
    return -softplus(-to_float(x))


def log_softmax(x, axis=-1):
    x = to_float(x)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax(x, axis=-1):
    return np.exp(log_softmax(x, axis=axis))


def logsumexp(x, axis=None):
    """jax.scipy.special.logsumexp: rows that are all -inf give -inf, not nan."""
    x = to_float(x)
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    return np.squeeze(out, axis=axis) if axis is not None else out.reshape(())


def l2_normalize(x, axis=-1):
    """ops.normalize(order=2): x * min(rsqrt(sum(x**2)), 1/epsilon)."""
    x = to_float(x)
    square_sum = np.sum(np.square(x), axis=axis, keepdims=True)
    with np.errstate(divide="ignore"):
        inv_norm = 1.0 / np.sqrt(square_sum)
    return x * np.minimum(inv_norm, 1.0 / EPSILON)


def one_hot(indices, depth, axis=-1):
    """jax.nn.one_hot: out-of-range (and negative) indices give an all-zero row."""
    indices = np.asarray(indices)
    hot = (indices[..., None] == np.arange(depth)).astype(np.float64)
    return np.moveaxis(hot, -1, axis) if axis != -1 else hot


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """keras.losses.loss.squeeze_or_expand_to_same_rank: fix ranks that differ by a trailing 1."""
    r1, r2 = np.ndim(x1), np.ndim(x2)
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and np.shape(x1)[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = np.expand_dims(x2, -1)
        else:
            x1 = np.squeeze(x1, -1)
    if r2 == r1 + 1 and np.shape(x2)[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = np.expand_dims(x1, -1)
        else:
            x2 = np.squeeze(x2, -1)
    return x1, x2


class MaskedValues(np.ndarray):
    """An ndarray carrying ``_keras_mask``, as ``backend.set_keras_mask`` does on a tensor.

    A few losses (sparse crossentropy with ``ignore_class``, circle) mark entries as
    invalid; ``Loss.__call__`` and the metric wrappers turn that mask into weights.
    Arithmetic on the array drops the mask, exactly like a new Keras tensor.
    """


def set_mask(values, mask):
    out = np.asarray(values, dtype=np.float64).view(MaskedValues)
    out._keras_mask = np.asarray(mask, dtype=bool)
    return out


def get_mask(values):
    return getattr(values, "_keras_mask", None)
