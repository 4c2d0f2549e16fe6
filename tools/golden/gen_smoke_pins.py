"""Pin `compilecli smoke`'s numbers: run a set of specs and record every history value.

Not a Keras fixture: the numbers are compilecli's own, recorded so that a speed change to
the training loop (flat buffers, fused heads, fast paths) provably leaves them unchanged.
Re-run only when a change is *meant* to move the numbers, and say why in the commit:

    python tools/golden/gen_smoke_pins.py        # writes tests/smoke/golden/pins.json
"""
from __future__ import annotations

import json
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "smoke" / "golden" / "pins.json"

SPEC = """target: keras3
model:
  inputs: [{inputs}]
  outputs:
{outputs}
compile:
  optimizer: {optimizer}
  loss: {loss}
  metrics: {metrics}
"""
SOFTMAX = "    - {name: out, units: 10, activation: softmax, labels: sparse}"
# (id, spec fields, steps, batch size): every optimizer path of the trainer (flat and per array),
# the fused head, the generic gradient, direct and object metrics, a schedule, two outputs.
CASES = [
    ("adam_sparse", dict(outputs=SOFTMAX, optimizer="{class_name: Adam, config: {learning_rate: 0.001}}",
                         loss="sparse_categorical_crossentropy", metrics="[accuracy]"), 200, 32),
    ("sgd_momentum_batch16", dict(outputs=SOFTMAX, optimizer="{class_name: SGD, config: {learning_rate: 0.05, momentum: 0.9, nesterov: true}}",
                                  loss="sparse_categorical_crossentropy", metrics="[accuracy]"), 150, 16),
    ("rmsprop_onehot", dict(outputs="    - {name: out, units: 4, activation: softmax, labels: onehot}",
                            optimizer="rmsprop", loss="categorical_crossentropy",
                            metrics="[categorical_accuracy, auc]"), 120, 32),
    ("adamw_schedule_binary", dict(outputs="    - {name: out, units: 1, activation: sigmoid, labels: binary}",
                                   optimizer="{class_name: AdamW, config: {weight_decay: 0.01, learning_rate: "
                                             "{module: keras.optimizers.schedules, class_name: CosineDecay, "
                                             "config: {initial_learning_rate: 0.01, decay_steps: 100}}}}",
                                   loss="binary_crossentropy", metrics="[accuracy, precision]"), 120, 32),
    ("clipnorm_regression", dict(outputs="    - {name: out, units: 3, activation: linear, labels: real}",
                                 optimizer="{class_name: Adam, config: {clipnorm: 1.0}}", loss="huber",
                                 metrics="[mae]"), 100, 32),
    ("lion_two_outputs", dict(outputs="    - {name: a, units: 5, activation: softmax, labels: sparse}\n"
                                      "    - {name: b, units: 2, activation: tanh, labels: real}",
                              optimizer="lion", loss="{a: sparse_categorical_crossentropy, b: mse}",
                              metrics="{a: [accuracy], b: [mse]}"), 100, 32),
]


def run_case(fields, steps, batch):
    from compilecli.smoke.api import smoke_path
    text = SPEC.format(inputs=16, **fields)
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "spec.yaml"
        path.write_text(text, encoding="utf-8")
        report = smoke_path(str(path), steps=steps, batch_size=batch, seed=3)
    h = report.history
    return {"spec": text, "steps": steps, "batch_size": batch, "seed": 3, "loss": h.loss,
            "outputs": h.outputs, "evals": h.evals, "nan": h.nan,
            "verdicts": [v.code for v in report.verdicts]}


def main():
    sys.path.insert(0, str(ROOT / "src"))
    pins = {case_id: run_case(fields, steps, batch) for case_id, fields, steps, batch in CASES}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(pins, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(pins)} runs")


if __name__ == "__main__":
    main()
