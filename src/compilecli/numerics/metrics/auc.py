"""AUC (``keras.metrics.AUC``): area under the ROC, PR or PR-gain curve, approximated
by a Riemann sum over ``num_thresholds`` thresholds."""
from __future__ import annotations

import numpy as np

from ..losses._ops import EPSILON, divide_no_nan, sigmoid, to_float
from ._confusion import confusion_counts, is_evenly_distributed
from .base import Metric

CURVES = {"roc": "ROC", "ROC": "ROC", "pr": "PR", "PR": "PR", "prgain": "PRGAIN", "PRGAIN": "PRGAIN"}
SUMMATIONS = {"interpolation": "interpolation", "Interpolation": "interpolation",
              "majoring": "majoring", "Majoring": "majoring",
              "minoring": "minoring", "Minoring": "minoring"}
# Height of each Riemann rectangle from the curve values at its two ends.
HEIGHTS = {"interpolation": lambda a, b: (a + b) / 2.0, "minoring": np.minimum, "majoring": np.maximum}


def _lookup(table, key, what):
    if key not in table:
        raise ValueError(f'Invalid AUC {what} value: "{key}". Expected one of {sorted(set(table.values()))}')
    return table[key]


class AUC(Metric):
    """Area under a curve from confusion counts at fixed thresholds.

    Thresholds are ``num_thresholds`` evenly spaced points, the ends pushed to -eps and
    1 + eps, or the given ``thresholds`` plus those two ends. ``curve``: "ROC" (x = FPR,
    y = recall), "PR" (x = recall, y = precision; with "interpolation" it uses the
    Davis & Goadrich interpolation) or "PRGAIN". ``summation_method``: "interpolation"
    (trapezoids), "minoring" or "majoring". ``multi_label`` keeps one curve per label and
    averages the areas (weighted by ``label_weights``); ``from_logits`` applies a sigmoid.
    """

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation", name=None,
                 dtype=None, thresholds=None, multi_label=False, num_labels=None, label_weights=None,
                 from_logits=False):
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._evenly = is_evenly_distributed(np.array([0.0] + thresholds + [1.0]))
        else:
            if num_thresholds <= 1:
                raise ValueError(f"Argument `num_thresholds` must be an integer > 1. Received: {num_thresholds}")
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._evenly = True
        self._thresholds = np.array([0.0 - EPSILON] + thresholds + [1.0 + EPSILON])
        self.curve = _lookup(CURVES, curve, "curve")
        self.summation_method = _lookup(SUMMATIONS, summation_method, "summation method")
        super().__init__(name=name, dtype=dtype)
        self.multi_label, self.num_labels = multi_label, num_labels
        self.label_weights = None if label_weights is None else to_float(label_weights)
        self._from_logits = from_logits
        self._built = False
        if multi_label and num_labels:
            self._build([None, num_labels])
        elif not multi_label:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    @property
    def thresholds(self):
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(f"`y_pred` must have rank 2 when `multi_label=True`. Found shape {shape}")
            variable_shape = (self.num_thresholds, shape[1])
        else:
            variable_shape = (self.num_thresholds,)
        for kind in ("tp", "fp", "tn", "fn"):
            self.add_variable(kind, variable_shape)
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = to_float(y_pred, self.dtype)
        if not self._built:
            self._build(y_pred.shape)
        if self._from_logits:
            y_pred = sigmoid(y_pred)
        counts = confusion_counts(("tp", "fp", "tn", "fn"), y_true, y_pred, self._thresholds,
                                  sample_weight=sample_weight, multi_label=self.multi_label,
                                  label_weights=None if self.multi_label else self.label_weights,
                                  evenly=self._evenly, dtype=self.dtype)
        for kind, increment in counts.items():
            setattr(self, kind, getattr(self, kind) + increment)

    def reset_state(self):
        if self._built:
            super().reset_state()

    def _aggregate(self, terms):
        if not self.multi_label:
            return self._scalar(np.sum(terms))
        by_label = np.sum(terms, axis=0)
        if self.label_weights is None:
            return self._scalar(np.mean(by_label))
        weights = self.label_weights.astype(self.dtype)
        return self._scalar(divide_no_nan(np.sum(by_label * weights), np.sum(weights)))

    def _scalar(self, value):
        return np.asarray(value, dtype=self.dtype)[()]

    def interpolate_pr_auc(self):
        """PR-AUC with precision interpolated between thresholds (Davis & Goadrich, 2006)."""
        tp, fp, fn = self.tp, self.fp, self.fn
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        prec_slope = divide_no_nan(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - prec_slope * p[1:]
        both_positive = (p[:-1] > 0) & (p[1:] > 0)
        safe_p_ratio = np.where(both_positive, divide_no_nan(p[:-1], np.maximum(p[1:], 0)), 1.0)
        increments = divide_no_nan(prec_slope * (dtp + intercept * np.log(safe_p_ratio)),
                                   np.maximum(tp[1:] + fn[1:], 0))
        return self._aggregate(increments)

    def _curve_points(self):
        tp, fp, tn, fn = self.tp, self.fp, self.tn, self.fn
        recall = divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            return divide_no_nan(fp, fp + tn), recall
        if self.curve == "PR":
            return recall, divide_no_nan(tp, tp + fp)
        scaling = divide_no_nan(tp + fn, tn + fp)
        recall_gain = np.where(tp == 0, 0.0, 1.0 - scaling * divide_no_nan(fn, tp))
        precision_gain = np.where(tp == 0, 1.0, 1.0 - scaling * divide_no_nan(fp, tp))
        return np.maximum(recall_gain, 0.0), precision_gain

    def result(self):
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self.interpolate_pr_auc()
        x, y = self._curve_points()
        heights = HEIGHTS[self.summation_method](y[:-1], y[1:])
        return self._aggregate((x[:-1] - x[1:]) * heights)

    def get_config(self):
        label_weights = None if self.label_weights is None else self.label_weights.tolist()
        config = {"num_thresholds": self.num_thresholds, "curve": self.curve,
                  "summation_method": self.summation_method, "multi_label": self.multi_label,
                  "num_labels": self.num_labels, "label_weights": label_weights,
                  "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return {**super().get_config(), **config}
