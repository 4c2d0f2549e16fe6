"""Accuracy metrics (``keras/src/metrics/accuracy_metrics.py``): per-sample 0/1 matches,
averaged with ``Mean``'s weighting."""
from __future__ import annotations

import numpy as np

from ..config import floatx
from ..losses._ops import squeeze_or_expand_to_same_rank, cast_pair, to_float
from .base import wrapper_class


def accuracy(y_true, y_pred):
    """1.0 where y_true == y_pred exactly."""
    y_true, y_pred = squeeze_or_expand_to_same_rank(*cast_pair(y_true, y_pred))
    return (y_true == y_pred).astype(floatx())


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where (y_pred > threshold) equals y_true."""
    y_true, y_pred = squeeze_or_expand_to_same_rank(np.asarray(y_true), to_float(y_pred))
    y_pred = (y_pred > threshold).astype(y_true.dtype)
    return (y_true == y_pred).astype(floatx())


def _matches_keeping_shape(y_true, y_pred_ids):
    """Compare class ids; a trailing 1-dim on y_true is dropped and put back, as Keras does."""
    org_shape = y_true.shape
    reshape = y_true.ndim == y_pred_ids.ndim + 1 and y_true.shape[-1] == 1
    if reshape:
        y_true = np.squeeze(y_true, -1)
    matches = (y_true == y_pred_ids.astype(y_true.dtype)).astype(floatx())
    return matches.reshape(org_shape) if reshape else matches


def categorical_accuracy(y_true, y_pred):
    """1.0 where argmax(y_true) == argmax(y_pred) (one-hot labels)."""
    y_pred = to_float(y_pred)
    y_true = np.argmax(to_float(y_true), axis=-1).astype(floatx())
    return _matches_keeping_shape(y_true, np.argmax(y_pred, axis=-1))


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the integer label y_true == argmax(y_pred)."""
    y_pred = to_float(y_pred)
    y_true = to_float(y_true)
    matches = _matches_keeping_shape(y_true, np.argmax(y_pred, axis=-1))
    if matches.ndim > 1 and matches.shape[-1] == 1:
        matches = np.squeeze(matches, -1)
    return matches


def _in_top_k(targets, predictions, k):
    """ops.in_top_k: rank = 1 + #(scores strictly above the label's score); ties count as in."""
    at_label = np.take_along_axis(predictions, targets[:, None], axis=-1)
    at_label = np.where(np.isnan(at_label), -np.inf, at_label)
    return (1 + np.sum(predictions > at_label, axis=-1)) <= k


def _top_k_matches(targets, y_pred, k, match_fn):
    org_shape = targets.shape
    y_pred = y_pred.reshape(-1, y_pred.shape[-1]) if y_pred.ndim > 2 else y_pred
    flat = targets.reshape(-1) if targets.ndim > 1 else targets
    matches = match_fn(flat, y_pred, k).astype(floatx())
    return matches.reshape(org_shape) if targets.ndim > 1 else matches


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where argmax(y_true) is among the k highest scores of y_pred."""
    targets = np.argmax(to_float(y_true), axis=-1).astype(np.int32)
    return _top_k_matches(targets, to_float(y_pred), k, _in_top_k)


def _in_sorted_ids(targets, y_pred, k):
    return np.any(targets[:, None] == y_pred[:, :k], axis=1)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """1.0 where the integer label is among the k highest scores (or, with
    ``from_sorted_ids``, among the first k ids of y_pred)."""
    y_pred = to_float(y_pred)
    if from_sorted_ids:
        return _top_k_matches(to_float(y_true), y_pred, k, _in_sorted_ids)
    targets = np.asarray(y_true).astype(np.int32)
    return _top_k_matches(targets, y_pred, k, _in_top_k)


Accuracy = wrapper_class("Accuracy", accuracy, "accuracy")
BinaryAccuracy = wrapper_class("BinaryAccuracy", binary_accuracy, "binary_accuracy", (("threshold", 0.5),))
CategoricalAccuracy = wrapper_class("CategoricalAccuracy", categorical_accuracy, "categorical_accuracy")
SparseCategoricalAccuracy = wrapper_class("SparseCategoricalAccuracy", sparse_categorical_accuracy,
                                          "sparse_categorical_accuracy")
TopKCategoricalAccuracy = wrapper_class("TopKCategoricalAccuracy", top_k_categorical_accuracy,
                                        "top_k_categorical_accuracy", (("k", 5),), leading=("k",))
_SparseTopKBase = wrapper_class("SparseTopKCategoricalAccuracy", sparse_top_k_categorical_accuracy,
                                "sparse_top_k_categorical_accuracy", (("k", 5), ("from_sorted_ids", False)), leading=("k",))


class SparseTopKCategoricalAccuracy(_SparseTopKBase):
    """Weighted mean of ``sparse_top_k_categorical_accuracy``; ``from_sorted_ids`` is only
    in the config when true, as in Keras."""

    def get_config(self):
        config = super().get_config()
        if not self.from_sorted_ids:
            del config["from_sorted_ids"]
        return config
