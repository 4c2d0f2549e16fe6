"""`compilecli smoke SPEC`: a short numpy training run of a compile spec.

numpy and the smoke package are imported inside the command, so that merely
loading the CLI (for `check`) never pays for them.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from compilecli.cli.options import target_option, use_color
from compilecli.cli.words import h
from compilecli.i18n import LANGS


@click.command(help=h("smoke.help"))
@click.help_option("-h", "--help", help=h("help_option"))
@click.argument("spec")
@click.option("--steps", type=click.IntRange(1, 10 ** 6), default=200, show_default=True,
              help=h("smoke.steps"))
@click.option("--batch-size", type=click.IntRange(1, 65536), default=32, show_default=True, help=h("smoke.batch_size"))
@click.option("--seed", type=click.IntRange(0, 2 ** 32 - 1), default=0, show_default=True, help=h("smoke.seed"))
@click.option("--hidden", type=click.IntRange(1, 4096), default=32, show_default=True,
              help=h("smoke.hidden"))
@target_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help=h("smoke.format"))
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=h("smoke.lang"))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help=h("smoke.config"))
@click.option("--isolated", is_flag=True, help=h("smoke.isolated"))
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help=h("smoke.plot"))
def smoke(spec, steps, batch_size, seed, hidden, target, fmt, lang, config_path, isolated, plot_path):
    """The help text is cli.smoke.help in i18n/cli.<lang>.json."""
    from compilecli.config import ConfigError, resolve_options
    from compilecli.smoke.api import prepare, run_plan
    from compilecli.smoke.plan import Refusal

    try:   # the options `compilecli check` would run with (its --format is not smoke's)
        options = resolve_options(dict(target=target, lang=lang), config_path=config_path, isolated=isolated)
    except ConfigError as problem:
        click.echo(f"compilecli: {problem}", err=True)
        sys.exit(2)
    lang = options.lang
    if plot_path is not None:
        _plot_possible(plot_path, lang)
    try:
        checked, resolved, plan = prepare(spec, target, steps, batch_size, hidden, options)
        with _progress(steps, fmt) as progress:
            report = run_plan(checked, resolved, plan, steps, batch_size, seed, progress)
    except Refusal as refusal:
        _refuse(refusal, spec, fmt, lang)
    from compilecli.smoke import render
    out = render.render_json(report, lang) if fmt == "json" else \
        render.render_text(report, lang, color=use_color(sys.stdout.isatty()))
    click.echo(out, nl=False)
    if plot_path is not None:
        from compilecli import i18n
        from compilecli.smoke.plot import write_plot
        write_plot(report, plot_path, lang)
        click.echo(i18n.text("smoke.plot.written", lang, path=plot_path), err=True)
    sys.exit(report.exit_code)


def _plot_possible(path, lang) -> None:
    """A wrong suffix or a missing matplotlib is a usage error, found before training (exit 2)."""
    from compilecli import i18n
    from compilecli.smoke.plot import SUFFIXES, available
    problem = "smoke.plot.suffix" if not path.lower().endswith(SUFFIXES) else (None if available() else "smoke.plot.missing")
    if problem:
        click.echo(i18n.text(problem, lang), err=True)
        sys.exit(2)


def _refuse(refusal, spec, fmt, lang) -> None:
    """Print why the spec cannot be smoke-tested (and check's errors, if any); exit 2."""
    from compilecli import i18n
    report = getattr(refusal, "check", None)   # the filtered Report of the check run first
    if report is not None:
        from compilecli.render import render
        shown = render(report, fmt, lang, color=fmt == "text" and use_color(sys.stdout.isatty()))
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
