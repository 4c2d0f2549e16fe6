"""Optimizers around other optimizers: ``LossScaleOptimizer``, ``MultiOptimizer`` and its
``OptimizerMap`` (``keras/src/optimizers/loss_scale_optimizer.py``, ``multi_optimizer.py``).

Their configs hold other optimizers, serialized as Keras serializes them; ``deserialize_nested``
reads those as Keras's ``serialization_lib.deserialize_keras_object`` does: a nested optimizer
needs its ``module`` ("keras.optimizers") and exact class name, a plain string is left a string
(and fails later, as in Keras), a dict without ``class_name`` is a mapping of such objects.
"""
from __future__ import annotations

import re

import numpy as np

from .base import Optimizer

# What LossScaleOptimizer tolerates in a config (older Keras wrote them) at their default value.
_BASE_DEFAULTS = {"weight_decay": None, "clipnorm": None, "global_clipnorm": None, "clipvalue": None,
                  "use_ema": False, "ema_momentum": 0.99, "ema_overwrite_frequency": None,
                  "loss_scale_factor": None, "gradient_accumulation_steps": None}
_MODULES = ("keras.optimizers", "keras.mixed_precision")


def serialize_nested(obj):
    """``serialize_keras_object`` of an optimizer (or OptimizerMap) inside another's config."""
    return {"module": "keras.optimizers", "class_name": type(obj).__name__, "config": obj.get_config(),
            "registered_name": None}


def deserialize_nested(config, classes):
    """An object from a nested config; ``classes``: exact class name -> class."""
    if isinstance(config, dict) and "class_name" not in config:
        return {key: deserialize_nested(value, classes) for key, value in config.items()}
    if not isinstance(config, dict):
        return config   # Keras leaves a string (or an instance) as it is
    module, name = config.get("module"), config["class_name"]
    if module is None or not (module in _MODULES or str(module).startswith("keras.src.optimizers")):
        raise TypeError(f"Could not deserialize {config!r}: a nested optimizer needs its `module` "
                        "(keras.optimizers), as Keras writes it")
    if name not in classes:   # Keras looks the exact class name up in the module
        raise ValueError(f"Could not deserialize '{module}.{name}': no such class (class names are exact here)")
    return classes[name].from_config(dict(config.get("config") or {}))


class LossScaleOptimizer(Optimizer):
    """Dynamic loss scaling around ``inner_optimizer`` (for float16 training).

    The loss is multiplied by ``scale`` (``scale_loss``); ``apply`` divides the gradients by it.
    A step with a non-finite gradient is skipped and halves the scale; after
    ``dynamic_growth_steps`` finite steps in a row the scale doubles. The scale is float32, as
    Keras keeps it, and so is the division (Keras's promotion of float64 / float32).
    """

    def __init__(self, inner_optimizer, initial_scale=2.0 ** 15, dynamic_growth_steps=2000, name=None, **kwargs):
        if not kwargs.pop("dynamic", True):
            raise ValueError("LossScaleOptimizer no longer supports `dynamic=False`. Instead, simply set "
                             "`loss_scale_factor` directly on the `inner_optimizer`.")
        for arg, default in _BASE_DEFAULTS.items():
            if arg in kwargs:
                value = kwargs.pop(arg)
                if (default is None and value is not None) or value != default:
                    raise ValueError(f"LossScaleOptimizer does not support `{arg}`. "
                                     f"Instead, set `{arg}` on the `inner_optimizer`.")
        if kwargs:
            raise ValueError(f"LossScaleOptimizer does not support arguments: `{'`, `'.join(kwargs)}`.")
        super().__init__(learning_rate=0.0, name=name)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = initial_scale
        self.dynamic_growth_steps = dynamic_growth_steps
        self.inner_optimizer.loss_scale_factor = None   # else the gradients would be unscaled twice

    def build(self, variables, names=None):
        self.step_counter = 0
        self.dynamic_scale = np.float32(self.initial_scale)
        self.inner_optimizer.build(list(variables), names)
        super().build(variables, names)

    def apply(self, grads, trainable_variables=None):
        grads = list(grads)
        if not self.built:
            self.build(trainable_variables)
        if all(np.all(np.isfinite(g)) for g in grads if g is not None):
            scale = self.dynamic_scale
            unscaled = [None if g is None else _keras_divide(np.asarray(g), scale) for g in grads]
            self.inner_optimizer.apply(unscaled, trainable_variables)
            if self.step_counter == self.dynamic_growth_steps - 1:
                self.step_counter, self.dynamic_scale = 0, self.dynamic_scale * np.float32(2.0)
            else:
                self.step_counter += 1
        else:   # skip the step, lower the scale
            self.step_counter, self.dynamic_scale = 0, self.dynamic_scale * np.float32(0.5)

    def stepper(self, variables, names=None):
        variables = list(variables)
        if not self.built:
            self.build(variables, names)
        return lambda grads: self.apply(grads, variables)

    def scale_loss(self, loss):
        return loss * (self.dynamic_scale if self.built else self.initial_scale)

    @property
    def learning_rate(self):
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        if hasattr(self, "inner_optimizer"):
            self.inner_optimizer.learning_rate = value
        else:   # the base class's __init__ sets a placeholder before the inner optimizer exists
            self._learning_rate = value

    @property
    def iterations(self):
        return self.inner_optimizer.iterations

    def finalize_variable_values(self, var_list):
        self.inner_optimizer.finalize_variable_values(var_list)

    def get_config(self):
        return {"name": self.name, "inner_optimizer": serialize_nested(self.inner_optimizer),
                "initial_scale": self.initial_scale, "dynamic_growth_steps": self.dynamic_growth_steps}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        inner = deserialize_nested(config.pop("inner_optimizer"), nested_classes())
        return cls(inner, **config)


