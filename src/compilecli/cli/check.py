"""`compilecli check SPEC...`: parse options, run the checker, render, exit."""
from __future__ import annotations

import os
import sys

import click

from compilecli.cli.check_options import conveniences
from compilecli.cli.options import refuse_output_over_input, target_option, write_output
from compilecli.cli.words import h
from compilecli.i18n import LANGS
from compilecli.render import FORMATS   # the renderer table


@click.command(help=h("check.help"))
@click.help_option("-h", "--help", help=h("help_option"))
@click.argument("specs", nargs=-1, type=click.Path())
@target_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help=h("check.format"))
@click.option("--lang", type=click.Choice(LANGS), default=None, help=h("lang"))
@click.option("--strict/--no-strict", default=None, help=h("check.strict"))
@click.option("--select", multiple=True, help=h("check.select"))
@click.option("--ignore", multiple=True, help=h("check.ignore"))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help=h("check.config"))
@click.option("--isolated", is_flag=True, help=h("check.isolated"))
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              help=h("check.output"))
@click.option("--fix", is_flag=True, help=h("check.fix"))
@click.option("--diff", is_flag=True, help=h("check.diff"))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help=h("check.jobs"))
@click.option("--max-per-code", type=click.IntRange(min=0), default=20, show_default=True,
              help=h("check.max_per_code"))
@conveniences
def check(specs, target, fmt, lang, strict, select, ignore, config_path, isolated, output, fix, diff, jobs,
          max_per_code, **more):
    """The help text is cli.check.help in i18n/cli.<lang>.json; `more` holds check_options' conveniences."""
    import gc
    # A check allocates millions of small, nearly cycle-free objects (a 1 MB spec: ~1M): collect the
    # young generation less often, and never rescan what is loaded by now (20-25% of a big spec's CPU).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    from compilecli.checker.run import run_check
    from compilecli.cli import check_options as extra
    from compilecli.config import ConfigError, resolve_options
    from compilecli.render import render

    specs = extra.default_paths(specs, more["stdin_filename"])
    cli_values = dict(target=target, format=fmt or more["output_format"], lang=lang, strict=strict,
                      select=select, ignore=ignore)
    try:
        options = resolve_options(cli_values, config_path=config_path, isolated=isolated)
    except ConfigError as problem:
        click.echo(f"compilecli: {problem}", err=True)
        sys.exit(2)
    if more["show_settings"] or more["show_files"]:
        click.echo(extra.settings_text(options, specs) if more["show_settings"] else extra.files_text(specs, options),
                   nl=False)
        sys.exit(0)
    held = None
    if fix and not diff and "-" in specs:     # `--fix -` prints the text back: keep its bytes
        from compilecli.fix.stdin import HeldStdin
        held = HeldStdin.take()
    to_file = output is not None
    more["max_per_code"] = max_per_code
    color = options.format == "text" and not to_file and extra.color_wanted(more["color"], sys.stdout.isatty())
    # --fix/--diff rewrite files: they hold every result. Otherwise each file's results are rendered as
    # they come and dropped (render/stream.py; memory flat in the number of files); --jobs: worker
    # processes for many files (default: the cores), the same report
    sink = None if fix or diff else _streamed(options, more, color)
    report = run_check(specs, options, stdin_filename=more["stdin_filename"], jobs=jobs or os.cpu_count() or 1,
                       keep=bool(fix or diff), sink=sink)
    refuse_output_over_input(output, list(report.checked) + [options.config_file], options.lang)
    if more["no_warnings"] and sink is None:
        extra.drop_warnings(report)
    if not more["quiet"]:
        for line in report.notices(options.lang):
            click.echo(line, err=True)
    report_to_stderr = False
    if fix or diff:
        from compilecli.fix import fix_report
        piped = []
        patch, report = fix_report(report, options, write=fix, stdin=piped)
        if more["no_warnings"]:
            extra.drop_warnings(report)
        if diff:   # machine-readable reports own standard output: the patch goes to standard error
            click.echo(patch, nl=False, err=options.format != "text")
        elif held is not None:   # `--fix -`: the text is the output (as ruff's); the report goes to stderr
            held.echo(*(piped[0] if piped else (None, None)))
            report_to_stderr = True
    if to_file:
        write_output(output, sink.finish(report) if sink else _rendered(report, options, more, color), options.lang)
    else:      # a streamed report is written piece by piece: no whole copy of a long one in memory
        for text in (sink.chunks(report) if sink else [_rendered(report, options, more, color)]):
            click.echo(text, nl=False, color=True if "\x1b[" in text else None, err=report_to_stderr)
    code = report.exit_code(options.strict)
    sys.exit(0 if more["exit_zero"] and code == 1 else code)


def _streamed(options, more, color: bool):
    from compilecli.render.stream import Streamed
    return Streamed(options.format, options.lang, color, show_source=more["show_source"], quiet=more["quiet"],
                    max_per_code=more["max_per_code"], statistics=more["statistics"],
                    no_warnings=more["no_warnings"])


def _rendered(report, options, more, color: bool) -> str:
    from compilecli.render import render
    from compilecli.render.text import render_statistics, render_text
    if more["statistics"]:
        return render_statistics(report, options.lang, options.format)
    if options.format == "text":
        return render_text(report, options.lang, color, show_source=more["show_source"], quiet=more["quiet"],
                           max_per_code=more["max_per_code"])
    return render(report, options.format, options.lang, max_per_code=more["max_per_code"])
