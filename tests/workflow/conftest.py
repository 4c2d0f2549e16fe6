import pytest


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch, tmp_path):
    """No COMPILECLI_LANG from the developer's shell; run inside an empty folder (config discovery)."""
    monkeypatch.delenv("COMPILECLI_LANG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def work(tmp_path):
    return tmp_path / "work"
