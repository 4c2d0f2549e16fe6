"""Benchmark `compilecli smoke` on a 16 -> 32 -> 10 sparse classifier, 200 steps.

    python benchmarks/bench_smoke.py                          # compilecli's figures alone
    KERAS_BACKEND=jax /path/to/keras-venv/bin/python benchmarks/bench_smoke.py

When `import keras` works in this interpreter, Keras 3 `fit` of the same model on
the same data (one epoch of steps * batch samples, batch 32) is timed in the same
run, each side as a fresh process, for 200 and 2,000 steps. Printed ratios:
  end-to-end speedup  = Keras fit 200 steps / compilecli smoke 200 steps   (goal >= 8x)
  per-step cost ratio = Keras (t2000 - t200) / compilecli (t2000 - t200)   (goal >= 3x)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

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

# Keras side: the same teacher data compilecli trains on (compilecli.smoke.data), then fit.
KERAS_FIT = """
import sys, numpy as np, keras
from compilecli.smoke.data import Teacher, make_data
steps, batch = int(sys.argv[1]), 32
rng = np.random.default_rng(0)
teacher = Teacher(16, [10], rng)
x, (y,) = make_data(teacher, ["sparse"], steps * batch, rng)
model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(32, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=batch, epochs=1, shuffle=True, verbose=0)
"""


def wall(cmd, repeat: int, env=None) -> float:
    """Fastest of `repeat` runs after one warm-up (the least disturbed by other load); a failing run aborts."""
    times = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        if done.returncode not in (0, 1):   # smoke exits 1 for "does not train"; a crash is 2+
            sys.exit(f"benchmark command failed (exit {done.returncode}): {' '.join(cmd)}\n{done.stderr[-800:]}")
        if i:
            times.append(time.perf_counter() - start)
    return min(times)


# Per-step cost, measured inside one process after a warm-up (so JIT compilation and start-up are
# out of it): the time of a 2,000-step fit minus that of a 200-step fit, over 1,800. Separate
# processes would bury a few hundred milliseconds of difference under seconds of start-up noise.
KERAS_STEPS = """
import json, sys, time, numpy as np, keras
from compilecli.smoke.data import Teacher, make_data
repeat, batch = int(sys.argv[1]), 32
rng = np.random.default_rng(0)
x, (y,) = make_data(Teacher(16, [10], rng), ["sparse"], 2000 * batch, rng)
model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(32, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x[:20 * batch], y[:20 * batch], batch_size=batch, verbose=0)   # compiles the train step
best = {}
for steps in (200, 2000):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        model.fit(x[:steps * batch], y[:steps * batch], batch_size=batch, epochs=1, shuffle=True, verbose=0)
        times.append(time.perf_counter() - start)
    best[steps] = min(times)
print(json.dumps(best))
"""


def per_step_ours(spec: str, repeat: int) -> float:
    from compilecli.smoke.api import smoke_path
    smoke_path(spec, steps=20)   # imports and first-call costs out of the way
    best = {steps: min(_timed(lambda: smoke_path(spec, steps=steps)) for _ in range(repeat)) for steps in (200, 2000)}
    return (best[2000] - best[200]) / 1800


def per_step_keras(repeat: int, env) -> float:
    import json
    done = subprocess.run([sys.executable, "-c", KERAS_STEPS, str(repeat)], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"keras per-step run failed: {done.stderr[-800:]}")
    best = json.loads(done.stdout.strip().splitlines()[-1])
    return (best["2000"] - best["200"]) / 1800


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def keras_available() -> bool:
    try:
        import keras  # noqa: F401
    except Exception:   # not installed, or its backend is missing: compilecli's figures alone
        return False
    return True


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args([] if argv is None else argv)
    env = dict(os.environ, NO_COLOR="1")
    with tempfile.TemporaryDirectory() as tmp:
        spec = os.path.join(tmp, "classifier.yaml")
        with open(spec, "w", encoding="utf-8") as f:
            f.write(SPEC)
        smoke = lambda steps: [sys.executable, "-m", "compilecli", "smoke", spec,  # noqa: E731
                               "--steps", str(steps), "--format", "json"]
        ours = {steps: wall(smoke(steps), args.repeat, env) for steps in (200, 2000)}
        ours_step = per_step_ours(spec, args.repeat)
    print(f"compilecli smoke, 200 steps  : {ours[200] * 1000:8.1f} ms end to end")
    print(f"compilecli smoke, 2000 steps : {ours[2000] * 1000:8.1f} ms end to end")
    print(f"compilecli per step (in process, 2000-200) : {ours_step * 1e6:7.1f} us")
    if not keras_available():
        print("keras is not importable here: no Keras comparison (run under a Keras 3 venv for the ratios)")
        return
    fit = lambda steps: [sys.executable, "-c", KERAS_FIT, str(steps)]  # noqa: E731
    theirs = {steps: wall(fit(steps), args.repeat, env) for steps in (200, 2000)}
    theirs_step = per_step_keras(args.repeat, env)
    import keras
    name = f"keras {keras.__version__} fit ({keras.backend.backend()})"
    print(f"{name}, 200 steps  : {theirs[200] * 1000:8.1f} ms end to end")
    print(f"{name}, 2000 steps : {theirs[2000] * 1000:8.1f} ms end to end")
    print(f"{name} per step (in process, 2000-200) : {theirs_step * 1e6:7.1f} us")
    print(f"end-to-end speedup (200 steps) : {theirs[200] / ours[200]:6.1f}x  (goal >= 8x)")
    print(f"per-step cost ratio            : {theirs_step / ours_step:6.1f}x  (goal >= 3x)")


if __name__ == "__main__":
    main(sys.argv[1:])
