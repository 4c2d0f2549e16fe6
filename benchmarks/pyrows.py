"""The `.py`/`.ipynb` rows of issue 14's table (see run.py), each a ratio measured in the same run:
`check train.py` against `import click, ast` (and ruff), a notebook cell of 20,000 compile() calls,
1,000 .py files against ruff and the `ast.parse` floor, and compile() calls per CPU-second on the
real-code corpus (tests/corpus)."""
from __future__ import annotations

import json
import os
import random

import bench_corpus
import measure
from measure import Stat, cpu, interleave, ratio, wall
from rows import PY, Context, heading, peer

SCRIPT = os.path.join(bench_corpus.CORPUS, "keras3-guides", "examples", "demo_mnist_convnet.py")
OPTIMIZERS = ("adam", "sgd", "rmsprop", "nadam", "adamw", "adagrad")
LOSSES = ("mse", "mae", "huber", "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy")


def _manifest() -> dict:
    with open(os.path.join(bench_corpus.CORPUS, "manifest.json"), encoding="utf-8") as handle:
        return json.load(handle)["corpora"]


def pystart(ctx: Context) -> None:
    heading("check train.py: start-up for a script (no YAML parser)")
    script = ctx.path("train.py")
    with open(SCRIPT, encoding="utf-8") as source, open(script, "w", encoding="utf-8") as handle:
        handle.write(source.read())
    probes = {"pass": ctx.run([PY, "-c", "pass"]), "click_ast": ctx.run([PY, "-c", "import click, ast"]),
              "check": ctx.run(ctx.check(script))}
    ruff = peer("ruff")
    if ruff:
        probes["ruff"] = ctx.run([ruff, "check", "--isolated", "--no-cache", "--exit-zero", "-q", script])
    runs = interleave(probes, max(ctx.rounds * 2, 10))
    for name in probes:
        print(f"  {name:12s} CPU {cpu(runs[name]).ms():28s} wall {wall(runs[name]).ms()}")
    print(f"  check / click+ast   CPU {ratio(runs['check'], runs['click_ast'])}   (goal <= 1.3x)")
    if ruff:
        print(f"  check / ruff        CPU {ratio(runs['check'], runs['ruff'])}")
    value = cpu(runs["check"]).median / cpu(runs["click_ast"]).median
    ctx.verdict("check train.py / import click, ast (CPU)", f"{value:.2f}x, goal <= 1.3x", value <= 1.3)


