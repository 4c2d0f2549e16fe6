"""A softmax head under (sparse) categorical crossentropy, fused: the loss value and its
gradient with respect to the head's logits in one pass.

Keras's loss renormalises the probabilities (q = p / sum(p)) and clips them to
[eps, 1 - eps] before the log. Through softmax, renormalisation and log, the gradient of
-sum(t * log q) with respect to the logits is p * sum(t') - t', where t' is t with the
clipped entries zeroed (their log is flat): for one-hot labels inside the clip, just p - t.
That skips the softmax Jacobian and the d loss / d p step of the generic path. The value
is computed with the numerics' own operations, so it equals what the Loss object reports
(tests compare both, clipping included).
"""
from __future__ import annotations

from functools import lru_cache, partial

import numpy as np

from compilecli.numerics.losses import base as loss_base
from compilecli.numerics.losses import probabilistic as P
from compilecli.numerics.losses._ops import EPSILON
from compilecli.smoke.gradients import MEAN_REDUCTIONS


def fused_head(loss, activation):
    """A function (y_true, p, scale) -> (reduced loss, d (scale * loss) / d logits) for a softmax
    head, or None when this loss is not one the fusion covers. The function itself returns None
    for labels of another shape: the generic path then runs, and reports what the numerics say."""
    if activation != "softmax" or not isinstance(loss, loss_base.LossFunctionWrapper):
        return None
    kwargs = loss._fn_kwargs
    if (kwargs.get("from_logits") or kwargs.get("axis", -1) != -1 or kwargs.get("ignore_class") is not None
            or loss.reduction not in MEAN_REDUCTIONS + ("sum",)):
        return None
    mean = loss.reduction != "sum"
    if loss.fn is P.sparse_categorical_crossentropy:
        return partial(_sparse, mean=mean)
    if loss.fn is P.categorical_crossentropy:
        smoothing = kwargs.get("label_smoothing", 0.0) or 0.0
        return partial(_categorical, mean=mean, smoothing=smoothing)
    return None


def _sparse(y, p, scale, mean):
    # Integer labels in [0, units), as data.py makes them (Keras's one_hot zeroes others: not fused).
    if y.ndim != 1 or y.dtype.kind not in "iu" or p.ndim != 2 or not len(y):
        return None
    count, units = p.shape
    hit = _row_starts(count, units) + y                    # flat index of each label's probability
    q = p.take(hit) / np.add.reduce(p, axis=1)             # renormalised, for the labels only
    coef = scale / count if mean else scale
    if np.minimum.reduce(q) >= EPSILON and np.maximum.reduce(q) <= 1.0 - EPSILON:
        # The usual case: the clip changes nothing, so log(q) is log(clip(q)) bit for bit, and
        # every sample has the same scalar weight.
        total = -float(np.add.reduce(np.log(q)))           # -sum(log): the same bits as sum(-log)
        dz = p * coef
        dz.reshape(-1)[hit] -= coef                        # p - onehot, weighted, without the onehot
        return (total / count if mean else total), dz
    clipped = np.minimum(np.maximum(q, EPSILON), 1.0 - EPSILON)   # np.clip's numbers, less overhead
    total = -float(np.add.reduce(np.log(clipped)))
    value = total / count if mean else total
    # Where the clip changed q its log is flat: that sample's gradient is 0.
    inside = clipped == q
    weight = inside * coef
    dz = p * weight[:, None]
    dz.reshape(-1)[hit] -= weight
    return value, dz


@lru_cache(maxsize=8)
def _row_starts(count, units):
    """0, units, 2 * units, ...: where each row of a (count, units) array starts (read-only, shared)."""
    starts = np.arange(0, count * units, units)
    starts.flags.writeable = False
    return starts


def _categorical(t, p, scale, mean, smoothing):
    if t.shape != p.shape or p.ndim != 2 or not len(t):
        return None
    if smoothing:
        t = t * (1.0 - smoothing) + smoothing / t.shape[-1]
    q = p / p.sum(axis=-1, keepdims=True)
    values = -(t * np.log(np.clip(q, EPSILON, 1.0 - EPSILON))).sum(axis=-1)
    value = _reduce(values, mean)
    t = np.where((q > EPSILON) & (q < 1.0 - EPSILON), t, 0.0)
    dz = p * t.sum(axis=-1, keepdims=True) - t
    dz *= scale / len(t) if mean else scale
    return value, dz


def _reduce(values, mean):
    # As gradients' generic path: float(sum) / count, the numerics' sum_over_batch_size.
    total = float(values.sum())
    return total / values.size if mean else total
