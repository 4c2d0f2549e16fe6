"""The mutation families of the generator: each walks one dimension of the catalogue.

A family yields ``{"data", "path", "intent", "group", "control"}``. ``data`` is the spec without ``target``,
``control`` the base it mutated (or None), ``path`` the mutated spec path in compilecli's dotted form.
"""
from __future__ import annotations

import json
import math
import pathlib
from dataclasses import dataclass

DATA = pathlib.Path(__file__).resolve().parents[2] / "src" / "compilecli" / "catalogue" / "data"

HEADS = {
    "sparse": {"name": "out", "units": 5, "activation": "softmax", "labels": "sparse"},
    "onehot": {"name": "out", "units": 5, "activation": "softmax", "labels": "onehot"},
    "binary": {"name": "out", "units": 1, "activation": "sigmoid", "labels": "binary"},
    "multilabel": {"name": "out", "units": 4, "activation": "sigmoid", "labels": "multilabel"},
    "real": {"name": "out", "units": 1, "activation": "linear", "labels": "real"},
}
BASE_LOSS = {"sparse": "sparse_categorical_crossentropy", "onehot": "categorical_crossentropy",
             "binary": "binary_crossentropy", "multilabel": "binary_crossentropy", "real": "mse"}
BASE_METRIC = {"sparse": "accuracy", "onehot": "accuracy", "binary": "accuracy", "multilabel": "binary_accuracy",
               "real": "mae"}
BASE_OPT = {"class_name": "Adam", "config": {"learning_rate": 0.01}}
# Where a name says what labels it is for (first match wins); everything else is regression.
HEAD_WORDS = [("sparse", "sparse"), ("onehot", "onehot"), ("categorical", "onehot"), ("top_k", "onehot"),
              ("topk", "onehot"), ("kl", "onehot"), ("poisson", "onehot"), ("binary", "binary"),
              ("hinge", "binary"), ("auc", "binary"), ("precision", "binary"), ("recall", "binary"),
              ("true", "binary"), ("false", "binary"), ("f1", "binary"), ("fbeta", "binary"),
              ("sensitivity", "binary"), ("specificity", "binary"), ("dice", "binary"), ("tversky", "binary"),
              ("iou", "sparse"), ("acc", "sparse"), ("focal", "binary")]
SKIP = {"CTC", "ctc", "Circle", "circle"}          # need sequence or embedding models, not a dense head
FILL = {"num_classes": 5, "target_class_ids": [0, 1], "recall": 0.5, "precision": 0.5, "specificity": 0.5,
        "sensitivity": 0.5, "initial_learning_rate": 0.01, "decay_steps": 10, "first_decay_steps": 10,
        "decay_rate": 0.9, "boundaries": [20, 40], "values": [0.01, 0.005, 0.001], "inner_optimizer": "adam"}


@dataclass
class Context:
    target: str
    facts: dict
    semantics: dict
    observed: dict

    @classmethod
    def load(cls, target):
        read = lambda name: json.loads((DATA / name).read_text(encoding="utf-8"))  # noqa: E731
        return cls(target, read(f"facts.{target}.json"), read("semantics.json"), read("observed.json"))

    def objects(self, kind):
        """The objects whose arguments are worth mutating: not the ones the target fails on whatever the config."""
        return {n: o for n, o in self.facts["kinds"][kind]["objects"].items()
                if "." not in n and n not in SKIP and not self.unusable(kind, n)}

    def unusable(self, kind, name):
        """The target's get() rejects {class_name: name} (tf.keras 2.15 has no AdamW/Lion/Adafactor, Keras 3.15's
        get() no Lamb), or observed.json says the object raises whatever its arguments (Mean/Sum as compile
        metrics; a tf2 metric function given a config, `config_called`): a mutated argument of such an object is never what Keras fails on, so it tests nothing
        (the names family probes the object itself)."""
        if name in (self.facts["kinds"][kind].get("rejected") or {}):
            return True
        obj = self.facts["kinds"][kind]["objects"].get(name) or {}
        if kind in self.observed["config_called"].get(self.target, ()) and obj and not obj.get("is_class"):
            return True      # tf.keras 2.15 calls a metric function with its config: any config raises (CC320)
        return any(e["kind"] == kind and not e["when"] and e["severity"].get(self.target) == "error"
                   and name in e["objects"] for e in self.observed["conditions"])

    def base_rescue(self, kind, name, head):
        """The config a base needs to fit its head (observed.json label_shapes: IoU and MeanIoU compare class ids,
        so over several units they raise unless ``sparse_y_pred: false``), {} when it fits as it is, None when
        nothing listed makes it fit: a base that fails tests nothing its mutated argument names."""
        limit = self.observed["label_shapes"].get(self.target, {}).get(kind, {}).get(name, {}).get(head["labels"])
        if limit is None:
            return {}
        least, unless, when = (limit, {}, {}) if not isinstance(limit, dict) else \
            (limit["min_units"], limit.get("unless", {}), limit.get("when", {}))
        if head["units"] < least or when:       # `when`: fails only with a flag the base does not set
            return {}
        return dict([next(iter(unless.items()))]) if unless else None

    def names(self, kind):
        k = self.facts["kinds"][kind]
        return sorted(set(k["names"]) | set(k.get("case_probes", {})) | set(k.get("rejected", {}) or {}))

    def arg_semantics(self, kind, obj, arg):
        entry = dict(self.semantics["args"].get(kind, {}).get(arg, {}))
        entry.update(self.semantics["overrides"].get(kind, {}).get(obj, {}).get(arg, {}))
        return entry


