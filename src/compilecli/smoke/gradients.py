"""The reduced loss of one output and its gradient d loss / d y_pred.

Any loss from ``compilecli.numerics.losses`` works through the generic path:
central differences of the per-sample loss, the whole batch at once, one pass
per output unit (so it assumes samples do not interact, as nearly all Keras
losses do). The common losses have analytic gradients, which are faster and
exact; tests check that both paths agree.
"""
from __future__ import annotations

import numpy as np

from compilecli.numerics.losses import base as loss_base
from compilecli.numerics.losses import probabilistic as P
from compilecli.numerics.losses import regression as R
from compilecli.numerics.losses._ops import EPSILON, get_mask, sigmoid, softmax


# Without a mask or sample weights these all divide the sum of the values by their count.
MEAN_REDUCTIONS = ("sum_over_batch_size", "mean", "mean_with_sample_weight", None, "none")


def as_loss(loss):
    """Keras wraps a plain loss function in a sum_over_batch_size wrapper; so do we."""
    return loss if isinstance(loss, loss_base.Loss) else loss_base.LossFunctionWrapper(loss)


def loss_value(loss, y_true, y_pred) -> float:
    """The reduced loss alone (the probe evaluations need no gradient)."""
    return _reduce(loss, loss.call(np.asarray(y_true, dtype=np.float64), y_pred))


def loss_and_grad(loss, y_true, y_pred, numeric=False):
    """(reduced loss, d loss / d y_pred). `loss` must come from `as_loss`."""
    values = loss.call(np.asarray(y_true, dtype=np.float64), y_pred)
    total = _reduce(loss, values)
    coef = _reduction_coef(loss, values)
    analytic = None if numeric else _analytic(loss, y_true, y_pred)
    if analytic is not None and np.ndim(values) == 1:
        return total, analytic * (coef[:, None] if np.ndim(coef) else coef)
    return total, _numeric(loss, y_true, y_pred, coef)


def _reduce(loss, values):
    if get_mask(values) is None and loss.reduction in MEAN_REDUCTIONS:
        return float(np.sum(values)) / max(np.size(values), 1)   # the common case, without the generic overhead
    reduction = loss.reduction if loss.reduction not in (None, "none") else "sum_over_batch_size"
    return float(loss_base.reduce_weighted_values(values, None, get_mask(values), reduction))


def _reduction_coef(loss, values):
    """d (reduced loss) / d values: the reduction is linear in the values."""
    size = max(np.size(values), 1)
    scale = 1.0 if loss.reduction == "sum" else 1.0 / size
    mask = get_mask(values)
    if mask is None:
        return scale   # a scalar broadcasts, and is cheaper than an array of one value
    weights = loss_base.apply_mask(None, mask, loss.reduction) if mask is not None else 1.0
    return np.broadcast_to(np.asarray(weights, dtype=np.float64) * scale, np.shape(values))


def _numeric(loss, y_true, y_pred, coef):
    """Columns of the gradient of a 2-D (batch, units) prediction, one pair of loss calls each."""
    grad = np.empty_like(y_pred)
    yt = np.asarray(y_true, dtype=np.float64)
    # A relative step keeps y_pred inside the loss's domain (probabilities stay positive).
    steps = 1e-5 * np.maximum(np.abs(y_pred), 1e-2)
    for j in range(y_pred.shape[-1]):
        up, down = y_pred.copy(), y_pred.copy()
        up[:, j] += steps[:, j]
        down[:, j] -= steps[:, j]
        with np.errstate(all="ignore"):
            diff = (np.asarray(loss.call(yt, up)) - np.asarray(loss.call(yt, down))) * coef
        if diff.ndim > 1:   # a loss that keeps more than the batch axis: sum the rest per sample
            diff = diff.reshape(len(diff), -1).sum(axis=1)
        grad[:, j] = np.broadcast_to(diff, grad.shape[:1]) / (2.0 * steps[:, j])
    return grad


def _analytic(loss, y_true, y_pred):
    """Per-sample d values / d y_pred for the common losses, or None to fall back."""
    fn = getattr(loss, "fn", None)
    kwargs = dict(getattr(loss, "_fn_kwargs", {}))
    if kwargs.get("axis", -1) != -1 or kwargs.get("ignore_class") is not None:
        return None
    yt = np.asarray(y_true, dtype=np.float64)
    if fn is P.sparse_categorical_crossentropy:
        yt = np.eye(y_pred.shape[-1])[yt.reshape(len(yt)).astype(np.int64)]
        return _categorical(yt, y_pred, kwargs.get("from_logits", False))
    if yt.shape != y_pred.shape:
        return None
    k = y_pred.shape[-1]
    if fn is R.mean_squared_error:
        return 2.0 * (y_pred - yt) / k
    if fn is R.mean_absolute_error:
        return np.sign(y_pred - yt) / k
    smoothing = kwargs.get("label_smoothing", 0.0) or 0.0
    if fn is P.categorical_crossentropy:
        yt = yt * (1.0 - smoothing) + smoothing / k if smoothing else yt
        return _categorical(yt, y_pred, kwargs.get("from_logits", False))
    if fn is P.binary_crossentropy:
        yt = yt * (1.0 - smoothing) + 0.5 * smoothing if smoothing else yt
        return _binary(yt, y_pred, kwargs.get("from_logits", False)) / k
    return None


def _categorical(yt, y_pred, from_logits):
    if from_logits:
        return softmax(y_pred) * yt.sum(axis=-1, keepdims=True) - yt
    # loss = -sum(yt * log(clip(q))), q = y_pred / sum(y_pred): chain through clip and the sum.
    total = y_pred.sum(axis=-1, keepdims=True)
    q = y_pred / total
    inside = (q > EPSILON) & (q < 1.0 - EPSILON)
    dq = np.where(inside, -yt / q, 0.0)   # the trainer runs under errstate(all="ignore")
    return (dq - np.sum(dq * q, axis=-1, keepdims=True)) / total


def _binary(yt, y_pred, from_logits):
    if from_logits:
        return sigmoid(y_pred) - yt
    inside = (y_pred > EPSILON) & (y_pred < 1.0 - EPSILON)
    return np.where(inside, (1.0 - yt) / (1.0 - y_pred) - yt / y_pred, 0.0)
