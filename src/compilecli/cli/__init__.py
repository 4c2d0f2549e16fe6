"""The thin Click layer: parse options, call the pipeline, print, exit.

Heavy modules (rich, numpy, the numerics) are imported inside the commands
that need them, so `compilecli check` starts fast.
"""
from __future__ import annotations

import click

from compilecli import __version__
from compilecli.cli.words import h
from compilecli.cli.check import check
from compilecli.cli.explain import explain
from compilecli.cli.schema import schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, help=h("main"))
@click.version_option(__version__, "--version", "-V", prog_name="compilecli", help=h("version_option"))
@click.help_option("-h", "--help", help=h("help_option"))
def main() -> None:
    """Lint, explain and smoke-test Keras model.compile() specs (English / 中文)."""


main.add_command(check)
main.add_command(explain)
main.add_command(schema)


from compilecli.cli.smoke import smoke  # noqa: E402
main.add_command(smoke)

from compilecli.cli.server import server  # noqa: E402
main.add_command(server)
