"""Spec data -> YAML text that every YAML 1.1 and 1.2 loader reads back as the same values.

Block style for the top two levels (as users write specs), flow style below; every string double-quoted,
floats always with a dot (`1.0e-05`, never `1e-05`, which PyYAML reads as a string), `.inf`/`.nan` spelled
the YAML way. `emit` is checked against `yaml.safe_load` by the generator for every spec it writes.
"""
from __future__ import annotations

import json
import math
import re

PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def scalar(value) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        if "e" in text and "." not in text.split("e")[0]:
            mantissa, exp = text.split("e")
            text = f"{mantissa}.0e{exp}"
        return text
    return json.dumps(str(value), ensure_ascii=False)


def key(name) -> str:
    name = str(name)
    return name if PLAIN_KEY.match(name) and name.lower() not in YAML_WORDS else json.dumps(name, ensure_ascii=False)


def flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def emit(data: dict) -> str:
    lines = []
    for top, value in data.items():
        if isinstance(value, dict) and value:
            lines.append(f"{key(top)}:")
            for name, inner in value.items():
                if isinstance(inner, list) and inner and all(isinstance(v, dict) for v in inner):
                    lines.append(f"  {key(name)}:")
                    lines.extend(f"    - {flow(v)}" for v in inner)
                else:
                    lines.append(f"  {key(name)}: {flow(inner)}")
        else:
            lines.append(f"{key(top)}: {flow(value)}")
    return "\n".join(lines) + "\n"
