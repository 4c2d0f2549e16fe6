"""respell-value: write a value as the type the target wants, same number (``learning_rate: 1`` -> ``1.0``).

* CC302 (int for a float-only argument, Keras 3's ``learning_rate``): ``1`` becomes ``1.0``.

The rule that found it attaches the ``Respell`` (``compilecli.diagnostics``). Only a plain scalar
spelled exactly as the rule saw it is rewritten; anything else (a quoted string, an anchor) is left.
"""
from __future__ import annotations

from typing import Optional

from compilecli.diagnostics import Respell
from compilecli.fix.document import Fix

CODES = ("CC302",)

EXAMPLES = [
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1}}\n",
     "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1.0}}\n"),
    ('{"compile": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 2}}}}',
     '{"compile": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 2.0}}}}'),
    ("compile:\n  optimizer: {class_name: Adam, config: {amsgrad: 'true'}}\n", None),
]


def fix(doc, diag, context) -> Optional[Fix]:
    respell = diag.fix
    if not isinstance(respell, Respell) or not respell.path:
        return None
    rng = doc.value_range(tuple(respell.path))
    if rng is None or doc.text[rng[0]:rng[1]] != respell.old:
        return None
    edit = doc.replace_token(rng, respell.old, respell.text)
    return None if edit is None else Fix(diag.code, diag.span.line if diag.span else 0, [edit])
