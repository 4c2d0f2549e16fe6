"""`compilecli check SPEC...`: parse options, run the checker, render, exit."""
from __future__ import annotations

import sys

import click

from compilecli.cli.options import target_option, use_color, write_output
from compilecli.i18n import LANGS

FORMATS = ("text", "json", "sarif", "github")


@click.command()
@click.argument("specs", nargs=-1, required=True)
@target_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default text).")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages (also COMPILECLI_LANG).")
@click.option("--strict/--no-strict", default=None, help="Exit 1 on warnings and report unused suppressions.")
@click.option("--select", multiple=True, help="Only these codes or prefixes (CC5, CC501); repeatable, or comma-separated.")
@click.option("--ignore", multiple=True, help="Never these codes or prefixes; repeatable, or comma-separated.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="A pyproject.toml or .compilecli.toml (default: found from the current folder up).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--fix", is_flag=True, help="Apply the fixes that are certain (lr -> learning_rate, ...) in place.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; with --fix they are also written.")
def check(specs, target, fmt, lang, strict, select, ignore, config_path, isolated, output, fix, diff):
    """Check compile specs: YAML/JSON files, folders, - for stdin, and model.compile() calls in .py/.ipynb.

    Exit codes: 0 clean (warnings allowed unless --strict), 1 problems found,
    2 usage error, bad configuration, or input that cannot be read.
    """
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
