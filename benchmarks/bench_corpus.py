#!/usr/bin/env python
"""compile() calls in real public code (tests/corpus/): how much is read, inferred, reported, how fast.

    python benchmarks/bench_corpus.py [--rounds 3] [CORPUS ...]

Per corpus (see tests/corpus/manifest.json for repository, commit and target): how often the target
inferred from the code alone is the manifest's, files, calls,
calls fully read / partly / not at all, arguments accounted for, calls with inferred outputs,
errors, warnings, and calls per second of CPU time (user+sys of this process, load + check,
median of the rounds, range in brackets), each corpus checked with its manifest target. Then, when
ruff is installed, ``compilecli check`` on 1,000 .py files made from the corpus against
``ruff check`` on the same files (CPU of the child processes, interleaved rounds).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, os.pardir, "tests", "corpus")
sys.path.insert(0, os.path.join(HERE, os.pardir, "src"))


def check_corpus(name: str, entry: dict):
    from compilecli.checker import check_file
    results = []
    for path in entry["files"]:
        if path.endswith((".py", ".ipynb")):
            results.extend(check_file(os.path.join(CORPUS, name, path), entry["target"]))
    return results


def figures(name: str, entry: dict) -> dict:
    from compilecli.load.python_calls.coverage import arguments, call_state
    results = check_corpus(name, entry)
    calls = [r for r in results if r.loaded is not None and r.loaded.code]
    states = [call_state(r.loaded.code) for r in calls]
    accounted = [arguments(r.loaded.code) for r in calls]
    return {
        "files": sum(1 for p in entry["files"] if p.endswith((".py", ".ipynb"))),
        "calls": len(calls),
        "full": states.count("full"), "partly": states.count("partly"), "none": states.count("none"),
        "arguments": sum(t for _a, t in accounted), "accounted": sum(a for a, _t in accounted),
        "outputs": sum(1 for r in calls if r.loaded.code["outputs"].get("inferred")),
        "errors": sum(r.errors for r in results), "warnings": sum(r.warnings for r in results),
        "target_inferred": inferred_targets(name, entry),
    }


def inferred_targets(name: str, entry: dict) -> int:
    """Calls whose target, inferred from the code and pins alone (no --target), is the manifest's."""
    from compilecli.load.notebook import load_notebook_file
    from compilecli.load.python_calls import load_python_file
    hits = 0
    for path in entry["files"]:
        loader = load_python_file if path.endswith(".py") else load_notebook_file if path.endswith(".ipynb") else None
        if loader is not None:
            hits += sum(1 for spec in loader(os.path.join(CORPUS, name, path)) if spec.code
                        and spec.code["target"].get("target") == entry["target"])
    return hits


def cpu_seconds(fn) -> float:
    start = os.times()
    fn()
    end = os.times()
    return (end.user - start.user) + (end.system - start.system)


def python_files(manifest: dict, folder: str, count: int, notebooks: bool = True) -> int:
    """``count`` .py files in folder: the corpus scripts and the code cells of its notebooks (IPython
    lines dropped), cycled with a numbered header so that no two files are byte-identical."""
    from compilecli.load.notebook import cell_source, ipython_to_python
    sources = []
    for name, entry in manifest.items():
        for path in entry["files"]:
            full = os.path.join(CORPUS, name, path)
            if path.endswith(".py"):
                with open(full, encoding="utf-8") as handle:
                    sources.append(handle.read())
            elif path.endswith(".ipynb") and notebooks:
                with open(full, encoding="utf-8") as handle:
                    cells = json.load(handle).get("cells", [])
                code = [ipython_to_python(cell_source(c)) for c in cells if c.get("cell_type") == "code"]
                sources.append("\n\n".join(c[0] for c in code if c is not None))
    for number in range(count):
        with open(os.path.join(folder, f"script_{number:04d}.py"), "w", encoding="utf-8") as handle:
            handle.write(f"# corpus file {number}\n" + sources[number % len(sources)])
    return len(sources)


#: The floor for any ast-based checker: read and parse every file, nothing else -- as compilecli parses
#: (the collector paused, checker/GcPaused; each tree freed before the next file is read). With the
#: collector running, the floor would count ~0.5 s of collections per 1,000 files that no checker pays.
FLOOR = "import ast, gc, sys\ngc.disable()\nfor path in sys.argv[1:]:\n    try:\n" \
        "        ast.parse(open(path, 'rb').read())\n    except SyntaxError:\n        pass\n"


def parse_floor(manifest: dict):
    """A function that parses the code of every corpus file (its .py files, its notebooks' code cells) as
    the checker does (collector paused, trees freed): what the calls-per-second row cannot go below."""
    import ast
    import gc
    from compilecli.load.notebook import cell_source, ipython_to_python
    sources = []
    for name, entry in manifest.items():
        for path in entry["files"]:
            full = os.path.join(CORPUS, name, path)
            with open(full, encoding="utf-8") as handle:
                if path.endswith(".py"):
                    sources.append(handle.read())
                elif path.endswith(".ipynb"):
                    cells = [c for c in json.load(handle).get("cells", []) if c.get("cell_type") == "code"]
                    sources += [code[0] for code in map(ipython_to_python, map(cell_source, cells)) if code]

    def parse_all() -> None:
        gc.disable()
        try:
            for text in sources:
                try:
                    ast.parse(text)
                except SyntaxError:
                    pass
        finally:
            gc.enable()
    return parse_all


