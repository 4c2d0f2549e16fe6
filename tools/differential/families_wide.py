"""The `wide` family: whole compile() calls composed at random, as users write them, then (half of them) mutated once.

The other families change one dimension of one fixed base; users combine them: configured optimizers with
several arguments and a nested schedule, per-output dicts and lists of configured losses and metrics,
loss_weights and weighted_metrics beside them, run_eagerly / steps_per_execution / jit_compile, legacy
arguments, names in the cases Keras takes, JSON as well as YAML. A base draws only values the semantics call
valid, so an error on an unmutated base is either a fact compilecli must know or a false error it raises; the
mutated half reuses `families.values_for` at one place inside such a base (its control is the base).
Deterministic: the pool is drawn from ``random.Random("wide:<target>:<n>")``; generate.py samples it.
"""
from __future__ import annotations

import json
import math
import random

from families import BASE_LOSS, BASE_METRIC, HEADS, head_for, required_config, values_for

POOL = 1500                   # bases drawn per target; generate.py samples from them
GOOD_FLOATS = [0.9, 0.5, 0.2, 0.1, 0.05, 0.01, 1e-3, 1e-4, 1e-7, 1.0, 2.0]
GOOD_INTS = [1, 2, 3, 5, 10, 100]
SKIP_ARGS = {"name", "dtype", "via_kwargs"}


def in_range(value, rng):
    checks = {"gt": lambda a, b: a > b, "ge": lambda a, b: a >= b, "lt": lambda a, b: a < b,
              "le": lambda a, b: a <= b}
    return all(f(value, rng[k]) for k, f in checks.items() if isinstance(rng.get(k), (int, float)))


def good_value(r, sem, default):
    """A value the semantics call valid for this argument, or the default; None when there is none to draw."""
    types, rng = sem.get("types", []), sem.get("range", {})
    if default == -1 or (default is None and "int" in types and "null" in types):
        return default         # an axis or a class index: the default is the one that fits every output
    if sem.get("choices"):
        return r.choice([c for c in sem["choices"] if c not in ("none", None)] or [default])
    if "bool" in types:
        return r.choice([True, False])
    if "float" in types or "strict_float" in types:
        return r.choice([v for v in GOOD_FLOATS if in_range(v, rng)] or [default])
    if "int" in types:
        return r.choice([v for v in GOOD_INTS if in_range(v, rng)] or [default])
    return default if isinstance(default, (int, float, str)) and not isinstance(default, bool) else None


def built_as(ctx, kind, name):
    """The object the target's get() builds: tf.keras 2.15 builds the legacy optimizer of a name (`legacy.Adam`),
    whose arguments are not the new optimizer's (no weight_decay, use_ema, jit_compile)."""
    legacy = f"legacy.{name}"
    return legacy if kind == "optimizer" and ctx.target == "tf2" and legacy in ctx.facts["kinds"][kind]["objects"] \
        else name


def semantics_of(ctx, kind, name, arg):
    """What the semantics say of one argument in this target: per name, per object, then the target's own."""
    entry = ctx.arg_semantics(kind, name, arg)
    mine = ctx.semantics.get("target_overrides", {}).get(ctx.target, {}).get(kind, {})
    for key in ("*", name):
        entry.update(mine.get(key, {}).get(arg, {}))
    return entry


def configured(ctx, r, kind, name, units, extra=2):
    """{class_name, config} with the required arguments filled and up to `extra` others drawn valid (a function
    mostly none: get() drops a function's config, CC307, known and not what this family probes)."""
    built = built_as(ctx, kind, name)
    obj = ctx.facts["kinds"][kind]["objects"][built]
    cfg = required_config(obj, units)
    if cfg is None:
        return None
    if not obj.get("is_class") and r.random() < 0.8:
        extra = 0
    args = [a for a, f in obj.get("args", {}).items() if a not in SKIP_ARGS and not f.get("via_kwargs")
            and a not in cfg]
    for arg in r.sample(args, min(len(args), r.randint(0, extra))):
        value = good_value(r, semantics_of(ctx, kind, built, arg), obj["args"][arg].get("default"))
        if value is not None:
            cfg[arg] = value
    return {"class_name": name, "config": cfg}


