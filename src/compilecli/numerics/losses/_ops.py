"""numpy versions of the few backend ops Keras 3's losses and metrics are built from.

Each helper mirrors the JAX backend (``keras/src/backend/jax``) so that results agree
with real Keras to rounding error. Everything computes in the float type of its input
(see ``to_float``): float32 by default, as Keras.
"""
from __future__ import annotations

import re

import numpy as np

from ..config import floatx

EPSILON = 1e-7   # keras.config.epsilon(): the clip/guard constant used throughout


def to_float(x, dtype=None) -> np.ndarray:
    """``x`` as a float array: in ``dtype`` when given; else a float array keeps its float type
    (Keras's functions compute in their input's dtype) and anything else -- ints, bools, Python
    numbers and lists -- becomes ``floatx()``, as ``ops.convert_to_tensor`` makes it."""
    if dtype is None:
        if isinstance(x, (np.ndarray, np.generic)) and x.dtype.kind == "f":
            return np.asarray(x)
        dtype = floatx()
    return np.asarray(x, dtype=dtype)


def cast_pair(y_true, y_pred, dtype=None):
    """(y_true, y_pred) as floats, y_true in y_pred's float type: the first lines of every Keras
    loss function (``y_pred = convert_to_tensor(y_pred); y_true = cast(y_true, y_pred.dtype)``).
    ``dtype``: both in that type instead (a metric's own)."""
    y_pred = to_float(y_pred, dtype)
    return np.asarray(y_true, dtype=y_pred.dtype), y_pred


def sum_in_order(x, axis=None, keepdims=False):
    """A float32 sum taken element after element, as XLA's CPU reduction of a row does (numpy's
    pairwise blocks from 8 items on give other float32 roundings: up to 9e-5 relative on a
    12-column ConcordanceCorrelation; tests/numerics/golden/pins.json)."""
    x = np.asarray(x)
    flat = x.reshape(-1) if axis is None else x
    total = np.cumsum(flat, axis=0 if axis is None else axis, dtype=np.float32)
    total = total[-1] if axis is None else np.take(total, -1, axis=axis)
    if keepdims:
        total = np.reshape(total, [1] * x.ndim) if axis is None else np.expand_dims(total, axis)
    return np.float32(total) if np.ndim(total) == 0 else total


def keras_mean(x, axis=None, keepdims=False):
    """``ops.mean`` outside TensorFlow: summed in float32 whatever the input's float type
    (``result_type(float64, "float32")`` is float32 there), then cast back to it. XLA divides by
    the count as a multiplication by its float32 reciprocal."""
    count = x.size if axis is None else x.shape[axis]
    total = sum_in_order(x, axis=axis, keepdims=keepdims)
    return (total * np.float32(1.0 / count)).astype(x.dtype)


def keras_var(x, axis=None, keepdims=False):
    """``ops.var`` outside TensorFlow: computed in float32 and returned as float32, even for
    float64 input (its result type is ``result_type(x.dtype, float)``)."""
    x32 = np.asarray(x, dtype=np.float32)
    count = x32.size if axis is None else x32.shape[axis]
    centered = x32 - keras_mean(x32, axis=axis, keepdims=True)
    # jnp.var's final step is a true division (measured: closer to Keras than the reciprocal).
    return sum_in_order(centered * centered, axis=axis, keepdims=keepdims) / np.float32(count)


def to_snake_case(name: str) -> str:
    """keras.src.utils.naming.to_snake_case: "MeanIoU" -> "mean_io_u"."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def divide_no_nan(a, b):
    """a / b, with 0 wherever b == 0 (ops.divide_no_nan)."""
    a, b = to_float(a), to_float(b)
    a, b = np.broadcast_arrays(a, b)
    safe = np.where(b == 0, 1.0, b)
    with np.errstate(all="ignore"):
        return np.where(b == 0, 0.0, a / safe).astype(np.result_type(a, b), copy=False)


def sigmoid(x):
    x = to_float(x)
    # Two branches so that exp never overflows.
    ex = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + ex), ex / (1.0 + ex))


def softplus(x):
    return np.logaddexp(to_float(x), 0.0)   # a Python 0.0 keeps x's float type


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


def one_hot(indices, depth, axis=-1, dtype=None):
    """jax.nn.one_hot: out-of-range (and negative) indices give an all-zero row."""
    indices = np.asarray(indices)
    hot = (indices[..., None] == np.arange(depth)).astype(dtype or floatx())
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
    out = to_float(values).view(MaskedValues)
    out._keras_mask = np.asarray(mask, dtype=bool)
    return out


def get_mask(values):
    return getattr(values, "_keras_mask", None)
