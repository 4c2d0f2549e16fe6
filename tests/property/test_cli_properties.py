"""Property: through the command line (in this process), any spec file with any options exits 0, 1 or 2,
never with an exception; --fix twice changes nothing the second time (issue 11)."""
from __future__ import annotations

import os
import tempfile

from click.testing import CliRunner
from hypothesis import given, strategies as st

from compilecli.cli import main
from propertyhelpers import encoded, notebooks, python_sources, spec_texts

OPTIONS = st.lists(st.sampled_from([
    ["--format", "json"], ["--format", "sarif"], ["--format", "github"], ["--lang", "zh"], ["--strict"],
    ["--select", "CC2,CC5"], ["--ignore", "CC1"], ["--target", "tf2"], ["--target", "keras2"], ["--diff"],
    ["--isolated"], ["--fix"],
]), max_size=3).map(lambda groups: [word for group in groups for word in group])


def invoke(args, cwd):
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        os.chdir(here)


@given(st.one_of(encoded(spec_texts()),
                 python_sources().map(lambda t: ("train.py", t.encode("utf-8", "surrogatepass"))),
                 notebooks().map(lambda t: ("nb.ipynb", t.encode("utf-8", "surrogatepass")))), OPTIONS)
def test_exit_codes_are_0_1_or_2(case, options):
    name, raw = case
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(raw)
        done = invoke(["check", *options, name], folder)
        assert done.exception is None or isinstance(done.exception, SystemExit), repr(done.exception)
        assert done.exit_code in (0, 1, 2), done.output
        if "--fix" in options:
            with open(os.path.join(folder, name), "rb") as handle:
                once = handle.read()
            invoke(["check", *options, name], folder)
            with open(os.path.join(folder, name), "rb") as handle:
                assert handle.read() == once          # a second --fix has nothing left to do
