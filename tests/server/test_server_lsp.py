"""End to end: a real LSP client (pytest-lsp) drives `compilecli server` over stdio.

One server process serves the module (starting one costs about a second); each test opens its
own documents. Every wait is bounded by pytest-lsp's own timeouts, never by a timed assertion.
"""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from procenv import environment  # noqa: E402 - one environment for every subprocess

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "compilecli", "server"],
                            server_env=environment({"COMPILECLI_LANG": "en"}))
TYPO = "compile:\n  optimizer: adamm\n  loss: categorical_crossentropy\n"
LR = "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.01}}   # from a tutorial\n  loss: mse\n"
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    lsp_client.statuses = []

    @lsp_client.feature("compilecli/status")
    def status(params):
        lsp_client.statuses.append(params)

    capabilities = client_capabilities("visual-studio-code")
    capabilities.notebook_document = lsp.NotebookDocumentClientCapabilities(
        synchronization=lsp.NotebookDocumentSyncClientCapabilities())
    params = lsp.InitializeParams(capabilities=capabilities, locale="en",
                                  root_uri=root.as_uri(), initialization_options={"debounce": 20})
    lsp_client.init_result = await lsp_client.initialize_session(params)
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client: LanguageClient, uri: str, until=lambda found: True):
    """The diagnostics published for uri once they satisfy `until` (bounded: 60 waits of at most 1 s).

    The client stores diagnostics in its own handler, which may run after the waiting future
    wakes us: so a wait that times out just looks again."""
    for _ in range(60):
        found = client.diagnostics.get(uri)
        if found is not None and until(found):
            return found
        try:
            await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 1)
        except asyncio.TimeoutError:
            pass
        await asyncio.sleep(0)
    raise AssertionError(f"no diagnostics for {uri} that satisfy the test: {client.diagnostics.get(uri)}")


async def open_doc(client: LanguageClient, name: str, text: str, language: str = "yaml", write: bool = True):
    path = client.root / name
    if write:
        path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, 1, text)))
    return uri, await diagnostics_for(client, uri)


def check_json(path) -> list:
    """What `compilecli check --format json` says about the same file."""
    out = subprocess.run([sys.executable, "-m", "compilecli", "check", "--isolated", "--format", "json", str(path)],
                         capture_output=True, text=True, env=environment({"PATH": "", "COMPILECLI_LANG": "en"}))
    return [d for f in json.loads(out.stdout)["files"] for d in f["diagnostics"]] if out.stdout else []


async def test_initialize_names_the_server(client: LanguageClient):
    assert client.init_result.server_info.name == "compilecli"
    caps = client.init_result.capabilities
    assert caps.hover_provider and caps.code_action_provider and caps.completion_provider
    assert caps.notebook_document_sync is not None


async def test_typo_is_cc201_at_its_range(client: LanguageClient):
    uri, found = await open_doc(client, "typo.yaml", TYPO)
    assert [d.code for d in found] == ["CC201"]
    assert found[0].range == lsp.Range(lsp.Position(1, 13), lsp.Position(1, 18))     # `adamm`
    assert found[0].severity == lsp.DiagnosticSeverity.Error
    assert "adamm" in found[0].message and "'adam'" in found[0].message


async def test_another_tools_yaml_gets_no_findings(client: LanguageClient):
    """As `check` skips it (not a spec): a Hydra-style `model:` without `compile` is not CC121."""
    uri, found = await open_doc(client, "hydra.yaml", "model:\n  name: resnet50\n  depth: 50\n")
    assert list(found) == []
    uri, found = await open_doc(client, "forgot.yaml", "model:\n  outputs: [{name: out, units: 1}]\n")
    assert [d.code for d in found] == ["CC121"]


async def test_same_codes_positions_severities_and_words_as_check(client: LanguageClient):
    text = ("compile:\n  optimizer: {class_name: SGD, config: {lr: 0.1, momentum: 1.5}}\n"
            "  loss: binary_crossentropy\n  metrics: [acc, f1_scor]\n  sample_weight_mode: temporal\n")
    uri, found = await open_doc(client, "many.yaml", text)
    expected = check_json(client.root / "many.yaml")
    assert expected, "check found nothing: the test would prove nothing"
    got = [(d.code, d.range.start.line + 1, d.range.start.character + 1, d.severity, d.message.split("\n")[0])
           for d in found]
    want = [(d["code"], d["line"], d["column"],
             lsp.DiagnosticSeverity.Error if d["severity"] == "error" else lsp.DiagnosticSeverity.Warning,
             d["message"]) for d in expected]
    assert got == want


