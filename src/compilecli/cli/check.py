"""`compilecli check SPEC...`: parse options, run the checker, render, exit."""
from __future__ import annotations

import os
import sys

import click

from compilecli.cli.options import target_option, use_color, write_output
from compilecli.cli.words import h
from compilecli.i18n import LANGS

FORMATS = ("text", "json", "sarif", "github")


@click.command(help=h("check.help"))
@click.help_option("-h", "--help", help=h("help_option"))
@click.argument("specs", nargs=-1, required=True)
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
def check(specs, target, fmt, lang, strict, select, ignore, config_path, isolated, output, fix, diff, jobs,
          max_per_code):
    """The help text is cli.check.help in i18n/cli.<lang>.json."""
    from compilecli.checker.run import run_check, start_check
    from compilecli.config import ConfigError, resolve_options
    from compilecli.render import STREAMED, render, streamer

    cli_values = dict(target=target, format=fmt, lang=lang, strict=strict, select=select, ignore=ignore)
    try:
        options = resolve_options(cli_values, config_path=config_path, isolated=isolated)
    except ConfigError as problem:
        click.echo(f"compilecli: {problem}", err=True)
        sys.exit(2)
    jobs = jobs or os.cpu_count() or 1
    to_file = output is not None
    color = options.format == "text" and not to_file and use_color(sys.stdout.isatty())
    if options.format in STREAMED and not (fix or diff or to_file):
        # each file's findings are printed as soon as it is checked; only light results are held
        report, stream = start_check(specs, options, jobs, keep=False)
        for line in report.notices(options.lang):
            click.echo(line, err=True)
        result_lines, closing_lines = streamer(options.format)
        for results in stream:
            lines = [line for result in results for line in result_lines(result, options.lang, color, max_per_code)]
            if lines:
                click.echo("\n".join(lines))
        closing = closing_lines(report, options.lang)
        if closing:
            click.echo("\n".join(closing))
        sys.exit(report.exit_code(options.strict))
    report = run_check(specs, options, jobs, keep=bool(fix or diff))
    for line in report.notices(options.lang):
        click.echo(line, err=True)
    if fix or diff:
        from compilecli.fix import fix_report
        patch, report = fix_report(report, options, write=fix)
        if diff:   # machine-readable reports own standard output: the patch goes to standard error
            click.echo(patch, nl=False, err=options.format != "text")
    text = render(report, options.format, options.lang, color=color, max_per_code=max_per_code)
    if to_file:
        write_output(output, text, options.lang)
    else:
        click.echo(text, nl=False)
    sys.exit(report.exit_code(options.strict))