def head_for(name: str) -> str:
    low = name.lower().replace("_", "")
    for word, head in HEAD_WORDS:
        if word.replace("_", "") in low:
            return head
    return "real"


def spec(head, loss=None, metrics=None, optimizer=None, **compile_extra):
    c = {"optimizer": optimizer if optimizer is not None else BASE_OPT,
         "loss": loss if loss is not None else BASE_LOSS[head],
         "metrics": metrics if metrics is not None else [BASE_METRIC[head]]}
    c.update(compile_extra)
    return {"model": {"inputs": [8], "outputs": [dict(HEADS[head])]}, "compile": c}


def case_variants(name):
    out = {name, name.lower(), name.upper(), name.capitalize(), name.swapcase()}
    if len(name) > 3:
        out |= {name[:-1], name + "s", name[1:], name.replace("_", "-"), name.replace("_", " "), " " + name}
    return sorted(out)


# ----------------------------------------------------------------------------------- families
def names(ctx):
    """Every name and alias of every kind, case-mangled and typo'd, as a string and as class_name."""
    for kind in ("optimizer", "loss", "metric"):
        listed = ctx.names(kind)
        pool = sorted({v for n in listed for v in case_variants(n)} | set(listed))
        for name in pool:
            if name.strip() in SKIP:
                continue
            head = head_for(name) if kind != "optimizer" else "sparse"
            intent = "clean" if name in ctx.facts["kinds"][kind]["names"] else "probe"
            group = f"{kind}:{name.lower().strip()}"
            if kind == "optimizer":
                yield {"data": spec(head, optimizer=name), "path": "compile.optimizer", "intent": intent,
                       "group": group}
                yield {"data": spec(head, optimizer={"class_name": name, "config": {}}),
                       "path": "compile.optimizer", "intent": "probe", "group": group}
            elif kind == "loss":
                yield {"data": spec(head, loss=name), "path": "compile.loss", "intent": intent, "group": group}
                yield {"data": spec(head, loss={"class_name": name, "config": {}}),
                       "path": "compile.loss", "intent": "probe", "group": group}
            else:
                yield {"data": spec(head, metrics=[name]), "path": "compile.metrics[0]", "intent": intent,
                       "group": group}
                yield {"data": spec(head, metrics=[{"class_name": name, "config": {}}]),
                       "path": "compile.metrics[0]", "intent": "probe", "group": group}


