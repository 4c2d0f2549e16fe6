"""Helpers for the smoke tests: write a spec, run `compilecli smoke` in-process."""
import textwrap

import pytest
from click.testing import CliRunner

from compilecli.cli import main
from compilecli.numerics.config import floatx_scope
from compilecli.smoke.trainer import FLOATX


@pytest.fixture(autouse=True)
def smoke_floatx():
    """smoke trains in float64: the numerics objects its fast paths are compared with, too."""
    with floatx_scope(FLOATX):
        yield


def _runner():
    try:   # click < 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


@pytest.fixture
def write_spec(tmp_path):
    def write(text, name="spec.yaml"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)
    return write


@pytest.fixture
def smoke():
    """smoke(path, *options) -> click Result (exit_code, stdout, stderr)."""
    def run(path, *options):
        return _runner().invoke(main, ["smoke", path, *options], catch_exceptions=False)
    return run


def classifier(optimizer="adam", loss="sparse_categorical_crossentropy", units=10, activation="softmax",
               labels="sparse", inputs="[16]", metrics="[accuracy]"):
    return f"""\
        target: keras3
        model:
          inputs: {inputs}
          outputs:
            - {{name: out, units: {units}, activation: {activation}, labels: {labels}}}
        compile:
          optimizer: {optimizer}
          loss: {loss}
          metrics: {metrics}
        """
