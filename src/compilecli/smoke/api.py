"""One smoke run, start to end: check the spec, plan, train, judge.

    report = smoke_path("spec.yaml", steps=200)     # raises Refusal when it cannot run
    report.exit_code, report.verdicts, report.history

`check` runs first, exactly as `compilecli check SPEC` would with the same options
(``compilecli.checker.run.run_check``): select/ignore, per-file-ignores and inline
``# compilecli: ignore`` comments apply. A spec whose *filtered* report has errors is
refused (the report is attached to the Refusal so the CLI can print the errors). An
object whose error was suppressed but that the numerics still cannot build (an unknown
metric name, say) is refused later by ``guard`` with a message naming it.
"""
from __future__ import annotations

import os
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


def check_options(target: Optional[str] = None, options=None):
    """The options smoke's pre-check runs with: ``options`` (a ``CheckOptions``, e.g. from
    ``compilecli.config.resolve_options``) or, without, no configuration file at all; ``target``
    (the command line's) wins over both. ``exclude``/``include`` are dropped: they choose which
    files a *folder* walk checks, and smoke runs the one spec it was given."""
    from compilecli.record import replace   # CheckOptions is a compilecli.record dataclass
    from compilecli.config import CheckOptions

    options = options if options is not None else CheckOptions()
    return replace(options, target=target or options.target, exclude=(), include=())


def precheck(path: str, options):
    """(the filtered Report of `compilecli check PATH`, its one SpecResult)."""
    from compilecli.checker import Report, check_path
    from compilecli.checker.run import run_check

    if path != "-" and os.path.isdir(path):
        # run_check would walk the folder; smoke takes one file, and load says so (CC100).
        checked = check_path(path, options.target)
        return Report([checked]), checked
    report = run_check((path,), options)
    return report, report.results[0]


def prepare(path: str, target: Optional[str], steps: int, batch_size: int, hidden: int, options=None):
    """(check result, resolved spec, plan), or Refusal. Nothing big is allocated here.

    ``options``: the ``CheckOptions`` of the pre-check (see ``check_options``)."""
    from compilecli.resolve import resolve

    if path.lower().endswith((".py", ".ipynb")):
        raise Refusal("code_file")   # compile() calls in code name no model outputs to build
    options = check_options(target, options)
    report, checked = precheck(path, options)
    if checked.unreadable or checked.errors or checked.loaded is None:
        error = Refusal("unreadable" if checked.unreadable or checked.loaded is None else "check_failed",
                        errors=checked.errors)
        error.check = report
        raise error
    # The loaded spec is the checker's own (the file is read once). The checker does not keep its
    # ResolvedSpec (yet): take it when a SpecResult carries one, else resolve the same way again.
    spec = getattr(checked, "resolved", None) or resolve(checked.loaded, options.target)
    if spec is None:   # unusable data always comes with a load error, but stay safe
        raise Refusal("unreadable", errors=0)
    return checked, spec, build_plan(spec, hidden, steps, batch_size)


def run_plan(checked, spec, plan: Plan, steps: int, batch_size: int, seed: int,
             progress: Optional[Callable[[int], None]] = None) -> SmokeReport:
    from compilecli.smoke.trainer import Run
    from compilecli.smoke.verdict import exit_code, judge

    history = Run(plan, seed, batch_size, steps).train(progress)
    verdicts = judge(history, plan, steps)
    return SmokeReport(spec.loaded.source, spec.target, steps, batch_size, seed, plan, history,
                       verdicts, exit_code(verdicts), checked)


def smoke_path(path: str, target: Optional[str] = None, steps: int = 200, batch_size: int = 32,
               seed: int = 0, hidden: int = 32, progress=None, options=None) -> SmokeReport:
    checked, spec, plan = prepare(path, target, steps, batch_size, hidden, options)
    return run_plan(checked, spec, plan, steps, batch_size, seed, progress)