def values_for(sem, default):
    """The values one argument is tried with: in range, boundaries, just outside, wrong types."""
    types = sem.get("types", [])
    out = []
    rng = sem.get("range", {})
    if "float" in types or "strict_float" in types:
        out += [0.5, 0.1, 1e-3, 0.0, 1.0, -0.1, 1.5, 1e6, float("inf"), float("nan"), -float("inf"),
                1, 0, 2, "0.01", "1e-3", "abc", True, [0.1]]
        for bound in rng.values():
            if isinstance(bound, (int, float)) and not isinstance(bound, bool):
                out += [float(bound), float(bound) - 0.01, float(bound) + 0.01, int(bound)]
    if "int" in types:
        out += [0, 1, 2, 3, -1, 10, 1.5, 2.0, "2", True]
    if "bool" in types:
        out += [True, False, 1, 0, "true", "yes", None]
    if sem.get("choices"):
        out += list(sem["choices"]) + [str(c).upper() for c in sem["choices"] if isinstance(c, str)]
        out += ["bogus", 1]
    if "list" in types:
        out += [[], [0.5], [0.25, 0.5, 0.75], 0.5, [0, 1], [0, 1, 2]]
    if "str" in types and not sem.get("choices"):
        out += ["float64", "bogus", 3]
    if default is not None and not isinstance(default, (dict, list)):
        out.append(default)
    if "null" in types:
        out.append(None)
    seen, uniq = set(), []
    for v in out:
        sig = json.dumps(v, default=str) + type(v).__name__
        if sig not in seen and not (isinstance(v, float) and v != v and "nan" in seen):
            seen.add(sig)
            uniq.append(v)
    return uniq


def required_config(obj, units=5):
    cfg = {}
    for arg, fact in obj.get("args", {}).items():
        if fact.get("required") and arg in FILL:
            cfg[arg] = units if arg == "num_classes" else FILL[arg]
        elif fact.get("required"):
            return None
    return cfg


def intent_of(sem, value, default):
    types = sem.get("types", [])
    if value == default and type(value) is type(default):
        return "clean"
    return "probe" if types else "probe"


def place(kind, head, name, config, arg):
    obj = {"class_name": name, "config": config}
    if kind == "optimizer":
        return spec(head, optimizer=obj), f"compile.optimizer.config.{arg}"
    if kind == "loss":
        return spec(head, loss=obj), f"compile.loss.config.{arg}"
    if kind == "metric":
        return spec(head, metrics=[obj]), f"compile.metrics[0].config.{arg}"
    opt = {"class_name": "Adam", "config": {"learning_rate": {"module": "keras.optimizers.schedules", **obj}}}
    return spec(head, optimizer=opt), f"compile.optimizer.config.learning_rate.config.{arg}"


def arguments(ctx):
    """Every argument of every optimizer, loss, metric and schedule, over values_for()."""
    for kind in ("optimizer", "loss", "metric", "schedule"):
        for name, obj in ctx.objects(kind).items():
            head = "sparse" if kind in ("optimizer", "schedule") else head_for(name)
            rescue = ctx.base_rescue(kind, name, HEADS[head])
            if rescue is None:     # the head its name suggests cannot take it (Accuracy on sparse ids): the first that can
                head, rescue = next(((h, r) for h in HEADS for r in [ctx.base_rescue(kind, name, HEADS[h])]
                                     if r is not None), (head, None))
            base_cfg = required_config(obj, HEADS[head]["units"] if head != "binary" else 2)
            if base_cfg is None or rescue is None or name in ("Optimizer", "Loss", "Metric", "LearningRateSchedule"):
                continue
            base_cfg.update(rescue)
            control = place(kind, head, name, dict(base_cfg), "x")[0]
            for arg, fact in obj.get("args", {}).items():
                if fact.get("via_kwargs") and arg not in ("decay", "lr"):
                    continue
                sem = ctx.arg_semantics(kind, name, arg)
                for value in values_for(sem, fact.get("default")):
                    cfg = {**base_cfg, arg: value}
                    data, path = place(kind, head, name, cfg, arg)
                    yield {"data": data, "path": path, "intent": intent_of(sem, value, fact.get("default")),
                           "group": f"{kind}:{name}:{arg}", "control": control}
            data, path = place(kind, head, name, {**base_cfg, "zzz_unknown": 1}, "zzz_unknown")
            yield {"data": data, "path": path, "intent": "error", "group": f"{kind}:{name}:zzz", "control": None}
    yield from schedule_forms(ctx)


def schedule_forms(ctx):
    """A schedule nested in an optimizer config with and without `module`, in each optimizer."""
    for sched, obj in ctx.objects("schedule").items():
        cfg = required_config(obj)
        if cfg is None or sched == "LearningRateSchedule":
            continue
        for opt in ("Adam", "SGD", "RMSprop", "AdamW"):
            for module in (None, "keras.optimizers.schedules", "keras.src.optimizers.schedules", "bogus"):
                lr = {"class_name": sched, "config": cfg}
                if module:
                    lr = {"module": module, **lr}
                data = spec("sparse", optimizer={"class_name": opt, "config": {"learning_rate": lr}})
                yield {"data": data, "path": "compile.optimizer.config.learning_rate", "intent": "probe",
                       "group": f"schedule-form:{sched}:{module}", "control": None}


