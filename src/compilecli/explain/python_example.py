"""A code page's example as Python: the spec's compile section as the `model.compile(...)` call a user
writes, with objects built by their classes (`keras.optimizers.Adam(lr=0.001)`).

Only what Python says the same way is converted: no `model:` section (its heads and labels are the
model's in code), classes by their class name, finite numbers. Otherwise there is no Python example.
tf.keras examples import `keras` from TensorFlow, so the checker reads the call as tf2 code.
"""
from __future__ import annotations

import json
import math
from typing import Optional

MODULES = {"optimizer": "keras.optimizers", "loss": "keras.losses", "metrics": "keras.metrics",
           "weighted_metrics": "keras.metrics", "learning_rate": "keras.optimizers.schedules"}
IMPORTS = {"tf2": "from tensorflow import keras\n", "keras2": "import keras  # Keras 2.3\n"}


class NotPython(Exception):
    """The spec says something a compile() call cannot say the same way."""


def python_example(spec_text: str, target: Optional[str] = None) -> Optional[str]:
    import yaml
    try:
        data = yaml.safe_load(spec_text)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or "model" in data or not isinstance(data.get("compile"), dict):
        return None
    try:
        args = [f"    {key}={_value(value, MODULES.get(key))}," for key, value in data["compile"].items()]
    except NotPython:
        return None
    target = target or data.get("target")
    return IMPORTS.get(target, "") + "model.compile(\n" + "\n".join(args) + "\n)\n"


def _value(value, module: Optional[str]) -> str:
    if isinstance(value, dict) and "class_name" in value:
        return _object(value, module)
    if isinstance(value, dict):
        if "config" in value:
            raise NotPython("a config without a class")
        return "{" + ", ".join(f"{json.dumps(k)}: {_value(v, module)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v, module) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        raise NotPython("not a finite number")
    if isinstance(value, (bool, type(None), int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise NotPython(type(value).__name__)


def _object(value: dict, module: Optional[str]) -> str:
    name = value.get("class_name")
    if module is None or not isinstance(name, str) or not name[:1].isupper() or not name.isidentifier():
        raise NotPython("not a class name")
    config = value.get("config") or {}
    if not isinstance(config, dict):
        raise NotPython("config is not a mapping")
    inner = {key: MODULES.get(key) if key == "learning_rate" else None for key in config}
    return f"{module}.{name}(" + ", ".join(f"{k}={_value(v, inner[k])}" for k, v in config.items()) + ")"
