"""The training loop: batches, total loss = sum(loss_weight * loss) per output, one
optimizer step over all weights, metrics per output per step, and a check for NaN/inf.

Besides the per-step (training batch) history, the model is evaluated at a few
checkpoints on a fixed held-out probe set: verdicts compare those, so they do not
depend on which batch happened to come last.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

import numpy as np

from compilecli.smoke import gradients
from compilecli.smoke.data import Teacher, make_data
from compilecli.smoke.network import Network, output_width
from compilecli.smoke.plan import Plan, Refusal

CHECKPOINTS = 10          # probe evaluations after step 0 (before training) and the last step
PROBE_SAMPLES = 256
POOL_VALUES = 4 * 10 ** 6  # samples * inputs of the training pool (32 MB)
# Optimizers whose update is element-wise (global_clipnorm and clipvalue included; clipnorm is
# per array, Lamb and Muon look at whole matrices, so those get one call per array).
ELEMENTWISE_OPTIMIZERS = ("SGD", "Adam", "AdamW", "Adamax", "Nadam", "RMSprop", "Adagrad", "Adadelta",
                          "Ftrl", "Lion")


@dataclass
class History:
    steps_run: int = 0
    loss: List[float] = field(default_factory=list)                 # total training loss per step
    outputs: Dict[str, Dict[str, List[float]]] = field(default_factory=dict)   # name -> "loss"/metric -> per step
    evals: List[Dict[str, Any]] = field(default_factory=list)        # probe checkpoints
    nan: Optional[Dict[str, Any]] = None                             # {"step", "output", "where"}


class Run:
    """Everything built from a plan; `train` fills `history`."""

    def __init__(self, plan: Plan, seed: int, batch_size: int, steps: int):
        from compilecli.numerics import optimizers
        self.plan, self.batch_size, self.steps = plan, batch_size, steps
        widths = [output_width(o.activation, o.units) for o in plan.outputs]
        # The Keras objects first: a name numerics cannot build is refused before any data exists.
        # Their Python warnings (e.g. `decay` ignored) are check's business, already reported there.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.losses = [_guard(lambda o=o: gradients.as_loss(_get_loss(o, w)), "loss", o.loss)
                           if o.loss is not None else None for o, w in zip(plan.outputs, widths)]
            self.metrics = [[_guard(lambda m=m, o=o, w=w: _get_metric(m, o, w), "metric", m) for m in o.metrics]
                            for o, w in zip(plan.outputs, widths)]
            self.optimizer = _guard(lambda: optimizers.get(plan.optimizer), "optimizer", plan.optimizer)
        rng = self.rng = np.random.default_rng(seed)
        formats = [o.labels for o in plan.outputs]
        teacher = Teacher(plan.inputs, widths, rng)
        probe = min(PROBE_SAMPLES, max(8, POOL_VALUES // (4 * plan.inputs)))
        self.x_probe, self.y_probe = make_data(teacher, formats, probe, rng)
        pool = min(steps * batch_size, max(batch_size, POOL_VALUES // plan.inputs))
        self.x, self.ys = make_data(teacher, formats, pool, rng)
        self.net = Network(plan.inputs, plan.hidden, [(o.units, o.activation) for o in plan.outputs], rng)
        # Element-wise update rules give the same numbers on one flat vector as on each array.
        self.flat = (type(self.optimizer).__name__ in ELEMENTWISE_OPTIMIZERS
                     and getattr(self.optimizer, "clipnorm", None) is None)
        self.history = History(outputs={o.name: {"loss": []} for o in plan.outputs})

    def batches(self):
        """Endless shuffled passes over the pool, like fit(shuffle=True)."""
        n = len(self.x)
        while True:
            order = self.rng.permutation(n)
            for start in range(0, n - self.batch_size + 1, self.batch_size):
                idx = order[start:start + self.batch_size]
                yield self.x[idx], [y[idx] for y in self.ys]

    def train(self, progress: Optional[Callable[[int], None]] = None) -> History:
        # Overflow is reported as NaN/inf in the verdicts, never as a numpy warning.
        with np.errstate(all="ignore"):
            return self._train(progress)

    def _train(self, progress) -> History:
        marks = set(np.linspace(0, self.steps, CHECKPOINTS + 1).round().astype(int).tolist())
        self.evaluate(0)
        batches = self.batches()
        for step in range(1, self.steps + 1):
            x, ys = next(batches)
            if not self.step(step, x, ys):
                break
            if step in marks or step == self.steps:
                self.evaluate(step)
            if progress is not None:
                progress(step)
        return self.history

    def step(self, step: int, x, ys) -> bool:
        """One optimizer step; False (and `history.nan` set) when something is not finite."""
        h, plan = self.history, self.plan
        preds, cache = self.net.forward(x)
        total, dys = 0.0, []
        for o, loss, y, pred in zip(plan.outputs, self.losses, ys, preds):
            if loss is None:
                dys.append(np.zeros_like(pred))
                h.outputs[o.name]["loss"].append(None)
                continue
            value, grad = _guard(lambda: gradients.loss_and_grad(loss, y, pred), "loss", o.loss, o)
            h.outputs[o.name]["loss"].append(value)
            total += o.weight * value
            dys.append(o.weight * grad)
            if not math.isfinite(value) and h.nan is None:
                h.nan = {"step": step, "output": o.name, "where": "loss"}
        self._update_metrics(ys, preds, h.outputs)
        h.loss.append(total)
        h.steps_run = step
        if h.nan is not None:
            return False
        grads = self.net.backward(cache, dys)
        # One sum per array: any NaN/inf element makes the sum non-finite.
        if not np.isfinite(sum(float(g.sum()) for g in grads)):
            h.nan = {"step": step, "output": None, "where": "gradient"}
            return False
        if self.flat:
            update = lambda: self.optimizer.apply([np.concatenate([g.ravel() for g in grads])], [self.net.flat])  # noqa: E731
        else:
            update = lambda: self.optimizer.apply(grads, self.net.params)  # noqa: E731
        _guard(update, "optimizer", plan.optimizer)
        return True

    def _update_metrics(self, ys, preds, into) -> None:
        for o, metrics, y, pred in zip(self.plan.outputs, self.metrics, ys, preds):
            for metric in metrics:
                value = _guard(lambda: _measure(metric, y, pred), "metric", metric.name, o)
                into[o.name].setdefault(metric.name, []).append(value)

    def evaluate(self, step: int) -> None:
        """Loss and metrics of every output on the fixed probe set."""
        preds, _ = self.net.forward(self.x_probe)
        record: Dict[str, Any] = {"step": step, "outputs": {}}
        for o, loss, metrics, y, pred in zip(self.plan.outputs, self.losses, self.metrics, self.y_probe, preds):
            value = None if loss is None else _guard(lambda: gradients.loss_and_grad(loss, y, pred)[0], "loss", o.loss, o)
            found = {m.name: _guard(lambda: _measure(m, y, pred), "metric", m.name, o) for m in metrics}
            record["outputs"][o.name] = {"loss": value, "metrics": found}
        self.history.evals.append(record)


def _get_loss(o, width):
    from compilecli.numerics import losses
    return losses.resolve_compile_loss(o.loss, width, o.labels == "sparse")


def _get_metric(identifier, o, width):
    from compilecli.numerics import metrics
    loss = o.loss if isinstance(o.loss, str) else None
    return metrics.resolve_compile_metric(identifier, loss, width, o.labels == "sparse")


def _measure(metric, y, pred) -> float:
    # Per batch, not Keras's running mean over the epoch: the history shows each step as it was.
    metric.reset_state()
    metric.update_state(y, pred)
    return float(np.asarray(metric.result(), dtype=np.float64).mean())


def _guard(call, kind: str, what: Any, out=None):
    """What the numerics cannot do (a shape they reject, an object they lack) becomes a Refusal:
    the user gets the object and the reason, never a traceback."""
    try:
        return call()
    except Exception as exc:   # noqa: BLE001 - any failure of a user-chosen object is reported the same way
        reason = str(exc) if isinstance(exc, (ValueError, TypeError)) else f"{type(exc).__name__}: {exc}"
        reason = reason.strip().rstrip(".")   # the message adds its own full stop
        if out is None:
            raise Refusal("numerics_failed", kind=kind, what=_short(what), reason=reason[:200]) from None
        # Failing on data almost always means the object does not fit this output's labels or width.
        raise Refusal("numerics_failed_output", kind=kind, what=_short(what), reason=reason[:200],
                      output=out.name, labels=out.labels, units=out.units) from None


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
