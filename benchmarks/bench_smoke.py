"""`compilecli smoke` per training step, against a numpy floor and Keras 3, measured in one run.

    python benchmarks/bench_smoke.py                                  # smoke vs the numpy floor
    python benchmarks/bench_smoke.py --keras-python /path/to/k3/bin/python   # ... and Keras 3 fit

The model is the 16 -> 32 -> 10 sparse softmax classifier of SPEC, batch 32, Adam. Three sides,
each timed inside its own process (start-up, imports, JIT compilation and data generation are
outside the timed region):

  floor  a flat-buffer numpy loop written for this one net (forward, loss, accuracy, backward,
         Adam on one flat vector), the least numpy can do per step;
  smoke  `Run.train()` of compilecli's trainer, built (data pool included) before the clock starts;
  keras  `model.fit` (jax, or the venv's KERAS_BACKEND) of the same model on the same pool, in a
         worker process of the given Keras venv, after a warm-up fit.

Per step = (T(2000 steps) - T(200 steps)) / 1800, so per-run costs (probe evaluations, fit's set-up)
cancel. Rounds are interleaved (floor, smoke, keras, floor, ...) so that the load of this shared
machine falls on all sides alike; each side reports CPU time (user+sys of its process, all threads)
and wall time, median and range over the rounds. Ratios are per round, then their median.
Goals (issue 14): smoke <= 1.2x the floor; smoke not slower than Keras per step. Prefer CPU time.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SPEC = """target: keras3
model:
  inputs: [16]
  outputs:
    - {name: out, units: 10, activation: softmax, labels: sparse}
compile:
  optimizer: {class_name: Adam, config: {learning_rate: 0.001}}
  loss: sparse_categorical_crossentropy
  metrics: [accuracy]
"""
BATCH, SHORT, LONG = 32, 200, 2000

# The Keras side: reads the pool from an .npz, then answers "steps" lines with {"cpu", "wall"}.
KERAS_WORKER = """
import json, sys, time, numpy as np, keras
data = np.load(sys.argv[1])
x, y, batch = data["x"], data["y"], int(sys.argv[2])
model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(32, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x[:20 * batch], y[:20 * batch], batch_size=batch, verbose=0)   # compiles the train step
print(json.dumps({"version": keras.__version__, "backend": keras.backend.backend()}), flush=True)
for line in sys.stdin:
    n = int(line) * batch
    reps = -(-n // len(x))
    xs, ys = np.concatenate([x] * reps)[:n], np.concatenate([y] * reps)[:n]   # outside the clock
    cpu, wall = time.process_time(), time.perf_counter()
    model.fit(xs, ys, batch_size=batch, epochs=1, shuffle=True, verbose=0)
    print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}), flush=True)
"""


def _clock(call):
    cpu, wall = time.process_time(), time.perf_counter()
    call()
    return {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}


def smoke_run(spec_path: str, steps: int):
    """A trainer Run, built (data pool and all) but not started."""
    from compilecli.smoke.api import prepare
    from compilecli.smoke.trainer import Run
    _, _, plan = prepare(spec_path, None, steps, BATCH, 32)
    return Run(plan, 0, BATCH, steps)


def time_smoke(spec_path: str, steps: int):
    run = smoke_run(spec_path, steps)
    return _clock(run.train)


def time_floor(spec_path: str, steps: int):
    """The numpy floor on the same pool and the same initial weights as smoke's Run."""
    import numpy as np
    run = smoke_run(spec_path, steps)
    x, y, net = run.x, run.ys[0], run.net
    flat = net.flat.copy()
    rng = np.random.default_rng(1)
    return _clock(lambda: floor_loop(np, x, y, flat, [p.shape for p in net.params], steps, rng))


