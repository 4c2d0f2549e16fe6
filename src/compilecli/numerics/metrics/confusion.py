"""Threshold-based classification metrics (``keras/src/metrics/confusion_metrics.py``):
TruePositives & co., Precision, Recall, and the "X at fixed Y" family.

Predictions are positive when strictly above a threshold (default 0.5). ``top_k``
keeps only the k highest scores per sample; ``class_id`` looks at one column.
"""
from __future__ import annotations

import numpy as np

from ..losses._ops import divide_no_nan
from ._confusion import NEG_INF, confusion_counts, is_evenly_distributed, parse_thresholds
from .base import Metric


class _CountMetric(Metric):
    """Shared state handling: one count array per entry of ``_kinds``, one slot per threshold."""

    _kinds = ()
    top_k = None
    class_id = None

    def _init_counts(self, thresholds, evenly=None):
        self.thresholds = thresholds
        self._evenly = is_evenly_distributed(thresholds) if evenly is None else evenly
        for kind in self._kinds:
            self.add_variable(kind, (len(thresholds),))

    def update_state(self, y_true, y_pred, sample_weight=None):
        counts = confusion_counts(self._kinds, y_true, y_pred, self.thresholds, top_k=self.top_k,
                                  class_id=self.class_id, sample_weight=sample_weight,
                                  evenly=self._evenly, dtype=self.dtype)
        for kind, increment in counts.items():
            setattr(self, kind, getattr(self, kind) + increment)

    def _single(self, values):
        # One threshold -> a scalar result, several -> one value per threshold.
        return values[0] if len(self.thresholds) == 1 else values


def _count_class(class_name, kind, doc):
    class CountMetric(_CountMetric):
        _kinds = (kind,)

        def __init__(self, thresholds=None, name=None, dtype=None):
            super().__init__(name=name, dtype=dtype)
            self.init_thresholds = thresholds
            self._init_counts(parse_thresholds(thresholds, 0.5))

        def result(self):
            return self._single(getattr(self, kind))

        def get_config(self):
            return {**super().get_config(), "thresholds": self.init_thresholds}

    CountMetric.__name__ = CountMetric.__qualname__ = class_name
    CountMetric.__doc__ = doc
    return CountMetric


TruePositives = _count_class("TruePositives", "tp", "Weighted count of true positives at each threshold.")
FalsePositives = _count_class("FalsePositives", "fp", "Weighted count of false positives at each threshold.")
TrueNegatives = _count_class("TrueNegatives", "tn", "Weighted count of true negatives at each threshold.")
FalseNegatives = _count_class("FalseNegatives", "fn", "Weighted count of false negatives at each threshold.")


class _PrecisionRecallBase(_CountMetric):
    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds, self.top_k, self.class_id = thresholds, top_k, class_id
        # With top_k and no thresholds, every kept score counts as positive.
        default = 0.5 if top_k is None else NEG_INF
        self._init_counts(parse_thresholds(thresholds, default))

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds,
                "top_k": self.top_k, "class_id": self.class_id}


class Precision(_PrecisionRecallBase):
    """TP / (TP + FP) at each threshold (0 when nothing is predicted positive)."""

    _kinds = ("tp", "fp")

    def result(self):
        return self._single(divide_no_nan(self.tp, self.tp + self.fp))


class Recall(_PrecisionRecallBase):
    """TP / (TP + FN) at each threshold (0 when there are no positives)."""

    _kinds = ("tp", "fn")

    def result(self):
        return self._single(divide_no_nan(self.tp, self.tp + self.fn))


class _AtConstraint(_CountMetric):
    """Counts at ``num_thresholds`` evenly spaced thresholds in [0, 1]; the result is the
    best dependent rate over the thresholds where the constrained rate >= ``value``."""

    _kinds = ("tp", "fp", "tn", "fn")
    _value_name = ""

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        if value < 0 or value > 1:
            raise ValueError(f"Argument `{self._value_name}` must be in the range [0, 1]. "
                             f"Received: {self._value_name}={value}")
        if num_thresholds <= 0:
            raise ValueError(f"Argument `num_thresholds` must be an integer > 0. Received: {num_thresholds}")
        super().__init__(name=name, dtype=dtype)
        setattr(self, self._value_name, value)
        self.value, self.num_thresholds, self.class_id = value, num_thresholds, class_id
        if num_thresholds == 1:
            self._init_counts([0.5], evenly=False)
        else:
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._init_counts([0.0] + inner + [1.0], evenly=True)

    def _rates(self):
        return {"sensitivity": divide_no_nan(self.tp, self.tp + self.fn),
                "recall": divide_no_nan(self.tp, self.tp + self.fn),
                "specificity": divide_no_nan(self.tn, self.tn + self.fp),
                "precision": divide_no_nan(self.tp, self.tp + self.fp)}

    def result(self):
        rates = self._rates()
        feasible = rates[self._value_name] >= self.value
        return np.max(np.where(feasible, rates[self._result_name], 0.0), initial=0.0).astype(self.dtype)[()]

    def get_config(self):
        return {**super().get_config(), "class_id": self.class_id,
                "num_thresholds": self.num_thresholds, self._value_name: self.value}


class SensitivityAtSpecificity(_AtConstraint):
    """Best sensitivity (recall) among thresholds whose specificity >= ``specificity``."""

    _value_name, _result_name = "specificity", "sensitivity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(specificity, num_thresholds, class_id, name, dtype)


class SpecificityAtSensitivity(_AtConstraint):
    """Best specificity among thresholds whose sensitivity >= ``sensitivity``."""

    _value_name, _result_name = "sensitivity", "specificity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(sensitivity, num_thresholds, class_id, name, dtype)


class PrecisionAtRecall(_AtConstraint):
    """Best precision among thresholds whose recall >= ``recall``."""

    _value_name, _result_name = "recall", "precision"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(recall, num_thresholds, class_id, name, dtype)


class RecallAtPrecision(_AtConstraint):
    """Best recall among thresholds whose precision >= ``precision``."""

    _value_name, _result_name = "precision", "recall"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(precision, num_thresholds, class_id, name, dtype)
