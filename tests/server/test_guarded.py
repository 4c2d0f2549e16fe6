"""An internal error is logged; a request then fails alone, a notification is dropped."""
from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from compilecli.server.app import guarded  # noqa: E402


class FakeServer:
    def __init__(self):
        self.logged = []

    def log_error(self, where):
        self.logged.append(where)


def broken(server, params):
    raise RuntimeError("a bug")


def test_a_failing_request_raises_for_its_own_error_response():
    server = FakeServer()
    with pytest.raises(RuntimeError):
        guarded(request=True)(broken)(server, None)
    assert server.logged == ["broken"]


def test_a_failing_notification_is_logged_and_dropped():
    server = FakeServer()
    assert guarded(request=False)(broken)(server, None) is None
    assert server.logged == ["broken"]
