import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture
def root():
    return ROOT


# Hypothesis (tests/property): a modest default so the whole suite stays fast in CI; a long run locally
# with `python -m pytest tests/property --hypothesis-profile=long --hypothesis-show-statistics`.
try:
    from hypothesis import HealthCheck, settings
except ImportError:   # the property tests need the test extra; everything else runs without it
    pass
else:
    _QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
    settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=_QUIET,
                              derandomize=True, print_blob=True)
    settings.register_profile("long", max_examples=1000, deadline=None, suppress_health_check=_QUIET,
                              print_blob=True)
    settings.load_profile("ci")
