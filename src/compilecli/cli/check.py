"""`compilecli check SPEC...`: parse options, run the checker, render, exit."""
from __future__ import annotations

import sys

import click

from compilecli.cli.options import refuse_output_over_input, target_option, use_color, write_output
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
def check(specs, target, fmt, lang, strict, select, ignore, config_path, isolated, output, fix, diff):
    """The help text is cli.check.help in i18n/cli.<lang>.json."""
    from compilecli.checker.run import run_check
    from compilecli.config import ConfigError, resolve_options
    from compilecli.render import render

    cli_values = dict(target=target, format=fmt, lang=lang, strict=strict, select=select, ignore=ignore)
    try:
        options = resolve_options(cli_values, config_path=config_path, isolated=isolated)
    except ConfigError as problem:
        click.echo(f"compilecli: {problem}", err=True)
        sys.exit(2)
    report = run_check(specs, options)
    refuse_output_over_input(output, list(report.checked) + [options.config_file], options.lang)
    for line in report.notices(options.lang):
        click.echo(line, err=True)
    if fix or diff:
        from compilecli.fix import fix_report
        patch, report = fix_report(report, options, write=fix)
        if diff:   # machine-readable reports own standard output: the patch goes to standard error
            click.echo(patch, nl=False, err=options.format != "text")
    to_file = output is not None
    text = render(report, options.format, options.lang,
                  color=options.format == "text" and not to_file and use_color(sys.stdout.isatty()))
    if to_file:
        write_output(output, text, options.lang)
    else:
        click.echo(text, nl=False)
    sys.exit(report.exit_code(options.strict))
