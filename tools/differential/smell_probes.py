#!/usr/bin/env python
"""Smell probes with control runs (issue 10, i10-smells): loss x head, loss-weight and weight-decay facts.

    python tools/differential/smell_probes.py OUTDIR     # writes OUTDIR/probes.<target>.jsonl
    python tools/differential/run.py --workers 1 --k3 ... --tf2 ... --out obs.jsonl OUTDIR/probes.*.jsonl
    python tools/differential/label.py --specs OUTDIR/probes.*.jsonl --obs obs.jsonl --out OUTDIR

Each probe changes one thing against a control that trains (BCE for a one-unit head, mse for a regression
head, no loss weight, the optimizer's default weight decay). Ids <target>-s000NN; their verdicts are appended
to tests/differential/verdicts.*.jsonl and cited in catalogue/data/observed.json. Three loss-weight
structure probes (lw-scalar-two, lw-dict-missing, lw-list-short) were left out of the committed verdicts: they
are about errors (and tf2's missing dict weight defaults to 1.0, which the labeller reads as no effect).
"""
import json
import pathlib
import sys


def spec(target, outs, compile_lines):
    t = f'target: "{target}"\nmodel:\n  inputs: [8]\n  outputs:\n'
    for o in outs:
        t += "    - {" + ", ".join(f'{k}: {json.dumps(v)}' for k, v in o.items()) + "}\n"
    return t + "compile:\n" + "".join("  " + l + "\n" for l in compile_lines)
OPT = 'optimizer: {class_name: "Adam", config: {learning_rate: 0.01}}'
def one(units, act, labels): return [{"name": "out", "units": units, "activation": act, "labels": labels}]
TWO = [{"name": "a", "units": 5, "activation": "softmax", "labels": "sparse"},
       {"name": "b", "units": 1, "activation": "sigmoid", "labels": "binary"}]
