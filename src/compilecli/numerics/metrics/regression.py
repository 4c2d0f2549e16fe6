"""Regression, correlation, probabilistic and hinge metrics: weighted means of the
per-sample loss functions, plus RootMeanSquaredError and R2Score."""
from __future__ import annotations

import warnings

import numpy as np

from ..losses import probabilistic as P
from ..losses import regression as R
from ..losses._ops import (EPSILON, cast_pair, keras_mean, keras_var, l2_normalize,
                           squeeze_or_expand_to_same_rank, to_float)
from .base import Mean, Metric, wrapper_class


def cosine_similarity(y_true, y_pred, axis=-1):
    """sum(l2_normalize(y_true) * l2_normalize(y_pred), axis): +1 is best, as a metric."""
    y_true, y_pred = squeeze_or_expand_to_same_rank(*cast_pair(y_true, y_pred))
    return np.sum(l2_normalize(y_true, axis) * l2_normalize(y_pred, axis), axis=axis)


def pearson_correlation(y_true, y_pred, axis=-1):
    """Pearson correlation of y_true and y_pred along ``axis`` (population std)."""
    y_true, y_pred = squeeze_or_expand_to_same_rank(*cast_pair(y_true, y_pred))
    # Keras's means are summed in float32 (``keras_mean``); its std is taken in the input's type.
    t = y_true - keras_mean(y_true, axis=axis, keepdims=True)
    p = y_pred - keras_mean(y_pred, axis=axis, keepdims=True)
    t = t / np.std(t, axis=axis, keepdims=True)
    p = p / np.std(p, axis=axis, keepdims=True)
    return keras_mean(t * p, axis=axis)


def concordance_correlation(y_true, y_pred, axis=-1):
    """Lin's concordance correlation along ``axis``, with Keras's exact formula (the covariance
    term centres y_true on y_pred's mean, as Keras 3.15 does) and Keras's arithmetic: its means
    are summed in float32 and its variances are float32 even for float64 input (``keras_mean``,
    ``keras_var``), which is what a float64 result carries of them."""
    y_true, y_pred = squeeze_or_expand_to_same_rank(*cast_pair(y_true, y_pred))
    true_mean = keras_mean(y_true, axis=axis, keepdims=True)
    pred_mean = keras_mean(y_pred, axis=axis, keepdims=True)
    true_var = keras_var(y_true - true_mean, axis=axis, keepdims=True)
    pred_var = keras_var(y_pred - pred_mean, axis=axis, keepdims=True)
    covar = (y_true - pred_mean) * (y_pred - pred_mean)
    norm = (true_var + pred_var) + np.square(true_mean - pred_mean)
    return keras_mean(2 * covar / (norm + EPSILON), axis=axis)


MeanSquaredError = wrapper_class("MeanSquaredError", R.mean_squared_error, "mean_squared_error")
MeanAbsoluteError = wrapper_class("MeanAbsoluteError", R.mean_absolute_error, "mean_absolute_error")
MeanAbsolutePercentageError = wrapper_class("MeanAbsolutePercentageError", R.mean_absolute_percentage_error,
                                            "mean_absolute_percentage_error")
MeanSquaredLogarithmicError = wrapper_class("MeanSquaredLogarithmicError", R.mean_squared_logarithmic_error,
                                            "mean_squared_logarithmic_error")
CosineSimilarity = wrapper_class("CosineSimilarity", cosine_similarity, "cosine_similarity",
                                 (("axis", -1),), config_omits=("axis",))
LogCoshError = wrapper_class("LogCoshError", R.log_cosh, "logcosh")
PearsonCorrelation = wrapper_class("PearsonCorrelation", pearson_correlation, "pearson_correlation", (("axis", -1),))
ConcordanceCorrelation = wrapper_class("ConcordanceCorrelation", concordance_correlation,
                                       "concordance_correlation", (("axis", -1),))
