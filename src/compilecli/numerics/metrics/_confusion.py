"""Confusion-matrix counting at thresholds (``metrics_utils.update_confusion_matrix_variables``).

``confusion_counts`` returns the increments of the requested counts ("tp", "fp",
"tn", "fn"), one per threshold (per label too with ``multi_label``). A prediction is
positive at threshold t when it is strictly greater than t. Evenly spaced thresholds
use Keras's bucketed algorithm; it gives the same counts, except for the clipping of
predictions into [0, 1] that only that path does, which is mirrored.
"""
from __future__ import annotations

import numpy as np

from ..losses._ops import squeeze_or_expand_to_same_rank, cast_pair, to_float

NEG_INF = -1e10
KINDS = ("tp", "fp", "tn", "fn")


def parse_thresholds(thresholds, default):
    """A list of thresholds; user-given ones must lie in [0, 1]."""
    if thresholds is None:
        return [default]
    thresholds = list(thresholds) if isinstance(thresholds, (list, tuple)) else [thresholds]
    bad = [t for t in thresholds if t is None or t < 0 or t > 1]
    if bad:
        raise ValueError(f"Threshold values must be in [0, 1]. Received: {bad}")
    return thresholds


def is_evenly_distributed(thresholds):
    """Keras compares in float32 with atol=epsilon; three or more thresholds needed."""
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=np.float32) / (n - 1)
    return bool(np.allclose(thresholds, even, atol=1e-7))


def _filter_top_k(x, k):
    # Stable sort: among equal scores the lower index wins, like jax.lax.top_k.
    idx = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    mask = np.zeros_like(x)
    np.put_along_axis(mask, idx, 1.0, axis=-1)
    return x * mask + NEG_INF * (1 - mask)


def confusion_counts(kinds, y_true, y_pred, thresholds, top_k=None, class_id=None,
                     sample_weight=None, multi_label=False, label_weights=None, evenly=False, dtype=None):
    """The counts' increments, computed in ``dtype`` (the metric's: Keras casts everything to
    its variables' type)."""
    y_true, y_pred = to_float(y_true, dtype), to_float(y_pred, dtype)
    dtype = y_pred.dtype
    y_true = y_true.astype(dtype, copy=False)
    thresholds = to_float(thresholds, dtype)
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = np.expand_dims(to_float(sample_weight, dtype), -1)
        _, sample_weight = squeeze_or_expand_to_same_rank(y_true, sample_weight, expand_rank_1=False)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        if y_pred.ndim == 1:
            raise ValueError("When class_id is provided, y_pred must be a 2D array with shape "
                             f"(num_samples, num_classes), found shape: {y_pred.shape}")
        y_true, y_pred = y_true[..., class_id, None], y_pred[..., class_id, None]
    label_weights = None if label_weights is None else to_float(label_weights, dtype)
    if evenly:
        with_eps = bool(thresholds[0] < 0.0 or thresholds[-1] > 1.0)
        return _bucketed(kinds, y_true, y_pred, len(thresholds), multi_label, sample_weight,
                         label_weights, with_eps)
    return _tiled(kinds, y_true, y_pred, thresholds, multi_label, sample_weight, label_weights)


def _tiled(kinds, y_true, y_pred, thresholds, multi_label, sample_weight, label_weights):
    """Compare every prediction with every threshold: counts of shape (T,) or (T, labels)."""
    if multi_label:
        preds, labels, t_shape = y_pred[None], y_true[None].astype(bool), (-1, 1, 1)
    else:
        preds, labels, t_shape = y_pred.reshape(1, -1), y_true.reshape(1, -1).astype(bool), (-1, 1)
    pred_pos = preds > thresholds.reshape(t_shape)
    weights = None
    if sample_weight is not None:
        weights = np.broadcast_to(sample_weight, y_pred.shape).reshape(preds.shape)
    if label_weights is not None and not multi_label:
        lw = np.broadcast_to(label_weights[None], y_pred.shape).reshape(preds.shape)
        weights = lw if weights is None else weights * lw
    conditions = {"tp": (labels, pred_pos), "fp": (~labels, pred_pos),
                  "tn": (~labels, ~pred_pos), "fn": (labels, ~pred_pos)}
    out = {}
    for kind in kinds:
        label, pred = conditions[kind]
        both = label & pred
        values = np.where(both, weights, 0.0) if weights is not None else both.astype(y_pred.dtype)
        out[kind] = np.sum(values, axis=1)
    return out


def _segment_sum(data, ids, num):
    # jax.ops.segment_sum silently drops out-of-range ids (e.g. bucket -1 for p == 0).
    keep = (ids >= 0) & (ids < num)
    return np.bincount(ids[keep], weights=data[keep], minlength=num).astype(data.dtype)   # bincount sums in float64


def _bucketed(kinds, y_true, y_pred, num_thresholds, multi_label, sample_weight, label_weights, with_eps):
    """Keras's O(n + T) path for evenly spaced thresholds: bucket each prediction, then
    reverse-cumsum so that count[i] covers every prediction above threshold i."""
    weights = 1.0
    if sample_weight is not None:
        weights = np.broadcast_to(sample_weight, y_pred.shape)
        weights = weights if multi_label else weights.reshape(-1)
    if label_weights is not None:
        lw = np.broadcast_to(label_weights[None], y_pred.shape)
        weights = weights * (lw if multi_label else lw.reshape(-1))
    y_pred = np.clip(y_pred, 0.0, 1.0)
    y_true = (y_true != 0).astype(y_pred.dtype)
    if not multi_label:
        y_true, y_pred = y_true.reshape(-1), y_pred.reshape(-1)
    true_labels = y_true * weights
    false_labels = (1.0 - y_true) * weights
    buckets = np.ceil(y_pred * (num_thresholds - 1)) - 1
    buckets = (np.maximum(buckets, 0) if with_eps else buckets).astype(np.int64)
    if multi_label:
        tp = np.stack([_segment_sum(t, b, num_thresholds) for t, b in zip(true_labels.T, buckets.T)], axis=1)
        fp = np.stack([_segment_sum(f, b, num_thresholds) for f, b in zip(false_labels.T, buckets.T)], axis=1)
        total_true, total_false = np.sum(true_labels, axis=0), np.sum(false_labels, axis=0)
    else:
        tp = _segment_sum(true_labels, buckets, num_thresholds)
        fp = _segment_sum(false_labels, buckets, num_thresholds)
        total_true, total_false = np.sum(true_labels), np.sum(false_labels)
    tp = np.flip(np.cumsum(np.flip(tp, 0), axis=0), 0)
    fp = np.flip(np.cumsum(np.flip(fp, 0), axis=0), 0)
    counts = {"tp": tp, "fp": fp, "tn": total_false - fp, "fn": total_true - tp}
    return {kind: counts[kind] for kind in kinds}
