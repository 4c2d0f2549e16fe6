"""numpy mirror of Keras 3's ``keras.losses``: every loss class and function, and
``get``/``serialize``/``deserialize`` accepting exactly the names ``keras.losses.get``
accepts (class names, snake_case function names, and the aliases bce/BCE, kld/KLD,
mae/MAE, mse/MSE, mape/MAPE, msle/MSLE).

    loss = get("SparseCategoricalCrossentropy")   # class name -> instance
    fn = get("mse")                                # function name / alias -> function
    loss = get({"class_name": "Huber", "config": {"delta": 2.0}})

Keras 3.15 does *not* accept "logcosh", "kullback_leibler_divergence", "huber_loss" or
"crossentropy"/"ce" in ``keras.losses.get``; "crossentropy"/"ce" are compile-time
shortcuts only, see ``resolve_compile_loss``.
"""
from __future__ import annotations

from .._registry import Registry, get_from
from .base import Loss, LossFunctionWrapper, reduce_weighted_values, serialize_function
from .classes import (CTC, BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,
                      CategoricalFocalCrossentropy, CategoricalGeneralizedCrossEntropy,
                      CategoricalHinge, Circle, CosineSimilarity, Dice, Hinge, Huber,
                      KLDivergence, LogCosh, MeanAbsoluteError, MeanAbsolutePercentageError,
                      MeanSquaredError, MeanSquaredLogarithmicError, Poisson,
                      SparseCategoricalCrossentropy, SquaredHinge, Tversky)
from .probabilistic import (binary_crossentropy, binary_focal_crossentropy,
                            categorical_crossentropy, categorical_focal_crossentropy,
                            categorical_generalized_cross_entropy, kl_divergence, poisson,
                            sparse_categorical_crossentropy)
from .regression import (categorical_hinge, cosine_similarity, hinge, huber, log_cosh,
                         mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                         mean_squared_logarithmic_error, squared_hinge)
from .segmentation import circle, ctc, dice, tversky

REGISTRY = Registry("loss")

# Every class of keras.losses.ALL_OBJECTS, by its class name.
for _cls in (Loss, LossFunctionWrapper, KLDivergence, Poisson, BinaryCrossentropy,
             BinaryFocalCrossentropy, CategoricalCrossentropy, CategoricalFocalCrossentropy,
             SparseCategoricalCrossentropy, MeanSquaredError, MeanAbsoluteError,
             MeanAbsolutePercentageError, MeanSquaredLogarithmicError, CosineSimilarity, LogCosh,
             Huber, Hinge, SquaredHinge, CategoricalHinge, Dice, Tversky, Circle, CTC):
    REGISTRY.register()(_cls)

# Every function, by its name (the aliases Keras accepts, mse or kld, are the catalogue's).
for _fn in (kl_divergence, poisson, binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
            categorical_focal_crossentropy, sparse_categorical_crossentropy, mean_squared_error,
            mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
            cosine_similarity, log_cosh, huber, hinge, squared_hinge, categorical_hinge, dice, tversky,
            circle, ctc):
    REGISTRY.register()(_fn)


def deserialize(config):
    """A loss from a name or a ``{"class_name", "config"}`` dict (also Keras's function form)."""
    if isinstance(config, dict) and config.get("class_name") == "function":
        return REGISTRY.lookup(config["config"])
    return REGISTRY.deserialize(config)


def serialize(loss):
    """Keras's serialized form: ``{"module", "class_name", "config", "registered_name"}``."""
    if isinstance(loss, Loss):
        return {"module": "keras.losses", "class_name": type(loss).__name__,
                "config": loss.get_config(), "registered_name": None}
    return serialize_function(loss)


def get(identifier):
    """``keras.losses.get``: a class name gives a default instance, a function name the function."""
    return get_from(identifier, deserialize, "loss")


def output_kind(output_units, sparse_labels):
    """"binary" when the model output has one unit, else "sparse" when labels are integer
    class ids, else "categorical" (the three-way choice compile() makes)."""
    if output_units == 1:
        return "binary"
    return "sparse" if sparse_labels else "categorical"


def kind_from_shapes(y_true_shape, y_pred_shape):
    """compile_utils.is_binary_or_sparse_categorical: labels are sparse when they have a
    lower rank than the output, or a last dim of 1 against a wider output."""
    sparse = len(y_true_shape) < len(y_pred_shape) or (y_true_shape[-1] == 1 and y_pred_shape[-1] > 1)
    return output_kind(y_pred_shape[-1], sparse)


def resolve_compile_loss(identifier, output_units=None, sparse_labels=False):
    """The loss object ``model.compile(loss=identifier)`` builds (``compile_utils.get_loss``).

    compile()'s own strings ("crossentropy"/"ce", any case: the catalogue's) become binary,
    sparse-categorical or categorical crossentropy depending on the output (see ``output_kind``);
    anything else goes through ``get``. A plain function is wrapped in ``LossFunctionWrapper`` named
    after the identifier as written ("mse" stays "mse"); Loss instances keep their own name.
    """
    from .._registry import _keras3
    entry = _keras3().resolve("loss", identifier) if isinstance(identifier, str) else None
    if entry is not None and entry.resolves_to:
        loss = REGISTRY.objects[dict(entry.resolves_to)[output_kind(output_units, sparse_labels)]]
    else:
        loss = get(identifier)
    return wrapped(loss, identifier)


def build(name, config=None, label=None):
    """The loss compile() makes of a resolved entry: numerics' object ``name``
    (``REGISTRY.name_for``) from ``config``; a plain function is named ``label`` (as written)."""
    return wrapped(REGISTRY.build(name, config), label)


def wrapped(loss, label):
    """A plain function in ``LossFunctionWrapper`` (named ``label`` when it is a string), as compile() does."""
    if loss is None or isinstance(loss, Loss):
        return loss
    name = label if isinstance(label, str) else getattr(loss, "__name__", None)
    return LossFunctionWrapper(loss, name=name)


ALL_NAMES = REGISTRY.names()

__all__ = ["get", "serialize", "deserialize", "resolve_compile_loss", "build", "wrapped", "output_kind", "kind_from_shapes", "Loss",
           "LossFunctionWrapper", "reduce_weighted_values", "ALL_NAMES", "REGISTRY",
           "CategoricalGeneralizedCrossEntropy", "categorical_generalized_cross_entropy"]
__all__ += [name for name in ALL_NAMES if name.isidentifier() and name in globals()]
del _cls, _fn
