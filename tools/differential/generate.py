#!/usr/bin/env python
"""Generate mutated compile specs from the catalogue: every name, every argument, every structure.

    python tools/differential/generate.py --target keras3 --count 2300 --seed 10 > specs.keras3.jsonl

Each line is ``{"id", "target", "family", "path", "intent", "text", "control"}``: ``path`` is the spec path
that was mutated (what a diagnostic's ``spec_path`` should name), ``intent`` what the mutation was meant to
provoke (``clean`` / ``error`` / ``smell`` / ``probe`` when the generator does not know), ``text`` the spec as
YAML, ``control`` the un-mutated base spec (the control run for "no effect" and "far worse") or null.
The families (see `families.py`) walk the target's facts and semantics.json; a seeded stratified sample keeps
every (family, object, argument) group represented at any --count.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import random
import sys
from collections import defaultdict

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

from families import FAMILIES, Context  # noqa: E402
from spec_text import emit  # noqa: E402


def all_specs(target: str):
    ctx = Context.load(target)
    for family in FAMILIES:
        for spec in family(ctx):
            spec["family"] = family.__name__
            yield spec


SHARE = {"issue_examples": 0.02, "names": 0.15, "arguments": 0.48, "compile_args": 0.1, "structures": 0.1,
         "heads": 0.15, "wide": 0.0}


def sample(specs, count, rng):
    """Each family gets its SHARE of count (what a small family leaves goes to the others), stratified."""
    by_family = defaultdict(list)
    for s in specs:
        by_family[s["family"]].append(s)
    quota = {f: min(len(by_family[f]), int(SHARE[f] * count)) for f in SHARE}
    spare = count - sum(quota.values())
    for f in sorted(SHARE, key=lambda f: -SHARE[f]):
        extra = min(spare, len(by_family[f]) - quota[f])
        quota[f] += extra
        spare -= extra
    chosen = []
    for f in SHARE:
        chosen += stratified(by_family[f], quota[f], rng)
    return chosen


def stratified(specs, count, rng):
    """Round-robin over groups, shuffled within each: every group early, then the rest."""
    groups = defaultdict(list)
    for s in specs:
        groups[(s["family"], s.pop("group", ""))].append(s)
    for g in groups.values():
        rng.shuffle(g)
    keys = sorted(groups)
    rng.shuffle(keys)
    chosen = []
    while len(chosen) < count and any(groups.values()):
        for k in keys:
            if groups[k] and len(chosen) < count:
                chosen.append(groups[k].pop())
    return chosen


def finish(spec, target, index, prefix=""):
    data = {"target": target, **spec.pop("data")}
    control = spec.pop("control", None)
    fmt = spec.get("format", "yaml")
    rec = {"id": f"{target}-{prefix}{index:05d}", "target": target, "family": spec["family"], "path": spec["path"],
           "intent": spec["intent"], "text": json.dumps(data, indent=2) + "\n" if fmt == "json" else emit(data),
           "control": emit({"target": target, **control}) if control else None}
    if fmt != "yaml":
        rec["format"] = fmt
    return rec


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", choices=("keras3", "tf2"), required=True)
    parser.add_argument("--count", type=int, default=2300)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--family", action="append", help="only these families (repeatable), --count split evenly")
    parser.add_argument("--prefix", default="", help="an id prefix, so a new round's ids never meet committed ones")
    parser.add_argument("--check-yaml", action="store_true", help="assert yaml.safe_load(text) reads the data back")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    seen, unique = set(), []
    for spec in all_specs(args.target):
        sig = json.dumps(spec["data"], sort_keys=True, default=str)
        if sig not in seen:
            seen.add(sig)
            unique.append(spec)
    if args.family:
        unique = [s for s in unique if s["family"] in args.family]
        chosen = stratified(unique, args.count, rng)
    else:
        chosen = sample(unique, args.count, rng)
    out = [finish(s, args.target, i, args.prefix) for i, s in enumerate(chosen)]
    if args.check_yaml:
        import yaml
        for rec in out:
            assert isinstance(yaml.safe_load(rec["text"]), dict), rec
    for rec in out:
        print(json.dumps(rec, ensure_ascii=False))
    print(f"{len(unique)} distinct specs, {len(out)} written", file=sys.stderr)


if __name__ == "__main__":
    main()
