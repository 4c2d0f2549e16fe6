"""Hypothesis strategies for issue 11's property suite: specs as data, then as YAML or JSON text with
every trap a user (or an attacker) can set, Python sources with compile() calls, and notebooks."""
from __future__ import annotations

import json

from hypothesis import strategies as st

NAMES = ["adam", "Adam", "sgd", "SGD", "rmsprop", "adamm", "mse", "mae", "mean_squared_eror", "accuracy", "acc",
         "auc", "AUC", "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy",
         "CosineDecay", "ExponentialDecay", "softmax", "sigmoid", "linear", "relu", "sparse", "onehot", "binary",
         "multilabel", "real", "out", "head", "keras3", "tf2", "keras2", "中文", "优化器", "Ａｄａｍ", "\u202eevil",
         "\x1b]0;title\x07", "\ud800", "\udfff", "", " ", "a:b", "#", "&a", "*a", "!!python/object", "null", "~"]
ARGS = ["learning_rate", "lr", "decay", "momentum", "nesterov", "beta_1", "epsilon", "amsgrad", "from_logits",
        "label_smoothing", "reduction", "name", "use_ema", "clipnorm", "initial_learning_rate", "decay_steps",
        "decay_rate", "threshold", "num_thresholds", "weight_decay"]
COMPILE_KEYS = ["optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
                "steps_per_execution", "jit_compile", "auto_scale_loss", "sample_weight_mode", "target_tensors",
                "distribute", "lr"]
# Scalars YAML 1.1 and 1.2 read differently, or that look like numbers and are not.
TRAPS = ["1e-3", "1E5", "5e3", "1.0e-3", "yes", "no", "on", "off", "Yes", "NO", "y", "n", "0x1F", "0o17", "1_000",
         ".inf", "-.inf", ".nan", "1:20", "2024-01-01", "0.", ".5", "+1", "010"]

leaves = st.one_of(
    st.sampled_from(NAMES), st.sampled_from(TRAPS).map(lambda t: ("raw", t)),
    st.integers(-10 ** 20, 10 ** 20), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.none(), st.text(max_size=8),
)


def objects(inner):
    """{class_name, config} objects, as Keras serialises them."""
    return st.fixed_dictionaries({"class_name": st.sampled_from(NAMES)},
                                 optional={"config": st.dictionaries(st.sampled_from(ARGS), inner, max_size=4),
                                           "module": st.sampled_from(["keras.optimizers.schedules", "keras", "x"])})


values = st.recursive(leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=4), objects(inner),
    st.dictionaries(st.sampled_from(NAMES + ARGS), inner, max_size=4)), max_leaves=12)

outputs = st.fixed_dictionaries({}, optional={
    "name": st.sampled_from(NAMES), "units": st.one_of(st.integers(-2, 20), st.sampled_from(NAMES)),
    "activation": st.sampled_from(NAMES), "labels": st.sampled_from(NAMES)})

specs = st.fixed_dictionaries({"compile": st.dictionaries(st.sampled_from(COMPILE_KEYS), values, max_size=6)},
                              optional={"model": st.fixed_dictionaries({}, optional={
                                  "inputs": st.lists(st.integers(-1, 64), max_size=3),
                                  "outputs": st.lists(outputs, max_size=3)}),
                                  "target": st.sampled_from(NAMES)})


# ---------------------------------------------------------------------------------------------
# text


def _yaml_scalar(value, draw) -> str:
    if isinstance(value, tuple):                      # a trap written bare, as a user types it
        return value[1]
    if isinstance(value, str):
        style = draw(st.sampled_from(["plain", "single", "double"]))
        safe = value and all(c.isalnum() or c in "_-." for c in value) and value not in TRAPS
        if style == "plain" and safe:
            return value
        if style == "single" and "\n" not in value and all(c.isprintable() for c in value):
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value)
    return json.dumps(value) if not isinstance(value, float) or value == value and abs(value) != float("inf") \
        else draw(st.sampled_from([".nan", ".inf", "-.inf"]))


def yaml_text(draw, value, indent: int = 0, flow: bool = False) -> str:
    if isinstance(value, dict) and value:
        if flow or draw(st.integers(0, 5)) == 0:
            return "{" + ", ".join(f"{_yaml_key(k, draw)}: {yaml_text(draw, v, flow=True)}"
                                   for k, v in value.items()) + "}"
        pad = " " * indent
        lines = []
        for key, item in value.items():
            comment = draw(st.sampled_from(["", "", "", "  # note", "  # compilecli: ignore",
                                            "  # compilecli: ignore[CC603]", "  # compilecli: ignore[CC9]"]))
            inner = yaml_text(draw, item, indent + 2)
            if isinstance(item, (dict, list)) and item and not inner.startswith(("{", "[")):
                lines.append(f"{pad}{_yaml_key(key, draw)}:{comment}\n{inner}")
            else:
                lines.append(f"{pad}{_yaml_key(key, draw)}: {inner}{comment}")
        return "\n".join(lines)
    if isinstance(value, list) and value:
        if flow or draw(st.booleans()):
            return "[" + ", ".join(yaml_text(draw, v, flow=True) for v in value) + "]"
        pad = " " * indent
        return "\n".join(f"{pad}- {yaml_text(draw, v, indent + 2, flow=True)}" for v in value)
    if value == {}:
        return "{}"
    if value == []:
        return "[]"
    return _yaml_scalar(value, draw)


