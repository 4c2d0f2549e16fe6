"""drop-argument: delete an argument the target no longer takes and that has no new name.

* CC601: a compile keyword the target rejects outright and that has no new name (Keras 3:
  ``sample_weight_mode``, ``target_tensors``, ``distribute``) — the whole ``key: value`` entry goes.
* CC604 / CC607 ``decay`` on an optimizer: removed (or ignored) in the new optimizers. The entry
  goes and a note says that a learning-rate schedule replaces it; no schedule is invented.

The rule that found it decides (it attaches a ``Drop``, ``compilecli.diagnostics``); this module
only turns it into text.

Block style loses the key's line and its indented continuation lines; flow style and JSON lose the
item and its comma. A block mapping that loses its only entry is written ``{}`` (empty would read
as null).
"""
from __future__ import annotations

from typing import Optional

from compilecli.diagnostics import Drop
from compilecli.fix.document import Fix

CODES = ("CC601", "CC604", "CC607")

EXAMPLES = [
    ("compile:\n  optimizer: adam   # keep me\n  sample_weight_mode: temporal\n  loss: mse\n",
     "compile:\n  optimizer: adam   # keep me\n  loss: mse\n"),
    ("compile:\n  optimizer: {class_name: SGD, config: {learning_rate: 0.01, decay: 1.0e-6}}\n",
     "compile:\n  optimizer: {class_name: SGD, config: {learning_rate: 0.01}}\n"),
    ('{\n  "compile": {\n    "optimizer": "adam",\n    "target_tensors": []\n  }\n}\n',
     '{\n  "compile": {\n    "optimizer": "adam"\n  }\n}\n'),
    ("compile:\n  loss: mse\n  optimizer:\n    class_name: Adam\n    config:\n      decay: 0.01\n",
     "compile:\n  loss: mse\n  optimizer:\n    class_name: Adam\n    config: {}\n"),
    ("compile:\n  optimizer: {class_name: Adam, config: {decay: &d 0.01}}\n  loss: {class_name: Huber, config: {delta: *d}}\n",
     None),
]


def fix(doc, diag, context) -> Optional[Fix]:
    """The rule's Drop, as the deletion of the whole entry (with the rule's note)."""
    drop = diag.fix
    if not isinstance(drop, Drop) or not drop.path:
        return None
    edits = doc.delete_entry(tuple(drop.path))
    if edits is None:
        return None
    line = diag.span.line if diag.span else 0
    return Fix(diag.code, line, edits, note=drop.note, note_args=dict(drop.note_args, line=line) if drop.note else {})