def pick_object(ctx, r, kind, head, as_dict):
    """A loss or metric for this head: a name string (any case the target takes), or a configured object."""
    objs = [n for n in ctx.objects(kind) if head_for(n) == head["labels"]
            and ctx.base_rescue(kind, n, head) == {} and n not in ("Loss", "Metric")]
    if as_dict and objs:
        found = configured(ctx, r, kind, r.choice(objs), head["units"])
        if found:
            return found
    config_only = set(ctx.facts["kinds"][kind].get("names_config_only") or ())
    names = [n for o in objs for n in ctx.facts["kinds"][kind]["objects"][o].get("names", [o]) if n not in config_only]
    return r.choice(names) if names and r.random() < 0.7 else (BASE_LOSS if kind == "loss" else BASE_METRIC)[
        head["labels"]]


def optimizer(ctx, r):
    opts = [n for n, o in ctx.objects("optimizer").items() if required_config(o) is not None
            and n not in ("Optimizer", "LossScaleOptimizer")]
    if r.random() < 0.25:
        k = ctx.facts["kinds"]["optimizer"]
        return r.choice(sorted((set(k["names"]) | set(k.get("case_probes", {})))
                               - set(k.get("names_config_only") or ())))
    name = r.choice(opts)
    obj = configured(ctx, r, "optimizer", name, 5, extra=3)
    if obj and r.random() < 0.3:
        sched = r.choice([n for n in ctx.objects("schedule") if n != "LearningRateSchedule"])
        lr = configured(ctx, r, "schedule", sched, 5, extra=1)
        if lr:
            obj["config"]["learning_rate"] = {"module": "keras.optimizers.schedules", **lr}
    return obj or name


def heads(r):
    n = r.choice([1, 1, 2, 3])
    kinds = [r.choice(list(HEADS)) for _ in range(n)]
    outs = []
    for i, k in enumerate(kinds):
        head = dict(HEADS[k], name=f"out_{chr(97 + i)}" if n > 1 else "out")
        if k in ("sparse", "onehot", "multilabel"):
            head["units"] = r.choice([3, 5, 10])
        outs.append(head)
    return outs


def per_output(r, outs, items):
    """One item per output as a list, a dict by output name, or (one output) the item itself / a flat list."""
    if len(outs) == 1:
        return r.choice([items[0], [items[0]]]) if not isinstance(items[0], list) else items[0]
    return dict(zip([o["name"] for o in outs], items)) if r.random() < 0.5 else items


def distinct(items):
    """Two metrics of one name on one output: a clash tf.keras raises on (known); not what this family probes."""
    return list({json.dumps(i, sort_keys=True): i for i in items}.values())


def compose(ctx, r):
    outs = heads(r)
    c = {"optimizer": optimizer(ctx, r)}
    losses = [pick_object(ctx, r, "loss", o, r.random() < 0.5) for o in outs]
    c["loss"] = per_output(r, outs, losses)
    metrics = [distinct([pick_object(ctx, r, "metric", o, r.random() < 0.4) for _ in range(r.randint(1, 2))])
               for o in outs]
    c["metrics"] = per_output(r, outs, metrics)
    if r.random() < 0.3:
        c["loss_weights"] = per_output(r, outs, [r.choice([1.0, 0.5, 2.0]) for _ in outs]) if len(outs) > 1 \
            else r.choice([[1.0], {"out": 0.5}])
    if r.random() < 0.25:
        c["weighted_metrics"] = per_output(r, outs, [[pick_object(ctx, r, "metric", o, False)] for o in outs])
    params = ctx.facts["compile"]["params"]
    for arg, choices in (("run_eagerly", [True, False]), ("steps_per_execution", [1, 2, 4]),
                         ("jit_compile", [True, False, "auto"]), ("auto_scale_loss", [True, False])):
        if arg in params and r.random() < 0.2:
            c[arg] = r.choice(choices)
    if c.get("run_eagerly") and c.get("jit_compile") is True:
        c["jit_compile"] = False          # a known warning (CC311), not what this family is for
    return {"model": {"inputs": [8], "outputs": outs}, "compile": c}


LEGACY = {"lr": 0.01, "decay": 1e-4}
MODULES = {"optimizer": "keras.optimizers", "loss": "keras.losses", "metric": "keras.metrics"}


