"""Stateful metric base classes: ``Metric``, ``Sum``, ``Mean``, ``MeanMetricWrapper``
(``keras/src/metrics/metric.py`` and ``reduction_metrics.py``).

A metric keeps numpy state arrays ("variables"); ``update_state`` adds a batch to
them, ``result`` computes the value from them, ``reset_state`` zeroes them.
"""
from __future__ import annotations

import numpy as np

from ..config import floatx
from ..losses._ops import divide_no_nan, get_mask, squeeze_or_expand_to_same_rank, to_float, to_snake_case
from ..losses.base import apply_mask, serialize_function


class Metric:
    """Base class. Subclasses create state with ``add_variable`` and implement
    ``update_state`` and ``result``; ``metric(y_true, y_pred)`` updates then returns the result."""

    def __init__(self, dtype=None, name=None):
        # Keras uniquifies auto names ("mean_1"); numerics objects keep the plain name.
        self.name = name or to_snake_case(type(self).__name__)
        self.dtype = str(np.dtype(dtype or floatx()))   # state and result type: floatx() unless given
        self._variable_names = []

    def add_variable(self, name, shape=(), dtype=None):
        setattr(self, name, np.zeros(shape, dtype=dtype or self.dtype))
        self._variable_names.append(name)

    @property
    def variables(self):
        return [getattr(self, name) for name in self._variable_names]

    def reset_state(self):
        for name in self._variable_names:
            setattr(self, name, np.zeros_like(getattr(self, name)))

    def update_state(self, *args, **kwargs):
        raise NotImplementedError

    def result(self):
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype=None):
    """Reduce ``values`` to one per sample and broadcast ``sample_weight`` onto them, both in
    ``dtype`` (default ``floatx()``).

    Axes beyond the weight's rank are reduced first (so per-timestep weights weigh
    per-timestep values), then everything past the batch axis.
    """
    dtype = dtype or floatx()
    mask = get_mask(values)
    values = to_float(values, dtype)
    if sample_weight is not None:
        sample_weight = to_float(sample_weight, dtype)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, reduction="sum", dtype=dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim, values_ndim = sample_weight.ndim, values.ndim
        if values_ndim > weight_ndim:
            values = reduce_fn(values, axis=tuple(range(weight_ndim, values_ndim)))
        sample_weight = np.broadcast_to(sample_weight, values.shape)
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=tuple(range(1, weight_ndim)))
    if values.ndim > 1:
        values = reduce_fn(values, axis=tuple(range(1, values.ndim)))
    return values, sample_weight


class Sum(Metric):
    """Running (weighted) sum of all values seen."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.add_variable("total")

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise_values(values, sample_weight, np.sum, self.dtype)
        self.total = self.total + np.sum(values)

    def result(self):
        return self.total[()]


class Mean(Metric):
    """Running weighted mean: sum(values * weights) / sum(weights) over all batches."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.add_variable("total")
        self.add_variable("count")

    def update_state(self, values, sample_weight=None):
        values, sample_weight = reduce_to_samplewise_values(values, sample_weight, np.mean, self.dtype)
        self.total = self.total + np.sum(values)
        if sample_weight is not None:
            num_samples = np.sum(sample_weight)
        elif values.ndim >= 1:
            num_samples = values.shape[0]
        else:
            num_samples = 1
        self.count = self.count + np.asarray(num_samples, dtype=self.dtype)

    def result(self):
        return divide_no_nan(self.total, self.count)[()]


class MeanMetricWrapper(Mean):
    """``Mean`` of a per-sample function ``fn(y_true, y_pred, **kwargs)``.

    As in Keras, a mask on the function's output only counts when a ``sample_weight``
    is given (e.g. SparseCategoricalCrossentropy(ignore_class=...) without weights
    averages the zeros of ignored entries too).
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        if isinstance(fn, (str, dict)):
            from ..losses import get as get_loss  # a serialized `fn` from get_config()
            fn = get_loss(fn)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = get_mask(y_pred)
        # As Keras: the function sees the inputs as given (it computes in their float type);
        # the values are cast to the metric's dtype afterwards.
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        sample_weight = apply_mask(sample_weight, mask, reduction="sum", dtype=self.dtype)
        return super().update_state(values, sample_weight=sample_weight)

    def get_config(self):
        config = super().get_config()
        config["fn"] = serialize_function(self._fn)
        config.update(self._fn_kwargs)
        return config


def wrapper_class(class_name, fn, default_name, config_keys=(), doc=None, config_omits=(), leading=()):
    """Build a MeanMetricWrapper subclass whose options are keyword arguments of ``fn``.

    ``config_keys`` are (option, default) pairs passed to ``fn`` and reported by
    get_config, except those in ``config_omits`` (Keras leaves some out). Positional
    arguments follow Keras's order: the ``leading`` options, name, dtype, the rest.
    """
    defaults = dict(config_keys)
    order = list(leading) + ["name", "dtype"] + [k for k, _ in config_keys if k not in leading]

    def __init__(self, *args, **kwargs):
        if len(args) > len(order):
            raise TypeError(f"{class_name}() takes at most {len(order)} positional arguments")
        kwargs.update(zip(order, args))
        unknown = set(kwargs) - set(order)
        if unknown:
            raise TypeError(f"{class_name}() got unexpected keyword arguments {sorted(unknown)}")
        options = {key: kwargs.get(key, default) for key, default in defaults.items()}
        MeanMetricWrapper.__init__(self, fn, name=kwargs.get("name", default_name),
                                   dtype=kwargs.get("dtype"), **options)
        for key, value in options.items():
            setattr(self, key, value)

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype}
        config.update({key: getattr(self, key) for key in defaults if key not in config_omits})
        return config

    return type(class_name, (MeanMetricWrapper,), {
        "__init__": __init__, "get_config": get_config, "__module__": fn.__module__,
        "__doc__": doc or f"Weighted mean of ``{fn.__name__}`` over all samples seen."})
