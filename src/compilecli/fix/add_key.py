"""add-key: add the entry a rule says is missing (``AddKey``), as the mapping's first entry.

* CC312: a schedule nested in an optimizer config gets the ``module: keras.optimizers.schedules``
  Keras 3 needs to deserialize it (``rules/schedule_module.py`` attaches the AddKey; it attaches
  none when the schedule already has a wrong ``module``: which one was meant is not certain).

The entry goes just before the mapping's first key, in the file's own style: its own line at the
key's indentation in block YAML, ``key: text, `` in flow YAML, ``"key": "text", `` in JSON.
"""
from __future__ import annotations

import json
from typing import Optional

from compilecli.diagnostics import AddKey
from compilecli.fix.document import Edit, Fix

CODES = ("CC312",)

EXAMPLES = [
    ("compile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate:\n"
     "        class_name: ExponentialDecay   # decays\n        config: {initial_learning_rate: 0.01, decay_steps: 10, "
     "decay_rate: 0.9}\n",
     "compile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate:\n"
     "        module: keras.optimizers.schedules\n        class_name: ExponentialDecay   # decays\n"
     "        config: {initial_learning_rate: 0.01, decay_steps: 10, decay_rate: 0.9}\n"),
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: {class_name: CosineDecay, config: "
     "{initial_learning_rate: 0.1, decay_steps: 5}}}}\n",
     "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: {module: keras.optimizers.schedules, "
     "class_name: CosineDecay, config: {initial_learning_rate: 0.1, decay_steps: 5}}}}\n"),
    ('{"compile": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": {"class_name": "CosineDecay", '
     '"config": {"initial_learning_rate": 0.1, "decay_steps": 5}}}}}}',
     '{"compile": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": {"module": '
     '"keras.optimizers.schedules", "class_name": "CosineDecay", "config": {"initial_learning_rate": 0.1, '
     '"decay_steps": 5}}}}}}'),
    ("compile:\n  optimizer: {class_name: Adam, config: {learning_rate: {module: keras.schedules, "
     "class_name: CosineDecay, config: {initial_learning_rate: 0.1, decay_steps: 5}}}}\n", None),
    # class_name merged in from an anchor: the mapping's own text does not hold every key
    ("base: &b {class_name: CosineDecay}\ncompile:\n  optimizer: {class_name: Adam, config: {learning_rate: "
     "{config: {initial_learning_rate: 0.1, decay_steps: 5}, <<: *b}}}\n", None),
]


def fix(doc, diag, context) -> Optional[Fix]:
    add = diag.fix
    if not isinstance(add, AddKey):
        return None
    path = tuple(add.path)
    holder = doc.data_at(path)
    if not isinstance(holder, dict) or not holder or add.key in holder:
        return None
    ranges = [doc.key_range(path + (key,)) for key in holder]
    if any(r is None for r in ranges):
        return None                  # a merged-in or aliased key: where the mapping is written is unclear
    start = min(r[0] for r in ranges)
    line_start = doc.text.rfind("\n", 0, start) + 1
    before = doc.text[line_start:start]
    if doc.format == "json":
        text = f"{json.dumps(add.key)}: {json.dumps(add.text)}, "
    elif before.strip() in ("", "-"):          # block mapping: a line of its own at the key's column
        text = f"{add.key}: {add.text}\n" + " " * len(before)
    else:
        text = f"{add.key}: {add.text}, "
    return Fix(diag.code, diag.span.line if diag.span else 0, [Edit(start, start, text)])