async def test_a_change_updates_the_diagnostics(client: LanguageClient):
    uri, found = await open_doc(client, "change.yaml", TYPO)
    assert [d.code for d in found] == ["CC201"]
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangePartial(lsp.Range(lsp.Position(1, 13), lsp.Position(1, 18)), "adam")]))
    assert list(await diagnostics_for(client, uri, until=lambda found: not found)) == []
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
        [lsp.TextDocumentContentChangeWholeDocument("compile:\n  loss: msee\n")]))
    found = await diagnostics_for(client, uri, until=lambda found: bool(found))
    assert [(d.code, d.range.start.line) for d in found] == [("CC202", 1)]


async def hover_text(client: LanguageClient, uri: str, line: int, character: int) -> str:
    found = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri),
                                                                   lsp.Position(line, character)))
    assert found is not None
    assert found.contents.kind == lsp.MarkupKind.Markdown
    return found.contents.value


async def test_hover_on_adam_in_english_and_chinese(client: LanguageClient):
    uri, _ = await open_doc(client, "hover.yaml", "compile:\n  optimizer: adam\n  loss: mse\n")
    english = await hover_text(client, uri, 1, 15)
    assert english.startswith("### Adam (optimizer, keras3)")
    assert "learning_rate" in english and "0.001" in english and "keras3" in english
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams({"compilecli": {"lang": "zh"}}))
    chinese = await hover_text(client, uri, 1, 15)
    assert chinese.startswith("### Adam (优化器, keras3)")
    assert "learning_rate" in chinese and chinese != english
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams({"compilecli": {"lang": "en"}}))
    assert await hover_text(client, uri, 1, 15) == english


async def test_hover_on_a_compile_keyword_and_an_argument(client: LanguageClient):
    uri, _ = await open_doc(client, "hover2.yaml", "compile:\n  optimizer: {class_name: Adam, config: {beta_1: 0.9}}\n")
    keyword = await hover_text(client, uri, 1, 4)
    assert keyword.startswith("### compile(optimizer=...)")
    argument = await hover_text(client, uri, 1, 43)
    assert argument.startswith("### Adam(beta_1=...)") and "0.9" in argument


