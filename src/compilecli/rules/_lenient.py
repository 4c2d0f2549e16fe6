"""Values of the wrong type that real Keras takes anyway (observed by tools/differential).

Keras often does not check an argument's type: it computes with it. A bool is a number (True == 1),
``None`` is as false as False, and for some arguments a one-item list broadcasts like its item or
an integral float (2.0) serves as an int, and Keras 3 casts a numeric string for a loss or optimizer float
(but not for ``learning_rate``). Which leniencies hold per target is data
(``lenient_types`` in catalogue/data/observed.json): "ok" = no diagnostic, "warning" = CC302 as a
warning (it trains, but probably not as meant), "error" = this argument is strict (a kind's "*" is the rest). object-arguments asks `verdict()` before it
reports a type error.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

NUMBER = ("float", "strict_float", "int")


def _table(target: str) -> dict:
    from compilecli.catalogue import read_data
    return read_data("observed.json")["lenient_types"].get(target, {})


def case_of(value: Any, types: Sequence[str]) -> Optional[str]:
    """Which leniency a mistyped value would need, or None."""
    wants = set(types)
    if value is None and "bool" in wants:
        return "null_for_bool"
    if isinstance(value, bool) and wants & set(NUMBER) and "strict_float" not in wants:
        return "bool_for_number"
    if isinstance(value, float) and "int" in wants and not wants & {"float", "strict_float"}:
        return "integral_float_for_int" if value.is_integer() else "float_for_int"
    if isinstance(value, list) and len(value) == 1 and "float" in wants and isinstance(value[0], (int, float)):
        return "list_for_float"
    if isinstance(value, str) and "float" in wants and _numeric(value):
        return "numeric_str_for_float"
    if isinstance(value, str) and "int" in wants and _numeric(value):
        return "numeric_str_for_int"
    if isinstance(value, int) and not isinstance(value, bool) and "str" in wants and not wants & set(NUMBER):
        return "int_for_str"
    return None


def verdict(target: str, kind: str, value: Any, types: Sequence[str], name: str = "", obj: str = "") -> Optional[str]:
    """"ok", "warning", or None (a real type error) for a value type_ok() refused.
    A leniency may hold for a whole kind ("loss"), one argument of it ("optimizer:weight_decay") or one
    argument of one object ("loss:CategoricalCrossentropy:axis"); "*" stands for every kind."""
    case = case_of(value, types)
    found = _pick(_table(target).get(case) if case else None, kind, name, obj)
    if found is None and case == "integral_float_for_int":
        found = _pick(_table(target).get("float_for_int"), kind, name, obj)     # what takes 1.5 takes 2.0
    return found if found != "error" else None   # "error": this argument is strict after all


def strict_bool(target: str, kind: str, name: str, obj: str, config: dict) -> bool:
    """A number or word for a bool is only tested for truthiness (a warning), except where observed.json's
    ``truthy_for_bool`` says this argument reaches an op that wants a real bool: always ("error") or when the
    arguments in ``error_when_truthy`` are set (tf.keras 2.15 SGD's nesterov is read only with a momentum)."""
    found = _pick(_table(target).get("truthy_for_bool"), kind, name, obj)
    if isinstance(found, dict):
        return all(config.get(other) for other in found.get("error_when_truthy", ()))
    return found == "error"


def _pick(found, kind: str, name: str, obj: str) -> Optional[str]:
    if isinstance(found, dict):
        return found.get(f"{kind}:{obj}:{name}", found.get(f"{kind}:{name}", found.get(kind, found.get("*"))))
    return found


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
