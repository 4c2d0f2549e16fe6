"""numpy mirror of Keras 3's ``keras.metrics``: stateful metric objects and
``get``/``serialize``/``deserialize`` accepting exactly the names ``keras.metrics.get``
accepts: every class name, its snake_case form ("mean_io_u", "auc", "accuracy"), and
bce/BCE, mse/MSE, mae/MAE, mape/MAPE, msle/MSLE. A string always gives an instance
(Keras 3 has no metric functions in its registry).

    m = get("auc"); m.update_state(y_true, y_pred); m.result()

"acc" is *not* a ``keras.metrics.get`` name: "accuracy"/"acc" in ``model.compile`` are
resolved from the output shape, see ``resolve_compile_metric``.
"""
from __future__ import annotations

from .._registry import Registry, get_from
from ..losses import get as _get_loss
from ..losses import output_kind, sparse_categorical_crossentropy
from .accuracy import (Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
                       SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy)
from .auc import AUC
from .base import Mean, MeanMetricWrapper, Metric, Sum
from .confusion import (FalseNegatives, FalsePositives, Precision, PrecisionAtRecall, Recall,
                        RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity,
                        TrueNegatives, TruePositives)
from .f_score import F1Score, FBetaScore
from .iou import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from .regression import (BinaryCrossentropy, CategoricalCrossentropy, CategoricalHinge,
                         ConcordanceCorrelation, CosineSimilarity, Hinge, KLDivergence, LogCoshError,
                         MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredError,
                         MeanSquaredLogarithmicError, PearsonCorrelation, Poisson, R2Score,
                         RootMeanSquaredError, SparseCategoricalCrossentropy, SquaredHinge)

REGISTRY = Registry("metric")

# keras.metrics.ALL_OBJECTS, each by class name and snake_case name.
ALL_OBJECTS = (
    Metric, Mean, Sum, MeanMetricWrapper,
    MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError, CosineSimilarity, LogCoshError, R2Score,
    AUC, FalseNegatives, FalsePositives, Precision, PrecisionAtRecall, Recall, RecallAtPrecision,
    SensitivityAtSpecificity, SpecificityAtSensitivity, TrueNegatives, TruePositives,
    ConcordanceCorrelation, PearsonCorrelation,
    Hinge, SquaredHinge, CategoricalHinge,
    KLDivergence, Poisson, BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy,
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
    TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy,
    F1Score, FBetaScore,
    IoU, BinaryIoU, MeanIoU, OneHotIoU, OneHotMeanIoU,
)
for _cls in ALL_OBJECTS:   # by class name; the snake_case names and aliases Keras accepts are the catalogue's
    REGISTRY.register()(_cls)


def deserialize(config):
    """A metric instance from a name or a ``{"class_name", "config"}`` dict."""
    return REGISTRY.deserialize(config)


def serialize(metric):
    """Keras's serialized form: ``{"module", "class_name", "config", "registered_name"}``."""
    return {"module": "keras.metrics", "class_name": type(metric).__name__,
            "config": metric.get_config(), "registered_name": None}


def get(identifier):
    """``keras.metrics.get``: names and dicts give instances; callables pass through."""
    return get_from(identifier, deserialize, "metric")


def _labels_look_sparse(loss_name):
    """compilecli's guess when label shapes are unknown: a sparse-categorical loss means
    integer labels. (Keras itself looks at y_true's shape, never at the loss.)"""
    if loss_name is None:
        return False
    try:
        loss = _get_loss(loss_name)
    except ValueError:
        return False
    return loss is sparse_categorical_crossentropy or getattr(loss, "fn", None) is sparse_categorical_crossentropy


def resolve_compile_metric(name, loss_name=None, output_units=None, sparse_labels=None):
    """The metric object ``model.compile(metrics=[name])`` builds (Keras 3
    ``trainers/compile_utils.get_metric``).

    - compile()'s own strings (the catalogue's): "accuracy"/"acc" in any case ("Accuracy", "ACC")
      become BinaryAccuracy when the output has one unit (``output_units == 1``), else SparseCategoricalAccuracy when the
      labels are integer ids (``sparse_labels``), else CategoricalAccuracy; the metric is
      named after the string as written. Keras decides from the shapes of y_true/y_pred,
      not from the loss; when ``sparse_labels`` is None compilecli infers it from
      ``loss_name`` (a sparse categorical crossentropy loss implies integer labels).
    - "crossentropy"/"ce" are loss-only shortcuts in Keras 3: as metrics they raise
      ValueError, as Keras does when the metrics are built.
    - Anything else goes through ``get``; a plain function is wrapped in
      ``MeanMetricWrapper``. A string identifier also becomes the metric's name.
    """
    from .._registry import _keras3
    entry = _keras3().resolve("metric", name) if isinstance(name, str) else None
    if entry is not None and entry.resolves_to:
        sparse = _labels_look_sparse(loss_name) if sparse_labels is None else sparse_labels
        return REGISTRY.objects[dict(entry.resolves_to)[output_kind(output_units, sparse)]](name=name)
    return named(get(name), name)


def build(name, config=None, label=None):
    """The metric compile() makes of a resolved entry: numerics' object ``name``
    (``REGISTRY.name_for``) from ``config``, named ``label`` when that is a string (as written)."""
    return named(REGISTRY.build(name, config), label)


def named(metric, label):
    """A plain function in ``MeanMetricWrapper``; a string ``label`` becomes the metric's name."""
    if not isinstance(metric, Metric):
        metric = MeanMetricWrapper(metric, name=getattr(metric, "__name__", None))
    if isinstance(label, str):
        metric.name = label
    return metric


ALL_NAMES = REGISTRY.names()

__all__ = ["get", "serialize", "deserialize", "resolve_compile_metric", "build", "named", "ALL_NAMES", "REGISTRY",
           "ALL_OBJECTS"]
__all__ += [cls.__name__ for cls in ALL_OBJECTS]
del _cls
