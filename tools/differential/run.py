#!/usr/bin/env python
"""Run generated specs in real Keras through persistent workers; append raw observations as JSON lines.

    python tools/differential/run.py --k3 /path/k3/bin/python --tf2 /path/tf2/bin/python \\
        --out obs.jsonl specs.keras3.jsonl specs.tf2.jsonl

At most --workers (2) worker processes at once, each `nice -n 10`: one per target while both have work, then
both on what is left. Resumable: ids already in --out are skipped. A spec that takes longer than --timeout
seconds kills its worker (recorded as `timeout`, the worker restarted). Needs only the standard library;
`label.py` turns the observations into verdicts.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import selectors
import subprocess
import sys
import time

WORKER = pathlib.Path(__file__).resolve().parent / "worker.py"


class Worker:
    def __init__(self, target, python):
        env = dict(os.environ, KERAS_BACKEND="jax", TF_CPP_MIN_LOG_LEVEL="3", PYTHONUNBUFFERED="1",
                   XLA_FLAGS="--xla_cpu_multi_thread_eigen=false --xla_backend_optimization_level=0 "
                   "--xla_llvm_disable_expensive_passes=true",
                   OMP_NUM_THREADS="1", TF_NUM_INTRAOP_THREADS="1", TF_NUM_INTEROP_THREADS="1")
        self.target = target
        self.proc = subprocess.Popen(["nice", "-n", "10", python, str(WORKER), "--target", target],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, env=env, bufsize=1)
        self.ready = json.loads(self.proc.stdout.readline())
        self.job, self.started = None, 0.0

    def send(self, spec):
        self.job, self.started = spec, time.monotonic()
        req = {"id": spec["id"], "text": spec["text"], "control": spec.get("control")}
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()

    def kill(self):
        self.proc.kill()
        self.proc.wait()


def load(paths):
    specs = []
    for p in paths:
        specs += [json.loads(line) for line in pathlib.Path(p).read_text(encoding="utf-8").splitlines() if line]
    return specs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--k3", required=True, help="python of the Keras 3 venv")
    ap.add_argument("--tf2", required=True, help="python of the tf.keras 2.15 venv")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=180)
    ap.add_argument("--inbox", help="a folder polled for more *.jsonl spec files, run first (probes)")
    args = ap.parse_args(argv)
    out = pathlib.Path(args.out)
    done = {json.loads(line)["id"] for line in out.read_text().splitlines() if line} if out.exists() else set()
    queues = {"keras3": [], "tf2": []}
    for s in load(args.specs):
        if s["id"] not in done:
            queues[s["target"]].append(s)
    pythons = {"keras3": args.k3, "tf2": args.tf2}
    workers, sel = [], selectors.DefaultSelector()
    t0, count = time.monotonic(), 0
    with out.open("a", encoding="utf-8") as sink:
        while any(queues.values()) or any(w.job for w in workers) or args.inbox:
            if args.inbox:
                take_inbox(pathlib.Path(args.inbox), queues)
                if not (any(queues.values()) or any(w.job for w in workers)):
                    time.sleep(2)
            while len(workers) < args.workers and any(queues.values()):
                busy = [w.target for w in workers]
                target = next((t for t in queues if queues[t] and t not in busy), None) or \
                    max(queues, key=lambda t: len(queues[t]))
                w = Worker(target, pythons[target])
                workers.append(w)
                sel.register(w.proc.stdout, selectors.EVENT_READ, w)
            starving = [t for t in queues if queues[t] and t not in {w.target for w in workers}]
            for w in list(workers):
                twin = sum(1 for v in workers if v.target == w.target) > 1
                if w.job is None and starving and twin:      # give the slot to the target without a worker
                    restart(w, workers, sel)
                    starving = []
                elif w.job is None and queues[w.target]:
                    w.send(queues[w.target].pop(0))
            for w in [w for w in workers if w.job is None and not queues[w.target]]:
                sel.unregister(w.proc.stdout)
                w.kill()
                workers.remove(w)
            for key, _ in sel.select(timeout=5):
                w = key.data
                line = w.proc.stdout.readline()
                rec = json.loads(line) if line else {"id": w.job["id"], "worker_error": "worker died"}
                rec["seconds"] = round(time.monotonic() - w.started, 2)
                sink.write(json.dumps(rec) + "\n")
                sink.flush()
                count += 1
                if not line:
                    restart(w, workers, sel)
                else:
                    w.job = None
            for w in [w for w in workers if w.job and time.monotonic() - w.started > args.timeout]:
                sink.write(json.dumps({"id": w.job["id"], "worker_error": "timeout"}) + "\n")
                restart(w, workers, sel)
            if count and count % 50 == 0:
                print(f"{count} done, {time.monotonic() - t0:.0f}s, left "
                      + ", ".join(f"{t} {len(q)}" for t, q in queues.items()), file=sys.stderr, flush=True)
    print(f"{count} specs in {time.monotonic() - t0:.0f}s", file=sys.stderr)


def take_inbox(folder, queues):
    for path in sorted(folder.glob("*.jsonl")):
        specs = load([path])
        path.rename(path.with_suffix(".taken"))
        for s in reversed(specs):
            queues[s["target"]].insert(0, s)


def restart(w, workers, sel):
    sel.unregister(w.proc.stdout)
    w.kill()
    workers.remove(w)


if __name__ == "__main__":
    main()