Hinge = wrapper_class("Hinge", R.hinge, "hinge")
SquaredHinge = wrapper_class("SquaredHinge", R.squared_hinge, "squared_hinge")
CategoricalHinge = wrapper_class("CategoricalHinge", R.categorical_hinge, "categorical_hinge")
KLDivergence = wrapper_class("KLDivergence", P.kl_divergence, "kl_divergence")
Poisson = wrapper_class("Poisson", P.poisson, "poisson")
BinaryCrossentropy = wrapper_class("BinaryCrossentropy", P.binary_crossentropy, "binary_crossentropy",
                                   (("from_logits", False), ("label_smoothing", 0)))
CategoricalCrossentropy = wrapper_class("CategoricalCrossentropy", P.categorical_crossentropy,
                                        "categorical_crossentropy",
                                        (("from_logits", False), ("label_smoothing", 0), ("axis", -1)))
SparseCategoricalCrossentropy = wrapper_class("SparseCategoricalCrossentropy", P.sparse_categorical_crossentropy,
                                              "sparse_categorical_crossentropy",
                                              (("from_logits", False), ("ignore_class", None), ("axis", -1)))


class RootMeanSquaredError(Mean):
    """sqrt of the weighted mean of squared errors over all samples seen."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true, y_pred = squeeze_or_expand_to_same_rank(*cast_pair(y_true, y_pred, self.dtype))
        return super().update_state(np.square(y_pred - y_true), sample_weight=sample_weight)

    def result(self):
        return np.sqrt(super().result())


class R2Score(Metric):
    """Coefficient of determination 1 - SS_res / SS_tot per output column, aggregated by
    ``class_aggregation`` ("uniform_average", "variance_weighted_average" or None);
    ``num_regressors`` > 0 gives the adjusted R2."""

    def __init__(self, class_aggregation="uniform_average", num_regressors=0, name="r2_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        if class_aggregation not in (None, "uniform_average", "variance_weighted_average"):
            raise ValueError(f"Invalid value for argument `class_aggregation`. Received: {class_aggregation}")
        if num_regressors < 0:
            raise ValueError(f"Invalid value for argument `num_regressors`. Received: {num_regressors}")
        self.class_aggregation, self.num_regressors = class_aggregation, num_regressors
        self.add_variable("num_samples")
        self._built = False

    def _build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError("R2Score expects 2D inputs with shape (batch_size, output_dim). "
                             f"Received: y_pred.shape={y_pred_shape} and y_true.shape={y_true_shape}.")
        for name in ("squared_sum", "sum", "total_mse", "count"):
            self.add_variable(name, (y_pred_shape[-1],))
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true, y_pred = squeeze_or_expand_to_same_rank(*cast_pair(y_true, y_pred, self.dtype))
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        weight = to_float(1.0 if sample_weight is None else sample_weight, self.dtype)
        weight = np.broadcast_to(weight[:, None] if weight.ndim == 1 else weight, y_true.shape)
        self.sum = self.sum + np.sum(y_true * weight, axis=0)
        self.squared_sum = self.squared_sum + np.sum(y_true * y_true * weight, axis=0)
        self.total_mse = self.total_mse + np.sum((y_true - y_pred) ** 2 * weight, axis=0)
        self.count = self.count + np.sum(weight, axis=0)
        self.num_samples = self.num_samples + y_true.size

    def result(self):
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = self.sum / self.count
            total = self.squared_sum - self.sum * mean
            raw_scores = 1 - self.total_mse / total
        raw_scores = np.where(np.isinf(raw_scores), 0.0, raw_scores)
        if self.class_aggregation == "uniform_average":
            r2 = np.mean(raw_scores)
        elif self.class_aggregation == "variance_weighted_average":
            r2 = np.sum(total * raw_scores) / np.sum(total)
        else:
            r2 = raw_scores
        return self._adjust(r2)

    def _adjust(self, r2):
        if self.num_regressors == 0:
            return r2
        n, p = float(self.num_samples), float(self.num_regressors)
        if p > n - 1:
            warnings.warn("More independent predictors than datapoints in adjusted R2 score. "
                          "Falling back to standard R2 score.", stacklevel=3)
            return r2
        if p == n - 1:
            warnings.warn("Division by zero in Adjusted R2 score. Falling back to standard R2 score.", stacklevel=3)
            return r2
        return 1.0 - (1.0 - r2) * (n - 1.0) / (n - p - 1.0)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors}
