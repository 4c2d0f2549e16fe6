"""Per output, what each training step needs from its loss and metrics, by the cheapest
exact route:

    loss     a softmax head under (sparse) categorical crossentropy is fused (fused.py);
             anything else: gradients.loss_and_grad, then the activation's backward.
    metrics  the accuracy family is one argmax, compare and count per batch; any other
             metric goes through its numerics object (reset, update, result).

Both fast routes give the numbers the numerics objects give; tests compare them.
"""
from __future__ import annotations

from functools import partial

import numpy as np

from compilecli.numerics.metrics import accuracy as A
from compilecli.smoke import gradients
from compilecli.smoke.activations import activation_backward
from compilecli.smoke.fused import fused_head
from compilecli.smoke.guard import guard


class Head:
    """One output: its plan (`out`), its loss object (or None) and its metric objects."""

    def __init__(self, out, loss, metrics):
        self.out, self.loss, self.metrics = out, loss, metrics
        self.fused = None if loss is None else fused_head(loss, out.activation)
        self.measures = [(m.name, measurer(m)) for m in metrics]

    def loss_and_dz(self, y, z, p):
        """(reduced loss, d (loss_weight * loss) / d logits z), for the prediction p = act(z)."""
        if self.fused is not None:
            found = self.fused(y, p, self.out.weight)
            if found is not None:
                return found
        value, grad = gradients.loss_and_grad(self.loss, y, p)
        return value, activation_backward(self.out.activation, z, p, self.out.weight * grad)

    def loss_value(self, y, p) -> float:
        found = self.fused(y, p, 1.0) if self.fused is not None else None
        return found[0] if found is not None else gradients.loss_value(self.loss, y, p)


def build_heads(outputs, widths):
    """A Head per output (`widths`: its values per sample). Every loss is made before any metric,
    so that of several objects the numerics cannot make, the Refusal names the same one as ever.
    What to make is the plan's: each object resolved by the catalogue for the spec's target."""
    losses = [None if o.loss is None else guard(lambda: gradients.as_loss(o.loss_part.make()), "loss", o.loss)
              for o in outputs]
    return [Head(o, loss, [guard(part.make, "metric", label) for label, part in zip(o.metrics, o.metric_parts)])
            for o, loss in zip(outputs, losses)]


def measurer(metric):
    """The function (y, pred) -> value `measure` amounts to for this metric, with the shortcut
    (when there is one) called directly: it runs every step."""
    fast = direct(metric)
    if fast is None:
        return partial(measure, metric, None)

    def run(y, pred):
        value = fast(y, pred)
        return value if value is not None else measure(metric, None, y, pred)
    return run


def measure(metric, fast, y, pred) -> float:
    """The metric on this batch alone (not Keras's running mean over the epoch: the history
    shows each step as it was)."""
    value = fast(y, pred) if fast is not None else None
    if value is not None:
        return value
    metric.reset_state()
    metric.update_state(y, pred)
    return float(np.asarray(metric.result(), dtype=np.float64).mean())


def direct(metric):
    """A function (y, pred) -> value, or None for labels of unexpected shape; None: no shortcut.
    Exact types only: a subclass may compute something else."""
    kind = type(metric)
    if kind is A.SparseCategoricalAccuracy:
        return _sparse_accuracy
    if kind is A.CategoricalAccuracy:
        return _categorical_accuracy
    if kind is A.BinaryAccuracy:
        return partial(_binary_accuracy, threshold=metric.threshold)
    return None


# The numerics metric sums 0/1 values (exact in float64) and divides by the count: so does this.
def _sparse_accuracy(y, pred):
    if y.ndim != 1 or pred.ndim != 2 or not len(y):
        return None
    return int(np.count_nonzero(pred.argmax(axis=1) == y)) / len(y)


def _categorical_accuracy(y, pred):
    if y.shape != pred.shape or pred.ndim != 2 or not len(y):
        return None
    return int(np.count_nonzero(pred.argmax(axis=1) == y.argmax(axis=1))) / len(y)


def _binary_accuracy(y, pred, threshold):
    if y.shape != pred.shape or pred.ndim != 2 or not len(y):
        return None
    # Mean per sample first, then over the batch: the numerics' order, so the same rounding.
    return float(((pred > threshold) == y).mean(axis=1).sum()) / len(y)
