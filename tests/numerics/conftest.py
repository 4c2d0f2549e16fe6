"""Every numerics test leaves ``floatx()`` as it found it."""
import pytest

from compilecli.numerics.config import floatx, set_floatx


@pytest.fixture(autouse=True)
def _restore_floatx():
    saved = floatx()
    yield
    set_floatx(saved)
