#!/usr/bin/env python
"""Observations -> verdicts: `error` (Keras raised at compile or fit), `clean`, or `smell` (trained, with evidence).

    python tools/differential/label.py --specs specs.keras3.jsonl specs.tf2.jsonl --obs obs.jsonl \\
        --out tests/differential/

writes ``verdicts.<target>.jsonl``: one compact line per spec (id, family, mutated path, intent, spec text,
verdict, evidence). Evidence of a smell, each compared with the control run (the un-mutated base) when there
is one:

- ``warning``: Keras warned (a warning or log line the control did not give);
- ``frozen-head``: an output layer whose weights never changed (the control's did);
- ``not-finite``: the training loss became NaN or inf;
- ``no-effect``: an optimizer, loss or schedule argument set to a value that should matter (not its default,
  not a neutral 0/None/False, not an argument whose effect depends on the data: `INERT`) left every loss and
  every weight bit-for-bit as in the control;
- ``far-worse``: a per-output score (accuracy, or R^2 for real targets) at least FAR below the control's, for
  structural mutations (compile arguments, per-output structures), not for numeric hyperparameters.
Specs whose worker failed (timeout, crash) are `unknown` and left out of the comparison.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re

import yaml

INERT = {"name", "jit_compile", "dtype", "clipnorm", "clipvalue", "global_clipnorm", "loss_scale_factor",
         "epsilon", "epsilon_1", "epsilon_2", "clip_threshold", "reduction", "axis"}
FAR = 0.3
STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def value_at(data, path):
    node = data
    for name, index in STEP.findall(path):
        try:
            node = node[int(index)] if index else node[name]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def neutral(value, default):
    """A value that means the same as the default: itself, or a falsy one where the default is falsy
    (None, 0 and False all switch an option off)."""
    if value == default and (type(value) is type(default) or _number(value) and _number(default)):
        return True     # 1 where the default (or the base) is 1.0 is the same number (keras3-w00130)
    return value in (None, 0, 0.0, False) and default in (None, 0, 0.0, False)


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def default_of(spec_data, path, facts):
    """The mutated argument's default from the target's facts, or None."""
    parts = path.split(".")
    arg = parts[-1]
    obj = value_at(spec_data, ".".join(parts[:-2]))
    if not isinstance(obj, dict):
        return None
    kind = ("schedule" if "learning_rate.config" in path else "optimizer" if ".optimizer." in path
            else "loss" if ".loss." in path else "metric")
    entry = facts["kinds"][kind]["objects"].get(obj.get("class_name"), {})
    return entry.get("args", {}).get(arg, {}).get("default")


def evidence(spec, obs, facts):
    run, control = obs["run"], obs.get("control")
    found = []
    base_warnings = set(control["warnings"]) if control and not control["raised"] else set()
    found += [f"warning: {w}" for w in run["warnings"] if w not in base_warnings]
    if any(isinstance(v, str) for v in run["losses"] or []):
        found.append("not-finite: loss " + ", ".join(str(v) for v in run["losses"]))
    ok_control = control if control and not control["raised"] else None
    for name, head in run["heads"].items():
        ref = (ok_control or {}).get("heads", {}).get(name)
        if not head["changed"] and (ref is None or ref["changed"]):
            found.append(f"frozen-head: output '{name}' weights never changed")
        if ref and spec["family"] in ("compile_args", "structures") and head["score"] is not None \
                and ref["score"] is not None and ref["score"] - head["score"] >= FAR:
            found.append(f"far-worse: output '{name}' score {head['score']:.2f} vs control {ref['score']:.2f}")
    if ok_control and (spec["family"] in ("arguments", "issue_examples") or ".config." in spec["path"]) \
            and ".metrics" not in spec["path"]:
        found += no_effect(spec, run, ok_control, facts)
    return found


def no_effect(spec, run, control, facts):
    data = yaml.safe_load(spec["text"])      # a JSON spec reads the same (no non-finite values in JSON texts)
    arg = spec["path"].rsplit(".", 1)[-1]
    value = value_at(data, spec["path"])
    base = value_at(yaml.safe_load(spec["control"]), spec["path"]) if spec.get("control") else None
    if arg in INERT or arg.startswith("zzz") or neutral(value, default_of(data, spec["path"], facts)) \
            or (base is not None and neutral(value, base)):
        return []   # the control had this value too (a required argument's filler)
    same = run["losses"] == control["losses"] and all(
        h["digest"] == control["heads"].get(n, {}).get("digest") for n, h in run["heads"].items())
    return [f"no-effect: {arg}={value!r} changed no loss and no weight"] if same else []


def verdict(spec, obs, facts):
    if "run" not in obs:
        return "unknown", [obs.get("worker_error", "no observation")]
    if obs["run"]["raised"]:
        return "error", [f"raised@{obs['run']['stage']}: {obs['run']['raised'][:160]}"]
    found = evidence(spec, obs, facts)
    return ("smell" if found else "clean"), found


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--specs", nargs="+", required=True)
    ap.add_argument("--obs", nargs="+", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    data_dir = pathlib.Path(__file__).resolve().parents[2] / "src" / "compilecli" / "catalogue" / "data"
    obs = {}
    for p in args.obs:
        for line in pathlib.Path(p).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if "run" in rec or rec["id"] not in obs:
                obs[rec["id"]] = rec
    out, facts_of = {}, {}
    for p in args.specs:
        for line in pathlib.Path(p).read_text(encoding="utf-8").splitlines():
            spec = json.loads(line)
            if spec["id"] not in obs:
                continue
            if spec["target"] not in facts_of:
                facts_of[spec["target"]] = json.loads((data_dir / f"facts.{spec['target']}.json").read_text("utf-8"))
            v, ev = verdict(spec, obs[spec["id"]], facts_of[spec["target"]])
            rec = {k: spec[k] for k in ("id", "family", "path", "intent")}
            rec.update(verdict=v, evidence=ev, text=spec["text"])
            if spec.get("format", "yaml") != "yaml":
                rec["format"] = spec["format"]
            out.setdefault(spec["target"], []).append(rec)
    for target, recs in out.items():
        path = pathlib.Path(args.out) / f"verdicts.{target}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
        counts = {}
        for r in recs:
            counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
        print(f"{path}: {len(recs)} verdicts {counts}")


if __name__ == "__main__":
    main()
