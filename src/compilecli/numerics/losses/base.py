"""The ``Loss`` base class and Keras 3's reduction rules (``keras/src/losses/loss.py``)."""
from __future__ import annotations

import numpy as np

from ..config import floatx
from ._ops import divide_no_nan, get_mask, squeeze_or_expand_to_same_rank, to_float, to_snake_case

REDUCTIONS = ("sum_over_batch_size", "sum", None, "none", "mean", "mean_with_sample_weight")


def standardize_reduction(reduction):
    if reduction not in REDUCTIONS:
        raise ValueError(
            "Invalid value for argument `reduction`. "
            f"Expected one of {set(REDUCTIONS)}. Received: reduction={reduction}")
    return reduction


def apply_mask(sample_weight, mask, reduction, dtype=None):
    """Fold a mask into the sample weights (in ``dtype``, default ``floatx()``).

    For "mean"/"sum_over_batch_size" valid entries get weight total/valid, so that
    dividing by the full batch size later averages over the valid entries only.
    """
    if mask is None:
        return sample_weight
    dtype = dtype or floatx()
    mask = np.asarray(mask)
    if reduction in ("mean", "sum_over_batch_size"):
        total = np.asarray(mask.size, dtype=dtype)
        valid = np.sum(mask.astype(dtype))
        float_mask = np.where(mask.astype(bool), divide_no_nan(total, valid), 0.0).astype(dtype)
    else:
        float_mask = mask.astype(dtype)
    if sample_weight is None:
        return float_mask
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, to_float(sample_weight, dtype))
    return sample_weight * float_mask


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    if reduction in (None, "none") or values.shape in ((), (0,)):
        return values
    loss = np.sum(values)
    if reduction == "sum":
        return loss
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        divisor = np.sum(sample_weight)
    else:
        divisor = np.asarray(values.size, dtype=values.dtype)
    return divide_no_nan(loss, divisor)


def reduce_weighted_values(values, sample_weight=None, mask=None, reduction="sum_over_batch_size", dtype=None):
    """Weight per-sample losses, then reduce them (Keras's ``reduce_weighted_values``), in
    ``dtype`` (default: the values' float type)."""
    reduction = standardize_reduction(reduction)
    values = to_float(values, dtype)
    dtype = values.dtype
    sample_weight = None if sample_weight is None else to_float(sample_weight, dtype)
    sample_weight = apply_mask(sample_weight, mask, reduction, dtype)
    if sample_weight is not None:
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


class Loss:
    """Base class: ``__call__`` = ``call()`` per sample, then weight, mask and reduce.

    ``reduction``: "sum_over_batch_size" (default) and "mean" divide the weighted sum
    by the number of loss values; "sum" sums; "mean_with_sample_weight" divides by the
    sum of the sample weights; "none"/None return the weighted per-sample values.
    """

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        # Keras also uniquifies auto names ("loss_1"); numerics objects keep the plain name.
        self.name = name or to_snake_case(type(self).__name__)
        self.reduction = standardize_reduction(reduction)
        self.dtype = str(np.dtype(dtype or floatx()))   # the compute type: floatx() unless given

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = get_mask(y_pred)
        # As Keras: both inputs in the loss's dtype, whatever they came as.
        losses = self.call(to_float(y_true, self.dtype), to_float(y_pred, self.dtype))
        out_mask = get_mask(losses)
        masks = [m for m in (in_mask, out_mask) if m is not None]
        mask = np.logical_and(*masks) if len(masks) == 2 else (masks[0] if masks else None)
        return reduce_weighted_values(losses, sample_weight, mask, self.reduction, self.dtype)

    def call(self, y_true, y_pred):
        raise NotImplementedError

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


class LossFunctionWrapper(Loss):
    """A ``Loss`` around a per-sample loss function plus fixed keyword arguments."""

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        if isinstance(fn, (str, dict)):
            from . import get  # a serialized `fn` (name or dict) from get_config()
            fn = get(fn)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = super().get_config()
        config["fn"] = serialize_function(self.fn)
        config.update(self._fn_kwargs)
        return config

    def __repr__(self):
        return f"<LossFunctionWrapper({getattr(self.fn, '__name__', self.fn)}, kwargs={self._fn_kwargs})>"


def serialize_function(fn):
    """Keras's serialized form of a plain function, as found in get_config()."""
    return {"module": "builtins", "class_name": "function", "config": fn.__name__,
            "registered_name": "function"}


def _fixed_config(loss, *attrs):
    """get_config() of the built-in wrappers: Loss's config plus the named attributes."""
    config = Loss.get_config(loss)
    config.update({attr: getattr(loss, attr) for attr in attrs})
    return config
