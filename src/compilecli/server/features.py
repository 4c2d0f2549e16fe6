"""The LSP methods the server answers, each a thin guarded call into the server's parts."""
from __future__ import annotations

import os

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from compilecli.server.app import CompileServer, client_lang, guarded, offset_in

TRIGGERS = [":", " ", "(", ",", '"', "'", "[", "{", "="]


def register(server: CompileServer) -> None:
    @server.feature(lsp.INITIALIZE)
    @guarded(request=False)
    def initialize(ls: CompileServer, params: lsp.InitializeParams):
        ls.settings.locale = client_lang(params)
        ls.settings.update(params.initialization_options)
        root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
        if root and root.startswith("file:"):
            ls.settings.root = to_fs_path(root)
        elif params.root_path:
            ls.settings.root = params.root_path

    @server.feature(lsp.INITIALIZED)
    @guarded(request=False)
    def initialized(ls: CompileServer, params):
        workspace = ls.client_capabilities.workspace
        if workspace is not None and workspace.configuration:
            ls.workspace_configuration(lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="compilecli")]),
                                       callback=lambda values: _configured(ls, values))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @guarded(request=False)
    def changed_configuration(ls: CompileServer, params: lsp.DidChangeConfigurationParams):
        ls.configure(params.settings)

    # Opening checks at once; a change waits for the debounce (a later change restarts the wait).
    for method, uri_of, delay in ((lsp.TEXT_DOCUMENT_DID_OPEN, _text_uri, 0),
                                  (lsp.TEXT_DOCUMENT_DID_CHANGE, _text_uri, None),
                                  (lsp.NOTEBOOK_DOCUMENT_DID_OPEN, _notebook_uri, 0),
                                  (lsp.NOTEBOOK_DOCUMENT_DID_CHANGE, _notebook_uri, None)):
        server.feature(method)(guarded(request=False)(_scheduler(uri_of, delay)))

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    @guarded(request=False)
    def saved(ls: CompileServer, params: lsp.DidSaveTextDocumentParams):
        if os.path.basename(params.text_document.uri).endswith(".toml"):
            ls.recheck_all()          # a configuration file: every open file may change

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(request=False)
    def closed(ls: CompileServer, params: lsp.DidCloseTextDocumentParams):
        ls.forget(params.text_document.uri, [params.text_document.uri])

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CLOSE)
    @guarded(request=False)
    def notebook_closed(ls: CompileServer, params: lsp.DidCloseNotebookDocumentParams):
        ls.forget(params.notebook_document.uri, [c.uri for c in params.cell_text_documents])

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    @guarded(request=True)
    def hover(ls: CompileServer, params: lsp.HoverParams):
        from compilecli.server.hover import hover_markdown
        uri = params.text_document.uri
        analysis = ls.analysis_for(uri)
        if analysis is None:
            return None
        text, offset = offset_in(ls, uri, params.position)
        found = hover_markdown(analysis, uri, text, offset, ls.lang(analysis))
        if found is None:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=found))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]))
    @guarded(request=True)
    def code_action(ls: CompileServer, params: lsp.CodeActionParams):
        from compilecli.server.actions import code_actions
        uri = params.text_document.uri
        analysis = ls.analysis_for(uri)
        if analysis is None:
            return None
        return code_actions(analysis, uri, params.range, ls.lang(analysis))

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=TRIGGERS))
    @guarded(request=True)
    def completion(ls: CompileServer, params: lsp.CompletionParams):
        from compilecli.server.completion import complete
        uri = params.text_document.uri
        analysis = ls.analyses.get(ls.owner(uri)) or ls.analysis_for(uri)
        if analysis is None:
            return None
        text, offset = offset_in(ls, uri, params.position)
        return lsp.CompletionList(is_incomplete=False, items=complete(analysis, uri, text, offset, ls.lang(analysis)))

    @server.feature(lsp.SHUTDOWN)
    @guarded(request=True)
    def shutdown(ls: CompileServer, params):
        for handle in ls.pending.values():
            handle.cancel()
        ls.pending.clear()


def _text_uri(params) -> str:
    return params.text_document.uri


def _notebook_uri(params) -> str:
    return params.notebook_document.uri


def _scheduler(uri_of, delay):
    def schedule(ls: CompileServer, params):
        ls.schedule(uri_of(params), delay)
    schedule.__name__ = f"schedule_{uri_of.__name__.strip('_')}"
    return schedule


def _configured(ls: CompileServer, values) -> None:
    try:
        if values:
            ls.configure(values[0])
    except Exception:
        ls.log_error("workspace/configuration")
