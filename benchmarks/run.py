"""Issue 14's table, each row a ratio against its peer or floor measured in the same run.

    python benchmarks/run.py                 # every row (about two minutes on a quiet machine)
    python benchmarks/run.py --rounds 5      # fewer interleaved rounds
    python benchmarks/run.py --only startup,folder,big,memory,output,scaling
    python benchmarks/run.py --keras-python /path/to/keras3-venv/bin/python   # smoke vs Keras's fit too

CPU time (user+sys, of the process and its workers) is the measure a shared machine disturbs
least; wall time is printed beside it. Each row interleaves its commands round by round and
prints medians with their range [min-max]. Inputs are generated (benchmarks/corpus.py): a varied
corpus, never one spec copied. yamllint and check-jsonschema run as peers when installed.
The `.py`/`.ipynb` rows are in benchmarks/pyrows.py (ruff as their peer when installed); the
server and `smoke` rows, and the corpus table, are other benchmark scripts (benchmarks/bench_*.py):
they run at the end, each printing its own rows.
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from rows import ROWS, Context   # noqa: E402  (benchmarks/ is on sys.path)


def others(keras_python: str = "") -> None:
    """The other benchmark scripts (bench_*.py: the .py/.ipynb and smoke rows), each as its own process."""
    for script in sorted(glob.glob(os.path.join(HERE, "bench_*.py"))):
        print(f"\n== {os.path.basename(script)}", flush=True)
        extra = []
        if script.endswith("bench_corpus.py"):     # its 1,000-file comparison with ruff is the pyfiles row already
            extra = ["--no-ruff"]
        elif script.endswith("bench_smoke.py"):
            if keras_python:
                extra = ["--keras-python", keras_python]
            else:
                print("  (no Keras side: give --keras-python PATH or COMPILECLI_BENCH_KERAS_PYTHON, the python "
                      "of a venv with keras 3 and a backend, for smoke vs Keras per step)", flush=True)
        subprocess.run([sys.executable, script] + extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per row (default 7)")
    parser.add_argument("--count", type=int, default=1000, help="specs in the folder row (default 1,000)")
    parser.add_argument("--only", default="", help="comma-separated rows: " + ",".join(ROWS) + ",others")
    parser.add_argument("--keras-python", default=os.environ.get("COMPILECLI_BENCH_KERAS_PYTHON", ""),
                        help="python of a Keras 3 venv: the smoke row also runs Keras's fit per step")
    args = parser.parse_args()
    chosen = [name for name in args.only.split(",") if name] or list(ROWS) + ["others"]
    work = tempfile.mkdtemp(prefix="compilecli-bench-")
    try:
        context = Context(work, args.rounds, args.count)
        print(f"compilecli benchmarks: {os.cpu_count()} cores, {args.rounds} interleaved rounds, "
              f"CPU = user+sys, medians [min-max]", flush=True)
        context.warm()
        for name in chosen:
            if name in ROWS:
                ROWS[name](context)
        context.print_verdicts()
        if "others" in chosen:
            others(args.keras_python)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
