"""Intersection-over-union metrics (``keras/src/metrics/iou_metrics.py``).

State is a (num_classes, num_classes) confusion matrix, integer by default (dtype
"int32"): float sample weights are truncated to integers, exactly as in Keras. The
result is computed in float32, as Keras does.
"""
from __future__ import annotations

import warnings

import numpy as np

from ..losses._ops import EPSILON
from .base import Metric


def _int_dtype(dtype):
    return np.dtype("int32" if dtype in (None, "int") else dtype)


class _IoUBase(Metric):
    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
                 sparse_y_pred=True, axis=-1):
        super().__init__(name=name, dtype=str(_int_dtype(dtype)))
        self.num_classes, self.ignore_class = num_classes, ignore_class
        self.sparse_y_true, self.sparse_y_pred, self.axis = sparse_y_true, sparse_y_pred, axis
        self.add_variable("total_cm", (num_classes, num_classes), dtype=np.dtype(self.dtype))

    def update_state(self, y_true, y_pred, sample_weight=None):
        dtype = np.dtype(self.dtype)
        y_true = np.argmax(y_true, axis=self.axis) if not self.sparse_y_true else np.asarray(y_true)
        y_pred = np.argmax(y_pred, axis=self.axis) if not self.sparse_y_pred else np.asarray(y_pred)
        y_true, y_pred = y_true.astype(dtype).reshape(-1), y_pred.astype(dtype).reshape(-1)
        weight = np.asarray(1 if sample_weight is None else sample_weight)
        if weight.dtype.kind == "f" and dtype.kind in "iu":
            warnings.warn("You are passing weight as `float`, but dtype is `int`. This may result in an "
                          "incorrect weight due to type casting Consider using integer weights.", stacklevel=2)
        weight = weight.astype(dtype)
        weight = np.broadcast_to(weight.reshape(-1) if weight.ndim > 1 else weight, y_true.shape)
        # Labels or predictions outside [0, num_classes), and ignore_class, get weight 0.
        in_bounds = (y_true >= 0) & (y_true < self.num_classes) & (y_pred >= 0) & (y_pred < self.num_classes)
        if self.ignore_class is not None:
            in_bounds &= y_true != self.ignore_class
        y_true, y_pred = np.where(in_bounds, y_true, 0), np.where(in_bounds, y_pred, 0)
        weight = np.where(in_bounds, weight, 0).astype(dtype)
        current = np.zeros_like(self.total_cm)
        np.add.at(current, (y_true.astype(np.int64), y_pred.astype(np.int64)), weight)
        self.total_cm = self.total_cm + current


class IoU(_IoUBase):
    """Mean over ``target_class_ids`` of TP / (TP + FP + FN), from the accumulated confusion
    matrix; classes that never occur (denominator 0) are left out of the mean."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, num_classes=num_classes, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred, axis=axis, dtype=dtype)
        if max(target_class_ids) >= num_classes:
            raise ValueError(f"Target class id {max(target_class_ids)} is out of range, which is [0, {num_classes}).")
        self.target_class_ids = list(target_class_ids)

    def result(self):
        cm = self.total_cm
        true_positives = np.diag(cm)
        denominator = np.sum(cm, axis=0) + np.sum(cm, axis=1) - true_positives
        ids = np.asarray(self.target_class_ids, dtype=np.int64)
        true_positives = true_positives[ids].astype(np.float32)
        denominator = denominator[ids].astype(np.float32)
        valid = denominator > 1e-9
        iou = np.where(valid, true_positives / (denominator + np.float32(EPSILON)), np.float32(0.0))
        num_valid = np.sum(valid.astype(np.float32))
        # float32 in both float types, as Keras 3.15's (its confusion matrix is int32; tests/numerics/golden/pins*.json)
        return np.float32(np.sum(iou, axis=self.axis) / (num_valid + np.float32(EPSILON)))

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "num_classes": self.num_classes,
                "target_class_ids": self.target_class_ids, "ignore_class": self.ignore_class,
                "sparse_y_true": self.sparse_y_true, "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class BinaryIoU(IoU):
    """IoU for binary labels; predictions >= ``threshold`` (compared in float32) are class 1."""

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = (np.asarray(y_pred, dtype=np.float32) >= self.threshold).astype(np.dtype(self.dtype))
        return super().update_state(np.asarray(y_true).astype(np.dtype(self.dtype)), y_pred, sample_weight)

    def get_config(self):
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold,
                "name": self.name, "dtype": self.dtype}


class MeanIoU(IoU):
    """IoU averaged over all ``num_classes`` classes."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
                 sparse_y_pred=True, axis=-1):
        super().__init__(name=name, num_classes=num_classes, target_class_ids=list(range(num_classes)),
                         axis=axis, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotIoU(IoU):
    """IoU with one-hot ``y_true`` (and, unless ``sparse_y_pred``, scores as ``y_pred``)."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes=num_classes, target_class_ids=target_class_ids, name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=False, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "target_class_ids": self.target_class_ids,
                "name": self.name, "dtype": self.dtype, "ignore_class": self.ignore_class,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotMeanIoU(MeanIoU):
    """MeanIoU with one-hot ``y_true`` (and, unless ``sparse_y_pred``, scores as ``y_pred``)."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_pred=False, axis=-1):
        super().__init__(num_classes=num_classes, axis=axis, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=False, sparse_y_pred=sparse_y_pred)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}
