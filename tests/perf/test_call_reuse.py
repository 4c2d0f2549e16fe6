"""Repeated compile() calls read once (load/python_calls/reuse.py): every spec a moved earlier read
gives is exactly what a fresh read of its call gives -- data, code info, spans, and which paths share
one Span object (the check memo finds a diagnostic's place by that identity)."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from compilecli.load.notebook import load_notebook_file, load_notebook_text
from compilecli.load.python_calls import load_python_file, load_python_text, reuse
from test_check_memo import _corpus_files   # tests/perf is on sys.path (rootdir conftest)

def _seen(spec):
    """All of a loaded spec, with the span sharing written as which paths hold the same Span object."""
    smap = spec.sourcemap
    first = {}
    sharing = [first.setdefault(id(span), (table, path)) for table in ("values", "keys")
               for path, span in getattr(smap, table).items()]
    return (spec.source, spec.text, spec.format, spec.data, spec.code, spec.comments, spec.diagnostics,
            smap.values, smap.keys, smap.shared, smap.flow, sharing)


def _both(load):
    """(specs with reuse, specs read afresh) from ``load()``."""
    assert reuse.ENABLED
    moved = load()
    reuse.ENABLED = False
    try:
        fresh = load()
    finally:
        reuse.ENABLED = True
    return moved, fresh


def _same(load) -> int:
    """Assert both reads agree; return how many specs were moved (data shared with an earlier spec)."""
    moved, fresh = _both(load)
    assert [_seen(s) for s in moved] == [_seen(s) for s in fresh]
    seen = set()
    shared = 0
    for spec in moved:
        shared += id(spec.data) in seen
        seen.add(id(spec.data))
    return shared


def test_every_corpus_file_reads_the_same():
    moved = 0
    for path, target in _corpus_files(limit=None):
        loader = load_notebook_file if path.endswith(".ipynb") else load_python_file
        for chosen in (None, target):
            moved += _same(lambda: loader(path, chosen))
    assert moved > 10                 # the corpus repeats calls: the reuse is really taken here


SCRIPT = """import keras
model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss="mse", metrics=[f(), "acc"])
x = 1;   model.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss="mse", metrics=[f(), "acc"])
model.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss="mse", metrics=[f(), "acc"])
model.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss="mse", metrics=[f(), "acc"]); model.compile(
    optimizer=keras.optimizers.Adam(lr=0.1), loss="mse", metrics=[f(), "acc"])
model.compile(
    optimizer=keras.optimizers.Adam(lr=0.1), loss="mse", metrics=[f(), "acc"])
"""


def test_moved_calls_keep_their_own_spans_and_skips():
    assert _same(lambda: load_python_text(SCRIPT, "train.py")) == 3    # two multi-line calls: one moved
    specs = load_python_text(SCRIPT, "train.py")
    assert [s.code["skipped"][0]["line"] for s in specs] == [3, 4, 5, 6, 7, 9]
    assert [s.sourcemap.values[("compile", "loss")].column for s in specs] == [61, 70, 61, 61, 51, 51]


def test_a_binding_between_two_calls_reads_the_later_one_afresh():
    text = ("import keras\nmodel = keras.Sequential([keras.layers.Dense(3)])\nloss = 'mse'\n"
            "model.compile('adam', loss)\nmodel.add(keras.layers.Dense(1, activation='sigmoid'))\n"
            "model.compile('adam', loss)\nloss = 'binary_crossentropy'\nmodel.compile('adam', loss)\n")
    specs = load_python_text(text, "t.py")
    assert _same(lambda: load_python_text(text, "t.py")) == 0
    assert [s.data["compile"]["loss"] for s in specs] == ["mse", "mse", "binary_crossentropy"]
    assert [s.data["model"]["outputs"][0].get("units") for s in specs] == [3, 1, 1]


# -- generated scripts: statements that bind, mutate, branch and loop between repeated calls
CALLS = ("model.compile('adam', 'mse')", "model.compile(opt, loss)", "model.compile('sgd', loss=lr * 2)",
         "model.compile(optimizer=keras.optimizers.Adam(lr), loss='mse', metrics=['acc', g()])",
         "model.compile(\n    'adam',\n    loss)", "other.compile('adam', 'mae')", "model.compile(**kw)",
         "re.compile('x')", "model.compile(loss=(l := 'mae'))", "m2.compile('adam', 'mse'); model.compile('adam', 'mse')")
OTHERS = ("opt = 'adam'", "opt = keras.optimizers.SGD(0.1)", "loss = 'binary_crossentropy'", "lr = 0.01",
          "model.add(keras.layers.Dense(4, activation='softmax'))", "model = keras.Sequential([keras.layers.Dense(2)])",
          "other = model", "def g():\n    return 1", "kw = {}", "x = [1]\nx.append(2)", "global opt",
          "m2 = keras.Model(i, keras.layers.Dense(5)(i))", "# compilecli: ignore CC505", "pass")
BLOCKS = ("", "if cond:\n", "for step in range(3):\n", "def build():\n", "with strategy.scope():\n")
HEADER = "import re\nimport keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\n"


def _indented(text: str) -> str:
    return "".join("    " + line + "\n" for line in text.splitlines())


@st.composite
def scripts(draw):
    parts = [HEADER]
    for _ in range(draw(st.integers(1, 12))):
        block = draw(st.sampled_from(BLOCKS))
        body = [draw(st.sampled_from(CALLS)) if draw(st.booleans()) else draw(st.sampled_from(OTHERS))
                for _ in range(draw(st.integers(1, 4)))]
        text = "\n".join(body)
        parts.append(block + _indented(text) if block else text + "\n")
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts(), st.sampled_from((None, "keras3", "tf2")))
def test_generated_scripts_read_the_same(text, target):
    _same(lambda: load_python_text(text, "gen.py", target))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(scripts(), min_size=1, max_size=3), st.booleans())
def test_generated_notebooks_read_the_same(cells, indent):
    # an indented cell (its common indent is taken away: Positions.shift) is read afresh, never moved
    sources = [_indented(cell) if indent else cell for cell in cells]
    text = json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [],
                                  "execution_count": None} for s in sources], "metadata": {}, "nbformat": 4,
                       "nbformat_minor": 5})
    _same(lambda: load_notebook_text(text, "gen.ipynb"))


@pytest.mark.parametrize("text", [
    "import keras\nm = keras.Sequential([keras.layers.Dense(1)])\nm.compile('adam', 'é')\nm.compile('adam', 'é')\n",
    "import keras\nm = keras.Sequential([keras.layers.Dense(1)])\nm.compile('adam', loss)\nloss = 'mse'; m.compile('adam', loss)\n",
])
def test_non_ascii_text_and_a_binding_on_the_call_line(text):
    assert _same(lambda: load_python_text(text, "t.py")) == 0
