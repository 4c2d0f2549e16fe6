#!/usr/bin/env python
"""Which names a target takes as a dict ``class_name`` as well as a string (probe:dict-names).

    KERAS_BACKEND=jax /work/venvs/k3/bin/python tools/probes/dict_names_probes.py --target keras3
    /work/venvs/tf2/bin/python tools/probes/dict_names_probes.py --target tf2

Keras 3.15 deserialises ``{class_name: mse, config: {}}`` through ``serialization_lib``, which looks the
name up among classes and the snake-case loss/metric functions only: a short alias that ``get("mse")``
takes as a string raises ("not a KerasSaveable subclass") in the dict form. Every name the committed
facts know (and its lower/upper/Title spellings) is asked both ways, with the class's required arguments
filled in when it has any; a schedule is asked nested in an optimizer's config, with and without
``module``. One JSON line per (kind, name) goes to ``tools/probes/dict_names.<target>.jsonl``;
``tools/probes/dict_names_merge.py`` turns both files into ``deserialize.json``'s ``class_name`` table.
"""
import argparse
import inspect
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir))
import gen_keras_facts as gkf  # noqa: E402

DATA = os.path.join(HERE, os.pardir, os.pardir, "src", "compilecli", "catalogue", "data")
MODULE = {"optimizer": "keras.optimizers", "loss": "keras.losses", "metric": "keras.metrics",
          "schedule": "keras.optimizers.schedules"}


def spellings(facts, kind):
    kd = facts["kinds"][kind]
    base = set(kd["names"]) | set(kd["names_config_only"]) | set(gkf.EXTRA_NAMES)
    out = set()
    for n in base:
        out.update((n, n.lower(), n.upper(), n[:1].upper() + n[1:].lower()))
    return sorted(out)


def required_config(ad, facts, kind, name):
    canon = facts["kinds"][kind]["names"].get(name)
    obj = facts["kinds"][kind]["objects"].get(canon) if canon else None
    if obj is None:
        return {}
    return gkf.filler(ad, obj["args"], serialized=True)


def outcome(ad, kind, fn):
    """("ok", what was built) or ("error: ...", None); an object of the wrong kind is an error too
    (tf.keras metrics.get returns an unknown string as it is)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            obj = fn()
    except Exception as e:  # noqa: BLE001
        return "error: %s: %s" % (type(e).__name__, gkf.clean(str(e))[:200]), None
    if kind == "schedule":
        obj = next((v for v in (getattr(obj, "_learning_rate", None), getattr(obj, "_hyper", {}).get("learning_rate"))
                    if v is not None), None)
    elif inspect.isfunction(obj) and kind in ("loss", "metric"):
        return "ok", obj.__name__
    if not isinstance(obj, ad.bases[kind]):
        return "error: built %s, not a %s" % (type(obj).__name__, kind), None
    inner = getattr(obj, "fn", None) or getattr(obj, "_fn", None)   # a wrapper around a function
    return "ok", getattr(inner, "__name__", None) or type(obj).__name__


def probe(ad, facts, kind, name):
    rec = {"kind": kind, "name": name}
    cfg = required_config(ad, facts, kind, name)
    if kind == "schedule":
        sched = {"class_name": name, "config": cfg or gkf.filler(ad, {a: {"required": True} for a in
                 ("initial_learning_rate", "decay_steps")})}
        opt = lambda lr: ad.get("optimizer", {"class_name": "SGD", "config": {"learning_rate": lr}})  # noqa: E731
        rec["dict"], rec["dict_built"] = outcome(ad, kind, lambda: opt(dict(sched)))
        rec["dict_module"], _ = outcome(ad, kind, lambda: opt(dict(sched, module=MODULE[kind])))
        return rec
    rec["string"], rec["string_built"] = outcome(ad, kind, lambda: ad.get(kind, name))
    rec["dict"], rec["dict_built"] = outcome(ad, kind, lambda: ad.get(kind, {"class_name": name, "config": dict(cfg)}))
    rec["dict_module"], _ = outcome(ad, kind, lambda: ad.get(kind, {"module": MODULE[kind], "class_name": name,
                                                         "config": dict(cfg)}))
    return rec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", choices=("keras3", "tf2"), required=True)
    a = ap.parse_args()
    ad = gkf.Keras3() if a.target == "keras3" else gkf.TF2()
    with open(os.path.join(DATA, "facts.%s.json" % a.target), encoding="utf-8") as f:
        facts = json.load(f)
    out = os.path.join(HERE, "dict_names.%s.jsonl" % a.target)
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps({"target": a.target, "version": ad.version, "probe": "dict-names"}) + "\n")
        for kind in gkf.KINDS:
            for name in spellings(facts, kind):
                f.write(json.dumps(probe(ad, facts, kind, name), sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
