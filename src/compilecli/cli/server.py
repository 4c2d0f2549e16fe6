"""`compilecli server`: the language server over stdio (the optional `server` extra: pygls)."""
from __future__ import annotations

import click

from compilecli.cli.words import h


@click.command(help=h("server.help"))
@click.help_option("-h", "--help", help=h("help_option"))
@click.option("--stdio", is_flag=True, help=h("server.stdio"))
def server(stdio: bool) -> None:
    """The help text is cli.server.help in i18n/server.<lang>.json."""
    import sys
    try:
        from compilecli.server import serve
        import compilecli.server.app  # noqa: F401  (pygls and lsprotocol)
    except ImportError as problem:       # pygls / lsprotocol not installed
        from compilecli import i18n
        from compilecli.cli.words import help_lang
        click.echo(i18n.text("server.missing", help_lang(), error=problem), err=True)
        sys.exit(2)
    serve()
