"""initialize -> shutdown -> exit: the server process ends by itself with exit code 0."""
from __future__ import annotations

import sys

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "compilecli", "server", "--stdio"]))
async def client(lsp_client: LanguageClient):
    yield


@pytest.mark.asyncio
async def test_shutdown_and_exit(client: LanguageClient):
    result = await client.initialize_session(lsp.InitializeParams(capabilities=client_capabilities("neovim")))
    assert result.server_info.name == "compilecli"
    await client.shutdown_session()
    assert client._server.returncode == 0
