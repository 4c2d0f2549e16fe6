"""What the structure rules share: the per-target behaviour table and how a situation
in it becomes a diagnostic (catalogue/data/structure.json says error, warning or ok)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from compilecli.catalogue import read_data
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, diagnostic
from compilecli.resolve.objects import is_object_dict


def behaviour(spec) -> dict:
    """The spec's target's rows; a model whose outputs are a dict has its own (structure.json keyed_outputs)."""
    return _rows(spec.target, bool(spec.keyed_outputs))


@lru_cache(maxsize=None)
def _rows(target: str, keyed: bool) -> dict:
    data = read_data("structure.json")
    return {**data[target], **data["keyed_outputs"].get(target, {})} if keyed else data[target]


def emit(spec, situation: str, code: str, path, on_key: bool, trains_key: str = "", **args) -> Iterator[Diagnostic]:
    """The situation's diagnostic at its target's severity; ``trains_key`` are the words for a target that
    trains where another raises (the default words say it raises)."""
    severity = behaviour(spec).get(situation, "error")
    if severity == "ok":
        return
    if severity == "warning" and trains_key:
        args["key"] = trains_key
    span = spec.sourcemap.key_span(path) if on_key else spec.sourcemap.value_span(path)
    yield diagnostic(code, ERROR if severity == "error" else WARNING, path, span, target=spec.target, **args)


def nested(value: Any) -> bool:
    if not isinstance(value, list) or not holds_type(value, (list, dict)):
        return False          # (a list of 50,000 names: its item types are read in C, not walked here)
    return any(isinstance(v, (list, dict)) and not is_object_dict(v) for v in value)


def holds_type(items: list, types) -> bool:
    """Whether some item is an instance of ``types``, asked of the items' distinct types."""
    return any(issubclass(kind, types) for kind in set(map(type, items)))


def without_outputs(spec, role: str, value: Any) -> Iterator[Diagnostic]:
    """CC405: a per-output structure and no `model.outputs` to check it against.
    Not for code (.py/.ipynb): there is no `model:` section to add there."""
    in_code = spec.loaded.format in ("python", "notebook")
    if not in_code and (isinstance(value, dict) or role == "loss_weights" or nested(value)):
        path = ("compile", role)
        yield diagnostic("CC405", WARNING, path, spec.sourcemap.value_span(path), role=role)


def keyed_pairing(spec, role: str, value: list) -> Iterator[Diagnostic]:
    """CC401 when a list meets dict outputs written in another order than sorted: Keras pairs the list
    with the outputs by sorted name, not as the model writes them (tools/probes/dict_outputs.py)."""
    if spec.keyed_outputs and len(value) > 1 and list(spec.keyed_outputs) != spec.output_names:
        pairs = [f"{o.name}: {_label(item)}" for o, item in zip(spec.outputs, value)]
        yield from emit(spec, "list.keyed_pairing", "CC401", ("compile", role), False, key="codes.CC401.keyed_list",
                        role=role, pairs=pairs, written=list(spec.keyed_outputs))


def _label(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("class_name", "?"))
    if isinstance(item, list):
        return "[" + ", ".join(_label(i) for i in item) + "]"
    return str(item)
