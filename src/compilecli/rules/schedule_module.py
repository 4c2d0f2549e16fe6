"""schedule-module: a learning-rate schedule nested in an optimizer config needs its `module`.

* CC312: ``{class_name: Adam, config: {learning_rate: {class_name: ExponentialDecay, config: ...}}}``
  without ``module: keras.optimizers.schedules`` on the schedule. Keras 3's ``optimizers.get()``
  deserializes nested objects by module; without it the schedule stays a dict and Keras 3.15
  raises TypeError ("could not be deserialized properly"). tf.keras 2.15 finds it without.
  Not for compile() calls in code, where the schedule is constructed, not deserialized.
  Which targets need it, and which modules work, is data: ``schedule_module`` in
  catalogue/data/observed.json. Fix (certain, attached as an ``AddKey``): add the module before ``class_name``.
"""
from __future__ import annotations

from typing import Iterator

from compilecli.catalogue import read_data
from compilecli.diagnostics import AddKey, Diagnostic, ERROR, diagnostic

CODES = ("CC312",)
EXAMPLES = [
    ("compile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate:\n"
     "        class_name: ExponentialDecay\n        config: {initial_learning_rate: 0.01, decay_steps: 100, "
     "decay_rate: 0.9}\n  loss: mse\n", ["CC312"]),
    ("compile:\n  optimizer:\n    class_name: Adam\n    config:\n      learning_rate:\n"
     "        module: keras.optimizers.schedules\n        class_name: ExponentialDecay\n"
     "        config: {initial_learning_rate: 0.01, decay_steps: 100, decay_rate: 0.9}\n  loss: mse\n", []),
]


def rule_data(target: str):
    return read_data("observed.json")["schedule_module"].get(target)


def check(spec) -> Iterator[Diagnostic]:
    need = rule_data(spec.target)
    if not need or spec.loaded.format in ("python", "notebook"):
        return   # in code the schedule is a constructed object, never deserialized
    for ref in spec.refs("learning_rate"):
        if ref.kind != "schedule" or ref.entry is None or ref.malformed:
            continue
        module = ref.module
        if module not in need["accepted"]:
            name_path = ref.path + ("class_name",)
            # the module is certain only where none is written (a wrong one may be a typo of another)
            fix = AddKey(ref.path, "module", need["insert"]) if module is None else None
            yield diagnostic("CC312", ERROR, ref.path, spec.sourcemap.value_span(name_path), key="" if module is None
                             else "codes.CC312.wrong", fix=fix, object=ref.entry.canonical, target=spec.target,
                             module=str(module), insert=need["insert"])
