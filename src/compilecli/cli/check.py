"""`compilecli check SPEC...`"""
from __future__ import annotations

import sys

import click

from compilecli.cli.options import lang_option, target_option, use_color


@click.command()
@click.argument("specs", nargs=-1, required=True)
@target_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@lang_option()
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def check(specs, target, fmt, lang, strict):
    """Check YAML/JSON compile specs: files, folders, or - for stdin.

    Exit codes: 0 clean (warnings allowed unless --strict), 1 problems found,
    2 usage error or input that cannot be read.
    """
    from compilecli import i18n
    from compilecli.checker import Report, check_path
    from compilecli.checker.collect import collect
    from compilecli.render import render

    paths, empty = collect(specs)
    for folder in empty:
        click.echo(i18n.text("ui.no_specs", lang, folder=folder), err=True)
    if not paths:
        sys.exit(2)
    report = Report([check_path(path, target) for path in paths])
    click.echo(render(report, fmt, lang, color=fmt == "text" and use_color(sys.stdout.isatty())), nl=False)
    sys.exit(2 if empty else report.exit_code(strict))
