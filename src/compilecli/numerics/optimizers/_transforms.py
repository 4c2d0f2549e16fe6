"""Gradient transforms and small helpers shared by every optimizer.

Each function mirrors one helper of ``keras/src/optimizers/base_optimizer.py``
operation for operation, so float64 results agree with Keras to rounding.
"""
from __future__ import annotations

import collections
import re

import numpy as np

from ..losses._ops import keras_mean  # noqa: F401  (Adafactor's means)

# Arguments of keras.optimizers.Optimizer.__init__ that every subclass forwards.
BASE_ARGS = ("learning_rate", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm",
             "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
             "gradient_accumulation_steps", "name")


def base_kwargs(local_vars):
    """The base-class arguments out of a subclass ``__init__``'s ``locals()``.

    Subclasses spell out Keras's full signature (so ``inspect.signature`` matches
    Keras) and forward the shared part with ``super().__init__(**base_kwargs(locals()))``;
    unknown keywords travel in ``kwargs`` so the base class rejects them like Keras.
    """
    forwarded = {key: local_vars[key] for key in BASE_ARGS}
    forwarded.update(local_vars.get("kwargs") or {})
    return forwarded


def clip_by_norm(grad, clipnorm):
    """``g * clipnorm / max(||g||, clipnorm)``; a zero gradient stays zero."""
    l2sum = np.sum(np.square(grad))
    l2norm = np.sqrt(l2sum) if l2sum > 0 else l2sum
    return grad * clipnorm / np.maximum(l2norm, clipnorm)


def global_norm(grads):
    return np.sqrt(np.sum([np.sum(np.square(g)) for g in grads]))


def clip_by_global_norm(grads, clip_norm):
    """Scales all gradients by ``clip_norm / max(global_norm, clip_norm)``."""
    use_norm = global_norm(grads)
    with np.errstate(divide="ignore"):  # norm 0 gives 1/0 = inf, and min() then picks 1/clip_norm
        scale = clip_norm * np.minimum(1.0 / use_norm, 1.0 / clip_norm)
    # A non-finite norm turns the scale into NaN, as in Keras.
    scale = scale + (use_norm - use_norm)
    return [g * scale for g in grads]


def clip_by_value(grads, clipvalue):
    return [np.clip(g, -clipvalue, clipvalue) for g in grads]


# Keras 3 ops that compute in float32 even on float64 input, outside TensorFlow:
# `keras.backend.result_type` maps float64 to float32 "to align with JAX's default",
# and ops.mean / ops.norm pick their compute dtype through it. Mirroring the rounding
# keeps Adafactor and Muon within ~1e-7 of Keras (the float32 summation order of XLA
# and numpy still differs, so not bit for bit).
def keras_matrix_norm(x):
    """Frobenius norm over the last two axes, kept as float32 like ``ops.norm``."""
    return np.linalg.norm(x.astype(np.float32), axis=(-2, -1), keepdims=True)


_NAME_UIDS = collections.defaultdict(int)


def to_snake_case(name):
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def auto_name(class_name):
    """``adam``, ``adam_1``, ... as ``keras.src.utils.naming.auto_name`` (``RMSprop`` -> ``rm_sprop``)."""
    prefix = to_snake_case(class_name)
    unique = f"{prefix}_{_NAME_UIDS[prefix]}" if prefix in _NAME_UIDS else prefix
    _NAME_UIDS[prefix] += 1
    return unique


def serialize_callable(fn):
    """How Keras's ``serialize_keras_object`` writes a plain function learning rate."""
    name = getattr(fn, "__name__", repr(fn))
    return {"module": "builtins", "class_name": "function", "config": name,
            "registered_name": "function"}