def compile_args(ctx):
    """Every compile() keyword over its types and range, and pairs that interact."""
    params = ctx.facts["compile"]["params"]
    sem_all = ctx.semantics["compile"]
    for arg in sorted(set(params) | set(sem_all)):
        if arg in ("optimizer", "loss", "metrics", "weighted_metrics", "loss_weights"):
            continue
        sem = sem_all.get(arg, {})
        default = params.get(arg, {}).get("default")
        for value in values_for(sem, default) + ["auto", 2]:
            for head in ("sparse", "real"):
                yield {"data": spec(head, **{arg: value}), "path": f"compile.{arg}", "intent": "probe",
                       "group": f"compile:{arg}", "control": spec(head)}
    for jit in (True, False, "auto"):
        for eager in (True, False):
            yield {"data": spec("sparse", jit_compile=jit, run_eagerly=eager), "path": "compile.jit_compile",
                   "intent": "probe", "group": "compile:jit+eager", "control": spec("sparse")}
    for head in ("sparse", "binary", "real"):
        for value in (2.0, 0.0, 1, [1.0], [0.0], {"out": 2.0}, {"out": 0.0}, {"other": 1.0}, [1.0, 1.0], "2"):
            yield {"data": spec(head, loss_weights=value), "path": "compile.loss_weights", "intent": "probe",
                   "group": "compile:loss_weights:single", "control": spec(head)}
        for value in ([BASE_METRIC[head]], ["mse"], {"out": ["mse"]}, [["mse"]], "mse", [], None):
            yield {"data": spec(head, weighted_metrics=value), "path": "compile.weighted_metrics",
                   "intent": "probe", "group": "compile:weighted_metrics", "control": spec(head)}
    yield {"data": spec("sparse", zzz_unknown=1), "path": "compile.zzz_unknown", "intent": "error",
           "group": "compile:unknown", "control": None}


MULTI = [("a", "sparse"), ("b", "binary"), ("c", "real")]


def multi_spec(n, loss, metrics=None, same_heads=False, **extra):
    """n outputs a, b, c: sparse, binary, real heads (or all like the first: ``same_heads``)."""
    heads = [dict(HEADS[MULTI[0][1] if same_heads else h], name=name) for name, h in MULTI[:n]]
    c = {"optimizer": BASE_OPT, "loss": loss}
    if metrics is not None:
        c["metrics"] = metrics
    c.update(extra)
    return {"model": {"inputs": [8], "outputs": heads}, "compile": c}


