"""Verdicts: frozen values with a stable code, an output and arguments, but no words
(the renderer looks up ``codes.SMxxx`` in the chosen language, as for diagnostics).

    SM001 trains: the loss fell          SM101 the loss did not fall
    SM002 output has no loss (untrained) SM102 diverged: the loss grew by a large factor
                                         SM103 NaN/inf at step k
                                         SM104 a metric never changed
SM0xx are fine; any SM1xx makes `compilecli smoke` exit 1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, List, Optional, Tuple

from compilecli.codes import VERDICTS   # the registry lives with the diagnostic codes

FELL_FRACTION = 0.05      # the probe loss must drop by 5% of its start value to count as falling
DIVERGE_FACTOR = 2.0      # ... and a loss that more than doubles has diverged
MIN_CHECKPOINTS = 3       # a metric is only called constant when it was measured this often

VERDICT_CODES = tuple(VERDICTS)


@dataclass(frozen=True)
class Verdict:
    code: str
    output: Optional[str] = None
    args: Tuple[Tuple[str, Any], ...] = field(default_factory=tuple)

    @property
    def bad(self) -> bool:
        return self.code.startswith("SM1")

    @property
    def arguments(self) -> dict:
        return dict(self.args)


def verdict(code: str, output: Optional[str] = None, **args: Any) -> Verdict:
    return Verdict(code, output, tuple(sorted(args.items())))


def judge(history, plan, asked: Optional[int] = None) -> List[Verdict]:
    """One loss verdict per output, then one SM104 per metric that never moved.

    ``asked`` is the number of steps requested: a run stopped by a NaN says "at step k of the N asked for".
    """
    found: List[Verdict] = []
    for out in plan.outputs:
        found.append(_judge_loss(history, out, asked or history.steps_run))
        found.extend(_judge_metrics(history, out))
    return found


def exit_code(verdicts: List[Verdict]) -> int:
    return 1 if any(v.bad for v in verdicts) else 0


def _judge_loss(history, out, asked: int) -> Verdict:
    if out.loss is None:
        return verdict("SM002", out.name)
    nan = history.nan
    losses = [e["outputs"][out.name]["loss"] for e in history.evals]
    if nan is not None and nan["output"] in (None, out.name):
        return verdict("SM103", out.name, step=nan["step"], where=nan["where"], asked=asked)
    bad_eval = next((e["step"] for e, v in zip(history.evals, losses) if not math.isfinite(v)), None)
    if bad_eval is not None:
        return verdict("SM103", out.name, step=bad_eval, where="probe", asked=asked)
    start, end = losses[0], losses[-1]
    if end > start + (DIVERGE_FACTOR - 1.0) * max(abs(start), 1e-12):
        return verdict("SM102", out.name, start=start, end=end, factor=DIVERGE_FACTOR)
    if falls_enough(start, end):
        return verdict("SM001", out.name, start=start, end=end)
    fell = fell_percent(start, end)
    if fell is not None and fell > 0:   # it fell, but by less than the threshold: say both numbers
        return verdict("SM101", out.name, start=start, end=end, steps=history.steps_run, variant="short",
                       percent=f"{fell:.1f}", needed=f"{FELL_FRACTION * 100:g}")
    return verdict("SM101", out.name, start=start, end=end, steps=history.steps_run)


def fell_percent(start: float, end: float) -> Optional[float]:
    """How much the loss fell, in percent of its start (negative when it rose); None when not computable."""
    if not (math.isfinite(start) and math.isfinite(end)) or start == 0:
        return None
    return (start - end) / abs(start) * 100


def falls_enough(start: float, end: float) -> bool:
    """The one threshold the verdicts and the loss line share."""
    return start - end > FELL_FRACTION * max(abs(start), 1e-12)


def _judge_metrics(history, out) -> List[Verdict]:
    if len(history.evals) < MIN_CHECKPOINTS or history.nan is not None:
        return []
    found = []
    names = history.evals[0]["outputs"][out.name]["metrics"]
    for name in names:
        values = [e["outputs"][out.name]["metrics"][name] for e in history.evals]
        if all(math.isfinite(v) for v in values):
            spread = max(values) - min(values)
            if spread <= 1e-12 * max(1.0, abs(values[0])):
                found.append(verdict("SM104", out.name, metric=name, value=values[0],
                                     checkpoints=len(values)))
    return found
