"""`compilecli schema`: print the JSON Schema of the spec format (for editors and check-jsonschema)."""
from __future__ import annotations

import os

import click

from compilecli.cli.options import write_output
from compilecli.cli.words import h


@click.command(help=h("schema.help"))
@click.help_option("-h", "--help", help=h("help_option"))
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              help=h("schema.output"))
@click.option("--indent", type=click.IntRange(min=0), default=2, show_default=True,
              help=h("schema.indent"))
def schema(output, indent):
    """The help text is cli.schema.help in i18n/cli.<lang>.json."""
    from compilecli.schema import schema_text

    text = schema_text(indent if indent else None)
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text, os.environ.get("COMPILECLI_LANG", "en")[:2])
