"""What `model.compile()` would build, read from a resolved spec: per output its loss,
loss weight and metrics, plus the optimizer. Sizes are checked here, BEFORE anything
is allocated, so a hostile spec (units: 10**9) is refused in microseconds.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, List, Tuple

MAX_WEIGHTS = 10 ** 7       # units * inputs summed over layers: ~80 MB of float64 at most
MAX_BATCH_VALUES = 10 ** 7  # batch_size * widest layer
MAX_STEPS = 10 ** 6
DEFAULT_INPUTS = 16


class Refusal(Exception):
    """The spec cannot be smoke-tested; `key` names the i18n text (under `smoke.`), `args` fill it."""

    def __init__(self, key: str, **args: Any):
        super().__init__(key)
        self.key, self.params = key, args


@dataclass
class OutputPlan:
    index: int
    name: str
    units: int
    activation: str
    labels: str
    loss: Any = None            # the identifier as written (str or {class_name, config}); None: untrained
    weight: float = 1.0
    metrics: List[Any] = field(default_factory=list)
    loss_part: Any = None       # what numerics builds for `loss` (smoke.objects.Part)
    metric_parts: List[Any] = field(default_factory=list)


@dataclass
class Plan:
    inputs: int
    hidden: int
    optimizer: Any
    outputs: List[OutputPlan]
    notes: List[Tuple[str, dict]] = field(default_factory=list)   # (i18n key, args): assumptions made


def build_plan(spec, hidden: int, steps: int, batch_size: int) -> Plan:
    from compilecli.smoke.activations import output_width
    from compilecli.smoke.data import infer_labels
    from compilecli.smoke.objects import optimizer, part, written
    notes: List[Tuple[str, dict]] = []
    inputs = _inputs(spec.inputs, notes)
    if not spec.outputs:
        raise Refusal("no_outputs")
    _unique_names(spec.output_names)
    weights = _loss_weights(spec)
    outputs = []
    for out in spec.outputs:
        if out.units is None:
            raise Refusal("no_units", output=out.name)
        if out.activation == "glu" and out.units % 2:
            raise Refusal("glu_odd", output=out.name, units=out.units)
        width = output_width(out.activation, out.units)
        losses = spec.output_refs("loss", out.index)
        loss = losses[0] if losses else None
        labels = infer_labels(out.labels, loss and loss.entry, out.activation, width)
        plan = OutputPlan(out.index, out.name, out.units, out.activation, labels,
                          written(loss) if loss else None, weights[out.index])
        if not out.labels:
            notes.append(("note_labels", {"output": out.name, "labels": plan.labels}))
        plan.loss_part = part(loss, spec, width, labels == "sparse") if loss else None
        metrics = spec.output_refs("metrics", out.index) + spec.output_refs("weighted_metrics", out.index)
        plan.metrics = [written(r) for r in metrics]
        plan.metric_parts = [part(r, spec, width, labels == "sparse") for r in metrics]
        outputs.append(plan)
    if all(o.loss is None for o in outputs):
        raise Refusal("no_loss")
    _check_sizes(inputs, hidden, [o.units for o in outputs], steps, batch_size)
    try:
        built = optimizer(spec, notes)
    except ValueError as exc:
        raise Refusal("numerics_failed", kind="optimizer", what=repr(spec.compile.get("optimizer"))[:80],
                      reason=str(exc)[:200]) from None
    return Plan(inputs, hidden, built, outputs, notes)


def _unique_names(names: List[str]) -> None:
    """Keras needs unique layer names, and smoke keys every output's history by its name."""
    seen = set()
    for name in names:
        if name in seen:
            raise Refusal("duplicate_output", output=name)
        seen.add(name)


def _inputs(shape: Any, notes) -> int:
    if shape is None:
        notes.append(("note_inputs", {"inputs": DEFAULT_INPUTS}))
        return DEFAULT_INPUTS
    shape = [shape] if isinstance(shape, int) and not isinstance(shape, bool) else shape
    if not isinstance(shape, list) or not shape or not all(
            isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in shape):
        raise Refusal("bad_inputs", value=repr(shape)[:60])
    # A multi-axis input is flattened: the smoke network is dense. Python ints cannot overflow.
    return math.prod(shape)


def _loss_weights(spec) -> List[float]:
    """Each output's loss weight as resolve paired it (1.0 where none is written)."""
    weights = []
    for out in spec.outputs:
        weight = spec.loss_weight(out.index)
        if weight is not None and not finite_number(weight.value):
            raise Refusal("bad_loss_weights", value=repr(weight.value)[:60])
        weights.append(1.0 if weight is None else float(weight.value))
    return weights


def finite_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_sizes(inputs: int, hidden: int, units: List[int], steps: int, batch_size: int) -> None:
    total = inputs * hidden + hidden * sum(units)
    if total > MAX_WEIGHTS:
        raise Refusal("too_big", weights=total, limit=MAX_WEIGHTS, inputs=inputs, hidden=hidden,
                      units=sum(units))
    widest = max([inputs, hidden] + units)
    if batch_size * widest > MAX_BATCH_VALUES:
        raise Refusal("batch_too_big", batch_size=batch_size, width=widest, limit=MAX_BATCH_VALUES)
    if steps > MAX_STEPS:
        raise Refusal("too_many_steps", steps=steps, limit=MAX_STEPS)
