"""`compilecli schema`: print the JSON Schema of the spec format (for editors and check-jsonschema)."""
from __future__ import annotations

import os

import click

from compilecli.cli.options import write_output


@click.command()
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the schema to this file instead of standard output.")
@click.option("--indent", type=click.IntRange(min=0), default=2, show_default=True,
              help="Spaces of JSON indentation (0: one compact line).")
def schema(output, indent):
    """Print a JSON Schema (draft 2020-12) of the spec format, built from the catalogue.

    \b
    compilecli schema > compilecli.schema.json
    # yaml-language-server: $schema=./compilecli.schema.json
    """
    from compilecli.schema import schema_text

    text = schema_text(indent if indent else None)
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text, os.environ.get("COMPILECLI_LANG", "en")[:2])
