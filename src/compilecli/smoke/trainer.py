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
from functools import partial
from typing import Any, Callable, Dict, List, Optional

import numpy as np

from compilecli.numerics.config import floatx_scope
from compilecli.smoke.activations import output_width
from compilecli.smoke.data import Teacher, make_data
from compilecli.smoke.guard import guard
from compilecli.smoke.heads import build_heads
from compilecli.smoke.network import Network
from compilecli.smoke.plan import Plan, Refusal

FLOATX = "float64"        # the network, the data and every numerics object: smoke's numbers are float64's
CHECKPOINTS = 10          # probe evaluations after step 0 (before training) and the last step
PROBE_SAMPLES = 256
POOL_VALUES = 4 * 10 ** 6  # samples * inputs of the training pool (32 MB)
POOL_SAMPLES = 8192        # the pool is fixed: longer runs make more shuffled passes over it, as fit's epochs
GATHER_BATCHES = 64       # batches shuffled into place per gather (see `batches`)


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
        with floatx_scope(FLOATX):
            self._build(plan, seed, batch_size, steps)

    def _build(self, plan: Plan, seed: int, batch_size: int, steps: int):
        from compilecli.numerics import optimizers
        self.plan, self.batch_size, self.steps = plan, batch_size, steps
        widths = [output_width(o.activation, o.units) for o in plan.outputs]
        # The Keras objects first: a name numerics cannot build is refused before any data exists.
        # Their Python warnings (e.g. `decay` ignored) are check's business, already reported there.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.heads = build_heads(plan.outputs, widths)
            self.optimizer = guard(lambda: optimizers.get(plan.optimizer), "optimizer", plan.optimizer)
        rng = self.rng = np.random.default_rng(seed)
        formats = [o.labels for o in plan.outputs]
        teacher = Teacher(plan.inputs, widths, rng)
        probe = min(PROBE_SAMPLES, max(8, POOL_VALUES // (4 * plan.inputs)))
        self.x_probe, self.y_probe = make_data(teacher, formats, probe, rng)
        pool = min(steps * batch_size, max(batch_size, min(POOL_SAMPLES, POOL_VALUES // plan.inputs)))
        self.x, self.ys = make_data(teacher, formats, pool, rng)
        self.net = Network(plan.inputs, plan.hidden, [(o.units, o.activation) for o in plan.outputs], rng,
                           names=[o.name for o in plan.outputs])
        # Element-wise update rules give the same numbers on one flat vector as on each array.
        # (the optimizer's class says whether its update is element-wise; clipnorm is per array)
        self.flat = (getattr(self.optimizer, "elementwise", False)
                     and getattr(self.optimizer, "clipnorm", None) is None)
        self.history = History(outputs={h.out.name: {"loss": [], **{name: [] for name, _ in h.measures}}
                                        for h in self.heads})
        for head in self.heads:   # where each step's numbers go, and what a failure is reported as
            record = self.history.outputs[head.out.name]
            head.loss_record, head.loss_stage = record["loss"], ("loss", head.out.loss, head.out)
            head.metric_steps = [(("metric", name, head.out), measure, record[name])
                                 for name, measure in head.measures]
        self._stepper = None
        self._stage = None   # (kind, what, output) of the user object running now: see `_train`
        self._optimizer_stage = ("optimizer", plan.optimizer)

    def _build_stepper(self) -> None:
        """The optimizer step on the gradients `backward_logits` writes: built once (building checks
        the variables, as Keras's first apply does), then one call per step."""
        if self.flat:   # one array: the update runs once instead of once per weight array
            variables, grads, names = [self.net.flat], [self.net.flat_grad], ["flat"]
        else:   # per array, with Keras's variable paths (a MultiOptimizer's map reads them)
            variables, grads, names = self.net.params, self.net.grads, self.net.names
        step = guard(lambda: self.optimizer.stepper(variables, names), *self._optimizer_stage)
        self._stepper = partial(step, grads)

    def batches(self):
        """Endless shuffled passes over the pool, like fit(shuffle=True). Rows are gathered a chunk
        of batches at a time, so each batch is a contiguous slice (a view): the same samples in the
        same order as one gather per batch, for fewer numpy calls and bounded extra memory."""
        n, size = len(self.x), self.batch_size
        chunk = GATHER_BATCHES * size
        while True:
            order = self.rng.permutation(n)[:n - n % size]   # the last partial batch is skipped
            for first in range(0, len(order), chunk):
                idx = order[first:first + chunk]   # a whole number of batches
                # Gathered, then seen as (batches, size, ...): each batch is a view, taken in C.
                x = self.x[idx].reshape((-1, size) + self.x.shape[1:])
                ys = [y[idx].reshape((-1, size) + y.shape[1:]) for y in self.ys]
                for xb, *yb in zip(x, *ys):
                    yield xb, yb

    def train(self, progress: Optional[Callable[[int], None]] = None) -> History:
        # Overflow is reported as NaN/inf in the verdicts, never as a numpy warning.
        with np.errstate(all="ignore"), floatx_scope(FLOATX):
            return self._train(progress)

    def _train(self, progress) -> History:
        marks = set(np.linspace(0, self.steps, CHECKPOINTS + 1).round().astype(int).tolist())
        marks.add(self.steps)
        self.evaluate(0)
        self._build_stepper()
        batches, step_fn = self.batches(), self.step
        try:
            for step in range(1, self.steps + 1):
                x, ys = next(batches)
                if not step_fn(step, x, ys):
                    break
                if step in marks:
                    self.evaluate(step)
                if progress is not None:
                    progress(step)
        except Refusal:
            raise
        except Exception as exc:   # noqa: BLE001 - one handler for the whole loop, not one per call
            if self._stage is None:
                raise
            guard(partial(_reraise, exc), *self._stage)   # the Refusal `guard` would have raised
        return self.history

    def step(self, step: int, x, ys) -> bool:
        """One optimizer step; False (and `history.nan` set) when something is not finite.
        `_stage` names the user object that runs, so that `_train` can report its failure."""
        h = self.history
        preds, cache = self.net.forward(x)
        total, dzs = 0.0, []
        for head, y, pred, z in zip(self.heads, ys, preds, cache.zs):
            if head.loss is None:
                dzs.append(None)
                head.loss_record.append(None)
                continue
            self._stage = head.loss_stage
            value, dz = head.loss_and_dz(y, z, pred)
            head.loss_record.append(value)
            total += head.out.weight * value
            dzs.append(dz)
            if not math.isfinite(value) and h.nan is None:
                h.nan = {"step": step, "output": head.out.name, "where": "loss"}
        for head, y, pred in zip(self.heads, ys, preds):
            for stage, measure, record in head.metric_steps:
                self._stage = stage
                record.append(measure(y, pred))
        self._stage = None
        h.loss.append(total)
        h.steps_run = step
        if h.nan is not None:
            return False
        self.net.backward_logits(cache, dzs)
        # One sum over all gradients: any NaN/inf element makes it non-finite.
        if not math.isfinite(np.add.reduce(self.net.flat_grad)):
            h.nan = {"step": step, "output": None, "where": "gradient"}
            return False
        self._stage = self._optimizer_stage
        self._stepper()
        self._stage = None
        return True

    def evaluate(self, step: int) -> None:
        """Loss and metrics of every output on the fixed probe set."""
        preds, _ = self.net.forward(self.x_probe)
        record: Dict[str, Any] = {"step": step, "outputs": {}}
        for head, y, pred in zip(self.heads, self.y_probe, preds):
            o = head.out
            value = None if head.loss is None else guard(lambda: head.loss_value(y, pred), "loss", o.loss, o)
            found = {name: guard(lambda: measure(y, pred), "metric", name, o) for name, measure in head.measures}
            record["outputs"][o.name] = {"loss": value, "metrics": found}
        self.history.evals.append(record)


def _reraise(exc):
    raise exc
