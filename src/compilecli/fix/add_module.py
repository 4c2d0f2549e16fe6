"""add-module: give a schedule nested in an optimizer config the `module` Keras 3 needs (CC312).

The entry ``module: keras.optimizers.schedules`` is inserted just before the schedule's
``class_name`` key, in the file's own style: its own line at the key's indentation in block
YAML, ``module: ..., `` in flow YAML, ``"module": "...", `` in JSON. Not made when the schedule
already has a (wrong) ``module``: which one was meant is not certain.
"""
from __future__ import annotations

from typing import Optional

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
]


def fix(doc, diag, context) -> Optional[Fix]:
    args = diag.arguments
    module = args.get("insert")
    path = tuple(diag.path)
    holder = doc.data_at(path)
    if not module or not isinstance(holder, dict) or "module" in holder or "class_name" not in holder:
        return None
    rng = doc.key_range(path + ("class_name",))
    if rng is None:
        return None
    start = rng[0]
    line_start = doc.text.rfind("\n", 0, start) + 1
    before = doc.text[line_start:start]
    if doc.format == "json":
        text = f'"module": "{module}", '
    elif before.strip() in ("", "-"):          # block mapping: a line of its own at the key's column
        text = f"module: {module}\n" + " " * len(before)
    else:
        text = f"module: {module}, "
    return Fix(diag.code, diag.span.line if diag.span else 0, [Edit(start, start, text)])
