"""Keras 3's loss classes: each wraps a per-sample function and fixes its keyword
arguments; ``__call__`` then weights and reduces (see ``base.Loss``).

``get_config()`` returns exactly the keys Keras 3.15 returns (e.g. SparseCategorical-
Crossentropy leaves out ``axis``, CosineSimilarity and Huber leave out ``axis``/``delta``).
"""
from __future__ import annotations

from . import probabilistic as P
from . import regression as R
from . import segmentation as S
from .base import LossFunctionWrapper, _fixed_config

SUM_OVER_BATCH = "sum_over_batch_size"


def _simple(class_name, fn, default_name, doc):
    """A wrapper class without options: MeanSquaredError, Hinge, Poisson, ..."""

    def __init__(self, reduction=SUM_OVER_BATCH, name=default_name, dtype=None):
        LossFunctionWrapper.__init__(self, fn, name=name, reduction=reduction, dtype=dtype)

    def get_config(self):
        return _fixed_config(self)

    return type(class_name, (LossFunctionWrapper,),
                {"__init__": __init__, "get_config": get_config, "__doc__": doc, "__module__": __name__})


MeanSquaredError = _simple("MeanSquaredError", R.mean_squared_error, "mean_squared_error", R.mean_squared_error.__doc__)
MeanAbsoluteError = _simple("MeanAbsoluteError", R.mean_absolute_error, "mean_absolute_error", R.mean_absolute_error.__doc__)
MeanAbsolutePercentageError = _simple("MeanAbsolutePercentageError", R.mean_absolute_percentage_error,
                                      "mean_absolute_percentage_error", R.mean_absolute_percentage_error.__doc__)
MeanSquaredLogarithmicError = _simple("MeanSquaredLogarithmicError", R.mean_squared_logarithmic_error,
                                      "mean_squared_logarithmic_error", R.mean_squared_logarithmic_error.__doc__)
LogCosh = _simple("LogCosh", R.log_cosh, "log_cosh", R.log_cosh.__doc__)
Hinge = _simple("Hinge", R.hinge, "hinge", R.hinge.__doc__)
SquaredHinge = _simple("SquaredHinge", R.squared_hinge, "squared_hinge", R.squared_hinge.__doc__)
CategoricalHinge = _simple("CategoricalHinge", R.categorical_hinge, "categorical_hinge", R.categorical_hinge.__doc__)
KLDivergence = _simple("KLDivergence", P.kl_divergence, "kl_divergence", P.kl_divergence.__doc__)
Poisson = _simple("Poisson", P.poisson, "poisson", P.poisson.__doc__)
CTC = _simple("CTC", S.ctc, "ctc", S.ctc.__doc__)


class CosineSimilarity(LossFunctionWrapper):
    """Negative cosine similarity along ``axis`` (Keras's config omits ``axis``)."""

    def __init__(self, axis=-1, reduction=SUM_OVER_BATCH, name="cosine_similarity", dtype=None):
        super().__init__(R.cosine_similarity, name=name, reduction=reduction, dtype=dtype, axis=axis)

    def get_config(self):
        return _fixed_config(self)


class Huber(LossFunctionWrapper):
    """Huber loss, quadratic below ``delta`` and linear above (config omits ``delta``, as Keras)."""

    def __init__(self, delta=1.0, reduction=SUM_OVER_BATCH, name="huber_loss", dtype=None):
        super().__init__(R.huber, name=name, reduction=reduction, dtype=dtype, delta=delta)

    def get_config(self):
        return _fixed_config(self)


