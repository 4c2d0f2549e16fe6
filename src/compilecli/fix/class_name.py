"""class-name: write the name a dict ``class_name`` needs (``Respell`` from the rule).

* CC209: ``{class_name: mse, config: {}}`` raises in Keras 3.15 (a short alias is a string-only name);
  ``rules/object_names.py`` attaches the function's full name when the probe showed it builds the same
  object in the dict form (deserialize.json ``class_name_rejected`` ``use``), none otherwise.

Unlike respell_value this is a name, not a number or a word YAML mis-reads: a quoted name is the same
name, so its quotes are kept and it is rewritten too. Anything else (an alias, a merged key) is left.
"""
from __future__ import annotations

from typing import Optional

from compilecli.diagnostics import Respell
from compilecli.fix.document import Fix

CODES = ("CC209",)

EXAMPLES = [
    ("compile:\n  optimizer: adam\n  loss: {class_name: mse, config: {}}\n",
     "compile:\n  optimizer: adam\n  loss: {class_name: mean_squared_error, config: {}}\n"),
    ('{"compile": {"optimizer": "adam", "loss": {"class_name": "KLD", "config": {}}}}',
     '{"compile": {"optimizer": "adam", "loss": {"class_name": "kl_divergence", "config": {}}}}'),
    ("compile:\n  optimizer: adam\n  loss: {class_name: 'mae', config: {reduction: sum}}  # ok\n",
     "compile:\n  optimizer: adam\n  loss: {class_name: 'mean_absolute_error', config: {reduction: sum}}  # ok\n"),
    ("base: &b {class_name: mse, config: {}}\ncompile:\n  optimizer: adam\n  loss: *b\n", None),
]


def fix(doc, diag, context) -> Optional[Fix]:
    respell = diag.fix
    if not isinstance(respell, Respell) or not respell.path:
        return None
    edit = doc.replace_token(doc.value_range(tuple(respell.path)), respell.old, respell.text)
    return None if edit is None else Fix(diag.code, diag.span.line if diag.span else 0, [edit])
