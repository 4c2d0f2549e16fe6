"""drop-argument: delete an argument the target no longer takes and that has no new name.

* CC601 under keras3: ``sample_weight_mode``, ``target_tensors``, ``distribute`` (and any other
  compile keyword Keras 3 rejects without a replacement) — the whole ``key: value`` entry goes.
* CC604 / CC607 ``decay`` on an optimizer: removed (or ignored) in the new optimizers. The entry
  goes and a note says that a learning-rate schedule replaces it; no schedule is invented.

Block style loses the key's line and its indented continuation lines; flow style and JSON lose the
item and its comma. A block mapping that loses its only entry is written ``{}`` (empty would read
as null).
"""
from __future__ import annotations

from typing import Optional

from compilecli.diagnostics import ERROR
from compilecli.fix.document import Fix

CODES = ("CC601", "CC604", "CC607")

# Compile keywords are dropped only where the target rejects them outright.
DROP_COMPILE_IN = ("keras3",)
# Object arguments that may go, by kind, with the note that tells what replaces them.
DROP_OBJECT_ARGS = {("optimizer", "decay"): "fix.notes.decay"}

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
    args = diag.arguments
    path = tuple(diag.path)
    if args.get("replaced_by") or not path:
        return None
    note = ""
    if diag.code == "CC601":
        if diag.severity != ERROR or args.get("target") not in DROP_COMPILE_IN or len(path) != 2:
            return None
    else:
        note = DROP_OBJECT_ARGS.get((args.get("kind"), args.get("name")))
        if note is None:
            return None
    edits = doc.delete_entry(path)
    if edits is None:
        return None
    line = diag.span.line if diag.span else 0
    return Fix(diag.code, line, edits, note=note,
               note_args=dict(name=args.get("name", path[-1]), object=args.get("object", ""),
                              target=args.get("target", ""), line=line) if note else {})