def floor_loop(np, x, y, flat, shapes, steps, rng):
    """Hand-written for 16 -> 32 relu -> 10 softmax, sparse crossentropy (Keras's clip), Adam."""
    grad = np.zeros_like(flat)
    m, v = np.zeros_like(flat), np.zeros_like(flat)
    views, gviews, start = [], [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        views.append(flat[start:start + size].reshape(shape))
        gviews.append(grad[start:start + size].reshape(shape))
        start += size
    w1, b1, w2, b2 = views
    g1, gb1, g2, gb2 = gviews
    losses, accs = [], []
    rows = np.arange(BATCH)
    lr, beta_1, beta_2, eps = 0.001, 0.9, 0.999, 1e-7
    per_epoch = len(x) // BATCH
    for step in range(steps):
        if step % per_epoch == 0:
            order = rng.permutation(len(x))
            xe, ye = x[order], y[order]
        i = (step % per_epoch) * BATCH
        xb, yb = xe[i:i + BATCH], ye[i:i + BATCH]
        h = xb.dot(w1)
        h += b1
        np.maximum(h, 0.0, out=h)
        p = h.dot(w2)
        p += b2
        p -= p.max(axis=1, keepdims=True)
        np.exp(p, out=p)
        p /= p.sum(axis=1, keepdims=True)
        picked = p[rows, yb]
        losses.append(-float(np.log(np.clip(picked, 1e-7, 1 - 1e-7)).mean()))
        accs.append(int(np.count_nonzero(p.argmax(axis=1) == yb)) / BATCH)
        p[rows, yb] -= 1.0
        p /= BATCH
        np.dot(h.T, p, out=g2)
        p.sum(axis=0, out=gb2)
        dh = p.dot(w2.T)
        dh *= h > 0
        np.dot(xb.T, dh, out=g1)
        dh.sum(axis=0, out=gb1)
        t = step + 1
        alpha = lr * (1 - beta_2 ** t) ** 0.5 / (1 - beta_1 ** t)
        m += (grad - m) * (1 - beta_1)
        v += (grad * grad - v) * (1 - beta_2)
        flat -= m * alpha / (np.sqrt(v) + eps)
    return losses, accs


class KerasWorker:
    def __init__(self, python: str, spec_path: str):
        import numpy as np
        run = smoke_run(spec_path, LONG)
        self.tmp = tempfile.TemporaryDirectory()
        pool = os.path.join(self.tmp.name, "pool.npz")
        np.savez(pool, x=run.x, y=run.ys[0])
        env = dict(os.environ, KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "jax"))
        self.proc = subprocess.Popen([python, "-c", KERAS_WORKER, pool, str(BATCH)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env)
        self.name = self._read()

    def _read(self):
        line = self.proc.stdout.readline()
        if not line:
            sys.exit(f"the Keras worker failed (exit {self.proc.wait()}); see its stderr above")
        return json.loads(line)

    def time(self, steps: int):
        self.proc.stdin.write(f"{steps}\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()
        self.tmp.cleanup()


def per_step(short, long):
    return {k: (long[k] - short[k]) / (LONG - SHORT) for k in ("cpu", "wall")}


def summary(values):
    values = sorted(values)
    return statistics.median(values), values[0], values[-1]


def measure(rounds: int, keras_python=None):
    """{side: [per-step {"cpu", "wall"} per round]}, and the Keras worker's name (or None)."""
    with tempfile.TemporaryDirectory() as tmp:
        spec = os.path.join(tmp, "classifier.yaml")
        Path(spec).write_text(SPEC, encoding="utf-8")
        sides = {"floor": lambda n: time_floor(spec, n), "smoke": lambda n: time_smoke(spec, n)}
        worker = None
        if keras_python:
            worker = KerasWorker(keras_python, spec)
            sides["keras"] = worker.time
        for timer in sides.values():   # warm-up: first-call costs out of the way
            timer(SHORT)
        found = {side: [] for side in sides}
        try:
            for _ in range(rounds):
                for side, timer in sides.items():
                    found[side].append(per_step(timer(SHORT), timer(LONG)))
        finally:
            if worker is not None:
                worker.close()
        return found, (worker.name if worker else None)


def report(found, keras_name=None) -> str:
    lines = [f"per training step (16->32->10, batch {BATCH}, Adam), {len(found['smoke'])} interleaved rounds:"]
    for side, rows in found.items():
        label = side if side != "keras" or not keras_name else \
            f"keras {keras_name['version']} ({keras_name['backend']})"
        cpu, wall = summary([r["cpu"] * 1e6 for r in rows]), summary([r["wall"] * 1e6 for r in rows])
        lines.append(f"  {label:<22} CPU {cpu[0]:7.1f} us [{cpu[1]:.1f}-{cpu[2]:.1f}]   "
                     f"wall {wall[0]:7.1f} us [{wall[1]:.1f}-{wall[2]:.1f}]")

    def ratio(a, b, kind):
        return summary([x[kind] / y[kind] for x, y in zip(found[a], found[b])])

    for kind in ("cpu", "wall"):
        r = ratio("smoke", "floor", kind)
        lines.append(f"  smoke / floor ({kind}) : {r[0]:5.2f}x [{r[1]:.2f}-{r[2]:.2f}]  (goal <= 1.2x)")
        if "keras" in found:
            r = ratio("smoke", "keras", kind)
            lines.append(f"  smoke / keras ({kind}) : {r[0]:5.2f}x [{r[1]:.2f}-{r[2]:.2f}]  (goal <= 1.0x)")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keras-python", help="python of a Keras 3 venv; without it, no Keras side")
    args = parser.parse_args([] if argv is None else argv)
    found, name = measure(args.rounds, args.keras_python)
    print(report(found, name))


if __name__ == "__main__":
    main(sys.argv[1:])
