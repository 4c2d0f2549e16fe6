"""`compilecli check train.py notebook.ipynb` as a user runs it, and the shipped samples."""
import json
import textwrap

from click.testing import CliRunner

from compilecli.checker import check_file
from compilecli.cli import main


def run(*args):
    return CliRunner().invoke(main, ["check", *args])


def test_python_file_reports_file_line_column(tmp_path):
    path = tmp_path / "train.py"
    path.write_text(textwrap.dedent("""\
        import keras, keras.ops

        model = keras.Sequential()
        model.compile(optimizer=keras.optimizers.Adam(lr=1e-3), loss="sparse_categorical_crossentropy")
    """))
    result = run(str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:4:47: CC603 error Adam: 'lr' was renamed to 'learning_rate'" in result.output


def test_clean_python_file_exits_0(tmp_path):
    path = tmp_path / "ok.py"
    path.write_text("import keras\nimport re\nre.compile('x')\nm.compile(optimizer='adam', loss='mse')\n")
    result = run(str(path))
    assert result.exit_code == 0, result.output


def test_notebook_source_names_the_cell(tmp_path, h):
    path = tmp_path / "nb.ipynb"
    path.write_text(h.notebook(("markdown", "# hi"), ("code", "import keras\nm.compile(loss='msee')\n")))
    result = run("--format", "json", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:cell 2" in result.output
    assert "CC202" in result.output


def test_target_option_overrides(tmp_path):
    path = tmp_path / "train.py"
    path.write_text("import tensorflow as tf\nm.compile(optimizer=tf.keras.optimizers.Adam(lr=0.1), loss='mse')\n")
    assert "CC607" in run(str(path)).output
    assert "CC603" in run("--target", "keras3", str(path)).output


def test_syntax_error_exits_1_without_traceback(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("import keras\nmodel.compile(loss='mse'\n")
    result = run(str(path))
    assert result.exit_code == 1
    assert "CC103" in result.output and "Traceback" not in result.output


def test_chinese_words_for_python_syntax_errors(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("model.compile(loss='mse')\ndef f(:\n")
    result = run("--lang", "zh", str(path))
    assert "Python 语法错误" in result.output


def test_samples(root):
    train = [(d.code, d.span.line) for r in check_file(str(root / "samples" / "train.py")) for d in r.diagnostics]
    assert train == [("CC202", 43), ("CC607", 51), ("CC604", 51), ("CC601", 54), ("CC302", 67), ("CC205", 68)]
    nb = [(r.source.rsplit(":", 1)[1], d.code, d.span.line)
          for r in check_file(str(root / "samples" / "notebook.ipynb")) for d in r.diagnostics]
    assert nb == [("cell 7", "CC603", 3), ("cell 7", "CC601", 6), ("cell 9", "CC202", 2)]
    json.loads((root / "samples" / "notebook.ipynb").read_text(encoding="utf-8"))
