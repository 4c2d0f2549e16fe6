"""Pin two numerics details from real Keras 3 (issue 10 item 3): ConcordanceCorrelation's numbers on inputs
where Keras's float32 means matter, and the result dtype of the IoU metrics.

    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/golden/gen_dtype_pins.py --floatx float64
    KERAS_BACKEND=jax /path/to/keras3-venv/bin/python tools/golden/gen_dtype_pins.py --floatx float32

writes tests/numerics/golden/pins[.float32].json. Concordance inputs are seeded normals with a shared offset
(0, 10, 100, 1000) on y_true and y_pred: Keras sums its means in float32 even in float64 mode, so with an
offset a float64 mean gives other numbers beyond 1e-6 relative -- the cases tell the two apart. Each case has
the function's per-row values and the metric class's result after two updates. ``result_dtype``: the dtype
of ``result()`` per IoU class, probed in this float type.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from floatx_env import FLOATX, SUFFIX  # noqa: E402 - before Keras: it sets JAX's x64 mode

import numpy as np  # noqa: E402
import keras  # noqa: E402

keras.config.set_floatx(FLOATX)
OUT = Path(__file__).resolve().parents[2] / "tests" / "numerics" / "golden"
RNG = np.random.default_rng(20261201)
IOU = {"IoU": {"num_classes": 3, "target_class_ids": [0, 1]}, "MeanIoU": {"num_classes": 3},
       "BinaryIoU": {}, "OneHotIoU": {"num_classes": 3, "target_class_ids": [1]},
       "OneHotMeanIoU": {"num_classes": 3}}


def concordance_cases():
    cases = []
    for offset in (0.0, 10.0, 100.0, 1000.0):
        for index, (rows, cols) in enumerate(((8, 5), (16, 7), (4, 12))):
            first = [(RNG.normal(size=(rows, cols)) + offset, RNG.normal(size=(rows, cols)) * 2 + offset)
                     for _ in range(2)]
            y_true, y_pred = (np.asarray(a, dtype=FLOATX) for a in first[0])
            values = keras.metrics.concordance_correlation(y_true, y_pred)
            metric = keras.metrics.ConcordanceCorrelation()
            for t, p in first:
                metric.update_state(np.asarray(t, dtype=FLOATX), np.asarray(p, dtype=FLOATX))
            cases.append({"id": f"offset={offset:g}[{index}]", "updates": [[t.tolist(), p.tolist()] for t, p in first],
                          "function": np.asarray(values, dtype=np.float64).tolist(),
                          "function_dtype": str(np.asarray(values).dtype),
                          "metric": float(metric.result()), "metric_dtype": str(np.asarray(metric.result()).dtype)})
    return cases


def iou_result_dtypes():
    ids_t, ids_p = np.array([0, 1, 2, 1]), np.array([0, 1, 1, 1])
    inputs = {"IoU": (ids_t, ids_p), "MeanIoU": (ids_t, ids_p),
              "BinaryIoU": (np.array([0, 1, 1, 0.0]), np.array([0.2, 0.7, 0.4, 0.9])),
              "OneHotIoU": (np.eye(3)[ids_t], np.eye(3)[ids_p] * 0.9),
              "OneHotMeanIoU": (np.eye(3)[ids_t], np.eye(3)[ids_p] * 0.9)}
    found = {}
    for name, config in IOU.items():
        metric = getattr(keras.metrics, name)(**config)
        metric.update_state(*[np.asarray(a, dtype=FLOATX) for a in inputs[name]])
        found[name] = {"config": config, "inputs": [np.asarray(a).tolist() for a in inputs[name]],
                       "result": float(metric.result()), "result_dtype": str(np.asarray(metric.result()).dtype)}
    return found


def main():
    fixture = {"keras_version": keras.__version__, "backend": keras.backend.backend(), "floatx": FLOATX,
               "generated_by": "tools/golden/gen_dtype_pins.py --floatx " + FLOATX,
               "concordance": concordance_cases(), "iou": iou_result_dtypes()}
    path = OUT / f"pins{SUFFIX}.json"
    path.write_text(json.dumps(fixture, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}: {len(fixture['concordance'])} concordance cases, {len(fixture['iou'])} IoU classes")


if __name__ == "__main__":
    main()
