#!/usr/bin/env python
"""Run every explain page's example (catalogue/data/examples.json) in a real Keras and write the outcome.

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/verify_explain_examples.py --target keras3
    /work/venvs/tf2/bin/python tools/verify_explain_examples.py --target tf2

Each example spec is compiled, fitted for one epoch and evaluated, exactly as tools/verify_against_keras.py
does for test specs (its model builder and data are reused). The outcome ("ok" or "error at <stage>:
<message>") is written to src/compilecli/catalogue/data/examples.verified.json under the target, with the
spec text it was verified on: a changed example no longer matches and tests/ux/test_examples_verified.py
fails until this script runs again. A spec for another target (`target:`) is not run there.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, os.pardir, "src", "compilecli", "catalogue", "data")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, os.pardir, "src"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=("keras3", "tf2"), required=True)
    args = parser.parse_args(argv)
    import yaml
    import verify_against_keras as vak
    K = vak.import_keras(args.target)
    examples = json.load(open(os.path.join(DATA, "examples.json"), encoding="utf-8"))["param"]
    path = os.path.join(DATA, "examples.verified.json")
    verified = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
    found = {}
    for name, text in sorted(examples.items()):
        data = yaml.safe_load(text)
        if data.get("target", args.target) != args.target:
            continue
        outcome = vak.run_keras(K, data, vak.outputs_of(data), via_get=args.target == "tf2")
        result = "ok" if outcome["raised"] is None else f"error at {outcome['stage']}: {outcome['raised']}"
        found[name] = {"spec": text, "result": result}
        print(f"{args.target} {name}: {result}")
    version = getattr(K, "__version__", None) or __import__("tensorflow").__version__
    verified[args.target] = {"keras": version, "examples": found}
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(verified, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
