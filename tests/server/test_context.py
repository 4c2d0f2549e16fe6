"""Where the cursor is, from half-typed text: the cases as data (`|` marks the cursor)."""
from __future__ import annotations

import pytest

from compilecli.server.context import code_context, spec_context

# text with the cursor -> (keys around it, typing a key?, the value's key, prefix)
SPEC_CASES = [
    ("|", ((), True, None, "")),
    ("ta|", ((), True, None, "ta")),
    ("target: |", ((), False, "target", "")),
    ("compile:\n  lo|", (("compile",), True, None, "lo")),
    ("compile:\n  optimizer: ad|", (("compile",), False, "optimizer", "ad")),
    ("compile:\n  optimizer: {class_name: Ad|", (("compile", "optimizer"), False, "class_name", "Ad")),
    ("compile:\n  optimizer: {class_name: Adam, config: {l|", (("compile", "optimizer", "config"), True, None, "l")),
    ("compile:\n  optimizer:\n    class_name: Adam\n    config:\n      lea|",
     (("compile", "optimizer", "config"), True, None, "lea")),
    ("compile:\n  optimizer:\n    class_name: Adam\n  lo|", (("compile",), True, None, "lo")),
    ("compile:\n  metrics:\n    - ac|", (("compile",), False, "metrics", "ac")),
    ("compile:\n  metrics: [acc, |", (("compile", "metrics"), False, None, "")),
    ("compile:\n  loss:\n    out1: mse\n    out2: |", (("compile", "loss"), False, "out2", "")),
    ("compile:  # a comment: here\n  loss: m|", (("compile",), False, "loss", "m")),
    ('{"compile": {"optimizer": {"class_name": "Adam", "config": {"|',
     (("compile", "optimizer", "config"), True, None, "")),
    ('{"compile": {"loss": "mea|', (("compile",), False, "loss", "mea")),
    ('{"compile": {"loss": "a,b: {", "metrics": ["|', (("compile", "metrics"), False, None, "")),
]


@pytest.mark.parametrize("marked,expected", SPEC_CASES)
def test_spec_context(marked, expected):
    offset = marked.index("|")
    found = spec_context(marked.replace("|", ""), offset)
    assert (found.path, found.at_key, found.key, found.prefix) == expected


# text with the cursor -> (callee, typing a keyword?, keyword of the value, in a string, prefix)
CODE_CASES = [
    ("model.compile(|", ("model.compile", True, None, False, "")),
    ("model.compile(opt|", ("model.compile", True, None, False, "opt")),
    ("model.compile(optimizer='ad|", ("model.compile", False, "optimizer", True, "ad")),
    ("model.compile(loss='mse', metrics=['acc', '|", ("model.compile", False, "metrics", True, "")),
    ("model.compile(optimizer=keras.optimizers.Adam(|", ("keras.optimizers.Adam", True, None, False, "")),
    ("m.compile(optimizer=Adam(learning_rate=0.1, b|", ("Adam", True, None, False, "b")),
    ("m.compile(optimizer=Adam(lr=0.1), lo|", ("m.compile", True, None, False, "lo")),
    ("x = f('(')  # (\nmodel.compile(\n    optimizer=tf.keras.optimizers.SGD(\n        mom|",
     ("tf.keras.optimizers.SGD", True, None, False, "mom")),
    ('s = """compile(("""\nm.compile(loss=|', ("m.compile", False, "loss", False, "")),
    ("m.compile(loss=x == y, metr|", ("m.compile", True, None, False, "metr")),
    ("print('no call here')\nx = 1|", ("", False, None, False, "")),
]


@pytest.mark.parametrize("marked,expected", CODE_CASES)
def test_code_context(marked, expected):
    offset = marked.index("|")
    found = code_context(marked.replace("|", ""), offset)
    assert (found.callee, found.at_keyword, found.keyword, found.in_string, found.prefix) == expected
