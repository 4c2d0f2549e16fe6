"""numpy mirrors of ``keras.optimizers`` (Keras 3).

    import numpy as np
    from compilecli.numerics import optimizers
    opt = optimizers.get({"class_name": "Adam", "config": {"learning_rate": 0.01}})
    w = np.zeros((3, 2))
    opt.apply([np.ones((3, 2))], [w])      # w is updated in place
    opt.iterations, opt.learning_rate

Name resolution mirrors ``keras.optimizers.get``: a class name in any case
("adam", "Adam", "ADAM", "RMSProp"), no snake_case aliases ("adam_w" fails), and
``Lamb`` is left out exactly as Keras leaves it out. ``LossScaleOptimizer`` and
``MultiOptimizer`` wrap other optimizers, given in their configs as Keras serializes them
(``{"module": "keras.optimizers", "class_name": "SGD", "config": {...}}``), see ``wrappers``.
"""
from __future__ import annotations

from .._registry import Registry
from .adafactor import Adafactor
from .adagrad import Adadelta, Adagrad
from .adam import Adam, AdamW
from .adamax import Adamax
from .base import Optimizer
from .ftrl import Ftrl
from .lamb import Lamb
from .lion import Lion
from .muon import Muon
from .nadam import Nadam
from .rmsprop import RMSprop
from .schedule_free_adamw import ScheduleFreeAdamW
from .sgd import SGD
from .wrappers import LossScaleOptimizer, MultiOptimizer, OptimizerMap

_registry = Registry("optimizer", module="keras.optimizers", base_class=Optimizer)
REGISTRY = _registry

# keras/src/optimizers/__init__.py: ALL_OBJECTS. `Optimizer` itself is listed there too:
# resolving it fails for want of a learning rate; an OptimizerMap resolves but is no optimizer.
ALL_OBJECTS = (Optimizer, Adam, SGD, RMSprop, Adadelta, AdamW, Adagrad, Adamax, Adafactor, Muon,
               MultiOptimizer, OptimizerMap, Nadam, Ftrl, Lion, LossScaleOptimizer, ScheduleFreeAdamW)
for _cls in ALL_OBJECTS:
    _registry.register()(_cls)


def serialize(optimizer):
    """``{"module": "keras.optimizers", "class_name", "config", "registered_name"}``."""
    return _registry.serialize(optimizer)


def deserialize(config):
    """An optimizer from ``{"class_name": ..., "config": {...}}``; the class name is case-insensitive."""
    return _registry.deserialize(config)


def get(identifier):
    """An optimizer from a name, a config dict, or an ``Optimizer`` (returned unchanged).

    Anything else raises ``ValueError("Could not interpret optimizer identifier: ...")``.
    """
    return _registry.get(identifier)


__all__ = ["Optimizer", "SGD", "RMSprop", "Adam", "AdamW", "Adamax", "Adagrad", "Adadelta",
           "Nadam", "Ftrl", "Lion", "Lamb", "Muon", "Adafactor", "ScheduleFreeAdamW",
           "LossScaleOptimizer", "MultiOptimizer", "OptimizerMap", "get",
           "serialize", "deserialize"]
