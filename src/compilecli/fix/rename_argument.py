"""rename-argument: write the new name of a renamed argument (``lr`` -> ``learning_rate``).

* CC603: the target rejects the old name (Keras 3 optimizers and ``lr``).
* CC607: the target still takes the old name with a warning and a new name exists (``lr`` in tf.keras 2.11+).

The rule that found it attaches the Rename (``compilecli.diagnostics``). Only the key is rewritten, with its quotes; the value, comments and layout stay.
Not fixed when the new name is already there too (``lr`` and ``learning_rate``):
which value was meant is not certain.
"""
from __future__ import annotations

from typing import Optional

from compilecli.diagnostics import Rename
from compilecli.fix.document import Fix

CODES = ("CC603", "CC607")

EXAMPLES = [
    ("compile:\n  optimizer:\n    class_name: Adam\n    config:\n      lr: 0.001   # from a tutorial\n",
     "compile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate: 0.001   # from a tutorial\n"),
    ('{"compile": {"optimizer": {"class_name": "SGD", "config": {"lr": 0.01, "momentum": 0.9}}}}',
     '{"compile": {"optimizer": {"class_name": "SGD", "config": {"learning_rate": 0.01, "momentum": 0.9}}}}'),
    ("compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1, learning_rate: 0.01}}\n", None),
]


def fix(doc, diag, context) -> Optional[Fix]:
    """The rule's Rename, as an edit of the key's token."""
    rename = diag.fix
    if not isinstance(rename, Rename) or not rename.path:
        return None
    path, new = tuple(rename.path), rename.new
    old = path[-1]
    parent = doc.data_at(path[:-1])
    if not isinstance(parent, dict) or old not in parent or new in parent:
        return None
    edit = doc.replace_token(doc.key_range(path), old, new)
    if edit is None:
        return None
    return Fix(diag.code, diag.span.line if diag.span else 0, [edit], renames={path: path[:-1] + (new,)})
