"""Stage 3, check: the explicit rule registry (one module per rule, as yamllint has).

Each rule module has a docstring (its documentation), ``CODES`` (what it may
emit), ``EXAMPLES`` (``(spec text, expected codes[, target])``; tests run every one) and
``check(spec) -> Iterator[Diagnostic]``.
"""
from __future__ import annotations

from typing import Dict, List

from compilecli.diagnostics import Diagnostic
from compilecli.rules import (abstract_objects, compile_args, label_consistency, loss_weights, object_args, object_names,
                              output_structure)
from compilecli.rules import (head_losses, label_shapes, observed_conditions, schedule_module,  # noqa: E402
                              untrained_outputs)   # issue 10
from compilecli.rules import argument_bounds  # noqa: E402 - issue 10 (i10-errors)

RULES: Dict[str, object] = {
    "compile-arguments": compile_args,
    "object-names": object_names,
    "object-arguments": object_args,
    "abstract-objects": abstract_objects,
    "output-structure": output_structure,
    "loss-weights": loss_weights,
    "label-consistency": label_consistency,
    "observed-conditions": observed_conditions,
    "untrained-outputs": untrained_outputs,
    "schedule-module": schedule_module,
    "label-shapes": label_shapes,
    "argument-bounds": argument_bounds,
    "head-losses": head_losses,
}


def run_rules(spec) -> List[Diagnostic]:
    found: List[Diagnostic] = []
    for rule in RULES.values():
        found.extend(rule.check(spec))
    return found


def examples(rule) -> List[tuple]:
    """The rule's EXAMPLES as (spec, codes, target); target None: the spec's own, else the default."""
    return [(example[0], example[1], example[2] if len(example) > 2 else None) for example in rule.EXAMPLES]


def example_text(spec: str, target) -> str:
    """An example as a user would write it: a target other than the spec's own is written in it."""
    if target is None or spec.startswith("target:") or "\ntarget:" in spec:
        return spec
    return f"target: {target}\n" + spec


def rule_for_code(code: str):
    """The rule module that emits code, or None (CC1xx come from load and resolve)."""
    for rule in RULES.values():
        if code in rule.CODES:
            return rule
    return None