def variation(ctx, r, data):
    """One way users write the same call differently: a class_name in another case, a `module` key, legacy `lr` /
    `decay`, int loss weights, metrics under a per-output dict, nulls for optional keywords."""
    c = data["compile"]
    outs = [o["name"] for o in data["model"]["outputs"]]
    opt = c["optimizer"] if isinstance(c["optimizer"], dict) else None
    choices = {
        "opt-case": lambda: opt and opt.update(class_name=r.choice([str.lower, str.upper])(opt["class_name"])),
        "opt-module": lambda: opt and opt.update(module=MODULES["optimizer"]),
        "legacy": lambda: opt and opt["config"].update(dict([r.choice(list(LEGACY.items()))])),
        "item-module": lambda: [o.update(module=MODULES[k]) for k, o in dicts(c) if r.random() < 0.7],
        "int-weights": lambda: c.update(loss_weights=[r.choice([1, 2]) for _ in outs] if len(outs) > 1
                                         else {outs[0]: 1}),
        "dict-metrics": lambda: isinstance(c.get("metrics"), list) and len(outs) > 1
        and c.update(metrics=dict(zip(outs, c["metrics"]))),
        "nulls": lambda: c.update(**{k: None for k in r.sample(["metrics", "loss_weights", "weighted_metrics"],
                                                              r.randint(1, 2))}),
        "string-metric": lambda: len(outs) == 1 and c.update(metrics=r.choice(["accuracy", "mae"])),
    }
    name = r.choice(sorted(choices))
    choices[name]()
    return name


def dicts(c):
    """(kind, dict) of every {class_name, config} among the loss and metrics."""
    found = []

    def walk(node, kind):
        if isinstance(node, dict) and "class_name" in node:
            found.append((kind, node))
        elif isinstance(node, (list, dict)):
            for v in (node.values() if isinstance(node, dict) else node):
                walk(v, kind)
    for key, kind in (("loss", "loss"), ("metrics", "metric"), ("weighted_metrics", "metric")):
        walk(c.get(key), kind)
    return found


def places(data):
    """(path, value, facts kind, class name) of every configured argument in a spec."""
    c = data["compile"]
    found = []

    def walk(node, path, kind):
        if isinstance(node, dict) and "class_name" in node:
            for arg, value in node.get("config", {}).items():
                sub = f"{path}.config.{arg}"
                if arg == "learning_rate" and isinstance(value, dict):
                    walk(value, sub, "schedule")
                else:
                    found.append((sub, kind, node["class_name"], arg))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]", kind)
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{path}.{k}", kind)
    for key, kind in (("optimizer", "optimizer"), ("loss", "loss"), ("metrics", "metric"),
                      ("weighted_metrics", "metric")):
        if key in c:
            walk(c[key], f"compile.{key}", kind)
    return found


def set_at(data, path, value):
    from label import STEP
    steps = STEP.findall(path)
    node = data
    for name, index in steps[:-1]:
        node = node[int(index)] if index else node[name]
    name, index = steps[-1]
    node[int(index) if index else name] = value


def mutated(ctx, r, base):
    spots = places(base)
    if not spots:
        return None
    path, kind, name, arg = r.choice(spots)
    built = built_as(ctx, kind, name)
    obj = ctx.facts["kinds"][kind]["objects"].get(built, {})
    values = values_for(semantics_of(ctx, kind, built, arg), obj.get("args", {}).get(arg, {}).get("default"))
    if not values:
        return None
    value = r.choice(values)
    data = json.loads(json.dumps(base))
    set_at(data, path, value)
    return data, path, f"{kind}:{name}:{arg}"


def finite(node):
    if isinstance(node, float):
        return math.isfinite(node)
    if isinstance(node, dict):
        return all(finite(v) for v in node.values())
    if isinstance(node, list):
        return all(finite(v) for v in node)
    return True


def wide(ctx):
    """POOL composed bases, each once as it is and once mutated at one configured argument; a quarter as JSON."""
    for n in range(POOL):
        r = random.Random(f"wide:{ctx.target}:{n}")
        base = compose(ctx, r)
        fmt = "json" if r.random() < 0.25 else "yaml"
        shape = f"{len(base['model']['outputs'])}:{type(base['compile']['loss']).__name__}"
        if r.random() < 0.4:
            shape = f"{shape}:{variation(ctx, r, base)}"
        yield {"data": base, "path": "compile", "intent": "clean", "group": f"wide:base:{shape}",
               "control": None, "format": fmt}
        got = mutated(ctx, r, base)
        if got:
            data, path, _ = got
            yield {"data": data, "path": path, "intent": "probe", "group": f"wide:mut:{shape}",
                   "control": base, "format": fmt if finite(data) else "yaml"}

