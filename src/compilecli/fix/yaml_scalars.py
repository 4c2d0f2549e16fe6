"""yaml-scalars: spell YAML 1.1 traps so every YAML loader reads what was meant.

* CC111: ``1e-3`` is the string "1e-3" to PyYAML (YAML 1.1 wants a dot and a signed exponent):
  written ``1.0e-3`` (``5e3`` -> ``5.0e+3``). The value does not change.
* CC112: ``yes``/``no``/``on``/``off`` -> ``true``/``false``, only where the argument is a bool
  (``run_eagerly``, ``amsgrad``); where a string is also allowed the word is left alone.
"""
from __future__ import annotations

import re
from typing import Optional

from compilecli.fix.document import Fix

CODES = ("CC111", "CC112")

EXAMPLES = [
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1e-3}}\n",
     "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1.0e-3}}\n"),
    ("compile:\n  optimizer: adam\n  run_eagerly: yes   # debug\n",
     "compile:\n  optimizer: adam\n  run_eagerly: true   # debug\n"),
    ("compile:\n  optimizer: {class_name: Adam, config: {amsgrad: on}}\n",
     "compile:\n  optimizer: {class_name: Adam, config: {amsgrad: true}}\n"),
    ("compile:\n  optimizer: {class_name: Adam, config: {name: no}}\n", None),
]

_NUMBER = re.compile(r"([-+]?)([0-9]*)(\.[0-9]*)?(?:([eE])([-+]?)([0-9]+))?\Z")


def yaml11_float(text: str) -> Optional[str]:
    """The same number written so YAML 1.1 reads a float: 1e-3 -> 1.0e-3, 5E3 -> 5.0E+3."""
    match = _NUMBER.match(text)
    if not match or not (match.group(2) or match.group(3)):
        return None
    sign, whole, frac, e, esign, exponent = match.groups()
    out = sign + whole + (frac if frac is not None else ".0")
    if e:
        out += e + (esign or "+") + exponent
    return out


def fix(doc, diag, context) -> Optional[Fix]:
    if doc.format != "yaml" or not diag.path:
        return None
    args = diag.arguments
    old = args.get("text")
    if not isinstance(old, str):
        return None
    if diag.code == "CC111":
        new = yaml11_float(old)
        if new is None or not _reads_as_float(new):
            return None
    else:
        new = args.get("value")
        if new not in ("true", "false") or not context.takes_bool(tuple(diag.path), old):
            return None
    rng = doc.value_range(diag.path)
    if rng is None or doc.text[rng[0]:rng[1]] != old:
        return None                  # only plain scalars are traps; quoted ones are strings on purpose
    return Fix(diag.code, diag.span.line if diag.span else 0, [doc.replace_token(rng, old, new)])


def _reads_as_float(text: str) -> bool:
    import yaml
    try:
        return isinstance(yaml.safe_load(text), float)
    except yaml.YAMLError:
        return False