def _keras_divide(grad, scale):
    # ops.divide promotes float64 with a float32 variable to float32 outside TensorFlow.
    if grad.dtype == np.float64:
        return (grad.astype(np.float32) / scale).astype(np.float32)
    return grad / scale.astype(grad.dtype)


class OptimizerMap:
    """Variable path -> optimizer: an exact key first, else the one key that ``re.fullmatch``es
    the path, else ``default_optimizer``."""

    def __init__(self, default_optimizer, optimizer_map=None):
        if not isinstance(default_optimizer, Optimizer):
            raise TypeError(f"default_optimizer must be a Keras Optimizer instance. Received: {default_optimizer}")
        if optimizer_map is not None and not isinstance(optimizer_map, dict):
            raise TypeError(f"optimizer_map must be a dictionary. Received: {optimizer_map}")
        self.default_optimizer = default_optimizer
        self._optimizer_map = optimizer_map or {}

    def __getitem__(self, key):
        if key in self._optimizer_map:
            return self._optimizer_map[key]
        matching = [pattern for pattern in self._optimizer_map if re.fullmatch(pattern, key)]
        if len(matching) > 1:
            raise ValueError(f"Multiple optimizers assigned to variable {key}.")
        return self._optimizer_map[matching[0]] if matching else self.default_optimizer

    def values(self):
        return self._optimizer_map.values()

    def __call__(self, path):
        return self[path]

    def get_config(self):
        return {"default_optimizer": serialize_nested(self.default_optimizer),
                "optimizer_map": {k: serialize_nested(v) for k, v in self._optimizer_map.items()}}

    @classmethod
    def from_config(cls, config):
        classes = nested_classes()
        return cls(deserialize_nested(config["default_optimizer"], classes),
                   deserialize_nested(config["optimizer_map"], classes))


