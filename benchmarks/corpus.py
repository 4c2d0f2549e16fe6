"""Generated inputs for the benchmarks: varied specs (not one file copied), and inputs grown along one axis.

Every spec is drawn from a seeded generator over the catalogue's real names, so a corpus is the
same on every run: block and flow YAML, JSON, one or several outputs, schedules, comments,
and about one spec in five with a mistake (a typo'd name, `lr`, a sparse/one-hot mix-up).
"""
from __future__ import annotations

import json
import os
import random
from typing import Dict, List

ACTIVATIONS = ("softmax", "sigmoid", "linear", "relu", "tanh")
LABELS = {"softmax": ("sparse", "onehot"), "sigmoid": ("binary", "multilabel"), "linear": ("real",),
          "relu": ("real",), "tanh": ("real",)}
LOSSES = {"sparse": "sparse_categorical_crossentropy", "onehot": "categorical_crossentropy",
          "binary": "binary_crossentropy", "multilabel": "binary_crossentropy", "real": "mse"}
METRICS = {"sparse": ("accuracy", "sparse_top_k_categorical_accuracy", "SparseCategoricalAccuracy"),
           "onehot": ("accuracy", "categorical_accuracy", "AUC", "Precision", "Recall"),
           "binary": ("accuracy", "binary_accuracy", "AUC", "Precision"),
           "multilabel": ("binary_accuracy", "AUC"),
           "real": ("mae", "mse", "RootMeanSquaredError", "mean_absolute_percentage_error")}
OPTIMIZERS = (("Adam", {"learning_rate": 0.001}), ("SGD", {"learning_rate": 0.01, "momentum": 0.9}),
              ("RMSprop", {"learning_rate": 0.0005, "rho": 0.9}), ("AdamW", {"weight_decay": 0.004}),
              ("Adagrad", {}), ("Nadam", {"beta_1": 0.9}), ("Adamax", {"epsilon": 1e-07}))
MISTAKES = (("loss", "categorical_crossentropy"), ("loss", "mean_sqared_error"), ("opt", "lr"),
            ("metric", "acuracy"), ("compile", "sample_weight_mode"))


def _output(rng: random.Random, index: int) -> Dict:
    activation = rng.choice(ACTIVATIONS)
    units = 1 if activation == "sigmoid" and rng.random() < 0.5 else rng.choice((2, 3, 10, 100))
    return {"name": f"out_{index}", "units": units, "activation": activation,
            "labels": rng.choice(LABELS[activation])}


def spec_data(rng: random.Random) -> Dict:
    """One random spec as plain data."""
    outputs = [_output(rng, i) for i in range(rng.choice((1, 1, 1, 2, 3)))]
    name, config = rng.choice(OPTIMIZERS)
    config = dict(config)
    if rng.random() < 0.2:
        config["learning_rate"] = {"class_name": "ExponentialDecay", "config": {
            "initial_learning_rate": 0.01, "decay_steps": rng.choice((100, 1000)), "decay_rate": 0.96}}
    optimizer = {"class_name": name, "config": config} if rng.random() < 0.7 else name.lower()
    if len(outputs) == 1:
        loss = LOSSES[outputs[0]["labels"]]
        metrics = rng.sample(METRICS[outputs[0]["labels"]], rng.randint(1, 2))
    else:
        loss = {o["name"]: LOSSES[o["labels"]] for o in outputs}
        metrics = {o["name"]: [rng.choice(METRICS[o["labels"]])] for o in outputs}
    compile_ = {"optimizer": optimizer, "loss": loss, "metrics": metrics}
    if len(outputs) > 1 and rng.random() < 0.5:
        compile_["loss_weights"] = {o["name"]: round(rng.uniform(0.1, 1.0), 2) for o in outputs}
    if rng.random() < 0.2:
        where, wrong = rng.choice(MISTAKES)
        if where == "loss" and len(outputs) == 1:
            compile_["loss"] = wrong
        elif where == "opt" and isinstance(optimizer, dict):
            optimizer["config"][wrong] = 0.01
        elif where == "metric" and isinstance(metrics, list):
            metrics.append(wrong)
        elif where == "compile":
            compile_[wrong] = "temporal"
    data = {"target": "keras3", "model": {"inputs": [rng.choice((4, 16, 784))], "outputs": outputs},
            "compile": compile_}
    if rng.random() < 0.1:
        del data["model"]
    return data