class BinaryCrossentropy(LossFunctionWrapper):
    """Binary crossentropy, mean over ``axis``; ``from_logits``, ``label_smoothing``."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction=SUM_OVER_BATCH,
                 name="binary_crossentropy", dtype=None):
        super().__init__(P.binary_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits, self.label_smoothing, self.axis = from_logits, label_smoothing, axis

    def get_config(self):
        return _fixed_config(self, "from_logits", "label_smoothing", "axis")


class BinaryFocalCrossentropy(LossFunctionWrapper):
    """Binary focal crossentropy: BCE * (1 - p_t) ** gamma, optional alpha class balancing."""

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                 label_smoothing=0.0, axis=-1, reduction=SUM_OVER_BATCH,
                 name="binary_focal_crossentropy", dtype=None):
        super().__init__(P.binary_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits, self.label_smoothing, self.axis = from_logits, label_smoothing, axis
        self.apply_class_balancing, self.alpha, self.gamma = apply_class_balancing, alpha, gamma

    def get_config(self):
        return _fixed_config(self, "from_logits", "label_smoothing", "axis",
                             "apply_class_balancing", "alpha", "gamma")


class CategoricalCrossentropy(LossFunctionWrapper):
    """Categorical crossentropy with one-hot labels; ``from_logits``, ``label_smoothing``, ``axis``."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction=SUM_OVER_BATCH,
                 name="categorical_crossentropy", dtype=None):
        super().__init__(P.categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits, self.label_smoothing, self.axis = from_logits, label_smoothing, axis

    def get_config(self):
        return _fixed_config(self, "from_logits", "label_smoothing", "axis")


class CategoricalFocalCrossentropy(LossFunctionWrapper):
    """Categorical focal crossentropy: alpha * (1 - p) ** gamma * CCE."""

    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction=SUM_OVER_BATCH, name="categorical_focal_crossentropy", dtype=None):
        super().__init__(P.categorical_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         alpha=alpha, gamma=gamma, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)
        self.from_logits, self.label_smoothing, self.axis = from_logits, label_smoothing, axis
        self.alpha, self.gamma = alpha, gamma

    def get_config(self):
        return _fixed_config(self, "from_logits", "label_smoothing", "axis", "alpha", "gamma")


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Crossentropy with integer labels; ``ignore_class`` entries are masked out of the mean."""

    def __init__(self, from_logits=False, ignore_class=None, reduction=SUM_OVER_BATCH, axis=-1,
                 name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(P.sparse_categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)
        self.from_logits, self.ignore_class = from_logits, ignore_class

    def get_config(self):
        return _fixed_config(self, "from_logits", "ignore_class")


class Dice(LossFunctionWrapper):
    """Dice loss; ``axis=None`` sums over everything (one value for the batch)."""

    def __init__(self, reduction=SUM_OVER_BATCH, name="dice", axis=None, dtype=None):
        super().__init__(S.dice, name=name, reduction=reduction, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self):
        return _fixed_config(self, "axis")


class Tversky(LossFunctionWrapper):
    """Tversky loss: dice generalised with ``alpha``/``beta`` weights."""

    def __init__(self, alpha=0.5, beta=0.5, reduction=SUM_OVER_BATCH, name="tversky", axis=None, dtype=None):
        super().__init__(S.tversky, name=name, reduction=reduction, dtype=dtype, alpha=alpha, beta=beta, axis=axis)
        self.alpha, self.beta, self.axis = alpha, beta, axis

    def get_config(self):
        return _fixed_config(self, "alpha", "beta", "axis")


class Circle(LossFunctionWrapper):
    """Circle loss over a batch of embeddings (``y_pred``) and integer labels (``y_true``)."""

    def __init__(self, gamma=80.0, margin=0.4, remove_diagonal=True, reduction=SUM_OVER_BATCH,
                 name="circle", dtype=None):
        super().__init__(S.circle, name=name, reduction=reduction, dtype=dtype, gamma=gamma,
                         margin=margin, remove_diagonal=remove_diagonal)
        self.gamma, self.margin, self.remove_diagonal = gamma, margin, remove_diagonal

    def get_config(self):
        return _fixed_config(self, "gamma", "margin", "remove_diagonal")


class CategoricalGeneralizedCrossEntropy(LossFunctionWrapper):
    """Generalised crossentropy (1 - p ** q) / q with integer labels, 0 < q < 1.

    Exported by Keras 3 but not accepted by ``keras.losses.get()``: not in the registry.
    """

    def __init__(self, q=0.5, reduction=SUM_OVER_BATCH, name="categorical_generalized_cross_entropy", dtype=None):
        if not 0 < q < 1:
            raise ValueError("q must be in the interval (0, 1)")
        super().__init__(P.categorical_generalized_cross_entropy, name=name, reduction=reduction, dtype=dtype, q=q)
        self.q = q

    def get_config(self):
        return _fixed_config(self, "q")