def apply(text: str, edits) -> str:
    """Apply LSP edits to a text (single-line text edits, from the end)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = edit.range.start, edit.range.end
        assert start.line == end.line
        line = lines[start.line]
        lines[start.line] = line[:start.character] + edit.new_text + line[end.character:]
    return "\n".join(lines)


async def test_a_code_action_renames_lr(client: LanguageClient):
    uri, found = await open_doc(client, "lr.yaml", LR)
    assert [d.code for d in found] == ["CC603"]
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), found[0].range, lsp.CodeActionContext(diagnostics=found)))
    fixes = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix and a.is_preferred]
    assert len(fixes) == 1 and fixes[0].diagnostics[0].code == "CC603"
    fixed = apply(LR, fixes[0].edit.changes[uri])
    assert fixed == LR.replace("lr:", "learning_rate:")
    ignore = [a for a in actions if "ignore" in a.title.lower()]
    assert len(ignore) == 1
    silenced = apply(LR, ignore[0].edit.changes[uri])
    assert silenced.split("\n")[1].endswith("# from a tutorial  # compilecli: ignore[CC603]")
    uri2, again = await open_doc(client, "lr_silenced.yaml", silenced)
    assert list(again) == []


PY = ("import tensorflow as tf\nfrom tensorflow.keras import optimizers\n\n"
      "model = tf.keras.Sequential()\n"
      "model.compile(optimizer=optimizers.Adam(lr=1e-3), loss='mse', metrics=['acc', 'f1_scor'])\n")


async def test_a_python_file(client: LanguageClient):
    uri, found = await open_doc(client, "train.py", PY, language="python")
    expected = check_json(client.root / "train.py")
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in found] == [
        (d["code"], d["line"], d["column"]) for d in expected]
    typo = next(d for d in found if d.code == "CC203")
    assert PY.split("\n")[4][typo.range.start.character:typo.range.end.character] == "'f1_scor'"
    assert "CC607" in [d.code for d in found]          # lr: tf.keras 2.15 warns (and the test would see it)
    assert (await hover_text(client, uri, 4, 37)).startswith("### Adam (optimizer, tf2)")
    status = [s for s in client.statuses if s.uri == uri]
    assert status and status[-1].target == "tf2" and status[-1].reason == "imports"


async def test_a_notebook_document(client: LanguageClient):
    nb_uri = (client.root / "nb.ipynb").as_uri()
    cells = [("import tensorflow as tf\n", lsp.NotebookCellKind.Code),
             ("# Training\n", lsp.NotebookCellKind.Markup),
             ("%matplotlib inline\nmodel.compile(optimizer=tf.keras.optimizers.Adam(lr=0.1),\n"
              "              loss='msee')\n", lsp.NotebookCellKind.Code)]
    uris = [f"{nb_uri}#cell{i}" for i in range(len(cells))]
    client.notebook_document_did_open(lsp.DidOpenNotebookDocumentParams(
        lsp.NotebookDocument(nb_uri, "jupyter-notebook", 1, [lsp.NotebookCell(kind, uri)
                                                            for (text, kind), uri in zip(cells, uris)]),
        [lsp.TextDocumentItem(uri, "python" if kind == lsp.NotebookCellKind.Code else "markdown", 1, text)
         for (text, kind), uri in zip(cells, uris)]))
    found = await diagnostics_for(client, uris[2], until=lambda found: bool(found))
    assert sorted((d.code, d.range.start.line, d.range.start.character) for d in found) == [
        ("CC202", 2, 19), ("CC607", 1, 49)]
    assert list(client.diagnostics.get(uris[0])) == []
    status = [s for s in client.statuses if s.uri == nb_uri]
    assert status and status[-1].target == "tf2"
    client.notebook_document_did_change(lsp.DidChangeNotebookDocumentParams(
        lsp.VersionedNotebookDocumentIdentifier(version=2, uri=nb_uri),
        lsp.NotebookDocumentChangeEvent(cells=lsp.NotebookDocumentCellChanges(text_content=[
            lsp.NotebookDocumentCellContentChanges(lsp.VersionedTextDocumentIdentifier(uri=uris[2], version=2), [
                lsp.TextDocumentContentChangePartial(lsp.Range(lsp.Position(2, 20), lsp.Position(2, 24)), "mse")])]))))
    found = await diagnostics_for(client, uris[2], until=lambda found: len(found) == 1)
    assert [d.code for d in found] == ["CC607"]


async def test_a_broken_document_is_answered_with_diagnostics(client: LanguageClient):
    uri, found = await open_doc(client, "broken.yaml", "compile: [\n  optimizer: !!python/object:os.system x\n")
    assert found and all(d.code.startswith("CC1") for d in found)
    big = "compile:\n  loss: mse\n" + "#" * (1024 * 1024) + "\n"
    uri, found = await open_doc(client, "big.yaml", big, write=False)
    assert [d.code for d in found] == ["CC102"]
    assert await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri),
                                                                  lsp.Position(2, 5))) is None


async def complete(client: LanguageClient, uri: str, line: int, character: int):
    found = await client.text_document_completion_async(lsp.CompletionParams(
        lsp.TextDocumentIdentifier(uri), lsp.Position(line, character)))
    return {item.label: item for item in (found.items if isinstance(found, lsp.CompletionList) else found or [])}


async def test_completion_of_names_and_arguments(client: LanguageClient):
    text = "compile:\n  optimizer: {class_name: Adam, config: {}}\n  loss: \n"
    uri, _ = await open_doc(client, "complete.yaml", text)
    arguments = await complete(client, uri, 1, 41)
    assert "learning_rate" in arguments and "0.001" in arguments["learning_rate"].detail
    assert arguments["learning_rate"].insert_text == "learning_rate: "
    losses = await complete(client, uri, 2, 8)
    assert "categorical_crossentropy" in losses and "CategoricalCrossentropy" in losses
    assert "mse" in losses and "MSE" not in losses          # one spelling per case-folded family
    code = "from tensorflow import keras\nmodel.compile(optimizer=keras.optimizers.SGD(), loss='')\n"
    uri, _ = await open_doc(client, "complete.py", code, language="python")
    sgd = await complete(client, uri, 1, 45)
    assert "momentum" in sgd and sgd["momentum"].insert_text == "momentum="
    names = await complete(client, uri, 1, 54)
    assert "mean_squared_error" in names


async def test_a_notebook_opened_as_json_text(client: LanguageClient):
    nb = {"cells": [{"cell_type": "code", "source": ["import tensorflow as tf\n", "model.compile(loss='msee')\n"],
                     "metadata": {}, "outputs": [], "execution_count": None}],
          "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    uri, found = await open_doc(client, "plain.ipynb", json.dumps(nb, indent=1), language="json")
    assert [(d.code, d.range.start.line) for d in found] == [("CC202", 0)]
    assert found[0].message.startswith("cell 1:2:")


async def test_the_project_configuration_and_inline_suppressions_apply(client: LanguageClient):
    project = client.root / "project"
    project.mkdir()
    (project / ".compilecli.toml").write_text('ignore = ["CC203"]\n', encoding="utf-8")
    text = ("compile:\n  optimizer: adamm   # compilecli: ignore[CC201]\n  loss: msee\n"
            "  metrics: [f1_scor]\n")
    uri, found = await open_doc(client, "project/configured.yaml", text)
    assert [d.code for d in found] == ["CC202"]
    expected = subprocess.run([sys.executable, "-m", "compilecli", "check", "--format", "json", "configured.yaml"],
                              cwd=project, capture_output=True, text=True, env=environment({"PATH": "", "COMPILECLI_LANG": "en"}))
    assert [d["code"] for f in json.loads(expected.stdout)["files"] for d in f["diagnostics"]] == ["CC202"]
