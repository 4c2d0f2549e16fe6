#!/usr/bin/env python
"""Agreement of compilecli with the committed oracle verdicts, per target and per class (no Keras needed).

    python tools/differential/report.py [--target keras3] [--list error|smell|clean|all] [--json]

Figures per target: error recall (Keras raised, compilecli reports an error), false errors (compilecli error,
Keras did not raise), smell recall (Keras trained with evidence of a smell, compilecli warns), false warnings
(compilecli warns, Keras trained cleanly), culprit path (of the specs both flag alike, those where a diagnostic's
spec_path is the mutated path or inside it). `--list` prints the disagreements of one oracle class with the
oracle's evidence and compilecli's codes; allow-listed ones are marked with why.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from compare import TARGETS, score  # noqa: E402


def pct(x):
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def print_table(target, figures, rows):
    f = figures
    o = f["oracle"]
    print(f"{target}: {f['specs']} specs (oracle: {o['error']} error, {o['smell']} smell, {o['clean']} clean)")
    print(f"  error recall   {pct(f['error_recall'])}    false errors   {f['false_errors']}")
    print(f"  smell recall   {pct(f['smell_recall'])}    false warnings {f['false_warnings']}")
    print(f"  culprit path   {pct(f['culprit_path'])}    disagreements  {f['disagreements']}"
          f" ({f['allowed']} allow-listed)")
    fam = Counter((r.rec["family"], r.agrees) for r in rows)
    print("  per family:   " + ", ".join(f"{name} {fam[(name, True)]}/{fam[(name, True)] + fam[(name, False)]}"
                                         for name in sorted({r.rec['family'] for r in rows})))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--target", choices=TARGETS)
    ap.add_argument("--list", choices=("error", "smell", "clean", "all", "culprit"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    out = {}
    for target in [args.target] if args.target else TARGETS:
        s = score(target)
        out[target] = s.figures()
        if not args.json:
            print_table(target, out[target], s.rows)
        for r in s.rows if args.list else []:
            show = (args.list == "culprit" and r.agrees and r.ours != "clean" and not r.culprit) or \
                   (args.list != "culprit" and not r.agrees and args.list in ("all", r.rec["verdict"]))
            if show:
                codes = " ".join(f"{c}@{p}" for c, _, p in r.diagnostics) or "clean"
                why = f"  [allowed: {r.allowed}]" if r.allowed else ""
                print(f"- {r.rec['id']} {r.rec['path']}: oracle {r.rec['verdict']}, compilecli {r.ours} ({codes}){why}")
                print("    " + "; ".join(r.rec["evidence"])[:300])
                print("    " + r.rec["text"].split("compile:\n", 1)[-1].replace("\n", " | ")[:300])
    if args.json:
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
