#!/usr/bin/env python
"""Measured label shapes: which loss or metric real Keras cannot apply to a label format, from the verdicts.

    python tools/differential/extract_shapes.py          # print the table; --write puts it in observed.json

Reads the `heads` family of tests/differential/verdicts.<target>.jsonl: a loss sweep (the loss alone on a head)
or a metric sweep (a metric next to the head's natural loss). An object is listed for a label format from
`min_units` units when every observed head with that format and at least that many units raised at fit on the
shapes and none with as many units trained -- a contradiction leaves the pair out. The result is merged into
``label_shapes`` in catalogue/data/observed.json (curated rows stay; measured rows are added).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
from collections import defaultdict

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from compilecli.catalogue import load_catalogue  # noqa: E402

# Pairs label-consistency already reports as errors (CC501 sparse ids under a categorical loss, CC502 one-hot
# rows under a sparse one): not repeated as CC510.
COVERED = {("loss", "CategoricalCrossentropy", "sparse"), ("loss", "CategoricalFocalCrossentropy", "sparse"),
           ("loss", "SparseCategoricalCrossentropy", "onehot"), ("loss", "SparseCategoricalCrossentropy", "multilabel")}
SHAPE = re.compile(r"shape|broadcast|squeeze|Dimensions must be equal|incompatible|must have the same|rank",
                   re.IGNORECASE)


def observations(target):
    cat = load_catalogue().target(target)
    seen = defaultdict(list)      # (kind, canonical, labels) -> [(units, raised_on_shapes)]
    path = ROOT / "tests" / "differential" / f"verdicts.{target}.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["family"] != "heads" or rec["verdict"] == "unknown":
            continue
        data = yaml.safe_load(rec["text"])
        out = data["model"]["outputs"][0]
        kind = "metric" if rec["path"].startswith("compile.metrics") else "loss"
        name = data["compile"]["metrics"][0] if kind == "metric" else data["compile"]["loss"]
        entry = cat.resolve(kind, name) if isinstance(name, str) else None
        if entry is None:
            continue
        raised = rec["verdict"] == "error" and "raised@fit" in rec["evidence"][0] and bool(SHAPE.search(rec["evidence"][0]))
        if rec["verdict"] == "error" and not raised:
            continue                          # raised for another reason: says nothing about shapes
        seen[(kind, entry.class_equivalent or entry.canonical, out["labels"])].append((out["units"], raised))
    return seen


def table(target):
    out = {}
    for (kind, name, labels), obs in sorted(observations(target).items()):
        raising = [u for u, r in obs if r]
        if not raising:
            continue
        least = min(raising)
        if all(r for u, r in obs if u >= least) and least > 1 and (kind, name, labels) not in COVERED:
            out.setdefault(kind, {}).setdefault(name, {})[labels] = least
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    path = ROOT / "src" / "compilecli" / "catalogue" / "data" / "observed.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for target in ("keras3", "tf2"):
        found = table(target)
        print(target, json.dumps(found))
        rows = data["label_shapes"].setdefault(target, {})
        for kind, objects in found.items():
            for name, formats in objects.items():
                for labels, least in formats.items():
                    rows.setdefault(kind, {}).setdefault(name, {}).setdefault(labels, least)
    if args.write:
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