P = [  # (intent, mutated path, outputs, compile lines, control compile lines)
 ("cce1", "compile.loss", one(1, "sigmoid", "binary"), [OPT, 'loss: "categorical_crossentropy"'], [OPT, 'loss: "binary_crossentropy"']),
 ("cce1-logits", "compile.loss", one(1, "linear", "binary"), [OPT, 'loss: {class_name: "CategoricalCrossentropy", config: {from_logits: true}}'], [OPT, 'loss: {class_name: "BinaryCrossentropy", config: {from_logits: true}}']),
 ("scce1-sparse", "compile.loss", one(1, "sigmoid", "sparse"), [OPT, 'loss: "sparse_categorical_crossentropy"'], [OPT, 'loss: "binary_crossentropy"']),
 ("scce1-binary", "compile.loss", one(1, "sigmoid", "binary"), [OPT, 'loss: "sparse_categorical_crossentropy"'], [OPT, 'loss: "binary_crossentropy"']),
 ("scce1-onehot", "compile.loss", one(1, "sigmoid", "onehot"), [OPT, 'loss: "sparse_categorical_crossentropy"'], [OPT, 'loss: "binary_crossentropy"']),
 ("focal1", "compile.loss", one(1, "sigmoid", "binary"), [OPT, 'loss: "categorical_focal_crossentropy"'], [OPT, 'loss: "binary_crossentropy"']),
 ("poisson-linear", "compile.loss", one(1, "linear", "real"), [OPT, 'loss: "poisson"'], [OPT, 'loss: "mse"']),
 ("poisson-tanh", "compile.loss", one(3, "tanh", "real"), [OPT, 'loss: "poisson"'], [OPT, 'loss: "mse"']),
 ("poisson-gelu", "compile.loss", one(1, "gelu", "real"), [OPT, 'loss: {class_name: "Poisson", config: {}}'], [OPT, 'loss: "mse"']),
 ("poisson-relu", "compile.loss", one(1, "relu", "real"), [OPT, 'loss: "poisson"'], [OPT, 'loss: "mse"']),
 ("poisson-softplus", "compile.loss", one(1, "softplus", "real"), [OPT, 'loss: "poisson"'], [OPT, 'loss: "mse"']),
 ("relu-cce10", "compile.loss", one(10, "relu", "onehot"), [OPT, 'loss: "categorical_crossentropy"'], [OPT, 'loss: "mse"']),
 ("relu-scce3", "compile.loss", one(3, "relu", "sparse"), [OPT, 'loss: "sparse_categorical_crossentropy"'], [OPT, 'loss: "mse"']),
 ("relu-scce2", "compile.loss", one(2, "relu", "sparse"), [OPT, 'loss: "sparse_categorical_crossentropy"'], [OPT, 'loss: "mse"']),
 ("lw-neg-list", "compile.loss_weights", one(5, "softmax", "sparse"), [OPT, 'loss: "sparse_categorical_crossentropy"', 'loss_weights: [-1.0]'], [OPT, 'loss: "sparse_categorical_crossentropy"']),
 ("lw-neg-scalar", "compile.loss_weights", one(5, "softmax", "sparse"), [OPT, 'loss: "sparse_categorical_crossentropy"', 'loss_weights: -1.0'], [OPT, 'loss: "sparse_categorical_crossentropy"']),
 ("lw-neg-small", "compile.loss_weights", one(5, "softmax", "sparse"), [OPT, 'loss: "sparse_categorical_crossentropy"', 'loss_weights: [-0.01]'], [OPT, 'loss: "sparse_categorical_crossentropy"']),
 ("lw-neg-dict", "compile.loss_weights.b", TWO, [OPT, 'loss: {a: "sparse_categorical_crossentropy", b: "binary_crossentropy"}', 'loss_weights: {a: 1.0, b: -0.5}'], [OPT, 'loss: {a: "sparse_categorical_crossentropy", b: "binary_crossentropy"}']),
 ("lw-scalar-two", "compile.loss_weights", TWO, [OPT, 'loss: {a: "sparse_categorical_crossentropy", b: "binary_crossentropy"}', 'loss_weights: 2.0'], [OPT, 'loss: {a: "sparse_categorical_crossentropy", b: "binary_crossentropy"}']),
 ("lw-dict-missing", "compile.loss_weights", TWO, [OPT, 'loss: {a: "sparse_categorical_crossentropy", b: "binary_crossentropy"}', 'loss_weights: {a: 1.0}'], [OPT, 'loss: {a: "sparse_categorical_crossentropy", b: "binary_crossentropy"}']),
 ("lw-list-short", "compile.loss_weights", TWO, [OPT, 'loss: {a: "sparse_categorical_crossentropy", b: "binary_crossentropy"}', 'loss_weights: [1.0]'], [OPT, 'loss: {a: "sparse_categorical_crossentropy", b: "binary_crossentropy"}']),
]
for wd, lr, cls in [(1000.0, 0.01, "Adam"), (100.0, 0.01, "Adam"), (150.0, 0.01, "SGD"), (50.0, 0.01, "Adam"), (10.0, 0.01, "Adam"), (1000.0, 0.001, "AdamW"), (1000000.0, None, "Adagrad")]:
    cfg = f"weight_decay: {wd}" + (f", learning_rate: {lr}" if lr else "")
    ctl = f"learning_rate: {lr}" if lr else ""
    P.append((f"wd-{cls}-{wd}-{lr}", "compile.optimizer.config.weight_decay", one(5, "softmax", "sparse"),
              [f'optimizer: {{class_name: "{cls}", config: {{{cfg}}}}}', 'loss: "sparse_categorical_crossentropy"'],
              [f'optimizer: {{class_name: "{cls}", config: {{{ctl}}}}}', 'loss: "sparse_categorical_crossentropy"']))

BFCE = 'loss: {class_name: "BinaryFocalCrossentropy", config: {%s}}'
P += [("bfce-alpha", "compile.loss.config.alpha", one(1, "sigmoid", "binary"), [OPT, BFCE % "alpha: 0.5"],
       [OPT, BFCE % ""]),
      ("bfce-alpha-balanced", "compile.loss.config.alpha", one(1, "sigmoid", "binary"),
       [OPT, BFCE % "apply_class_balancing: true, alpha: 0.5"], [OPT, BFCE % "apply_class_balancing: true"])]

def family(intent):
    if intent.startswith("lw-"):
        return "structures"
    return "arguments" if intent.startswith(("wd-", "bfce-")) else "heads"


def main(outdir):
    for target in ("keras3", "tf2"):
        path = pathlib.Path(outdir) / f"probes.{target}.jsonl"
        with path.open("w", encoding="utf-8") as sink:
            for i, (intent, where, outs, lines, ctl) in enumerate(P):
                sink.write(json.dumps({"id": f"{target}-s{i:05d}", "target": target, "family": family(intent),
                                       "path": where, "intent": intent, "text": spec(target, outs, lines),
                                       "control": spec(target, outs, ctl)}) + "\n")
    print(f"{len(P)} probes per target in {outdir}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
