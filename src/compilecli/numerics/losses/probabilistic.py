"""Per-sample crossentropy and divergence losses (Keras 3 ``keras.losses`` functions).

Probabilities are clipped to [epsilon, 1 - epsilon] (epsilon = 1e-7) before the log,
as Keras does; ``from_logits=True`` uses log-softmax / log-sigmoid instead.
"""
from __future__ import annotations

import numpy as np

from ._ops import (EPSILON, cast_pair, log_sigmoid, log_softmax, one_hot, set_mask, sigmoid,
                   softmax, to_float)


def _same_shape(target, output):
    if target.shape != output.shape:
        raise ValueError(
            "Arguments `target` and `output` must have the same shape. "
            f"Received: target.shape={target.shape}, output.shape={output.shape}")


def _log_probs(output, from_logits, axis):
    if from_logits:
        return log_softmax(output, axis=axis)
    # Renormalise so rows sum to 1, then clip away log(0).
    output = output / np.sum(output, axis=axis, keepdims=True)
    return np.log(np.clip(output, EPSILON, 1.0 - EPSILON))


def _elementwise_bce(target, output, from_logits):
    """ops.binary_crossentropy: one value per element."""
    _same_shape(target, output)
    if from_logits:
        return -target * log_sigmoid(output) - (1.0 - target) * log_sigmoid(-output)
    output = np.clip(output, EPSILON, 1.0 - EPSILON)
    return -(target * np.log(output) + (1.0 - target) * np.log(1.0 - output))


def _smooth_categorical(y_true, label_smoothing):
    if not label_smoothing:
        return y_true
    return y_true * (1.0 - label_smoothing) + label_smoothing / y_true.shape[-1]


def _check_axis(axis):
    if isinstance(axis, bool):
        raise ValueError(f"`axis` must be of type `int`. Received: axis={axis} of type {type(axis)}")


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """-sum(y_true * log(p), axis) with one-hot (optionally smoothed) labels."""
    _check_axis(axis)
    y_true, y_pred = cast_pair(y_true, y_pred)
    y_true = _smooth_categorical(y_true, label_smoothing)
    _same_shape(y_true, y_pred)
    return -np.sum(y_true * _log_probs(y_pred, from_logits, axis), axis=axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Categorical crossentropy with integer labels; ``ignore_class`` labels give 0 and are masked."""
    y_pred, y_true = to_float(y_pred), np.asarray(y_true)
    if y_true.ndim == y_pred.ndim and y_true.shape[axis] == 1:
        y_true = np.squeeze(y_true, axis=axis)
    valid = None
    if ignore_class is not None:
        valid = y_true != ignore_class
        y_true = np.where(valid, y_true, 0)
        y_pred = np.where(np.expand_dims(valid, axis), y_pred, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):   # all-zero ignored rows -> nan, dropped below
        log_prob = _log_probs(y_pred, from_logits, axis)
    target = one_hot(y_true.astype(np.int32), y_pred.shape[axis], axis=axis, dtype=y_pred.dtype)
    with np.errstate(invalid="ignore"):
        res = -np.sum(target * log_prob, axis=axis)
    if valid is None:
        return res
    return set_mask(np.where(valid, res, 0.0), valid)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """mean over ``axis`` of -(y log p + (1 - y) log(1 - p)); smoothing pulls labels to 0.5."""
    y_true, y_pred = cast_pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return np.mean(_elementwise_bce(y_true, y_pred, from_logits), axis=axis)


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0,
                              from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary crossentropy scaled by (1 - p_t) ** gamma, optionally by alpha / (1 - alpha)."""
    y_true, y_pred = cast_pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = sigmoid(y_pred)
    bce = _elementwise_bce(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
    focal_bce = np.power(1.0 - p_t, gamma) * bce
    if apply_class_balancing:
        focal_bce = (y_true * alpha + (1 - y_true) * (1 - alpha)) * focal_bce
    return np.mean(focal_bce, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """sum(alpha * (1 - p) ** gamma * -y_true * log(p), axis)."""
    _check_axis(axis)
    y_true, y_pred = cast_pair(y_true, y_pred)
    y_true = _smooth_categorical(y_true, label_smoothing)
    if from_logits:
        y_pred = softmax(y_pred, axis=axis)
    output = y_pred / np.sum(y_pred, axis=axis, keepdims=True)
    output = np.clip(output, EPSILON, 1.0 - EPSILON)
    cce = -y_true * np.log(output)
    return np.sum(alpha * np.power(1.0 - output, gamma) * cce, axis=axis)


def kl_divergence(y_true, y_pred):
    """sum(y_true * log(y_true / y_pred), axis=-1), both clipped to [epsilon, 1]."""
    y_true, y_pred = cast_pair(y_true, y_pred)
    y_true = np.clip(y_true, EPSILON, 1.0)
    y_pred = np.clip(y_pred, EPSILON, 1.0)
    return np.sum(y_true * np.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)."""
    y_true, y_pred = cast_pair(y_true, y_pred)
    return np.mean(y_pred - y_true * np.log(y_pred + EPSILON), axis=-1)


def categorical_generalized_cross_entropy(y_true, y_pred, q):
    """(1 - p_true ** q) / q with integer labels (noise-robust generalised crossentropy)."""
    y_pred = to_float(y_pred)
    target = one_hot(np.asarray(y_true).astype(np.int64), y_pred.shape[-1], dtype=y_pred.dtype)
    p = np.sum(y_pred * target, axis=-1)
    return (1 - np.power(p, q)) / q
