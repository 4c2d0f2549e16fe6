#!/usr/bin/env python
"""Run hand-written probes (tools/differential/probes/<name>.yaml) in real Keras and commit what happened.

    python tools/differential/probe_facts.py --k3 $K3/bin/python --tf2 $TF2/bin/python probes/errors.yaml

Each probe is one spec: a model preset from the file's ``outputs`` plus a ``compile`` block, run by the
oracle's own worker (worker.py: build, compile, fit 4 epochs) in every target it lists, one worker at a time
(nice 10). The observations go to ``probes/<name>.<target>.obs.jsonl`` beside the probe file, one line per
probe: raised (type and first line) and stage, Keras's warnings, whether the losses were finite and whether
each head's weights changed. The facts in catalogue/data cite these ids (``probe:<name>/<id>``).

    python tools/differential/probe_facts.py --k3 ... --tf2 ... --cases tests/cases/oracle

runs case files instead (each in its ``# target:``, keras3 by default) into ``probes/cases.<target>.obs.jsonl``,
so that a case written by hand is checked against Keras too: one that expects an error must raise, one that
expects only warnings or nothing must train (``--verify`` prints the cases where compilecli and Keras differ).
"""
from __future__ import annotations

import argparse
import json
import math
import pathlib
import sys

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run import Worker  # noqa: E402
from spec_text import emit  # noqa: E402


def spec_text(target: str, outputs: list, compile_args: dict) -> str:
    data = {"target": target, "model": {"inputs": [8], "outputs": outputs},
            "compile": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 0.01}}, **compile_args}}
    return emit(data)


def summary(reply: dict) -> dict:
    run = reply.get("run") or {}
    losses = run.get("losses") or []
    return {"raised": run.get("raised"), "stage": run.get("stage"), "warnings": run.get("warnings", [])[:3],
            "finite": all(isinstance(v, (int, float)) and math.isfinite(v) for v in losses) if losses else None,
            "changed": {name: head["changed"] for name, head in (run.get("heads") or {}).items()},
            **({"worker_error": reply["worker_error"]} if "worker_error" in reply else {})}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("probes")
    ap.add_argument("--k3", required=True)
    ap.add_argument("--tf2", required=True)
    ap.add_argument("--only", help="comma-separated probe ids")
    ap.add_argument("--cases", help="a folder of case files to run instead of the probe file")
    args = ap.parse_args(argv)
    if args.cases:
        return run_cases(pathlib.Path(args.cases), args)
    path = pathlib.Path(args.probes)
    book = yaml.safe_load(path.read_text(encoding="utf-8"))
    only = set(args.only.split(",")) if args.only else None
    for target, python in (("keras3", args.k3), ("tf2", args.tf2)):
        todo = [(p["id"], spec_text(target, book["outputs"][p["outputs"]], p["compile"])) for p in book["probes"]
                if target in p["targets"] and (only is None or p["id"] in only)]
        run_all(target, python, todo, path.with_name(f"{path.stem}.{target}.obs.jsonl"))


def run_all(target, python, todo, out):
    """Run (id, spec text) pairs in one worker; merge into the obs file (kept in the order of the ids)."""
    if not todo:
        return
    done = {}
    if out.exists():
        done = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    worker = Worker(target, python)
    try:
        for ident, text in todo:
            worker.send({"id": ident, "text": text})
            reply = json.loads(worker.proc.stdout.readline())
            done[ident] = {"id": ident, "version": worker.ready["version"], **summary(reply)}
            print(target, ident, done[ident]["raised"] or "trained", flush=True)
    finally:
        worker.kill()
    out.write_text("".join(json.dumps(done[i], ensure_ascii=False) + "\n" for i in sorted(done)), encoding="utf-8")


def run_cases(folder, args):
    by_target = {"keras3": [], "tf2": []}
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        target = next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("# target:")),
                      "keras3")
        if target in by_target and "model:" in text and (not args.only or path.stem in args.only.split(",")):
            by_target[target].append((path.stem, text))
    here = pathlib.Path(__file__).resolve().parent / "probes"
    for target, python in (("keras3", args.k3), ("tf2", args.tf2)):
        run_all(target, python, by_target[target], here / f"cases.{target}.obs.jsonl")


if __name__ == "__main__":
    main()