class MultiOptimizer(Optimizer):
    """Each variable updated by its own optimizer: ``optimizer_map`` is an ``OptimizerMap`` (keyed
    by the variable names given to ``build``, Keras's variable paths) or a function of the variable.
    ``loss_scale_factor`` is passed on to every inner optimizer; there is no learning rate of its own."""

    def __init__(self, optimizer_map, loss_scale_factor=None, name=None):
        super().__init__(learning_rate=0.0, loss_scale_factor=loss_scale_factor, name=name)
        self._optimizer_map = optimizer_map
        self._inner_optimizers = []
        candidates = list(optimizer_map.values()) if hasattr(optimizer_map, "values") else []
        candidates.append(getattr(optimizer_map, "default_optimizer", None))
        for opt in candidates:
            if opt is not None and opt not in self._inner_optimizers:
                opt.loss_scale_factor = loss_scale_factor
                self._inner_optimizers.append(opt)

    @property
    def loss_scale_factor(self):
        return getattr(self, "_loss_scale_factor", None)

    @loss_scale_factor.setter
    def loss_scale_factor(self, value):
        self._loss_scale_factor = value
        for opt in getattr(self, "_inner_optimizers", ()):
            opt.loss_scale_factor = value

    @property
    def learning_rate(self):
        raise AttributeError("Learning rate cannot be accessed on a MultiOptimizer. "
                             "Access the learning rate on the individual sub-optimizers instead.")

    @learning_rate.setter
    def learning_rate(self, value):
        if hasattr(self, "_optimizer_map"):
            raise AttributeError("Learning rate cannot be set on a MultiOptimizer. "
                                 "Set the learning rate on the individual sub-optimizers instead.")
        self._learning_rate = value   # the base class's placeholder

    @property
    def optimizers(self):
        return list(self._inner_optimizers)

    def build(self, variables, names=None):
        if self.built:
            return
        variables = list(variables)
        names = list(names) if names is not None else ["variable"] * len(variables)
        self._assigned = []
        for variable, name in zip(variables, names):
            opt = self._optimizer_map(name) if isinstance(self._optimizer_map, OptimizerMap) \
                else self._optimizer_map(variable)
            _check_inner(opt, variable)
            if opt not in self._inner_optimizers:
                opt.loss_scale_factor = self.loss_scale_factor
                self._inner_optimizers.append(opt)
            self._assigned.append(opt)
        for opt in self._inner_optimizers:
            mine = [(v, n) for v, n, o in zip(variables, names, self._assigned) if o is opt]
            if mine:
                opt.build([v for v, _ in mine], [n for _, n in mine])
        super().build(variables, names)

    def apply(self, grads, trainable_variables=None):
        grads = list(grads)
        if not grads:
            return
        variables = self._resolve_variables(grads, trainable_variables)
        if len(grads) != len(self._trainable_variables):
            raise ValueError("Gradients must match trainable variables one-to-one. "
                             f"Received {len(grads)} gradients and {len(self._trainable_variables)} variables.")
        for opt in self._inner_optimizers:
            mine = [(g, v) for g, v in zip(grads, variables) if self._assigned[self._index(v)] is opt]
            if mine:
                opt.apply([g for g, _ in mine], [v for _, v in mine])
        self._iterations += 1

    def stepper(self, variables, names=None):
        variables = list(variables)
        if not self.built:
            self.build(variables, names)
        return lambda grads: self.apply(grads, variables)

    def finalize_variable_values(self, var_list):
        for opt in self._inner_optimizers:
            mine = [v for v in var_list if self._assigned[self._index(v)] is opt]
            if mine:
                opt.finalize_variable_values(mine)

    def get_config(self):
        optimizer_map = self._optimizer_map
        if isinstance(optimizer_map, OptimizerMap):
            optimizer_map = serialize_nested(optimizer_map)
        return {"optimizer_map": optimizer_map, "loss_scale_factor": self.loss_scale_factor, "name": self.name}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config["optimizer_map"] = deserialize_nested(config["optimizer_map"], nested_classes())
        return cls(**config)


def _check_inner(opt, variable):
    if not isinstance(opt, Optimizer):
        raise ValueError(f"Optimizer for variable {variable!r} is not an Optimizer instance.")
    if isinstance(opt, LossScaleOptimizer):
        raise ValueError("LossScaleOptimizer cannot be used inside an MultiOptimizer.")
    if isinstance(opt, MultiOptimizer):
        raise ValueError("MultiOptimizer cannot be used inside an MultiOptimizer.")


def nested_classes():
    """Exact class name -> class, for everything a nested config may name."""
    from . import ALL_OBJECTS
    return {cls.__name__: cls for cls in ALL_OBJECTS}