def child_cpu(command) -> float:
    import subprocess
    start = os.times()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    end = os.times()
    return (end.children_user - start.children_user) + (end.children_system - start.children_system)


def versus_ruff(manifest: dict, rounds: int, count: int = 1000, notebooks: bool = True) -> None:
    """compilecli check on 1,000 .py files against ruff check on the same files, same run, interleaved."""
    import shutil
    import tempfile
    ruff = shutil.which("ruff")
    if ruff is None:
        print("ruff: not installed (pip install ruff), 1,000-file comparison skipped")
        return
    with tempfile.TemporaryDirectory() as folder:
        distinct = python_files(manifest, folder, count, notebooks)
        size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) // 1024
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
        ours = [sys.executable, "-m", "compilecli", "check", "--isolated", *files]
        theirs = [ruff, "check", "--isolated", "--no-cache", "--exit-zero", "-q", folder]
        floor = [sys.executable, "-c", FLOOR, *files]
        times = {"compilecli": [], "ruff": [], "floor": []}
        for _ in range(rounds):
            times["compilecli"].append(child_cpu(ours))
            times["ruff"].append(child_cpu(theirs))
            times["floor"].append(child_cpu(floor))
    ratio = statistics.median(times["compilecli"]) / max(statistics.median(times["ruff"]), 1e-9)
    what = "scripts and notebooks' code" if notebooks else "scripts"
    floor_ratio = statistics.median(times["floor"]) / max(statistics.median(times["ruff"]), 1e-9)
    print(f"{count} .py files ({what}: {distinct} distinct sources, {size} KB), CPU user+sys, median [range] of {rounds}: "
          f"compilecli {_ms(times['compilecli'])}, ruff {_ms(times['ruff'])}: {ratio:.1f}x ruff (goal <= 3x); "
          f"the floor, ast.parse of every file alone: {_ms(times['floor'])} = {floor_ratio:.1f}x ruff")


def _ms(values) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms [{min(values) * 1000:.0f}-{max(values) * 1000:.0f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-ruff", action="store_true", help="skip the 1,000-file comparison with ruff")
    parser.add_argument("corpora", nargs="*")
    args = parser.parse_args()
    with open(os.path.join(CORPUS, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)["corpora"]
    names = args.corpora or list(manifest)
    check_corpus(names[0], manifest[names[0]])              # warm the catalogue up
    header = ("corpus", "target", "inferred", "files", "calls", "full", "partly", "none", "args accounted", "outputs",
              "errors", "warnings", "calls/s CPU")
    rows, totals = [], {}
    times = {name: [] for name in names}
    for _ in range(args.rounds):                             # interleaved rounds
        for name in names:
            times[name].append(cpu_seconds(lambda: check_corpus(name, manifest[name])))
    for name in names:
        got = figures(name, manifest[name])
        for key, value in got.items():
            totals[key] = totals.get(key, 0) + value
        speeds = [got["calls"] / t for t in times[name] if t > 0]
        rows.append((name, manifest[name]["target"], f"{got['target_inferred']}/{got['calls']}", got["files"], got["calls"], got["full"], got["partly"],
                     got["none"], f"{got['accounted']}/{got['arguments']} ({100 * got['accounted'] / max(got['arguments'], 1):.0f}%)",
                     f"{got['outputs']} ({100 * got['outputs'] / max(got['calls'], 1):.0f}%)", got["errors"],
                     got["warnings"], _speed(speeds)))
    all_time = [sum(times[n][i] for n in names) for i in range(args.rounds)]
    rows.append(("all", "", f"{totals['target_inferred']}/{totals['calls']}", totals["files"], totals["calls"], totals["full"], totals["partly"], totals["none"],
                 f"{totals['accounted']}/{totals['arguments']} ({100 * totals['accounted'] / max(totals['arguments'], 1):.0f}%)",
                 f"{totals['outputs']} ({100 * totals['outputs'] / max(totals['calls'], 1):.0f}%)", totals["errors"],
                 totals["warnings"], _speed([totals["calls"] / t for t in all_time if t > 0])))
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
    print("inferred: calls whose target from the code and pins alone (no --target) is the manifest's")
    if not args.no_ruff:
        versus_ruff(manifest, args.rounds, notebooks=False)
        versus_ruff(manifest, args.rounds, notebooks=True)
    return 0


def _speed(speeds) -> str:
    if not speeds:
        return "-"
    return f"{statistics.median(speeds):.0f} [{min(speeds):.0f}-{max(speeds):.0f}]"


if __name__ == "__main__":
    sys.exit(main())
