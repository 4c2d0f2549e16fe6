"""Find every optimizer, loss, metric and schedule a compile section names.

Each reference becomes an ``ObjectRef``: where it is, what name it gives, its
config, the catalogue entry it resolves to (None when unknown) and the outputs
it applies to. Structure problems are left to the rules; here we only walk.
"""
from __future__ import annotations

from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

from compilecli.catalogue import compile_roles
from compilecli.diagnostics import SpecPath

PER_OUTPUT = ("loss", "metrics", "weighted_metrics")


@dataclass(frozen=True)
class ObjectRef:
    kind: str                   # "optimizer" | "loss" | "metric" | "schedule"
    role: str                   # the compile argument it came from: "loss", "metrics", ...
    path: SpecPath              # the spec path of the reference itself
    name: Any                   # the string, or the class_name of a {class_name, config} dict
    config: Dict[str, Any] = field(default_factory=dict)
    config_path: Optional[SpecPath] = None   # where config keys live (None for a bare string)
    outputs: Tuple[int, ...] = ()            # indices of the outputs it applies to (empty: unknown)
    entry: Any = None                        # catalogue ObjectEntry, or None when unknown (given by resolve)
    malformed: str = ""                      # why a dict reference could not be read
    module: Any = None                       # a {class_name, config} dict's `module` as written (None: none)
    module_null: bool = False                # ...written `module: null` (Keras 3 and tf.keras raise)
    config_absent: bool = False              # ...without a config, or `config: null`


# kind, name, path, config, config_path, malformed -> the catalogue entry (resolve's; None: unknown).
# The walk asks it before building a reference, so each ObjectRef is built once, complete.
EntryOf = Callable[[str, Any, SpecPath, Dict[str, Any], Optional[SpecPath], str], Any]


def no_entry(kind, name, path, config, config_path, malformed) -> None:
    return None


def is_object_dict(value: Any) -> bool:
    return isinstance(value, dict) and "class_name" in value


def object_ref(kind: str, role: str, path: SpecPath, value: Any, outputs=(), entry_of: EntryOf = no_entry) -> ObjectRef:
    if isinstance(value, dict):
        config = value.get("config") or {}
        malformed = "" if isinstance(config, dict) else "config"
        name = value.get("class_name")
        if not isinstance(name, str):
            malformed = "class_name"
        config = config if isinstance(config, dict) else {}
        config_path = path + ("config",)
        return ObjectRef(kind, role, path, name, config, config_path, tuple(outputs),
                         entry_of(kind, name, path, config, config_path, malformed), malformed, value.get("module"),
                         "module" in value and value["module"] is None, value.get("config") is None)
    malformed = "" if isinstance(value, str) else "type"
    return ObjectRef(kind, role, path, value, {}, None, tuple(outputs), entry_of(kind, value, path, {}, None, malformed),
                     malformed)


def walk_optimizer(compile_args: Dict[str, Any], entry_of: EntryOf = no_entry) -> Iterator[ObjectRef]:
    if "optimizer" not in compile_args or compile_args["optimizer"] is None:
        return
    ref = object_ref("optimizer", "optimizer", ("compile", "optimizer"), compile_args["optimizer"], (), entry_of)
    yield ref
    schedule = ref.config.get("learning_rate")
    if is_object_dict(schedule):
        yield object_ref("schedule", "learning_rate", ref.config_path + ("learning_rate",), schedule, (), entry_of)


def walk_per_output(role: str, value: Any, names: List[str], nested_lists: bool,
                    entry_of: EntryOf = no_entry, pairs_flat: bool = False, any_key: bool = False) -> Iterator[ObjectRef]:
    """Losses/metrics by output: a single object, a list by position, or a dict by output name.

    ``names`` are the model's output names (empty when the spec has no model section);
    ``nested_lists`` says whether list items may themselves be lists (metrics); ``pairs_flat`` whether a
    flat list of exactly one metric per output (2 or more) goes to the outputs by position (Keras 3);
    ``any_key`` whether a one-output model takes a dict's items whatever their keys (Keras 3 metrics).
    """
    kind = compile_roles()[role]
    base: SpecPath = ("compile", role)
    everyone = tuple(range(len(names)))
    if value is None:
        return
    if isinstance(value, dict) and not is_object_dict(value):
        position: Dict[str, int] = {}
        for index, name in enumerate(names):       # first one wins, as names.index(key) would say
            position.setdefault(name, index)
        for key, item in value.items():
            where = (position[key],) if isinstance(key, str) and key in position else \
                (0,) if any_key and len(names) == 1 else ()
            yield from _items(kind, role, base + (key,), item, where, entry_of)
        return
    if isinstance(value, list) and kind == "loss":
        for index, item in enumerate(value):
            yield from _items(kind, role, base + (index,), item, (index,) if index < len(names) else (), entry_of)
        return
    if isinstance(value, list) and any(isinstance(item, (list, dict)) and not is_object_dict(item) for item in value):
        for index, item in enumerate(value):
            # one output gathers every list (Keras 3 and tf.keras: probe:errors/metrics-nested-single-two)
            where = (0,) if len(names) == 1 else (index,) if index < len(names) else ()
            yield from _items(kind, role, base + (index,), item, where, entry_of)
        return
    if pairs_flat and isinstance(value, list) and len(value) == len(names) > 1:
        for index, item in enumerate(value):
            yield from _items(kind, role, base + (index,), item, (index,), entry_of)
        return
    # a single loss, or a flat list of metrics: applies to every output
    yield from _items(kind, role, base, value, everyone, entry_of)


def _items(kind: str, role: str, path: SpecPath, value: Any, outputs, entry_of: EntryOf) -> Iterator[ObjectRef]:
    if value is None:
        return
    if not outputs and _structure(value):
        return
    if isinstance(value, list):
        outputs = tuple(outputs)
        # a bare name whose entry does not depend on where it stands (entry_of.by_name) is asked once
        seen: Optional[Dict[str, Any]] = {} if getattr(entry_of, "by_name", False) else None
        for index, item in enumerate(value):
            if item.__class__ is str:   # the common case (a flat list of names): built here, as object_ref does
                where = path + (index,)
                entry = seen.get(item, _UNSEEN) if seen is not None else _UNSEEN
                if entry is _UNSEEN:
                    entry = entry_of(kind, item, where, {}, None, "")
                    if seen is not None:
                        seen[item] = entry
                yield ObjectRef(kind, role, where, item, {}, None, outputs, entry, "")
            elif isinstance(item, (list, dict)) and not is_object_dict(item):
                yield from _items(kind, role, path + (index,), item, outputs, entry_of)
            elif item is not None:
                yield object_ref(kind, role, path + (index,), item, outputs, entry_of)
        return
    yield object_ref(kind, role, path, value, outputs, entry_of)


_UNSEEN = object()


def _structure(value: Any) -> bool:
    """A mapping inside a per-output structure, for outputs we do not know. Keras 3 reads a loss structure
    nested like the model's outputs (keras-team/keras models/model_test.py test_functional_struct_outputs_*):
    part of a structure, not an object's config (that has `class_name` or `config`)."""
    return isinstance(value, dict) and "class_name" not in value and "config" not in value
