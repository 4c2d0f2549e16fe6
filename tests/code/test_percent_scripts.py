"""``# %%`` scripts (VS Code, Spyder, jupytext) with IPython lines are read as their kernel runs them
(load/python_calls/percent.py): no CC103 for ``!pip install``, findings at the script's own lines and
columns, cell magics skipped, and real syntax errors still reported where they are."""
from hypothesis import given, strategies as st

from compilecli.checker import check_file
from compilecli.load.python_calls.percent import as_python

HEAD = "# %%\n!pip install -q keras\n%matplotlib inline\nimport keras\nfrom keras import ops\n\n"
MODEL = "model = keras.Sequential([keras.layers.Dense(1)])\n"


def codes(tmp_path, text, name="script.py"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    results = check_file(str(path))
    return [(d.code, d.span.line, d.span.column) for r in results for d in r.diagnostics], results


def test_ipython_lines_in_cells_are_not_syntax_errors(tmp_path):
    text = HEAD + "# %% [markdown]\n# Train it\n\n# %%\n" + MODEL + "model.compile(optimizer='adamm', loss='mse')\n"
    found, results = codes(tmp_path, text)
    assert found == [("CC201", 12, 25)]
    assert results[0].loaded.text == text          # the script's own text: what --show-source prints


def test_a_cell_magic_cell_is_not_python(tmp_path):
    text = HEAD + "# %%\n%%bash\necho model.compile(optimizer='adamm')\n\n# %%\n" + MODEL + \
        "model.compile(optimizer='adam', loss='msee')\n"
    found, _ = codes(tmp_path, text)
    assert found == [("CC202", 13, 38)]


def test_without_cells_ipython_lines_stay_syntax_errors(tmp_path):
    found, _ = codes(tmp_path, "import keras\n!pip install keras\n" + MODEL + "model.compile('adamm', 'mse')\n")
    assert found == [("CC103", 2, 1)]


def test_a_real_syntax_error_is_reported_where_it_is(tmp_path):
    text = HEAD + "# %%\nmodel = keras.Sequential([keras.layers.Dense(1)]\nmodel.compile('adam', 'mse')\n"
    found, results = codes(tmp_path, text)
    assert [(code, line) for code, line, _ in found] == [("CC103", 8)]
    assert results[0].loaded.text == text


def test_an_indented_cell_is_left_alone():
    assert as_python("# %%\n    !pip install keras\n    x = 1\n") is None      # IPython would move its columns


@given(st.lists(st.sampled_from(["# %%", "#%% [markdown]", "!pip install keras", "%time f()", "x = !ls",
                                 "obj?", "%%bash", "echo hi", "x = 1", "def f():", "    return 2", "",
                                 "s = '''", "!not a shell line'''", "    y = (1,", "    !inside)"]),
                max_size=12).map("\n".join))
def test_lines_and_other_columns_are_kept(text):
    converted = as_python(text)
    if converted is None:
        return
    before, after = text.split("\n"), converted.split("\n")
    assert len(before) == len(after)
    for old, new in zip(before, after):
        assert new == old or new.strip() in ("pass", "")   # a line is kept, or blanked in place
