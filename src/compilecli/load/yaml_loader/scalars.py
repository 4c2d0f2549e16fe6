"""Plain scalars -> Python values, as PyYAML's SafeLoader would read them, plus the YAML 1.1 traps.

YAML 1.1 (PyYAML) and YAML 1.2 / JSON disagree on a few plain words: ``1e-3`` is a
string to PyYAML but a float to everyone else (CC111), and ``on``/``yes``/``n`` are
booleans to PyYAML only (CC112). We give the value the user meant and say so, with the spelling
every loader reads alike as the diagnostic's fix (``1.0e-3``; ``true``/``false`` where the argument
is a bool, which the fix stage asks the catalogue).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from yaml.resolver import Resolver

from compilecli.diagnostics import WARNING, Respell, SpecPath, diagnostic
from compilecli.load.yaml_loader.nodes import to_span

_T = "tag:yaml.org,2002:"
NULL, BOOL, INT, FLOAT, STR = _T + "null", _T + "bool", _T + "int", _T + "float", _T + "str"
TIMESTAMP = _T + "timestamp"
SEQ, MAP = _T + "seq", _T + "map"
SAFE_SCALAR_TAGS = frozenset((NULL, BOOL, INT, FLOAT, STR, TIMESTAMP))
SAFE_COLLECTION_TAGS = frozenset((SEQ, MAP))

_IMPLICIT = Resolver.yaml_implicit_resolvers
# the first characters some resolver reads: a word starting otherwise is a string (fast.py asks inline)
IMPLICIT_FIRST = _IMPLICIT
# YAML 1.2 core / JSON floats; PyYAML (YAML 1.1) reads e.g. 1e-3 and 1.0e5 as strings. (Compiled
# on first use, as _NUMBER: most specs hold no such word, and a compile is ~0.25 ms of start-up.)
_FLOAT12 = r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z"
_NUMBER_START = frozenset("0123456789.+-")   # what a _FLOAT12 match can start with
_BOOL_WORDS = frozenset(("yes", "no", "on", "off", "y", "n"))
_BOOL_VALUES = {"yes": True, "no": False, "true": True, "false": False,
                "on": True, "off": False}


def short_tag(tag: str) -> str:
    if tag.startswith(_T):
        return "!!" + tag[len(_T):]
    return tag


def _resolve_plain(value: str) -> str:
    """The tag PyYAML's SafeLoader gives a plain scalar."""
    for tag, regexp in _IMPLICIT.get(value[0] if value else "", ()):
        if regexp.match(value):
            return tag
    return STR


_NUMBER = r"([-+]?)([0-9]*)(\.[0-9]*)?(?:([eE])([-+]?)([0-9]+))?\Z"


@lru_cache(maxsize=None)
def _pattern(source: str) -> "re.Pattern[str]":
    return re.compile(source)


def yaml11_float(text: str):
    """The same number written so YAML 1.1 reads a float: 1e-3 -> 1.0e-3, 5E3 -> 5.0E+3 (None: cannot)."""
    match = _pattern(_NUMBER).match(text)
    if not match or not (match.group(2) or match.group(3)):
        return None
    sign, whole, frac, e, esign, exponent = match.groups()
    out = sign + whole + (frac if frac is not None else ".0")
    if e:
        out += e + (esign or "+") + exponent
    return out if _resolve_plain(out) == FLOAT else None


def _float_fix(path: SpecPath, text: str):
    spelled = yaml11_float(text)
    return Respell(path, text, spelled) if spelled is not None else None


def _sexagesimal(value: str, number: type) -> Any:
    """``1:30`` -> 90: YAML 1.1's base-60 numbers, in int or float arithmetic."""
    digits = [number(part) for part in value.split(":")]
    digits.reverse()
    base, total = number(1), number(0)
    for digit in digits:
        total += digit * base
        base *= 60
    return total


def _int(value: str) -> int:
    value = value.replace("_", "")
    sign = 1
    if value[0] == "-":
        sign = -1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0o"):
        return sign * int(value[2:], 8)
    if value[0] == "0":
        return sign * int(value, 8)
    if ":" in value:
        return sign * _sexagesimal(value, int)
    return sign * int(value)


def _float(value: str) -> float:
    value = value.replace("_", "").lower()
    sign = 1.0
    if value[0] == "-":
        sign = -1.0
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    if ":" in value:
        return sign * _sexagesimal(value, float)
    return sign * float(value)


def scalar_value(builder, event, path: SpecPath, span) -> Any:
    """The value of a scalar event; unsafe tags and unreadable explicit tags go to the builder.
    ``span``: the event's marks (nodes.event_span)."""
    value = event.value
    tag = event.tag
    if tag is None and not event.implicit[0]:
        return value               # quoted or block scalar: a string (the common case, checked first)
    if not builder.check_tag(tag, SAFE_SCALAR_TAGS, span, path):
        return value
    implicit = tag is None or tag == "!"
    if implicit:
        if not event.implicit[0]:
            return value           # quoted or block scalar: a string
        return plain_value(builder, value, path, span)
    return _tagged(builder, value, tag, False, path, span)


def plain_value(builder, value: str, path: SpecPath, span) -> Any:
    """A plain scalar without a tag, as the SafeLoader reads it (and the traps said); the event
    builder and the fast path (``fast.py``) both read plain scalars here."""
    if value and value[0] not in _IMPLICIT:
        return value               # no resolver starts with that character: a string (most words)
    return _tagged(builder, value, _resolve_plain(value), True, path, span)


def _tagged(builder, value: str, tag: str, implicit: bool, path: SpecPath, span) -> Any:
    try:
        if tag == STR:
            if implicit and value[:1] in _NUMBER_START and _pattern(_FLOAT12).match(value):
                number = float(value)
                builder.diags.append(diagnostic("CC111", WARNING, path=path, span=to_span(span),
                                                fix=_float_fix(path, value), text=value))
                return number
            return value
        if tag == INT:
            return _int(value)
        if tag == FLOAT:
            return _float(value)
        if tag == BOOL:
            result = _BOOL_VALUES[value.lower()]
            if implicit and value.lower() in _BOOL_WORDS:
                word = "true" if result else "false"
                builder.diags.append(diagnostic("CC112", WARNING, path=path, span=to_span(span),
                                                fix=Respell(path, value, word, only_if_bool=True),
                                                text=value, value=word))
            return result
        if tag == NULL:
            return None
    except (ValueError, KeyError, IndexError):
        if implicit:               # e.g. an integer with more digits than Python allows
            return value
        builder.stop("CC103", span, path, key="codes.CC103.bad_value", text=value,
                     tag=short_tag(tag),
                     problem=f"cannot read {value!r} as {short_tag(tag)}")
    return value                   # timestamps, '=', '<<' as a value: keep the text
