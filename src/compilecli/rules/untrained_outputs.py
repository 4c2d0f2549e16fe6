"""untrained-outputs: an output that is in the model but gets nothing to learn from.

* CC406: a ``null`` loss for an output (in a loss list or dict), or a loss weight of 0 (in a
  ``loss_weights`` list or dict, or a scalar 0 for a one-output model). Keras 3.15 and
  tf.keras 2.15 accept both and train the rest; that output's layer keeps its initial weights
  (observed by tools/differential: the head's kernel and bias are unchanged after fit).
  An output missing from a loss dict or list is CC403's (output-structure).
"""
from __future__ import annotations

from typing import Iterator

from compilecli.diagnostics import Diagnostic, WARNING, diagnostic
from compilecli.resolve.objects import is_object_dict

CODES = ("CC406",)
TWO = "model:\n  outputs:\n    - {name: cls, units: 3, activation: softmax, labels: onehot}\n" \
      "    - {name: reg, units: 1, labels: real}\ncompile:\n  optimizer: adam\n"
EXAMPLES = [
    (TWO + "  loss: [categorical_crossentropy, null]\n", ["CC406"]),
    (TWO + "  loss: {cls: categorical_crossentropy, reg: mse}\n  loss_weights: {cls: 1.0, reg: 0.0}\n", ["CC406"]),
    (TWO + "  loss: {cls: categorical_crossentropy, reg: mse}\n  loss_weights: {cls: 1.0, reg: 0.5}\n", []),
]


def check(spec) -> Iterator[Diagnostic]:
    if not spec.outputs:
        return
    names = spec.output_names
    loss = spec.compile.get("loss")
    items = loss if isinstance(loss, list) else list(loss.values()) if isinstance(loss, dict) else [0]
    if not any(item is not None for item in items):
        loss = None   # no loss at all: CC403 (output-structure) says so
    if isinstance(loss, list) and len(loss) == len(names):
        for index, item in enumerate(loss):
            if item is None:
                yield _emit(spec, ("compile", "loss", index), names[index], "null_loss")
    elif isinstance(loss, dict) and not is_object_dict(loss):
        for key, item in loss.items():
            if item is None and key in names:
                yield _emit(spec, ("compile", "loss", key), key, "null_loss")
    yield from _weights(spec, names, spec.compile.get("loss_weights"))


def _weights(spec, names, weights) -> Iterator[Diagnostic]:
    zero = lambda w: isinstance(w, (int, float)) and not isinstance(w, bool) and w == 0  # noqa: E731
    if isinstance(weights, list) and len(weights) == len(names):
        for index, w in enumerate(weights):
            if zero(w):
                yield _emit(spec, ("compile", "loss_weights", index), names[index], "zero_weight")
    elif isinstance(weights, dict):
        for key, w in weights.items():
            if key in names and zero(w):
                yield _emit(spec, ("compile", "loss_weights", key), key, "zero_weight")
    elif zero(weights) and len(names) == 1:
        yield _emit(spec, ("compile", "loss_weights"), names[0], "zero_weight")


def _emit(spec, path, name, variant) -> Diagnostic:
    return diagnostic("CC406", WARNING, path, spec.sourcemap.value_span(path), key=f"codes.CC406.{variant}",
                      name=name)
