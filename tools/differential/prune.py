#!/usr/bin/env python
"""Drop committed verdicts of argument mutations the generator no longer makes (no Keras needed).

    python tools/differential/prune.py [--check]

An `arguments` spec mutates one argument of one object. When the target fails on that object whatever its
config (its get() rejects the name, or observed.json says it raises whatever its arguments:
``families.Context.unusable``), Keras's error is about the object, never the argument: the spec tests nothing
its path names, and its base (the control) fails the same way. The generator skips such objects; this removes
the verdicts of earlier runs that still hold them. The same for a base that fails on its head (IoU over
several units without ``sparse_y_pred: false``; one loss over heads it cannot fit, for loss_weights specs):
the generator now builds bases that fit. `--check` only counts them (exit 1 if any).
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
    if rec["family"] == "wide":      # a mutant whose base fails on its own tests nothing its path names
        if rec["path"] == "compile":
            return False
        data = yaml.safe_load(rec["text"])
        return bool(config_only_strings(data, ctx)) or bool(foreign_optimizer_args(data, ctx, rec["path"]))
    if rec["family"] == "structures":
        return _single_loss_base_fails(yaml.safe_load(rec["text"]), ctx) and rec["path"] == "compile.loss_weights"
    if rec["family"] != "arguments":
        return False
    for pattern, kind in OBJECT:
        match = pattern.match(rec["path"])
        if match:
            data = yaml.safe_load(rec["text"])
            obj = value_at(data, match.group(1))
            if not isinstance(obj, dict):
                return False
            return ctx.unusable(kind, obj.get("class_name")) or _base_misfits(ctx, kind, obj, data)
    return False


def config_only_strings(data: dict, ctx: Context) -> list:
    """Names written as plain strings that the target cannot build without a config (names_config_only: IoU
    needs num_classes, LossScaleOptimizer an inner optimizer): an error whatever else the spec says."""
    c = data.get("compile") or {}
    found = []

    def walk(node, kind):
        if isinstance(node, str) and node in (ctx.facts["kinds"][kind].get("names_config_only") or ()):
            found.append(node)
        elif isinstance(node, list):
            for v in node:
                walk(v, kind)
        elif isinstance(node, dict) and "class_name" not in node:
            for v in node.values():
                walk(v, kind)
    for key, kind in (("optimizer", "optimizer"), ("loss", "loss"), ("metrics", "metric"),
                      ("weighted_metrics", "metric")):
        walk(c.get(key), kind)
    return found


def foreign_optimizer_args(data: dict, ctx: Context, mutated: str = "") -> list:
    """Optimizer arguments (other than the mutated one) that the object the target builds does not take: tf.keras
    2.15's get() builds the legacy optimizer, which has no weight_decay, use_ema or jit_compile (CC206)."""
    from families_wide import built_as
    opt = (data.get("compile") or {}).get("optimizer")
    if not isinstance(opt, dict) or not isinstance(opt.get("config"), dict):
        return []
    obj = ctx.facts["kinds"]["optimizer"]["objects"].get(built_as(ctx, "optimizer", opt.get("class_name")))
    if obj is None:
        return []
    return [a for a in opt["config"] if a not in obj.get("args", {}) and mutated != f"compile.optimizer.config.{a}"]


def _base_misfits(ctx: Context, kind: str, obj: dict, data: dict) -> bool:
    """The base does not fit its head (label_shapes) and the spec sets none of what would make it fit: the
    generator now adds that setting (Context.base_rescue), e.g. IoU's ``sparse_y_pred: false``."""
    canon = ctx.facts["kinds"][kind]["names"].get(obj.get("class_name"))
    if kind not in ("loss", "metric") or canon is None:
        return False
    head = data["model"]["outputs"][0]
    rescue = ctx.base_rescue(kind, canon, head)
    if not rescue:
        return rescue is None
    limit = ctx.observed["label_shapes"][ctx.target][kind][canon][head["labels"]]
    return not any(key in (obj.get("config") or {}) for key in limit["unless"])    # a mutated one decides


def _single_loss_base_fails(data: dict, ctx: Context) -> bool:
    """One loss over outputs it cannot fit in this target, an error whatever the loss_weights (tf.keras 2.15:
    SCCE on a one-unit head, observed.json heads): the generator now puts a single loss over heads of one kind."""
    loss = data["compile"].get("loss")
    names = ctx.facts["kinds"]["loss"]["names"]
    if not isinstance(loss, str) or loss not in names:
        return False
    obj = ctx.facts["kinds"]["loss"]["objects"].get(names[loss]) or {}
    canon = obj.get("class_equivalent") or names[loss]
    return any(e["severity"].get(ctx.target) == "error" and canon in e["losses"].get(ctx.target, ())
               and out.get("units") in e["output"].get("units", ()) for e in ctx.observed["heads"]["entries"]
               for out in data["model"]["outputs"])


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
        print(f"{target}: {len(lines) - len(keep)} verdicts whose base {target} fails on whatever the mutation")
        if not args.check and len(keep) != len(lines):
            path.write_text("".join(line + "\n" for line in keep), encoding="utf-8")
    return 1 if args.check and found else 0


if __name__ == "__main__":
    sys.exit(main())
