"""Options shared by several commands."""
from __future__ import annotations

import os

import click

from compilecli.catalogue import TARGETS
from compilecli.i18n import LANGS

target_option = click.option("--target", type=click.Choice(TARGETS), default=None,
                             help="Keras to check against; overrides `target:` in the spec (default keras3).")


def lang_option(extra=()):
    return click.option("--lang", type=click.Choice(LANGS + tuple(extra)),
                        default=lambda: os.environ.get("COMPILECLI_LANG", "en"), show_default="en",
                        help="Language of messages (also COMPILECLI_LANG).")


def use_color(stream_is_tty: bool) -> bool:
    return stream_is_tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