def _yaml_key(key, draw) -> str:
    return _yaml_scalar(key, draw) if key else '""'


def _json_text(value) -> str:
    """JSON with lone surrogates as escapes (JSON allows them), Python's NaN/Infinity left in (a trap)."""
    return json.dumps(value, ensure_ascii=True, default=lambda v: v[1] if isinstance(v, tuple) else str(v))


def _plain(value):
    if isinstance(value, tuple):
        return value[1]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@st.composite
def spec_texts(draw, formats=("yaml", "json")):
    """(file name, text) of a spec, with traps in the text itself."""
    spec = draw(specs)
    fmt = draw(st.sampled_from(formats))
    if fmt == "json":
        text = _json_text(_plain(spec))
        name = "spec.json"
    else:
        text = yaml_text(draw, spec) + "\n"
        name = draw(st.sampled_from(["spec.yaml", "spec.yml"]))
    for trap in draw(st.lists(st.sampled_from(TEXT_TRAPS), max_size=3)):
        text = trap(text)
    return name, text


def _duplicate_first_key(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first + "\n" + text if ":" in first and not first.startswith(("{", "[", " ")) else text


TEXT_TRAPS = [
    lambda t: t.replace("\n", "\r\n"),
    lambda t: t.replace("  ", "\t", 1),
    lambda t: "# compilecli: ignore-file[CC2]\n" + t,
    _duplicate_first_key,
    lambda t: t + "extra: &anchor {a: 1}\nagain: *anchor\n",
    lambda t: t + "evil: !!python/object/apply:os.system ['echo pwned']\n",
    lambda t: t + "bomb: &a [1, 1]\nb2: &b [*a, *a, *a]\nb3: [*b, *b, *b, *b]\n",
    lambda t: "x: " + "[" * 60 + "]" * 60 + "\n" + t,
    lambda t: t + "long: " + "x" * 12000 + "\n",
    lambda t: t.rstrip("\n"),
    lambda t: t + "\x00",
    lambda t: t + "ctl: \x1b[31m\x07\n",
    lambda t: t[: len(t) // 2],                    # cut short
    lambda t: "%YAML 1.1\n---\n" + t,
    lambda t: t + "---\nsecond: document\n",
]


@st.composite
def encoded(draw, texts):
    """(name, bytes): the text in an encoding a user may have saved it in, or broken bytes."""
    name, text = draw(texts)
    how = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "bad"]))
    if how == "bad":
        raw = text.encode("utf-8", "surrogatepass") + b"\xff\xfe\x80"
    else:
        raw = text.encode(how, "surrogatepass" if how.startswith("utf") else "replace")
    return name, raw


# ---------------------------------------------------------------------------------------------
# code


def _py(value) -> str:
    value = _plain(value)
    if isinstance(value, dict):
        if set(value) >= {"class_name"} and isinstance(value["class_name"], str) and value["class_name"].isidentifier():
            args = ", ".join(f"{k}={_py(v)}" for k, v in (value.get("config") or {}).items() if k.isidentifier())
            return f"keras.optimizers.{value['class_name']}({args})"
        return "{" + ", ".join(f"{json.dumps(k)}: {_py(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_py(v) for v in value) + "]"
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return "float('nan')"
    return json.dumps(value) if isinstance(value, str) else repr(value)


@st.composite
def python_sources(draw):
    imports = draw(st.sampled_from(["import keras\n", "import tensorflow as tf\nfrom tensorflow import keras\n",
                                    "from keras import optimizers\n", "", "import re\n"]))
    calls = []
    for compile_args in draw(st.lists(st.dictionaries(st.sampled_from(COMPILE_KEYS), values, max_size=4),
                                      min_size=1, max_size=3)):
        receiver = draw(st.sampled_from(["model", "self.model", "re", "torch", "m[0]"]))
        positional = draw(st.lists(values.map(_py), max_size=2))
        keywords = [f"{k}={_py(v)}" for k, v in compile_args.items()]
        extra = draw(st.sampled_from(["", "**kwargs", "*args", "loss=my_loss()", "optimizer=f'{x}'"]))
        parts = positional + keywords + ([extra] if extra else [])
        comment = draw(st.sampled_from(["", "  # compilecli: ignore", "  # compilecli: ignore[CC2]"]))
        calls.append(f"{receiver}.compile({', '.join(parts)}){comment}\n")
    broken = draw(st.sampled_from(["", "", "def (:\n", "if True:\n  pass\n\tx = 1\n"]))
    return imports + "".join(calls) + broken


@st.composite
def notebooks(draw):
    cells = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["code", "code", "markdown", "raw"]))
        source = draw(python_sources()) if kind == "code" else draw(st.text(max_size=20))
        source = draw(st.sampled_from(["", "%matplotlib inline\n", "!pip install keras\n", "%%bash\n"])) + source
        as_list = draw(st.booleans())
        cells.append({"cell_type": kind, "metadata": {}, "source": source.splitlines(True) if as_list else source,
                      **({"outputs": [], "execution_count": None} if kind == "code" else {})})
    nb = {"cells": cells, "metadata": draw(st.sampled_from([{}, {"language_info": {"name": "python"}},
                                                            {"kernelspec": {"language": "R"}}])),
          "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(nb, ensure_ascii=draw(st.booleans()))
    return draw(st.sampled_from([text, text, text[: len(text) // 2], "[]", "{\"cells\": 3}"]))
