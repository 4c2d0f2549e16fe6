"""A Keras-style registry: ``get()`` takes a name, an alias, a ``{class_name, config}``
dict, an instance or a callable, exactly as ``keras.<module>.get`` does.

Each numerics module builds one ``Registry`` and exposes ``get``, ``serialize``
and ``deserialize`` from it.
"""
from __future__ import annotations

from typing import Any, Callable, Dict


class Registry:
    def __init__(self, kind: str, lowercase_names: bool = False):
        self.kind = kind                      # "loss", "metric", "optimizer", "schedule"
        self.lowercase_names = lowercase_names  # optimizers: Keras lowercases class_name
        self.objects: Dict[str, Any] = {}     # every accepted name -> class or function

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
            return {"class_name": type(obj).__name__, "config": obj.get_config()}
        return getattr(obj, "__name__", obj)

    def get(self, identifier: Any):
        if identifier is None:
            return None
        if isinstance(identifier, (str, dict)):
            return self.deserialize(identifier)
        if callable(identifier) or hasattr(identifier, "get_config"):
            return identifier
        raise ValueError(f"Could not interpret {self.kind} identifier: {identifier!r}")

    @staticmethod
    def _instantiate(obj: Any, config: dict):
        # Classes are built from their config; plain functions (e.g. `mse`) are returned as is.
        if isinstance(obj, type):
            return obj(**config)
        return obj
