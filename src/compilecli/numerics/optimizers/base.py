"""``Optimizer``: the machinery Keras 3 shares between all optimizers.

One call of ``apply(grads, variables)`` does, in Keras's order:

1. drop ``None`` gradients; divide the rest by ``loss_scale_factor``;
2. with ``gradient_accumulation_steps=N``: add them to the accumulators, and only
   every N-th call use ``(g + accumulated) / N`` for steps 3-5 (then zero the accumulators);
3. clip (``clipnorm`` per tensor, or ``global_clipnorm``, or ``clipvalue``);
4. decoupled weight decay ``w -= w * weight_decay * lr``;
5. the optimizer's own ``update_step`` per variable, with ``lr = learning_rate``
   (a schedule is called with the raw call counter);
6. EMA of the variables and, every ``ema_overwrite_frequency`` steps, overwrite;
7. increment the raw call counter.

Variables are numpy float arrays, updated in place.
"""
from __future__ import annotations

import re
import warnings

import numpy as np

from .. import schedules
from . import _checks, _transforms
from ._state import StateMixin


class Optimizer(StateMixin):
    """Abstract base class; subclasses implement ``build`` and ``update_step``."""

    # True where the update is element-wise (global_clipnorm and clipvalue included): it gives the same
    # numbers on one flat vector as on each array, so smoke may step once per batch. Lamb, Muon and
    # Adafactor look at whole matrices and stay False.
    elementwise = False

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.")
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        self.name = name if name is not None else _transforms.auto_name(type(self).__name__)
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        _checks.validate(clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
                  ema_overwrite_frequency, gradient_accumulation_steps)
        self._learning_rate = _checks.check_learning_rate(learning_rate)
        self._iterations = 0
        self.built = False

    # -- counters and learning rate -------------------------------------------------
    @property
    def iterations(self):
        """Optimizer steps taken: raw calls, divided by ``gradient_accumulation_steps``."""
        if self.gradient_accumulation_steps:
            return self._iterations // self.gradient_accumulation_steps
        return self._iterations

    @property
    def learning_rate(self):
        """Current value; a schedule is evaluated at the raw call counter."""
        if isinstance(self._learning_rate, schedules.LearningRateSchedule):
            return self._learning_rate(self._iterations)
        if callable(self._learning_rate):
            return self._learning_rate()
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        if not callable(value) and isinstance(self._learning_rate, schedules.LearningRateSchedule):
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule` object as its "
                "`learning_rate` constructor argument, hence its learning rate is not settable. "
                "If you need the learning rate to be settable, you should instantiate the "
                "optimizer with a float `learning_rate` argument.")
        self._learning_rate = value

    # -- one step -----------------------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        grads, variables = zip(*grads_and_vars)
        self.apply(grads, variables)
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Updates ``trainable_variables`` (numpy arrays) in place from ``grads``."""
        grads = list(grads)
        if not grads:
            return
        variables = self._resolve_variables(grads, trainable_variables)
        grads, variables = _checks.filter_empty_gradients(grads, variables)
        if self.loss_scale_factor is not None:
            grads = [g / self.loss_scale_factor for g in grads]
        if self.gradient_accumulation_steps:
            self._accumulate_or_update(grads, variables)
        else:
            self._update(grads, variables)
        self._update_model_variables_moving_average()
        self._iterations += 1

    def stepper(self, variables, names=None):
        """A function ``step(grads)`` that does exactly ``apply(grads, variables)`` for this fixed
        list of variables, for a training loop: the checks ``apply`` repeats on every call (build,
        known variables, None gradients) are done once here, and when no gradient transform is
        configured (loss scaling, accumulation, clipping, EMA) the update rule runs directly.
        ``grads`` must be arrays, one per variable, never None; ``names`` as for ``build``."""
        variables = list(variables)
        if not self.built:
            self.build(variables, names)
        self._resolve_variables(variables, variables)
        if (self.loss_scale_factor is not None or self.gradient_accumulation_steps or self.use_ema
                or self.clipnorm or self.global_clipnorm or self.clipvalue):
            return lambda grads: self.apply(grads, variables)

        if self.weight_decay is not None or type(self)._backend_update_step is not Optimizer._backend_update_step:
            def step(grads):
                self._apply_weight_decay(variables)
                self._backend_update_step(grads, variables, self.learning_rate)
                self._iterations += 1
            return step

        def plain_step(grads):   # _backend_update_step's body, one call level less
            learning_rate = self.learning_rate
            for grad, variable in zip(grads, variables):
                dtype = variable.dtype
                self.update_step(np.asarray(grad, dtype=dtype), variable, np.asarray(learning_rate, dtype=dtype))
            self._iterations += 1
        return plain_step

    def _update(self, grads, variables):
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(variables)
        self._backend_update_step(grads, variables, self.learning_rate)

    def _backend_update_step(self, grads, variables, learning_rate):
        # Hook run once per step before the per-variable updates (Nadam uses it).
        for grad, variable in zip(grads, variables):
            lr = np.asarray(learning_rate, dtype=variable.dtype)
            self.update_step(np.asarray(grad, dtype=variable.dtype), variable, lr)

    def update_step(self, gradient, variable, learning_rate):
        raise NotImplementedError

    def _accumulate_or_update(self, grads, variables):
        steps = self.gradient_accumulation_steps
        accumulators = [self._accumulated_gradients[self._index(v)] for v in variables]
        if (self._iterations + 1) % steps != 0:
            for grad, acc in zip(grads, accumulators):
                acc += grad
            return
        self._update([(g + acc) / steps for g, acc in zip(grads, accumulators)], variables)
        for acc in accumulators:
            acc[...] = 0

    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [_transforms.clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return _transforms.clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            return _transforms.clip_by_value(grads, self.clipvalue)
        return grads

    # -- weight decay -------------------------------------------------------------
    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Exempts variables (by identity, or by a regex over their names) from weight decay."""
        # Keras guards this with a `_built` flag that is never set, so it never raises.
        self._exclude_from_weight_decay = {id(v) for v in var_list or ()}
        self._exclude_pattern = re.compile("|".join(set(var_names))) if var_names else None

    def _use_weight_decay(self, variable):
        if id(variable) in getattr(self, "_exclude_from_weight_decay", ()):
            return False
        pattern = getattr(self, "_exclude_pattern", None)
        # Keras matches the variable's name, i.e. the last component of its path.
        name = self._variable_name(variable).rsplit("/", 1)[-1]
        return pattern is None or pattern.search(name) is None

    def _weight_decay_rate(self, variable):
        """The decay to apply to ``variable``, or None (Muon picks one per variable)."""
        if self.weight_decay is None or not self._use_weight_decay(variable):
            return None
        return self.weight_decay

    def _apply_weight_decay(self, variables):
        for variable in variables:
            rate = self._weight_decay_rate(variable)
            if rate is not None:
                lr = np.asarray(self.learning_rate, dtype=variable.dtype)
                variable[...] = variable - variable * np.asarray(rate, variable.dtype) * lr

    # -- EMA ----------------------------------------------------------------------
    def _update_model_variables_moving_average(self):
        if not self.use_ema:
            return
        # The first step copies the variables (momentum 0) instead of averaging with zeros.
        momentum = self.ema_momentum if self.iterations != 0 else 0.0
        for var, average in zip(self._trainable_variables, self._model_variables_moving_average):
            average[...] = momentum * average + (1 - momentum) * var
        frequency = self.ema_overwrite_frequency
        if frequency and (self.iterations + 1) % frequency == 0:
            self._overwrite_model_variables_with_average_value(self._trainable_variables)

    def _overwrite_model_variables_with_average_value(self, variables):
        if len(variables) != len(self._model_variables_moving_average):
            raise ValueError(
                f"The length of model variables ({len(variables)}) to override does not match "
                "the length of model variables stored in the optimizer "
                f"({len(self._model_variables_moving_average)}).")
        for var, average in zip(variables, self._model_variables_moving_average):
            var[...] = average

    def finalize_variable_values(self, var_list):
        """With ``use_ema``, replaces the variables by their moving average (end of ``fit``)."""
        if self.use_ema:
            self._overwrite_model_variables_with_average_value(list(var_list))

    # -- config -------------------------------------------------------------------
    def get_config(self):
        config = {"name": self.name, "learning_rate": _checks.serialize_learning_rate(self._learning_rate)}
        config.update({key: getattr(self, key) for key in _CONFIG_KEYS})
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = schedules.deserialize(config["learning_rate"])
        return cls(**config)


# The order of keras.optimizers.Optimizer.get_config().
_CONFIG_KEYS = ("weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "use_ema", "ema_momentum",
                "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps")
