"""Keras objects named through a Keras module: constructors, ``get("adam")``, bare references.

``keras.optimizers.Adam(...)`` -> ``{"class_name": "Adam", "config": {<literal keyword
arguments>}}``. A positional argument is kept only as an optimizer's ``learning_rate``;
a schedule constructor there becomes the learning_rate's ``{class_name, config}``. A
constructor whose skipped arguments might be the ones it requires is skipped whole.
``keras.losses.mean_squared_error`` -> "mean_squared_error"; ``Reduction.NONE`` -> "none".
"""
from __future__ import annotations

import ast
from typing import Any, Dict, Optional

from compilecli.diagnostics import SpecPath
from compilecli.load.python_calls.literals import Skip

#: Keras module segments that hold each kind (``keras.optimizers.schedules.X`` ...).
KIND_MODULES = {
    "optimizer": ("optimizers",),
    "schedule": ("schedules", "experimental", "optimizers"),
    "loss": ("losses", "metrics"),
    "metric": ("metrics", "losses"),
}
MODULE_KIND = {"schedules": "schedule", "optimizers": "optimizer", "losses": "loss", "metrics": "metric"}

#: Optimizer namespaces whose classes may differ from ``optimizers.X`` (resolved per target from the probes).
NAMESPACES = ("legacy", "experimental")
#: Modules of another optimizer family, not checked: tf.keras's graph-mode v1 optimizers take `lr`
#: (tf-keras saving/legacy/save_weights_test.py: optimizer_v1.RMSprop(lr=0.0001)).
OTHER_FAMILIES = ("optimizer_v1",)

#: A loss object in a metric slot (``metrics=[keras.losses.Huber(delta=2.0)]``, ``[keras.losses.huber]``): Keras
#: wraps the callable as a metric (checked in Keras 3.15.1 and tf.keras 2.15.1), while the metric of that
#: name, if any, takes other arguments (no ``reduction``). Identified, not read as the metric.
LOSS_AS_METRIC = "loss_as_metric"

#: ``tf.keras.losses.Reduction.X`` -> the string Keras takes.
REDUCTIONS = {"NONE": "none", "SUM": "sum", "SUM_OVER_BATCH_SIZE": "sum_over_batch_size", "AUTO": "auto"}


def reference(reader, node: ast.AST, kind: Optional[str]) -> str:
    """``keras.losses.mean_squared_error`` -> "mean_squared_error"; Reduction.NONE -> "none"."""
    full = reader.facts.keras_path(node)
    if full is None:
        raise Skip
    if len(full) >= 2 and full[-2] == "Reduction" and full[-1] in REDUCTIONS:
        return REDUCTIONS[full[-1]]
    if kind is None or not any(part in KIND_MODULES[kind] for part in full[:-1]):
        raise Skip
    _loss_as_metric(kind, full[:-1])
    return full[-1]


def _loss_as_metric(kind: Optional[str], module) -> None:
    if kind == "metric" and "losses" in module and "metrics" not in module:
        raise Skip(LOSS_AS_METRIC)


def constructor(reader, node: ast.Call, path: SpecPath, kind: Optional[str], depth: int) -> Any:
    """``keras.optimizers.Adam(1e-3)`` -> ``{"class_name": "Adam", "config": {"learning_rate": 0.001}}``."""
    full = reader.facts.keras_path(node.func)
    if full is None or len(full) < 2:
        raise Skip
    name, module = full[-1], full[:-1]
    if kind is None:                   # inside a config: a Keras object named by its module
        kind = next((MODULE_KIND[part] for part in reversed(module) if part in MODULE_KIND), None)
        if kind is None:
            raise Skip
    if not any(part in KIND_MODULES[kind] for part in module):
        raise Skip
    _loss_as_metric(kind, module)
    if name in ("get", "deserialize"):  # keras.optimizers.get("adam") -> "adam"
        if (len(node.args) == 1 and not node.keywords and type(node.args[0]) is ast.Constant
                and isinstance(node.args[0].value, str)):
            return node.args[0].value
        raise Skip
    if not name[:1].isupper():         # a function call, not a constructor
        raise Skip
    if kind == "optimizer" and any(part in OTHER_FAMILIES for part in module):
        raise Skip
    namespace = _namespace(module) if kind == "optimizer" else None
    if namespace:
        name = f"{namespace}.{name}"   # which class that is, per target, is in code_facts.json
    config: Dict[str, Any] = {}
    config_path = path + ("config",)
    skipped = False
    for index, arg in enumerate(node.args):
        if (kind == "optimizer" and index == 0 and type(arg) is not ast.Starred
                and _first_parameter(kind, name, reader.target) == "learning_rate"):
            skipped |= not _config_item(reader, config, config_path, "learning_rate", arg, None,
                                        "schedule", depth)
        else:
            skipped = True
    for keyword in node.keywords:
        if keyword.arg is None:
            skipped = True
            continue
        sub_kind = "schedule" if kind == "optimizer" and keyword.arg == "learning_rate" else None
        skipped |= not _config_item(reader, config, config_path, keyword.arg, keyword.value, keyword,
                                    sub_kind, depth)
    if skipped and _may_lack_required(kind, name, config, reader.target):
        raise Skip
    reader.vlog.append((path + ("class_name",), reader.name_span(node.func, full[-1])))
    reader.constructed.add(path)
    reader.vlog.append((config_path, reader.span(node)))
    return {"class_name": name, "config": config}


def _config_item(reader, config, config_path, name, node, keyword, kind, depth) -> bool:
    mark = reader.mark()
    try:
        config[name] = reader.value(node, config_path + (name,), kind, depth + 2)
    except Skip as exc:
        reader.rollback(mark)
        reader.note_skip(config_path + (name,), node, exc)
        return False
    if keyword is not None:
        reader.klog.append((config_path + (name,), reader.keyword_span(keyword)))
    return True


def _classes(kind: str, name: str, target: Optional[str]):
    """The class entries ``name`` resolves to in the call's target (every target while it is open)."""
    from compilecli.catalogue import TARGETS, load_catalogue

    catalogue = load_catalogue()
    for tname in ([target] if target in TARGETS else TARGETS):
        entry = catalogue.target(tname).resolve(kind, name)
        if entry is not None and entry.is_class:
            yield entry


def _may_lack_required(kind: str, name: str, config: Dict[str, Any], target: Optional[str]) -> bool:
    """True when the catalogue says ``name`` requires an argument that ``config`` does not hold."""
    return any(arg.required and arg_name not in config
               for entry in _classes(kind, name, target) for arg_name, arg in entry.args.items())


def _first_parameter(kind: str, name: str, target: Optional[str]) -> Optional[str]:
    """The constructor's first parameter when every candidate target agrees (MultiOptimizer's is
    `optimizer_map`, LossScaleOptimizer's `inner_optimizer`: not a learning rate); None otherwise."""
    firsts = {next(iter(entry.args), None) for entry in _classes(kind, name, target)}
    return firsts.pop() if len(firsts) == 1 else None


def _namespace(module) -> Optional[str]:
    """`legacy` for tf.keras.optimizers.legacy.SGD and for its module file too
    (tf_keras.optimizers.legacy.gradient_descent.SGD, as tf-keras's own tests import it)."""
    for before, part in zip(module, module[1:]):
        if before == "optimizers" and part in NAMESPACES:
            return part
    return None
