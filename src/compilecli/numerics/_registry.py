"""A Keras-style registry: ``get()`` takes a name, an alias, a ``{class_name, config}``
dict, an instance or a callable, exactly as ``keras.<module>.get`` does.

Each numerics module builds one ``Registry`` and exposes ``get``, ``serialize``
and ``deserialize`` from it.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional


class Registry:
    def __init__(self, kind: str, lowercase_names: bool = False,
                 module: Optional[str] = None, base_class: Optional[type] = None):
        self.kind = kind                      # "loss", "metric", "optimizer", "schedule"
        self.lowercase_names = lowercase_names  # optimizers: Keras lowercases class_name
        self.objects: Dict[str, Any] = {}     # every accepted name -> class or function
        # Optional, both default to the original behaviour:
        # `module` makes serialize() emit Keras 3's full envelope
        # ({"module", "class_name", "config", "registered_name"});
        # `base_class` makes get() reject anything that is not an instance of it,
        # as keras.optimizers.get does for a non-Optimizer.
        self.module = module
        self.base_class = base_class

    def register(self, *names: str) -> Callable:
        def add(obj):
            for name in (obj.__name__,) + names:
                self.objects[name] = obj
                if self.lowercase_names:
                    self.objects[name.lower()] = obj
            return obj
        return add

    def lookup(self, name: str):
        if name in self.objects:
            return self.objects[name]
        if self.lowercase_names and name.lower() in self.objects:
            return self.objects[name.lower()]
        raise ValueError(f"Could not interpret {self.kind} identifier: {name!r}")

    def deserialize(self, config: Any):
        if isinstance(config, str):
            return self._instantiate(self.lookup(config), {})
        if isinstance(config, dict) and "class_name" in config:
            return self._instantiate(self.lookup(config["class_name"]), dict(config.get("config") or {}))
        raise ValueError(f"Could not interpret {self.kind} identifier: {config!r}")

    def serialize(self, obj: Any) -> Any:
        if hasattr(obj, "get_config"):
            if self.module is not None:
                return {"module": self.module, "class_name": type(obj).__name__,
                        "config": obj.get_config(), "registered_name": None}
            return {"class_name": type(obj).__name__, "config": obj.get_config()}
        return getattr(obj, "__name__", obj)

    def get(self, identifier: Any):
        if identifier is None:
            return None
        if isinstance(identifier, (str, dict)):
            obj = self.deserialize(identifier)
        elif self.base_class is None and (callable(identifier) or hasattr(identifier, "get_config")):
            return identifier
        else:
            obj = identifier
        if self.base_class is None or isinstance(obj, self.base_class):
            return obj
        raise ValueError(f"Could not interpret {self.kind} identifier: {identifier!r}")

    @staticmethod
    def _instantiate(obj: Any, config: dict):
        # Classes are built from their config; plain functions (e.g. `mse`) are returned as is.
        # Like Keras, go through `from_config` when the class has one: it is where nested
        # objects (e.g. an optimizer's learning-rate schedule dict) are deserialized.
        if isinstance(obj, type):
            from_config = getattr(obj, "from_config", None)
            return from_config(config) if from_config is not None else obj(**config)
        return obj


def get_from(identifier: Any, deserialize: Callable[[Any], Any], kind: str):
    """The body of ``keras.losses.get`` and ``keras.metrics.get``: a name or a config dict is
    deserialized, a class is built with no arguments, any other callable passes through."""
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if isinstance(identifier, type):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret {kind} identifier: {identifier}")
