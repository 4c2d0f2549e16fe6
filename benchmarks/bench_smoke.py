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
    ours_step = (ours[2000] - ours[200]) / 1800
    print(f"compilecli smoke, 200 steps  : {ours[200] * 1000:8.1f} ms end to end")
    print(f"compilecli smoke, 2000 steps : {ours[2000] * 1000:8.1f} ms   per step {ours_step * 1e6:7.1f} us")
    if not keras_available():
        print("keras is not importable here: no Keras comparison (run under a Keras 3 venv for the ratios)")
        return
    fit = lambda steps: [sys.executable, "-c", KERAS_FIT, str(steps)]  # noqa: E731
    theirs = {steps: wall(fit(steps), args.repeat, env) for steps in (200, 2000)}
    theirs_step = (theirs[2000] - theirs[200]) / 1800
    import keras
    print(f"keras {keras.__version__} fit ({keras.backend.backend()}), 200 steps  : {theirs[200] * 1000:8.1f} ms")
    print(f"keras {keras.__version__} fit ({keras.backend.backend()}), 2000 steps : {theirs[2000] * 1000:8.1f} ms"
          f"   per step {theirs_step * 1e6:7.1f} us")
    print(f"end-to-end speedup (200 steps) : {theirs[200] / ours[200]:6.1f}x  (goal >= 8x)")
    print(f"per-step cost ratio            : {theirs_step / ours_step:6.1f}x  (goal >= 3x)")


if __name__ == "__main__":
    main(sys.argv[1:])
