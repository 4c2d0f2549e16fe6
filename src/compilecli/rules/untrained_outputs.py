"""untrained-outputs: an output that is in the model but gets nothing to learn from.

* CC406: a ``null`` loss for an output (in a loss list or dict), or a loss weight of 0 (in a
  ``loss_weights`` list or dict, or a scalar 0 for a one-output model). Keras 3.15 and
  tf.keras 2.15 accept both and train the rest; that output's layer keeps its initial weights
  (observed by tools/differential: the head's kernel and bias are unchanged after fit).
  An output missing from a loss dict or list is CC403's (output-structure).
* CC413: a negative loss weight (list, dict, or a scalar): Keras trains that output to make its
  loss larger -- gradient ascent; observed: accuracy falls from 0.74 to 0.12 while the loss goes
  below 0 (tools/differential keras3-s00014..17, tf2-s00014..17, keras3-01623/01644/01681).
"""
from __future__ import annotations

from typing import Iterator

from compilecli.diagnostics import Diagnostic, WARNING, diagnostic
from compilecli.resolve.objects import is_object_dict

CODES = ("CC406", "CC413")
TWO = "model:\n  outputs:\n    - {name: cls, units: 3, activation: softmax, labels: onehot}\n" \
      "    - {name: reg, units: 1, labels: real}\ncompile:\n  optimizer: adam\n"
EXAMPLES = [
    (TWO + "  loss: [categorical_crossentropy, null]\n", ["CC406"]),
    (TWO + "  loss: {cls: categorical_crossentropy, reg: mse}\n  loss_weights: {cls: 1.0, reg: 0.0}\n", ["CC406"]),
    (TWO + "  loss: {cls: categorical_crossentropy, reg: mse}\n  loss_weights: {cls: 1.0, reg: 0.5}\n", []),
    (TWO + "  loss: {cls: categorical_crossentropy, reg: mse}\n  loss_weights: {cls: 1.0, reg: -0.5}\n", ["CC413"]),
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
    if isinstance(weights, list) and len(weights) == len(names):
        pairs = [(("compile", "loss_weights", index), names[index], w) for index, w in enumerate(weights)]
    elif isinstance(weights, dict):
        pairs = [(("compile", "loss_weights", key), key, w) for key, w in weights.items() if key in names]
    elif spec.target == "tf2" or len(names) == 1:   # tf.keras weighs every output by a scalar; Keras 3 takes one
        pairs = [(("compile", "loss_weights"), ", ".join(names), weights)]
    else:
        pairs = []
    for path, name, w in pairs:
        if isinstance(w, bool) or not isinstance(w, (int, float)):
            continue
        if w == 0:
            yield _emit(spec, path, name, "zero_weight")
        elif w < 0:
            yield diagnostic("CC413", WARNING, path, spec.sourcemap.value_span(path), name=name, value=w)


def _emit(spec, path, name, variant) -> Diagnostic:
    return diagnostic("CC406", WARNING, path, spec.sourcemap.value_span(path), key=f"codes.CC406.{variant}",
                      name=name)
