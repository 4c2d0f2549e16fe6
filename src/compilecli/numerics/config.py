"""``keras.config`` for the numerics: the default float type and the fuzz factor.

Like Keras, objects (losses, metrics, schedules) compute in ``floatx()`` unless built with a
``dtype``; it is "float32" by default, as in Keras, and float32 changes numbers at the edges
(``1 - 1e-7`` rounds to 0.99999988, so a clipped log is -15.942, not -16.118). Loss and metric
functions compute in the float type of their input, as Keras's functions do.

    from compilecli.numerics import config
    config.set_floatx("float64")
"""
from __future__ import annotations

import numpy as np

FLOAT_TYPES = ("float16", "float32", "float64")
_state = {"floatx": "float32", "epsilon": 1e-7}


def floatx() -> str:
    """The default float type: "float32" unless ``set_floatx`` said otherwise."""
    return _state["floatx"]


def set_floatx(value: str) -> None:
    """Set the default float type ("float16", "float32" or "float64"), as ``keras.config.set_floatx``."""
    name = str(np.dtype(value)) if isinstance(value, (type, np.dtype)) else value
    if name not in FLOAT_TYPES:
        raise ValueError(f"Unknown `floatx` value: {value}. Expected one of {set(FLOAT_TYPES)}")
    _state["floatx"] = name


def epsilon() -> float:
    """The fuzz factor (1e-7), as ``keras.config.epsilon``."""
    return _state["epsilon"]


class floatx_scope:
    """``with floatx_scope("float64"): ...`` -- ``floatx()`` is that type inside, restored after."""

    def __init__(self, value: str):
        self.value, self.saved = value, None

    def __enter__(self):
        self.saved = floatx()
        set_floatx(self.value)
        return self

    def __exit__(self, *exc):
        set_floatx(self.saved)
        return False
