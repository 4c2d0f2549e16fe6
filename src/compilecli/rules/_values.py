"""Small helpers the rules share: type names, did-you-mean (value display is ``diagnostics.short``)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, List, Sequence, Tuple

_CHECKS = {
    "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "strict_float": lambda v: isinstance(v, float),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "str": lambda v: isinstance(v, str),
    "null": lambda v: v is None,
    "list": lambda v: isinstance(v, list),
    "dict": lambda v: isinstance(v, dict),
    "schedule": lambda v: isinstance(v, dict) and "class_name" in v,
    "callable": lambda v: False,   # a YAML/JSON spec cannot hold a Python callable
    "any": lambda v: True,
}


def type_ok(value: Any, types: Sequence[str]) -> bool:
    return not types or any(_CHECKS.get(name, _CHECKS["any"])(value) for name in types)


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, dict) and "class_name" in value:
        return "object"
    return {int: "int", float: "float", str: "str", list: "list", dict: "dict"}.get(type(value), type(value).__name__)


def expected_types(types: Sequence[str]) -> List[str]:
    """Types worth telling the user about (a callable cannot be written in a spec)."""
    shown = ["float" if name == "strict_float" else name for name in types if name != "callable"]
    return shown or list(types)


def int_for_strict_float(value: Any, types: Sequence[str]) -> bool:
    """An int where Keras insists on a float (learning_rate=1 raises in Keras 3)."""
    return "strict_float" in types and isinstance(value, int) and not isinstance(value, bool)


def suggest(name: Any, candidates: Iterable[str], limit: int = 3) -> List[str]:
    """Did-you-mean: exact case-insensitive match first, then close spellings."""
    if not isinstance(name, str):
        return []
    return list(_suggest(name, tuple(sorted(set(candidates))), limit))


@lru_cache(maxsize=4096)
def _suggest(name: str, pool: Tuple[str, ...], limit: int) -> Tuple[str, ...]:
    # Cached: difflib is most of the cost of a broken spec, and a repository repeats its typos.
    folded = [c for c in pool if c.lower() == name.lower() and c != name]
    import difflib   # only for a spec with an unknown name: a clean check never pays for it

    close = difflib.get_close_matches(name, pool, n=limit, cutoff=0.6)
    if name.lower() != name:
        close += difflib.get_close_matches(name.lower(), pool, n=limit, cutoff=0.6)
    out: List[str] = []
    for candidate in folded + close:
        if candidate not in out and candidate != name:
            out.append(candidate)
    return tuple(out[:limit])


def truthy_for_bool(value: Any, types: Sequence[str]) -> bool:
    """A string or number where Keras wants a bool: Keras does not check, it tests truthiness,
    so "false" and "no" switch the option ON. A warning, not an error: nothing raises."""
    wants_bool = "bool" in types and not ({"str", "float", "int", "strict_float"} & set(types))
    return wants_bool and isinstance(value, (str, int, float)) and not isinstance(value, bool)


def in_choices(value: Any, choices: Sequence[Any]) -> bool:
    """Membership where 1 is not True and 0.0 is not False (Python's == would say they are)."""
    return any(value == choice and type(value) is type(choice) for choice in choices)
