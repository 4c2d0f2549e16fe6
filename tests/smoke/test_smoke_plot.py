"""issue 13: smoke --plot writes a real PNG/SVG (optional extra `plot`; skipped without matplotlib)."""
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
    pytest.importorskip("matplotlib")
    png, svg = tmp_path / "run.png", tmp_path / "run.svg"
    assert smoke(write_spec(SPEC), "--plot", str(png), "--steps", "20").exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    smoke(write_spec(SPEC), "--plot", str(svg), "--steps", "20", "--lang", "zh")
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
