"""Benchmarks for `compilecli check`, each a ratio against a baseline measured in the same run.

    python benchmarks/run.py            # latency vs bare `python -c pass`, throughput on 1,000 specs
    python benchmarks/run.py --smoke    # also `compilecli smoke` (against Keras 3 fit when importable)

Goals (issue 3): one-spec latency <= 6x bare python; >= 1,000 specs/s on a folder of 1,000 specs.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def wall(cmd, repeat: int) -> float:
    """Median wall time of running cmd `repeat` times (after one warm-up run)."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compilecli_cmd():
    script = shutil.which("compilecli")
    return [script] if script else [sys.executable, "-m", "compilecli"]


def latency(repeat: int) -> None:
    spec = str(SAMPLES / "mnist_classifier.yaml")
    probe = subprocess.run(compilecli_cmd() + ["check", spec], capture_output=True, text=True)
    if probe.returncode != 0:
        sys.exit(f"`compilecli check {spec}` failed (exit {probe.returncode}): {probe.stderr[-500:]}")
    bare = wall([sys.executable, "-c", "pass"], repeat)
    one = wall(compilecli_cmd() + ["check", spec], repeat)
    print(f"check latency, one spec : {one * 1000:7.1f} ms   bare python: {bare * 1000:6.1f} ms"
          f"   ratio {one / bare:4.2f}x  (goal <= 6x)")


def throughput(count: int) -> None:
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            src = sources[i % len(sources)]
            shutil.copy(src, os.path.join(tmp, f"spec_{i:05d}{src.suffix}"))
        runs = []
        for _ in range(3):   # best of three: one run is at the mercy of whatever else the machine does
            start = time.perf_counter()
            done = subprocess.run(compilecli_cmd() + ["check", "--format", "json", tmp], capture_output=True, text=True)
            runs.append(time.perf_counter() - start)
            checked = json.loads(done.stdout)["summary"]["files"] if done.returncode in (0, 1) else 0
            if checked != count:   # a crash must not pass for speed
                sys.exit(f"benchmark run failed (exit {done.returncode}): {done.stderr[-500:]}")
        elapsed = min(runs)
        bare = wall([sys.executable, "-c", "pass"], 3)
    print(f"check throughput        : {count / elapsed:7.0f} specs/s ({count} specs in {elapsed:.2f} s, best of 3, "
          f"{elapsed / bare:.1f}x one bare python start)  (goal >= 1,000 specs/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--smoke", action="store_true", help="also benchmark `compilecli smoke`")
    args = parser.parse_args()
    latency(args.repeat)
    throughput(args.count)
    if args.smoke:
        from bench_smoke import main as smoke_main  # noqa: E402  (benchmarks/ is on sys.path when run as a script)
        smoke_main()


if __name__ == "__main__":
    main()
