"""F-beta and F1 scores (``keras/src/metrics/f_score_metrics.py``)."""
from __future__ import annotations

import numpy as np

from ..losses._ops import EPSILON, cast_pair, to_float
from .base import Metric


class FBetaScore(Metric):
    """(1 + beta**2) * P * R / (beta**2 * P + R) from accumulated TP/FP/FN per class.

    Predictions are positive above ``threshold``, or, with ``threshold=None``, where they
    equal the row maximum (and are non-zero). ``average``: None (one score per class),
    "micro" (global counts), "macro" (plain mean) or "weighted" (by class support).
    """

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError(f"Invalid `average` argument value. Received: average={average}")
        if not isinstance(beta, float) or beta <= 0.0:
            raise ValueError(f"Invalid `beta` argument value. It should be a Python float > 0. Received: beta={beta}")
        if threshold is not None and (not isinstance(threshold, float) or not 0.0 < threshold <= 1.0):
            raise ValueError(f"Invalid `threshold` argument value. It should be a float in (0, 1]. Received: {threshold}")
        self.average, self.beta, self.threshold = average, beta, threshold
        self.axis = None if average == "micro" else 0
        self._built = False

    def _build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError("FBetaScore expects 2D inputs with shape (batch_size, output_dim). "
                             f"Received: y_pred.shape={y_pred_shape} and y_true.shape={y_true_shape}.")
        shape = () if self.average == "micro" else (y_pred_shape[-1],)
        for name in ("true_positives", "false_positives", "false_negatives", "intermediate_weights"):
            self.add_variable(name, shape)
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true, y_pred = to_float(y_true, self.dtype), to_float(y_pred, self.dtype)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        if self.threshold is None:
            top = np.max(y_pred, axis=-1, keepdims=True)
            y_pred = (y_pred >= top) & (np.abs(y_pred) > 1e-9)
        else:
            y_pred = y_pred > self.threshold
        y_pred = y_pred.astype(self.dtype)
        weight = None if sample_weight is None else to_float(sample_weight, self.dtype)

        def weighted_sum(val):
            if weight is not None:
                val = val * np.expand_dims(weight, 1)
            return np.sum(val, axis=self.axis)

        self.true_positives = self.true_positives + weighted_sum(y_pred * y_true)
        self.false_positives = self.false_positives + weighted_sum(y_pred * (1 - y_true))
        self.false_negatives = self.false_negatives + weighted_sum((1 - y_pred) * y_true)
        self.intermediate_weights = self.intermediate_weights + weighted_sum(y_true)

    def result(self):
        tp = self.true_positives
        precision = tp / (tp + self.false_positives + EPSILON)
        recall = tp / (tp + self.false_negatives + EPSILON)
        mean = precision * recall / (self.beta ** 2 * precision + recall + EPSILON)
        f_score = mean * (1 + self.beta ** 2)
        if self.average == "weighted":
            weights = self.intermediate_weights / (np.sum(self.intermediate_weights) + EPSILON)
            return np.sum(f_score * weights)[()]
        if self.average is not None:
            return np.mean(f_score)[()]
        return f_score

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "average": self.average,
                "beta": self.beta, "threshold": self.threshold}


class F1Score(FBetaScore):
    """FBetaScore with beta = 1: the harmonic mean of precision and recall."""

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        del config["beta"]
        return config
