"""Per-variable state: which arrays an optimizer was built for, and its slots.

Keras keys its slots by ``id(variable)``; so do we, which is why variables must be
updated in place (``var[...] = ...``) and never rebound.
"""
from __future__ import annotations

import numpy as np


class StateMixin:
    def build(self, variables, names=None):
        """Creates the optimizer's slots for ``variables``.

        ``names`` (optional, one string per variable) stand in for Keras variable
        paths: ``exclude_from_weight_decay(var_names=...)`` and Muon's
        ``exclude_layers`` / ``exclude_embeddings`` match against them.
        """
        variables = list(variables)
        for variable in variables:
            _check_variable(variable)
        self._trainable_variables = variables
        self._variable_indices = {id(v): i for i, v in enumerate(variables)}
        self._variable_names = list(names) if names is not None else ["variable"] * len(variables)
        if self.use_ema:
            self._model_variables_moving_average = self.add_optimizer_variables(variables)
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = self.add_optimizer_variables(variables)
        self.built = True

    def add_variable_from_reference(self, reference_variable, fill=0.0):
        """A slot shaped and typed like ``reference_variable``, filled with ``fill``."""
        return np.full_like(reference_variable, fill)

    def add_optimizer_variables(self, variables, fill=0.0):
        return [self.add_variable_from_reference(v, fill) for v in variables]

    @property
    def variables(self):
        """The model variables the optimizer was built with."""
        return list(getattr(self, "_trainable_variables", ()))

    def _index(self, variable):
        return self._variable_indices[id(variable)]

    def _variable_name(self, variable):
        return self._variable_names[self._index(variable)]

    def _resolve_variables(self, grads, trainable_variables):
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    "When passing `grads` without `variables`, the optimizer must already be "
                    "built on a list of variables. Call `optimizer.build(trainable_variables)` first.")
            if len(grads) != len(self._trainable_variables):
                raise ValueError(
                    "When passing `grads` as a list of gradient tensors, the gradients must match "
                    f"`optimizer.variables` one-to-one. Received a list of {len(grads)} gradients, "
                    f"but the optimizer is tracking {len(self._trainable_variables)} trainable variables.")
            return list(self._trainable_variables)
        trainable_variables = list(trainable_variables)
        if not self.built:
            self.build(trainable_variables)
        for variable in trainable_variables:
            if id(variable) not in self._variable_indices:
                raise ValueError(
                    f"Unknown variable: {variable!r}. This optimizer can only be called for the "
                    "variables it was originally built with. When working with a new set of "
                    "variables, you should recreate a new optimizer instance.")
        return trainable_variables


def _check_variable(variable):
    # Updates happen in place, so only writable float ndarrays can be optimized.
    if not isinstance(variable, np.ndarray) or not np.issubdtype(variable.dtype, np.floating):
        raise TypeError(
            "Variables must be numpy float arrays (they are updated in place). "
            f"Received: {type(variable).__name__} {getattr(variable, 'dtype', '')}")
