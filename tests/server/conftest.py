"""The server's tests need its extra (pygls, pytest-lsp); without it they are skipped, not failed."""
import pytest

pytest.importorskip("pygls", reason="the server extra is not installed: pip install '.[server]'")
pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")
