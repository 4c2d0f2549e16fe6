"""The thin Click layer: parse options, call the pipeline, print, exit.

Only the command that runs is imported (``LazyGroup``), and heavy modules (rich,
numpy, the numerics) are imported inside the commands that need them, so
`compilecli check` starts fast.
"""
from __future__ import annotations

import importlib

import click

from compilecli import __version__
from compilecli.cli.click_words import install as _speak
from compilecli.cli.words import h, help_lang

# command name -> (module, attribute); imported when the command is run or listed by --help
COMMANDS = {
    "check": ("compilecli.cli.check", "check"),
    "explain": ("compilecli.cli.explain", "explain"),
    "schema": ("compilecli.cli.schema", "schema"),
    "smoke": ("compilecli.cli.smoke", "smoke"),
    "server": ("compilecli.cli.server", "server"),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use, not when the CLI loads."""

    def list_commands(self, ctx):
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMANDS:
            module, attribute = COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return self.commands.get(name)


_speak(help_lang())   # Click's own words (Usage:, Error: ...) in the help language


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, help=h("main"))
@click.version_option(__version__, "--version", "-V", prog_name="compilecli", help=h("version_option"))
@click.help_option("-h", "--help", help=h("help_option"))
def main() -> None:
    """Lint, explain and smoke-test Keras model.compile() specs (English / 中文)."""