def _yaml(value, indent: int = 0, flow: bool = False) -> str:
    """A small YAML writer (block or flow style), so the corpus needs no YAML library to build."""
    pad = "  " * indent
    if isinstance(value, dict):
        if flow or not value:
            return "{" + ", ".join(f"{k}: {_yaml(v, flow=True)}" for k, v in value.items()) + "}"
        lines = []
        for key, item in value.items():
            if _block(item):
                lines.append(f"{pad}{key}:\n{_yaml(item, indent + 1)}")
            else:
                lines.append(f"{pad}{key}: {_yaml(item, flow=True)}")
        return "\n".join(lines)
    if isinstance(value, list):
        if flow or all(not isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(_yaml(v, flow=True) for v in value) + "]"
        return "\n".join(f"{pad}- {_yaml(item, indent + 1, flow=True)}" for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if "e" not in repr(value) else f"{value:.10f}".rstrip("0")
    return str(value)


def _block(value) -> bool:
    """Written as a block: a non-empty mapping, or a list holding mappings or lists."""
    if isinstance(value, dict):
        return bool(value)
    return isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)


def spec_text(rng: random.Random, data: Dict) -> str:
    """YAML with a header comment; flow style for some specs."""
    header = f"# generated spec {rng.randrange(10 ** 6)}: {data['compile']['optimizer']!s:.40}\n"
    if rng.random() < 0.3:
        return header + "\n".join(f"{k}: {_yaml(v, flow=True)}" for k, v in data.items()) + "\n"
    return header + _yaml(data) + "\n"


def write_corpus(folder: str, count: int, seed: int = 14) -> List[str]:
    """count varied specs (one in ten JSON) under folder, in sub-folders of 100."""
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        sub = os.path.join(folder, f"part_{i // 100:03d}")
        os.makedirs(sub, exist_ok=True)
        data = spec_data(rng)
        if rng.random() < 0.1:
            path, text = os.path.join(sub, f"spec_{i:05d}.json"), json.dumps(data, indent=2) + "\n"
        else:
            path, text = os.path.join(sub, f"spec_{i:05d}.yaml"), spec_text(rng, data)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# one spec grown along one axis


def long_metrics_spec(items: int, names=("accuracy", "mae", "AUC", "Precision", "mse")) -> str:
    """One output, a metrics list of `items` entries (a block list, one per line)."""
    lines = ["target: keras3", "model:", "  inputs: [16]", "  outputs:",
             "    - {name: out, units: 10, activation: softmax, labels: sparse}",
             "compile:", "  optimizer: adam", "  loss: sparse_categorical_crossentropy", "  metrics:"]
    lines.extend(f"    - {names[i % len(names)]}" for i in range(items))
    return "\n".join(lines) + "\n"


def sized_metrics_spec(size: int) -> str:
    """A long-metrics spec of about `size` bytes."""
    per_item = len("    - accuracy\n")
    return long_metrics_spec(max(1, size // per_item))


def repeated_finding_spec(size: int, name: str = "x") -> str:
    """About `size` bytes of one unknown metric repeated in a flow list (100 a line): one identical
    finding per item, about one per two bytes."""
    head = "target: keras3\ncompile:\n  optimizer: adam\n  loss: mse\n  metrics: [\n"
    count = max(1, (size - len(head)) // (len(name) + 1))
    rows = [",".join([name] * min(100, count - start)) for start in range(0, count, 100)]
    return head + ",\n".join(rows) + "]\n"


def outputs_spec(outputs: int, metrics_per_output: int = 2) -> str:
    """`outputs` named outputs, a loss, loss weight and metrics list for each (dicts by name)."""
    names = [f"head_{i}" for i in range(outputs)]
    lines = ["target: keras3", "model:", "  inputs: [16]", "  outputs:"]
    lines.extend(f"    - {{name: {n}, units: 3, activation: softmax, labels: sparse}}" for n in names)
    lines += ["compile:", "  optimizer: {class_name: Adam, config: {learning_rate: 0.001}}", "  loss:"]
    lines.extend(f"    {n}: sparse_categorical_crossentropy" for n in names)
    lines.append("  loss_weights:")
    lines.extend(f"    {n}: 0.5" for n in names)
    lines.append("  metrics:")
    pool = ("accuracy", "sparse_top_k_categorical_accuracy", "SparseCategoricalAccuracy")
    for n in names:
        lines.append(f"    {n}:")
        lines.extend(f"      - {pool[j % 3]}" for j in range(metrics_per_output))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# code grown along one axis (the .py/.ipynb front end)


def notebook_cells(cells: int) -> str:
    """A notebook of `cells` code cells, each building `model` anew and compiling it: one name bound
    `cells` times, one compile() call per cell (each call must find its own cell's model)."""
    import json
    losses = ("mse", "binary_crossentropy", "sparse_categorical_crossentropy")
    code = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": [
        f"model = keras.Sequential([keras.layers.Dense({i % 5 + 1}, activation='softmax')])\n",
        f"model.compile(optimizer='adam', loss={losses[i % 3]!r}, metrics=['accuracy'])\n"]} for i in range(cells)]
    head = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": ["import keras\n"]}
    return json.dumps({"cells": [head] + code, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def rebound_script(assignments: int) -> str:
    """A script that assigns the loss variable `assignments` times, each followed by a compile() call."""
    lines = ["import keras", "model = keras.Sequential([keras.layers.Dense(1)])"]
    for i in range(assignments):
        lines += [f"loss = {('mse', 'mae', 'huber')[i % 3]!r}", f"model.compile(optimizer='adam', loss=loss)"]
    return "\n".join(lines) + "\n"
