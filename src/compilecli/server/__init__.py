"""`compilecli server`: the Keras compile() checker inside the editor, over the Language Server Protocol.

Built on pygls (the optional ``server`` extra); nothing here is imported by ``check``.

The parts: ``app`` (the pygls server: documents, debounced checks, status), ``features`` (the LSP
methods, each guarded), ``analysis`` (a document through check's own pipeline and filter),
``publish`` (diagnostics per document and notebook cell), ``positions`` (loader spans and offsets
<-> LSP positions), ``locate`` and ``pages`` and ``hover`` (the explain page under the cursor, as
Markdown by ``markdown``), ``actions`` (quick fixes), ``completion`` with ``context`` (what may be
typed where), ``settings`` (language, debounce, the project's options per file).
"""
from __future__ import annotations


def serve() -> None:
    """Serve one editor session over standard input/output until it exits."""
    import logging
    import sys

    from compilecli.server.app import build_server

    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="compilecli server: %(message)s")
    # The protocol owns the real standard output (the process's guarded text streams have no bytes
    # underneath); anything else printed goes to standard error, where it cannot corrupt a message.
    stdin, stdout = sys.__stdin__.buffer, sys.__stdout__.buffer
    sys.stdout = sys.stderr
    build_server().start_io(stdin, stdout)
