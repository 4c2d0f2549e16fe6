"""Which folder entries are read as pin files (load/python_calls/target.is_pin_file): string tests that
must say what the documented pattern says, for any name."""
import re

from hypothesis import given, strategies as st

from compilecli.load.python_calls.target import is_pin_file

#: The documented pattern (target.py's docstring), case-insensitive, the whole name.
PATTERN = re.compile(r"(requirements[\w.-]*\.(txt|in)|pyproject\.toml|setup\.cfg|environment\.ya?ml)", re.I)

PARTS = st.sampled_from(["requirements", "Requirements", "REQUIREMENTS", ".", "-", "_", "txt", "TXT", "in", "In",
                         "dev", "gpu", "é", " ", "/", "pyproject", "toml", "setup", "cfg", "environment", "yml",
                         "yaml", "x", "1", ""])


@given(st.lists(PARTS, max_size=6).map("".join))
def test_names_as_the_pattern_reads_them(name):
    assert is_pin_file(name) == bool(PATTERN.fullmatch(name))


def test_the_usual_names():
    for name in ("requirements.txt", "requirements-dev.txt", "requirements.gpu.in", "pyproject.toml",
                 "setup.cfg", "environment.yml", "Environment.YAML"):
        assert is_pin_file(name), name
    for name in ("requirements", "requirements.txt.bak", "setup.py", "environment.json", "my-requirements.txt"):
        assert not is_pin_file(name), name
