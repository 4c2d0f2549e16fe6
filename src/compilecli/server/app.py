"""The language server: pygls wiring, documents, debounced checks, status. The knowledge is elsewhere.

Every handler is guarded: an internal error is logged (window/logMessage and standard error) and
only that request fails; a notification's failure never stops the session.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import traceback
from typing import Dict, List, Optional

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from compilecli import __version__, i18n
from compilecli.server.analysis import Analysis, Cell, DocumentCache, analyse, document_kind
from compilecli.server.publish import lsp_diagnostics
from compilecli.server.settings import ProjectOptions, Settings, lang_of

log = logging.getLogger("compilecli.server")
STATUS = "compilecli/status"


class CompileServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("compilecli", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         notebook_document_sync=lsp.NotebookDocumentSyncOptions(notebook_selector=[
                             lsp.NotebookDocumentFilterWithCells(
                                 cells=[lsp.NotebookCellLanguage(language="python")], notebook="jupyter-notebook")]))
        self.settings = Settings()
        self.projects = ProjectOptions()
        self.analyses: Dict[str, Analysis] = {}      # document (or notebook) URI -> its last check
        self.caches: Dict[str, DocumentCache] = {}   # ... -> its tree and call checks, for the next check
        self.pending: Dict[str, asyncio.TimerHandle] = {}
        self.statuses: Dict[str, tuple] = {}

    # -- helpers ---------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16").lower()

    def lang(self, analysis: Optional[Analysis]) -> str:
        return self.settings.language(analysis.options if analysis else None)

    def log_error(self, where: str) -> None:
        detail = traceback.format_exc()
        log.error("%s failed:\n%s", where, detail)
        try:
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error,
                                                         f"compilecli: {where} failed\n{detail}"))
        except Exception:       # the log itself must not take the session down
            pass

    # -- checking --------------------------------------------------------------------------
    def schedule(self, uri: str, delay: Optional[float] = None) -> None:
        """Check uri after the debounce delay; a later change restarts the wait."""
        if uri in self.pending:
            self.pending.pop(uri).cancel()
        wait = self.settings.debounce if delay is None else delay
        self.pending[uri] = asyncio.get_event_loop().call_later(wait, self.check_now, uri)

    def check_now(self, uri: str) -> Optional[Analysis]:
        self.pending.pop(uri, None)
        try:
            analysis = self.analyse(uri)
            if analysis is not None:
                self.publish(analysis)
            return analysis
        except Exception:
            self.log_error(f"checking {uri}")
            return None

    def analyse(self, uri: str) -> Optional[Analysis]:
        notebook = self.workspace.get_notebook_document(notebook_uri=uri)
        path = to_fs_path(uri) if uri.startswith("file:") else ""
        if notebook is not None:
            cells = [self.cell(c) for c in notebook.cells]
            kind, text = "notebook", ""
        else:
            doc = self.workspace.text_documents.get(uri)
            if doc is None:
                return None
            kind, text, cells = document_kind(path or uri, doc.language_id or ""), doc.source, []
            if kind is None:
                return None
        options, problem = self.projects.for_file(path, self.settings.root)
        if problem and self.projects.problems.get(problem) is None:
            self.projects.problems[problem] = uri
            self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Warning, f"compilecli: {problem}"))
        cache = self.caches.get(uri)
        if cache is None:
            cache = self.caches[uri] = DocumentCache()
        analysis = analyse(uri, path, kind, text, options, cells, cache)
        analysis.encoding = self.encoding
        self.analyses[uri] = analysis
        return analysis

    def cell(self, cell: lsp.NotebookCell) -> Cell:
        doc = self.workspace.text_documents.get(cell.document)
        text = doc.source if doc is not None else ""
        language = (doc.language_id if doc is not None else "") or "python"
        return Cell(cell.document, cell.kind == lsp.NotebookCellKind.Code, text, language)

    def publish(self, analysis: Analysis) -> None:
        lang = self.lang(analysis)
        self.send_status(analysis, lang)      # first: a client that reads the diagnostics knows the target
        for uri, found in lsp_diagnostics(analysis, lang).items():
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found))

    def send_status(self, analysis: Analysis, lang: str) -> None:
        """Which target the file is checked for and why, whenever that changes."""
        key, args = analysis.reason
        why = i18n.text(key, lang, **{"target": analysis.target, **args})
        message = i18n.text("server.status", lang, target=analysis.target, reason=why)
        state = (analysis.target, key, message)
        if self.statuses.get(analysis.uri) == state:
            return
        self.statuses[analysis.uri] = state
        self.protocol.notify(STATUS, {"uri": analysis.uri, "target": analysis.target,
                                      "reason": key.rsplit(".", 1)[-1], "message": message})
        self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Info, f"{analysis.uri}: {message}"))

    def forget(self, uri: str, documents: List[str]) -> None:
        if uri in self.pending:
            self.pending.pop(uri).cancel()
        self.analyses.pop(uri, None)
        self.caches.pop(uri, None)
        self.statuses.pop(uri, None)
        for doc in documents:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=doc, diagnostics=[]))

    def recheck_all(self) -> None:
        for uri in list(self.analyses):
            self.schedule(uri, 0)

    def owner(self, uri: str) -> str:
        """The URI whose analysis holds this document: its notebook's for a cell."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        return notebook.uri if notebook is not None else uri

    def analysis_for(self, uri: str) -> Optional[Analysis]:
        owner = self.owner(uri)
        if owner in self.pending:            # a check is due: answer from the text as it is now
            self.pending.pop(owner).cancel()
            return self.check_now(owner)
        return self.analyses.get(owner) or self.check_now(owner)

    def configure(self, values) -> None:
        before = (self.settings.lang, self.settings.debounce)
        self.settings.update(values)
        if (self.settings.lang, self.settings.debounce) != before:
            self.statuses.clear()
            self.recheck_all()


def guarded(request: bool):
    """Log an internal error; a request then fails alone, a notification is dropped."""
    def wrap(handler):
        @functools.wraps(handler)
        def inner(server: CompileServer, params):
            try:
                return handler(server, params)
            except Exception:
                server.log_error(handler.__name__)
                if request:
                    raise
                return None
        return inner
    return wrap


def offset_in(server: CompileServer, uri: str, position: lsp.Position):
    """(document text, character offset) of an LSP position."""
    from compilecli.server.positions import LineIndex
    doc = server.workspace.text_documents.get(uri)
    text = doc.source if doc is not None else ""
    return text, LineIndex(text, encoding=server.encoding).lsp_offset(position.line, position.character)


def build_server() -> CompileServer:
    server = CompileServer()
    from compilecli.server import features
    features.register(server)
    return server


def client_lang(params: lsp.InitializeParams) -> Optional[str]:
    return lang_of(params.locale or "")
