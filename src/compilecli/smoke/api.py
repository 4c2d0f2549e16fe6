"""One smoke run, start to end: check the spec, plan, train, judge.

    report = smoke_path("spec.yaml", steps=200)     # raises Refusal when it cannot run
    report.exit_code, report.verdicts, report.history

`check` runs first: a spec with check errors is refused (its result is attached
to the Refusal so the CLI can print the errors).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional

from compilecli.smoke.plan import Plan, Refusal, build_plan


@dataclass
class SmokeReport:
    source: str
    target: str
    steps: int
    batch_size: int
    seed: int
    plan: Plan
    history: Any
    verdicts: List[Any] = field(default_factory=list)
    exit_code: int = 0
    check: Any = None            # the SpecResult of `check` (warnings are allowed)


def prepare(path: str, target: Optional[str], steps: int, batch_size: int, hidden: int):
    """(check result, resolved spec, plan), or Refusal. Nothing big is allocated here."""
    from compilecli.checker import check_loaded
    from compilecli.load import load_path
    from compilecli.resolve import resolve

    if path.lower().endswith((".py", ".ipynb")):
        raise Refusal("code_file")   # compile() calls in code name no model outputs to build
    loaded = load_path(path)
    checked = check_loaded(loaded, target)
    if checked.unreadable or checked.errors:
        error = Refusal("unreadable" if checked.unreadable else "check_failed", errors=checked.errors)
        error.check = checked
        raise error
    spec = resolve(loaded, target)
    if spec is None:   # unusable data always comes with a load error, but stay safe
        raise Refusal("unreadable", errors=0)
    return checked, spec, build_plan(spec, hidden, steps, batch_size)


def run_plan(checked, spec, plan: Plan, steps: int, batch_size: int, seed: int,
             progress: Optional[Callable[[int], None]] = None) -> SmokeReport:
    from compilecli.smoke.trainer import Run
    from compilecli.smoke.verdict import exit_code, judge

    history = Run(plan, seed, batch_size, steps).train(progress)
    verdicts = judge(history, plan)
    return SmokeReport(spec.loaded.source, spec.target, steps, batch_size, seed, plan, history,
                       verdicts, exit_code(verdicts), checked)


def smoke_path(path: str, target: Optional[str] = None, steps: int = 200, batch_size: int = 32,
               seed: int = 0, hidden: int = 32, progress=None) -> SmokeReport:
    checked, spec, plan = prepare(path, target, steps, batch_size, hidden)
    return run_plan(checked, spec, plan, steps, batch_size, seed, progress)
