"""compile() calls in Jupyter notebooks: cell index and line, magics, imports across cells, broken files."""
import json

import pytest

from compilecli.checker import check_file
from compilecli.load import limits
from compilecli.load.notebook import blank_magics, load_notebook_file


@pytest.fixture
def write_nb(tmp_path, h):
    def write(*cells, name="nb.ipynb", **kw):
        path = tmp_path / name
        path.write_text(h.notebook(*cells, **kw), encoding="utf-8")
        return str(path)
    return write


def test_cell_index_counts_every_cell_and_lines_are_within_the_cell(write_nb, h):
    path = write_nb(
        ("markdown", "# Title"),
        ("code", "!pip install -q keras\n%matplotlib inline\nimport keras\n"),
        ("markdown", "Now the model."),
        ("code", """
            model = keras.Sequential()
            # a comment
            model.compile(optimizer="adam",
                          loss="msee")
        """),
    )
    results = check_file(path)
    assert h.found(results) == [(f"{path}:cell 4", "CC202", 4, 20)]
    assert results[0].target == "keras3"          # the import is in cell 2
    assert results[0].loaded.text.startswith("model = keras.Sequential()")


def test_every_call_in_every_cell(write_nb):
    path = write_nb(
        ("code", "import tensorflow as tf\nm1.compile(optimizer='adam', loss='mse')\n"),
        ("code", "m2.compile(optimizer='sgd', loss='mae')\nm3.compile(loss='huber')\n"),
    )
    specs = load_notebook_file(path)
    assert [s.source.rsplit(":", 1)[1] for s in specs] == ["cell 1", "cell 2", "cell 2"]
    assert [s.data["compile"]["loss"] for s in specs] == ["mse", "mae", "huber"]
    assert all(s.data["target"] == "tf2" for s in specs)


def test_magics_are_blanked_not_parsed(write_nb, h):
    path = write_nb(("code", """
        import keras.ops
        %load_ext autoreload
        files = !ls data/
        model.summary?
        if True:
            !nvidia-smi
        model.compile(optimizer=keras.optimizers.Adam(lr=1e-3), loss="mse")
    """))
    assert h.found(check_file(path)) == [(f"{path}:cell 1", "CC603", 7, 47)]


def test_cell_magics(write_nb, h):
    path = write_nb(
        ("code", "%%time\nimport keras\nmodel.compile(optimizer='adamm', loss='mse')\n"),
        ("code", "%%bash\nmodel.compile(optimizer='adamm')\necho not python\n"),
        ("code", "%%writefile train.py\nmodel.compile(optimizer='adamm')\n"),
    )
    assert h.found(check_file(path)) == [(f"{path}:cell 1", "CC201", 3, 25)]


def test_blank_magics_keeps_line_numbers():
    cell = "%matplotlib inline\nx = (a\n     % b)\ny = 1 != 2\n"
    assert blank_magics(cell).split("\n") == ["pass", "x = (a", "     % b)", "y = 1 != 2", ""]


def test_syntax_error_in_one_cell_does_not_hide_the_others(write_nb, h):
    path = write_nb(
        ("code", "import keras\n"),
        ("code", "def broken(:\n    pass\n"),
        ("code", "model.compile(optimizer='adam', loss='msee')\n"),
    )
    assert h.found(check_file(path)) == [(f"{path}:cell 2", "CC103", 1, 12), (f"{path}:cell 3", "CC202", 1, 38)]


def test_string_source_and_nbformat3(tmp_path, h):
    v4 = tmp_path / "v4.ipynb"
    v4.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "import keras\nm.compile(loss='msee')"}],
                              "metadata": {}, "nbformat": 4, "nbformat_minor": 2}))
    assert h.codes(check_file(str(v4))) == ["CC202"]
    v3 = tmp_path / "v3.ipynb"
    v3.write_text(json.dumps({"worksheets": [{"cells": [
        {"cell_type": "markdown", "source": ["hi"]},
        {"cell_type": "code", "input": ["import keras\n", "m.compile(loss='msee')\n"]}]}],
        "metadata": {}, "nbformat": 3}))
    assert h.found(check_file(str(v3))) == [(f"{v3}:cell 2", "CC202", 2, 16)]


def test_other_kernels_are_skipped(write_nb):
    path = write_nb(("code", "model.compile(loss='msee')\n"), language="R")
    assert check_file(path) == []


def test_invalid_json_is_cc103(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{\n "cells": [\n  {"cell_type": "code",}\n ]\n}\n')
    (result,) = check_file(str(path))
    assert [(d.code, d.key, d.span.line) for d in result.diagnostics] == [("CC103", "codes.CC103.notebook", 3)]


def test_json_that_is_not_a_notebook_is_cc103(tmp_path):
    path = tmp_path / "list.ipynb"
    path.write_text('[1, 2, 3]')
    (result,) = check_file(str(path))
    assert [(d.code, d.key) for d in result.diagnostics] == [("CC103", "codes.CC103.notebook_shape")]


def test_not_utf8_is_cc101(tmp_path):
    path = tmp_path / "latin.ipynb"
    path.write_bytes('{"cells": [{"cell_type": "markdown", "source": "café"}]}'.encode("latin-1"))
    (result,) = check_file(str(path))
    assert [d.code for d in result.diagnostics] == ["CC101"]


def test_too_large_is_cc102(write_nb, monkeypatch):
    path = write_nb(("code", "import keras\nm.compile(loss='mse')\n" * 20))
    monkeypatch.setattr(limits, "MAX_BYTES", 200)
    (result,) = check_file(path)
    assert [d.code for d in result.diagnostics] == ["CC102"]


# ---------------------------------------------------------------- IPython's own syntax, as IPython reads it
def test_a_cell_indented_as_a_whole_is_dedented_and_columns_stay_true(tmp_path, h):
    path = tmp_path / "indented.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": [
        " import keras\n", " model.compile(optimizer='adamm', loss='mse')\n"]}], "metadata": {}, "nbformat": 4}))
    assert h.found(check_file(str(path))) == [(f"{path}:cell 1", "CC201", 2, 26)]


def test_shell_lines_with_continuations_and_magics_are_not_python(write_nb, h):
    path = write_nb(("code", "!pip install -q \\\n    keras-cv \\\n    keras-nlp\n%load_ext autoreload\n"
                             "import keras\nfiles = !ls\nkeras.Model?\n"
                             "model.compile(optimizer='adam', loss='msee')\n"))
    assert h.found(check_file(path)) == [(f"{path}:cell 1", "CC202", 8, 38)]


def test_percent_inside_brackets_is_python(write_nb, h):
    converted = blank_magics("x = (a\n%b)\ns = '''\n!not shell\n'''\n  !ls\n")
    assert converted.split("\n") == ["x = (a", "%b)", "s = '''", "!not shell", "'''", "  pass", ""]


def test_time_cell_magic_body_is_python_and_others_are_not(write_nb, h):
    path = write_nb(("code", "%%time\nimport keras\nmodel.compile(optimizer='adamm')\n"),
                    ("code", "%%writefile x.py\nimport keras\nmodel.compile(optimizer='adamm')\n"))
    assert h.codes(check_file(path)) == ["CC201"]
