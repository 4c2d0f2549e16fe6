"""A Keras-style registry: ``get()`` takes a name, an alias, a ``{class_name, config}``
dict, an instance or a callable, exactly as ``keras.<module>.get`` does.

Names are not resolved here: the catalogue is the one name authority (for every target). A
registry only holds numerics' objects by their Keras 3 canonical name; ``lookup`` asks Keras 3's
catalogue what a name means, ``name_for`` which object stands for another target's resolved entry
(``catalogue/data/numerics.json`` lists the equivalents and, with the reason, what is not built).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional


def _keras3():
    from compilecli.catalogue import NUMERICS_TARGET, load_catalogue
    return load_catalogue().target(NUMERICS_TARGET)


def _wrappers(kind: str) -> Dict[str, str]:
    from compilecli.catalogue.tables import numerics_table
    return numerics_table().get("wrapper_names", {}).get(kind, {})


class Registry:
    def __init__(self, kind: str, module: Optional[str] = None, base_class: Optional[type] = None):
        self.kind = kind                      # "loss", "metric", "optimizer", "schedule"
        self.objects: Dict[str, Any] = {}     # Keras 3 canonical name -> class or function
        # Optional, both default to the original behaviour:
        # `module` makes serialize() emit Keras 3's full envelope
        # ({"module", "class_name", "config", "registered_name"});
        # `base_class` makes get() reject anything that is not an instance of it,
        # as keras.optimizers.get does for a non-Optimizer.
        self.module = module
        self.base_class = base_class

    def register(self) -> Callable:
        def add(obj):
            self.objects[obj.__name__] = obj
            return obj
        return add

    def names(self):
        """Every name Keras 3's get() accepts for an object numerics has (from the catalogue)."""
        names = set(_keras3().get_names(self.kind)) | set(_wrappers(self.kind))
        return tuple(sorted(n for n in names if self._canonical(n) in self.objects))

    def lookup(self, name: str):
        canonical = self._canonical(name)
        if canonical not in self.objects:
            raise ValueError(f"Could not interpret {self.kind} identifier: {name!r}")
        return self.objects[canonical]

    def _canonical(self, name: str) -> Optional[str]:
        entry = _keras3().get_entry(self.kind, name)
        if entry is not None:
            return entry.canonical
        wrappers = _wrappers(self.kind)
        if name not in wrappers and _keras3().case_insensitive(self.kind):   # Keras folds optimizer names
            return {n.lower(): c for n, c in wrappers.items()}.get(str(name).lower())
        return wrappers.get(name)

    def name_for(self, target: str, entry) -> str:
        """The object numerics builds for ``entry`` (a resolved ObjectEntry of ``target``): the one
        numerics.json lists, else its canonical name, else that name in Keras 3, else its
        class_equivalent. ValueError with the reason when there is none."""
        from compilecli.catalogue.tables import numerics_table
        table = numerics_table()
        listed = table["equivalents"].get(target, {}).get(self.kind, {}).get(entry.canonical)
        same = _keras3().get_entry(self.kind, entry.canonical)
        for name in (listed, entry.canonical, same and same.canonical, entry.class_equivalent):
            if name in self.objects:
                return name
        reason = table["not_built"].get(target, {}).get(self.kind, {}).get(entry.canonical)
        raise ValueError(f"{entry.canonical} ({target}): {reason or 'numerics has no such object'}")

    def build(self, name: str, config: Optional[dict] = None):
        """The object registered as ``name`` (see ``name_for``), built from ``config``."""
        return self._instantiate(self.objects[name], dict(config or {}))

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
