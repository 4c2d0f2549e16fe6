"""Options shared by several commands."""
from __future__ import annotations

import os

import click

from compilecli.catalogue import TARGETS
from compilecli.cli.words import h
from compilecli.i18n import LANGS

target_option = click.option("--target", type=click.Choice(TARGETS), default=None,
                             help=h("target"))


def lang_option(extra=()):
    return click.option("--lang", type=click.Choice(LANGS + tuple(extra)),
                        default=lambda: os.environ.get("COMPILECLI_LANG", "en"), show_default="en",
                        help=h("lang"))


def use_color(stream_is_tty: bool) -> bool:
    return stream_is_tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def write_output(path: str, text: str, lang: str = "en") -> None:
    """Write a finished report or schema to --output, atomically (a temporary file, then a rename:
    readers and parallel runs see a whole file or the old one); an unwritable path is a usage
    error (exit 2), not a traceback, and leaves the old file as it was."""
    from compilecli.world import text as escaping, writes
    try:
        writes.replace_atomically(path, escaping.encode(text))
    except OSError as problem:
        from compilecli import i18n
        click.echo(i18n.text("world.output_not_written", lang, path=path,
                             reason=problem.strerror or str(problem)), err=True)
        raise SystemExit(2)


def refuse_output_over_input(output, inputs, lang: str = "en") -> None:
    """--output naming a file being read (a spec, the configuration) would replace it with the report."""
    if output is None:
        return
    from compilecli.world.files import same_file
    if any(path and path != "-" and same_file(output, path) for path in inputs):
        from compilecli import i18n
        click.echo(i18n.text("world.output_is_input", lang, path=output), err=True)
        raise SystemExit(2)