def cell_notebook(calls: int) -> dict:
    """One code cell: an import, a model, then `calls` varied compile() calls (short: the file stays < 1 MB)."""
    rng = random.Random(14)
    lines = ["import keras\n", "model = keras.Sequential([keras.layers.Dense(1)])\n"]
    lines += [f"model.compile({rng.choice(OPTIMIZERS)!r}, {rng.choice(LOSSES)!r})\n" for _ in range(calls)]
    return {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                       "source": lines}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def distinct_notebook(calls: int) -> dict:
    """Like ``cell_notebook`` but no two calls alike (each its own loss weight): every call is resolved and
    checked, none shares another's check (checker/memo.py). Shown beside the row, for what the memo buys."""
    rng = random.Random(14)
    source = "import keras\nm = keras.Sequential([keras.layers.Dense(1)])\n" + "".join(
        f"m.compile({rng.choice(OPTIMIZERS[:3])!r},{rng.choice(LOSSES[:3])!r},loss_weights=[{n}])\n"
        for n in range(calls))
    return {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                       "source": source}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def cell(ctx: Context) -> None:
    heading("a notebook cell with 20,000 compile() calls (and 2,000: linear; 20,000 distinct ones)")
    probes = {}
    for calls, make in ((2000, cell_notebook), (20000, cell_notebook), ("20,000 distinct", distinct_notebook)):
        path = ctx.path(f"cell_{calls}.ipynb".replace(",", "").replace(" ", "_"))
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(make(20000 if isinstance(calls, str) else calls), handle)
        probes[calls] = ctx.run(ctx.check(path))
    runs = interleave(probes, max(3, ctx.rounds // 2))
    for calls in probes:
        label = f"{calls:6,} calls" if isinstance(calls, int) else calls
        print(f"  {label:15s} CPU {cpu(runs[calls]).s():26s} wall {wall(runs[calls]).s()}")
    print(f"  20,000 / 2,000 calls: CPU {ratio(runs[20000], runs[2000])} (input 10x; start-up included)")
    value = cpu(runs[20000]).median
    ctx.verdict("notebook cell of 20,000 compile() calls, CPU", f"{value:.2f} s, goal < 2 s", value < 2.0)


def pyfiles(ctx: Context) -> None:
    heading("1,000 .py files (corpus scripts) against ruff and the ast.parse floor")
    folder = ctx.path("py_1000")
    os.makedirs(folder, exist_ok=True)
    distinct = bench_corpus.python_files(_manifest(), folder, 1000, notebooks=False)
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder))
    probes = {"check": ctx.run(ctx.check(*files)),
              "floor": ctx.run([PY, "-c", bench_corpus.FLOOR, *files])}
    ruff = peer("ruff")
    if ruff:
        probes["ruff"] = ctx.run([ruff, "check", "--isolated", "--no-cache", "--exit-zero", "-q", folder])
    runs = interleave(probes, max(3, ctx.rounds // 2))
    print(f"  ({distinct} distinct sources)")
    for name, label in (("check", "compilecli check"), ("floor", "ast.parse of every file alone"), ("ruff", "ruff check")):
        if name in runs:
            print(f"  {label:32s} CPU {cpu(runs[name]).s():26s} wall {wall(runs[name]).s()}")
    if not ruff:
        print("  (pip install ruff to run the peer)")
        return
    print(f"  check / ruff  CPU {ratio(runs['check'], runs['ruff'])}   (goal <= 3x)")
    print(f"  floor / ruff  CPU {ratio(runs['floor'], runs['ruff'])}   (what any ast-based checker pays)")
    floor = cpu(runs["floor"]).median / cpu(runs["ruff"]).median
    print(f"  the goal leaves {3.0 - floor:+.2f}x ruff for everything but ast.parse (compilecli spends "
          f"{(cpu(runs['check']).median - cpu(runs['floor']).median) / cpu(runs['ruff']).median:.2f}x)")
    value = cpu(runs["check"]).median / cpu(runs["ruff"]).median
    ctx.verdict("1,000 .py files / ruff (CPU)", f"{value:.1f}x, goal <= 3x (ast.parse alone {floor:.1f}x)",
                value <= 3.0)


def calls(ctx: Context) -> None:
    heading("compile() calls per CPU-second on the real-code corpus (in process, after warm-up)")
    manifest = _manifest()
    count = sum(1 for name, entry in manifest.items() for result in bench_corpus.check_corpus(name, entry)
                if result.loaded is not None and result.loaded.code)     # (also the warm-up)

    def every():
        for name, entry in manifest.items():
            bench_corpus.check_corpus(name, entry)
    parse_all = bench_corpus.parse_floor(manifest)
    runs = interleave({"corpus": lambda: measure.call(every), "parse": lambda: measure.call(parse_all)},
                      max(3, ctx.rounds // 2))
    rates = Stat([count / max(sample.cpu, 1e-9) for sample in runs["corpus"]])
    cap = Stat([count / max(sample.cpu, 1e-9) for sample in runs["parse"]])
    print(f"  {count} calls in {sum(len(e['files']) for e in manifest.values())} files: "
          f"{rates.median:.0f} calls/CPU-s [{rates.low:.0f}-{rates.high:.0f}]   CPU {cpu(runs['corpus']).s()}")
    print(f"  ast.parse of the same code alone: {cap.median:.0f} calls/CPU-s [{cap.low:.0f}-{cap.high:.0f}]"
          f"   CPU {cpu(runs['parse']).s()}   (no ast-based checker goes above it)")
    ctx.verdict("compile() calls per CPU-second, real-code corpus", f"{rates.median:.0f}, goal >= 1,000",
                rates.median >= 1000)


PY_ROWS = {"pystart": pystart, "cell": cell, "pyfiles": pyfiles, "calls": calls}