def structures(ctx):
    """Per-output loss / metrics / loss_weights for 1-3 outputs as lists, dicts and nested lists."""
    for n in (1, 2, 3):
        names_ = [m for m, _ in MULTI[:n]]
        losses = [BASE_LOSS[h] for _, h in MULTI[:n]]
        mets = [BASE_METRIC[h] for _, h in MULTI[:n]]
        good = multi_spec(n, losses, [[m] for m in mets])
        loss_forms = {
            "list": losses, "dict": dict(zip(names_, losses)), "short": losses[:-1], "long": losses + ["mse"],
            "single": losses[0], "dict_extra": {**dict(zip(names_, losses)), "zzz": "mse"},
            "dict_missing": dict(list(zip(names_, losses))[:-1]), "nested": [losses],
            "null_last": losses[:-1] + [None], "dict_null_last": {**dict(zip(names_, losses)), names_[-1]: None},
            "tuple_like_dict_keys_upper": {k.upper(): v for k, v in zip(names_, losses)},
        }
        for form, loss in loss_forms.items():
            yield {"data": multi_spec(n, loss, [[m] for m in mets]), "path": "compile.loss", "intent": "probe",
                   "group": f"structure:loss:{form}", "control": good}
        metric_forms = {
            "flat": mets, "nested": [[m] for m in mets], "dict": {k: [m] for k, m in zip(names_, mets)},
            "dict_str": dict(zip(names_, mets)), "dict_partial": {names_[0]: [mets[0]]},
            "dict_extra": {**{k: [m] for k, m in zip(names_, mets)}, "zzz": ["mae"]}, "short": [[m] for m in mets][:-1],
            "long": [[m] for m in mets] + [["mae"]], "flat_one": [mets[0]], "nested_empty": [[] for _ in mets],
            "deep": [[[m]] for m in mets], "null_item": [[m] for m in mets][:-1] + [None],
        }
        for form, met in metric_forms.items():
            yield {"data": multi_spec(n, losses, met), "path": "compile.metrics", "intent": "probe",
                   "group": f"structure:metrics:{form}", "control": good}
        weight_forms = {
            "list": [1.0] * n, "list_zero": [1.0] * (n - 1) + [0.0], "short": [1.0] * (n - 1) if n > 1 else [],
            "long": [1.0] * (n + 1), "dict": {k: 1.0 for k in names_}, "dict_zero": {**{k: 1.0 for k in names_},
                                                                                    names_[-1]: 0.0},
            "dict_missing": {k: 1.0 for k in names_[:-1]}, "dict_extra": {**{k: 1.0 for k in names_}, "zzz": 1.0},
            "scalar": 2.0, "negative": [-1.0] * n, "str": ["1"] * n, "int": [1] * n,
        }
        for form, w in weight_forms.items():
            for loss_form in ("list", "dict", "single"):
                # the control differs only in loss_weights; a single loss goes over heads of one kind (over
                # mixed heads the base itself fails: tf.keras 2.15 SCCE on a one-unit head raises, CC517)
                same = loss_form == "single"
                met = [[mets[0]]] * n if same else [[m] for m in mets]
                yield {"data": multi_spec(n, loss_forms[loss_form], met, same_heads=same, loss_weights=w),
                       "path": "compile.loss_weights", "intent": "probe",
                       "group": f"structure:weights:{form}:{loss_form}",
                       "control": multi_spec(n, loss_forms[loss_form], met, same_heads=same)}


def heads(ctx):
    """Output activation x units x label format x loss x metric."""
    losses = [n for n in ("sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy",
                          "mse", "mae", "huber", "hinge", "kl_divergence", "poisson", "categorical_hinge",
                          "binary_focal_crossentropy", "cosine_similarity", "log_cosh", "squared_hinge",
                          "mean_squared_logarithmic_error", "categorical_focal_crossentropy")
              if n in ctx.facts["kinds"]["loss"]["names"]]
    metrics = ["accuracy", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy", "mae",
               "AUC", "Precision", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "F1Score",
               "Recall", "mse"]
    for act in ("linear", "softmax", "sigmoid", "relu", "tanh"):
        for units in (1, 2, 10):
            for labels in ("sparse", "onehot", "binary", "multilabel", "real"):
                out = {"name": "out", "units": units, "activation": act, "labels": labels}
                for loss in losses:
                    base = {"model": {"inputs": [8], "outputs": [out]},
                            "compile": {"optimizer": BASE_OPT, "loss": loss}}
                    yield {"data": base, "path": "compile.loss", "intent": "probe",
                           "group": f"head:{act}:{units}:{labels}", "control": None}
    consistent = [("softmax", 10, "sparse", "sparse_categorical_crossentropy"),
                  ("softmax", 10, "onehot", "categorical_crossentropy"),
                  ("sigmoid", 1, "binary", "binary_crossentropy"), ("sigmoid", 10, "multilabel", "binary_crossentropy"),
                  ("linear", 1, "real", "mse"), ("linear", 10, "real", "mse"), ("softmax", 2, "sparse",
                                                                               "sparse_categorical_crossentropy")]
    for act, units, labels, loss in consistent:
        out = {"name": "out", "units": units, "activation": act, "labels": labels}
        for metric in metrics:
            data = {"model": {"inputs": [8], "outputs": [out]},
                    "compile": {"optimizer": BASE_OPT, "loss": loss, "metrics": [metric]}}
            yield {"data": data, "path": "compile.metrics[0]", "intent": "probe",
                   "group": f"headmetric:{labels}:{units}:{metric}", "control": None}


FAMILIES = [names, arguments, compile_args, structures, heads]
_ = math


