"""`compilecli smoke SPEC`: a short numpy training run of a compile spec.

numpy and the smoke package are imported inside the command, so that merely
loading the CLI (for `check`) never pays for them.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from compilecli.cli.options import lang_option, target_option, use_color


@click.command()
@click.argument("spec")
@click.option("--steps", type=click.IntRange(1, 10 ** 6), default=200, show_default=True,
              help="Optimizer steps to run.")
@click.option("--batch-size", type=click.IntRange(1, 65536), default=32, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same numbers.")
@click.option("--hidden", type=click.IntRange(1, 4096), default=32, show_default=True,
              help="Units of the hidden relu layer.")
@target_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@lang_option()
def smoke(spec, steps, batch_size, seed, hidden, target, fmt, lang):
    """Train SPEC for a few hundred steps in numpy: does the loss fall, does anything go NaN?

    The model is inputs -> Dense(hidden, relu) -> one head per output, on synthetic data
    in each output's label format. Exit codes: 0 it trains, 1 it does not (loss flat,
    diverged, NaN/inf, a metric that never moves), 2 the spec cannot be run.
    """
    from compilecli.smoke.api import prepare, run_plan
    from compilecli.smoke.plan import Refusal

    try:
        checked, resolved, plan = prepare(spec, target, steps, batch_size, hidden)
        with _progress(steps, fmt) as progress:
            report = run_plan(checked, resolved, plan, steps, batch_size, seed, progress)
    except Refusal as refusal:
        _refuse(refusal, spec, fmt, lang)
    from compilecli.smoke import render
    out = render.render_json(report, lang) if fmt == "json" else \
        render.render_text(report, lang, color=use_color(sys.stdout.isatty()))
    click.echo(out, nl=False)
    sys.exit(report.exit_code)


def _refuse(refusal, spec, fmt, lang) -> None:
    """Print why the spec cannot be smoke-tested (and check's errors, if any); exit 2."""
    from compilecli import i18n
    checked = getattr(refusal, "check", None)
    if checked is not None:
        from compilecli.checker import Report
        from compilecli.render import render
        shown = render(Report([checked]), fmt, lang, color=fmt == "text" and use_color(sys.stdout.isatty()))
        click.echo(shown, nl=not shown.endswith("\n"))
    click.echo(i18n.text(f"smoke.refuse.{refusal.key}", lang, source=spec, **refusal.params), err=True)
    sys.exit(2)


@contextmanager
def _progress(steps, fmt):
    """A rich progress bar on a terminal; none when piped, with NO_COLOR, or for JSON."""
    if fmt != "text" or not use_color(sys.stdout.isatty()):
        yield None
        return
    from rich.progress import Progress
    every = max(1, steps // 100)   # redrawing every step would cost more than the step
    with Progress(transient=True) as bar:
        task = bar.add_task("smoke", total=steps)
        yield lambda step: bar.update(task, completed=step) if step % every == 0 else None
