"""issue 13: smoke --plot writes a real PNG/SVG (optional extra `plot`, also in the `test` extra; skipped
without matplotlib, except in CI, which sets CI=1 and must run them)."""
import os
import re

import pytest

SPEC = """
model:
  inputs: [8]
  outputs:
    - {name: digits, units: 3, activation: softmax, labels: sparse}
    - {name: age, units: 1, activation: linear, labels: real}
compile:
  optimizer: adam
  loss: {digits: sparse_categorical_crossentropy, age: mse}
  metrics: {digits: [accuracy], age: [mae]}
"""


def test_a_wrong_suffix_is_a_usage_error(write_spec, smoke, tmp_path):
    result = smoke(write_spec(SPEC), "--plot", str(tmp_path / "x.pdf"), "--steps", "5")
    assert result.exit_code == 2 and ".png" in result.stderr


def test_png_and_svg_are_written(write_spec, smoke, tmp_path):
    if os.environ.get("CI"):
        import matplotlib  # noqa: F401  (CI installs the test extra: the plot tests must run there)
    else:
        pytest.importorskip("matplotlib")
    png, svg = tmp_path / "run.png", tmp_path / "run.svg"
    assert smoke(write_spec(SPEC), "--plot", str(png), "--steps", "20").exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    smoke(write_spec(SPEC), "--plot", str(svg), "--steps", "20", "--lang", "zh")
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text


def _extra(name):
    try:
        import tomllib
    except ImportError:     # Python < 3.11
        import tomli as tomllib
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "pyproject.toml"), "rb") as handle:
        return tomllib.load(handle)["project"]["optional-dependencies"][name]


def test_the_test_extra_holds_the_plot_extra_so_ci_runs_the_plot_tests():
    base = lambda dep: re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0].lower()
    assert {base(d) for d in _extra("plot")} <= {base(d) for d in _extra("test")}


def test_ci_installs_what_the_readme_says_and_requires_the_plot_tests():
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    ci = open(os.path.join(root, ".ci", "run"), encoding="utf-8").read()
    readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    install = re.search(r'pip install -q (".\[[a-z,]+\]")', ci).group(1)
    assert f"pip install {install} && python -m pytest" in readme
    assert "CI=1 python -m pytest" in ci
