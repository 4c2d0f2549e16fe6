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
    """Write a report or schema to --output; an unwritable path is a usage error (exit 2), not a traceback."""
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as problem:
        from compilecli import i18n
        click.echo(i18n.text("ui.cannot_write", lang, path=path, reason=problem.strerror or str(problem)), err=True)
        raise SystemExit(2)
