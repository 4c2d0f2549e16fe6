"""Per-sample regression and hinge losses (Keras 3 ``keras.losses`` functions).

Each function returns one value per sample: the reduction is over the last axis
(or ``axis``), the batch axes are kept.
"""
from __future__ import annotations

import math

import numpy as np

from ._ops import EPSILON, l2_normalize, softplus, squeeze_or_expand_to_same_rank, cast_pair, to_float


def _pair(y_true, y_pred):
    return squeeze_or_expand_to_same_rank(*cast_pair(y_true, y_pred))


def mean_squared_error(y_true, y_pred):
    """mean((y_true - y_pred) ** 2, axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return np.mean(np.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """mean(abs(y_true - y_pred), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return np.mean(np.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    diff = np.abs((y_true - y_pred) / np.maximum(np.abs(y_true), EPSILON))
    return 100.0 * np.mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """mean((log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)) ** 2, axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    first_log = np.log(np.maximum(y_pred, EPSILON) + 1.0)
    second_log = np.log(np.maximum(y_true, EPSILON) + 1.0)
    return np.mean(np.square(first_log - second_log), axis=-1)


def cosine_similarity(y_true, y_pred, axis=-1):
    """-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis): -1 is best, as a loss."""
    y_true, y_pred = _pair(y_true, y_pred)
    return -np.sum(l2_normalize(y_true, axis) * l2_normalize(y_pred, axis), axis=axis)


def huber(y_true, y_pred, delta=1.0):
    """mean(0.5 * e**2 if |e| <= delta else delta * |e| - 0.5 * delta**2, axis=-1)."""
    y_true, y_pred = _pair(y_true, y_pred)
    delta = np.asarray(delta, dtype=y_pred.dtype)   # Keras casts delta to the inputs' type
    error = y_pred - y_true
    abs_error = np.abs(error)
    quadratic = 0.5 * np.square(error)
    linear = delta * abs_error - 0.5 * np.square(delta)
    return np.mean(np.where(abs_error <= delta, quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    """mean(log(cosh(y_pred - y_true)), axis=-1), computed as x + softplus(-2x) - log 2."""
    y_true, y_pred = _pair(y_true, y_pred)
    x = y_pred - y_true
    return np.mean(x + softplus(-2.0 * x) - math.log(2.0), axis=-1)


def _to_hinge_labels(y_true):
    # Keras converts {0, 1} labels to {-1, 1} only when *every* label is 0 or 1.
    is_binary = np.all((y_true == 0) | (y_true == 1))
    return 2.0 * y_true - 1.0 if is_binary else y_true


def hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0), axis=-1), labels in {-1, 1} (or {0, 1})."""
    y_true, y_pred = cast_pair(y_true, y_pred)
    y_true = _to_hinge_labels(y_true)
    return np.mean(np.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


def squared_hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0) ** 2, axis=-1)."""
    y_true, y_pred = cast_pair(y_true, y_pred)
    y_true = _to_hinge_labels(y_true)
    return np.mean(np.square(np.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """max(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0) over the last axis."""
    y_true, y_pred = cast_pair(y_true, y_pred)
    pos = np.sum(y_true * y_pred, axis=-1)
    neg = np.max((1.0 - y_true) * y_pred, axis=-1)
    return np.maximum(neg - pos + 1.0, 0.0)
