#!/usr/bin/env python
"""Run every code page's examples (the bad one and the good one, as a spec and in Python) in a real Keras
and write what Keras did, next to what the page claims.

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/verify_code_examples.py --target keras3
    /work/venvs/tf2/bin/python tools/verify_code_examples.py --target tf2
    python tools/verify_code_examples.py --target keras2     # records "not run": no Keras 2.3 to run

The examples are the pages' own (compilecli.explain.code_examples.page_examples): a spec example is
compiled, fitted for one epoch and evaluated as tools/verify_against_keras.py does (its model builder
and data; a tf.keras optimizer dict through get(), as a spec is read); a Python example is executed
with `model` bound to that model (its constructors run as written), then fitted and evaluated the same
way. The page claims "raises" for an example with an error code and "accepts" otherwise (a warning's
example trains, only wrongly). Results go to src/compilecli/catalogue/data/code_examples.verified.json
under the target, each with the text it ran; tests/ux/test_code_examples_verified.py fails when a page
example is missing there, changed, or Keras disagreed with the claim.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, os.pardir, "src", "compilecli", "catalogue", "data", "code_examples.verified.json")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, os.pardir, "src"))


class _Capture:
    """Stands for `model` while a Python example runs: keeps what it passed to compile()."""
    kwargs = None

    def compile(self, **kwargs):
        self.kwargs = kwargs


def run_python(vak, K, example, data):
    namespace = {"model": _Capture(), "keras": K}
    try:
        exec(compile(example.text, f"<{example.code} {example.role}>", "exec"), namespace)   # noqa: S102 - our own example
    except Exception as exc:   # noqa: BLE001 - a constructor raising is Keras's answer
        return {"raised": f"{type(exc).__name__}: {vak.first_line(exc)}", "stage": "compile", "warnings": []}
    kwargs = namespace["model"].kwargs
    original = vak.materialize
    vak.materialize = lambda K_, _kwargs, via_get=False: kwargs      # compile() gets the objects as built
    heads = vak.outputs_of(data)
    if heads is None:
        return None
    try:
        return vak.run_keras(K, {**data, "compile": {}}, heads, via_get=False)
    finally:
        vak.materialize = original


def run_spec(vak, K, data):
    """A spec as compilecli reads one: losses and metrics through get(), the optimizer dict through
    optimizers.get() as written (a nested schedule dict included: CC312 is about exactly that)."""
    heads = vak.outputs_of(data)
    if heads is None:
        return None
    original = vak.materialize

    def as_read(K_, kwargs, via_get=False):
        built = original(K_, {k: v for k, v in kwargs.items() if k != "optimizer"})
        if vak.is_object(kwargs.get("optimizer")):
            built["optimizer"] = K_.optimizers.get(kwargs["optimizer"])
        elif "optimizer" in kwargs:
            built["optimizer"] = kwargs["optimizer"]
        return built
    vak.materialize = as_read
    try:
        return vak.run_keras(K, data, heads, via_get=False)
    finally:
        vak.materialize = original


def outcome(record) -> str:
    if record is None:
        return "not comparable: a per-output loss without a model: section (no model to build)"
    return "accepts" if record["raised"] is None else f"raises at {record['stage']}: {record['raised']}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=("keras3", "tf2", "keras2"), required=True)
    parser.add_argument("--all", action="store_true", help="run again the examples already recorded unchanged")
    args = parser.parse_args(argv)
    import yaml
    from compilecli.codes import CODES
    from compilecli.explain.code_examples import page_examples

    runnable = args.target != "keras2"
    if runnable:
        import verify_against_keras as vak
        K = vak.import_keras(args.target)
    verified = json.load(open(OUT, encoding="utf-8")) if os.path.exists(OUT) else {}
    before = {} if args.all else (verified.get(args.target) or {}).get("examples", {})
    found = {}
    for code in sorted(CODES):
        for example in page_examples(code):
            if example.target != args.target:
                continue
            data = yaml.safe_load(example.spec)
            old = before.get(example.key)
            if old and old["text"] == example.text and old["claim"] == example.claim:
                found[example.key] = old           # unchanged since it ran (--all runs it again)
                continue
            if not runnable:
                result = "not run: no Keras 2.3 installation to run it in"
            elif example.format == "python":
                result = outcome(run_python(vak, K, example, data))
            else:
                result = outcome(run_spec(vak, K, data))
            found[example.key] = {"text": example.text, "claim": example.claim, "result": result}
            print(f"{args.target} {example.key}: claims {example.claim}; {result}")
    verified = json.load(open(OUT, encoding="utf-8")) if os.path.exists(OUT) else {}   # again: another target's run
    version = "none" if not runnable else (getattr(K, "__version__", None) or __import__("tensorflow").__version__)
    verified[args.target] = {"keras": version, "examples": found}
    with open(OUT, "w", encoding="utf-8") as handle:
        json.dump(verified, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