def issue_examples(ctx):
    """The blind spots issue 10 names, as probes (whatever the sample above picked)."""
    sgd = lambda **cfg: {"class_name": "SGD", "config": cfg}  # noqa: E731
    adam = lambda **cfg: {"class_name": "Adam", "config": cfg}  # noqa: E731
    sched = {"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.01, "decay_steps": 10,
                                                          "decay_rate": 0.9}}
    opt_cases = [
        (adam(learning_rate=sched), "learning_rate"), (adam(learning_rate="1e-3"), "learning_rate"),
        (adam(learning_rate="0.001"), "learning_rate"), (sgd(momentum=1), "momentum"),
        (sgd(momentum=0), "momentum"), (adam(weight_decay="0.01"), "weight_decay"),
        (sgd(nesterov=True), "nesterov"), (sgd(nesterov=True, momentum=0.0), "nesterov"),
        (sgd(momentum=0.9, nesterov=True), "nesterov"), (adam(ema_momentum=0.5), "ema_momentum"),
        (adam(ema_overwrite_frequency=5), "ema_overwrite_frequency"),
        (adam(use_ema=True, ema_momentum=0.5), "ema_momentum"), (adam(learning_rate=float("inf")), "learning_rate"),
        (adam(learning_rate=float("nan")), "learning_rate"), (adam(learning_rate=-float("inf")), "learning_rate"),
        (sgd(learning_rate=1), "learning_rate"),
    ]
    for opt, arg in opt_cases:
        plain = {k: v for k, v in opt["config"].items() if k != arg}
        yield {"data": spec("sparse", optimizer=opt), "path": f"compile.optimizer.config.{arg}", "intent": "probe",
               "group": f"issue:opt:{arg}", "control": spec("sparse", optimizer={**opt, "config": plain})}
    for head, metric in (("binary", {"class_name": "F1Score", "config": {}}),
                         ("binary", {"class_name": "F1Score", "config": {"average": "macro"}}),
                         ("binary", {"class_name": "Recall", "config": {"thresholds": [0.3, 0.5]}}),
                         ("binary", {"class_name": "Precision", "config": {"thresholds": [0.5]}}),
                         ("sparse", "binary_accuracy"), ("onehot", "sparse_categorical_accuracy"),
                         ("binary", "F1Score"), ("binary", {"class_name": "FBetaScore", "config": {}})):
        yield {"data": spec(head, metrics=[metric]), "path": "compile.metrics[0]", "intent": "probe",
               "group": "issue:metric", "control": spec(head)}
    yield {"data": spec("sparse", loss={"class_name": "SparseCategoricalCrossentropy",
                                        "config": {"reduction": "none"}}),
           "path": "compile.loss.config.reduction", "intent": "error", "group": "issue:loss", "control": None}
    yield {"data": spec("real", loss={"class_name": "Huber", "config": {"delta": "1.0"}}),
           "path": "compile.loss.config.delta", "intent": "clean", "group": "issue:loss", "control": None}
    ten = dict(HEADS["sparse"], units=10)
    yield {"data": {"model": {"inputs": [8], "outputs": [ten]}, "compile": {"optimizer": BASE_OPT, "loss": "mse"}},
           "path": "compile.loss", "intent": "error", "group": "issue:loss", "control": None}
    for w in (2.0, 0.0):
        yield {"data": spec("sparse", loss_weights=w), "path": "compile.loss_weights", "intent": "probe",
               "group": "issue:weights", "control": spec("sparse")}
    yield {"data": spec("sparse", jit_compile=True, run_eagerly=True), "path": "compile.jit_compile",
           "intent": "smell", "group": "issue:jit", "control": spec("sparse")}
    good = multi_spec(2, ["sparse_categorical_crossentropy", "binary_crossentropy"])
    for loss, weights, path in ((["sparse_categorical_crossentropy", None], None, "compile.loss[1]"),
                                ({"a": "sparse_categorical_crossentropy", "b": None}, None, "compile.loss.b"),
                                (["sparse_categorical_crossentropy", "binary_crossentropy"], [1.0, 0.0],
                                 "compile.loss_weights[1]"),
                                ({"a": "sparse_categorical_crossentropy", "b": "binary_crossentropy"},
                                 {"a": 1.0, "b": 0.0}, "compile.loss_weights.b")):
        extra = {"loss_weights": weights} if weights is not None else {}
        yield {"data": multi_spec(2, loss, **extra), "path": path, "intent": "smell", "group": "issue:structure",
               "control": good}


FAMILIES.append(issue_examples)

from families_wide import wide  # noqa: E402  (it imports this module's helpers)

FAMILIES.append(wide)
