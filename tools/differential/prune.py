#!/usr/bin/env python
"""Drop committed verdicts of argument mutations the generator no longer makes (no Keras needed).

    python tools/differential/prune.py [--check]

An `arguments` spec mutates one argument of one object. When the target fails on that object whatever its
config (its get() rejects the name, or observed.json says it raises whatever its arguments:
``families.Context.unusable``), Keras's error is about the object, never the argument: the spec tests nothing
its path names, and its base (the control) fails the same way. The generator skips such objects; this removes
the verdicts of earlier runs that still hold them. `--check` only counts them (exit 1 if any).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from compare import TARGETS, VERDICTS  # noqa: E402
from families import Context  # noqa: E402
from label import value_at  # noqa: E402

# The mutated object of an `arguments` spec, from its path: (object path, kind).
OBJECT = [(re.compile(r"^(compile\.optimizer\.config\.learning_rate)\.config\.[^.]+$"), "schedule"),
          (re.compile(r"^(compile\.optimizer)\.config\.[^.]+$"), "optimizer"),
          (re.compile(r"^(compile\.loss)\.config\.[^.]+$"), "loss"),
          (re.compile(r"^(compile\.metrics\[0\])\.config\.[^.]+$"), "metric")]


def untestable(rec: dict, ctx: Context) -> bool:
    if rec["family"] != "arguments":
        return False
    for pattern, kind in OBJECT:
        match = pattern.match(rec["path"])
        if match:
            obj = value_at(yaml.safe_load(rec["text"]), match.group(1))
            return isinstance(obj, dict) and ctx.unusable(kind, obj.get("class_name"))
    return False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    found = 0
    for target in TARGETS:
        ctx = Context.load(target)
        path = VERDICTS / f"verdicts.{target}.jsonl"
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        keep = [line for line in lines if not untestable(json.loads(line), ctx)]
        found += len(lines) - len(keep)
        print(f"{target}: {len(lines) - len(keep)} verdicts mutate an object {target} fails on whatever its config")
        if not args.check and len(keep) != len(lines):
            path.write_text("".join(line + "\n" for line in keep), encoding="utf-8")
    return 1 if args.check and found else 0


if __name__ == "__main__":
    sys.exit(main())
