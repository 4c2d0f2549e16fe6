"""respell-value: write a value so the target (and every YAML loader) reads what was meant, same value.

* CC302 (int for a float-only argument, Keras 3's ``learning_rate``): ``1`` becomes ``1.0``.
* CC111: ``1e-3`` is the string "1e-3" to PyYAML (YAML 1.1 wants a dot and a signed exponent):
  written ``1.0e-3`` (``5e3`` -> ``5.0e+3``). The value does not change.
* CC112: ``yes``/``no``/``on``/``off`` -> ``true``/``false``, only where the argument is a bool
  (``run_eagerly``, ``amsgrad``); where a string is also allowed the word is left alone.

The stage that found it attaches the ``Respell`` (``compilecli.diagnostics``): the rule for CC302,
the YAML loader for CC111/CC112. Only a plain scalar spelled exactly as it was seen is rewritten;
anything else (a quoted string, an anchor) is left.
"""
from __future__ import annotations

from typing import Optional

from compilecli.diagnostics import Respell
from compilecli.fix.document import Fix

CODES = ("CC302", "CC111", "CC112")

EXAMPLES = [
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1}}\n",
     "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1.0}}\n"),
    ('{"compile": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 2}}}}',
     '{"compile": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 2.0}}}}'),
    ("compile:\n  optimizer: {class_name: Adam, config: {amsgrad: 'true'}}\n", None),
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1e-3}}\n",
     "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1.0e-3}}\n"),
    ("compile:\n  optimizer: adam\n  run_eagerly: yes   # debug\n",
     "compile:\n  optimizer: adam\n  run_eagerly: true   # debug\n"),
    ("compile:\n  optimizer: {class_name: Adam, config: {amsgrad: on}}\n",
     "compile:\n  optimizer: {class_name: Adam, config: {amsgrad: true}}\n"),
    ("compile:\n  optimizer: {class_name: Adam, config: {name: no}}\n", None),
]


def fix(doc, diag, context) -> Optional[Fix]:
    respell = diag.fix
    if not isinstance(respell, Respell) or not respell.path:
        return None
    path = tuple(respell.path)
    if respell.only_if_bool and not context.takes_bool(path, respell.old):
        return None
    rng = doc.value_range(path)
    if rng is None or doc.text[rng[0]:rng[1]] != respell.old:
        return None                  # only plain scalars are traps; quoted ones are strings on purpose
    edit = doc.replace_token(rng, respell.old, respell.text)
    return None if edit is None else Fix(diag.code, diag.span.line if diag.span else 0, [edit])
