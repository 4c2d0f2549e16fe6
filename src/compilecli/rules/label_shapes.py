"""label-shapes: a loss or metric whose `y_true` cannot meet the output's `y_pred` for its label format.

* CC510: a loss, e.g. ``mse`` on sparse class ids over several units (Keras 3 raises on the shapes).
* CC509: a metric, e.g. ``binary_accuracy`` on sparse class ids over several units, or
  ``sparse_categorical_accuracy`` on one-hot rows.
Which object fails on which labels from how many units, per target, is data measured by the
differential oracle (``label_shapes`` in catalogue/data/observed.json); CC508 stays the warning for
mismatches a target broadcasts and trains. An entry may name config values that make it fit
(``{"min_units": 2, "unless": {"sparse_y_pred": false}}``: IoU argmaxes probabilities then), or
config values it needs to fail (``"when": {"sparse_y_pred": true}``: OneHotIoU then takes one-hot
probabilities for class ids).
"""
from __future__ import annotations

from functools import lru_cache
from typing import List

from compilecli.catalogue import read_data
from compilecli.diagnostics import Diagnostic, ERROR, diagnostic, placed_all

CODES = ("CC509", "CC510")
ONE = "model:\n  outputs:\n    - {{name: out, units: {units}, activation: softmax, labels: {labels}}}\ncompile:\n" \
      "  optimizer: adam\n"
EXAMPLES = [
    (ONE.format(units=10, labels="sparse") + "  loss: mse\n", ["CC508", "CC510"]),   # CC508: a regression loss
    (ONE.format(units=10, labels="sparse") + "  loss: sparse_categorical_crossentropy\n  metrics: [binary_accuracy]\n",
     ["CC509"]),
    (ONE.format(units=10, labels="sparse") + "  loss: sparse_categorical_crossentropy\n"
     "  metrics: [sparse_categorical_accuracy]\n", []),
]
# What to offer instead, by label format.
INSTEAD = {"loss": {"sparse": "sparse_categorical_crossentropy", "onehot": "categorical_crossentropy",
                    "binary": "binary_crossentropy", "multilabel": "binary_crossentropy", "real": "mse"},
           "metric": {"sparse": "sparse_categorical_accuracy", "onehot": "categorical_accuracy",
                      "binary": "binary_accuracy", "multilabel": "binary_accuracy", "real": "mae"}}


def table(target: str) -> dict:
    return read_data("observed.json")["label_shapes"].get(target, {})


def check(spec) -> List[Diagnostic]:
    known = table(spec.target)
    if not known or not spec.outputs:
        return []
    rows: dict = {}                 # (kind, entry) -> its limits: once per object, not per reference
    made: dict = {}                 # (entry, output, name) -> the finding (None: fits) for a ref without config
    out: list = []                  # in reference order; a finding placed again is (finding, path)
    for ref in spec.objects:
        kind, entry = ref.kind, ref.entry
        if kind not in known or entry is None or ref.malformed:
            continue
        plain = not ref.config and ref.name.__class__ is str
        for index in ref.outputs:
            memo = (id(entry), index, ref.name) if plain else None
            found = made.get(memo, _UNSEEN)
            if found is _UNSEEN:
                key = (kind, entry.canonical, entry.class_equivalent)
                limits = rows.get(key)
                if limits is None:
                    limits = rows[key] = _row(spec.target, *key)
                found = _finding(spec, ref, spec.outputs[index], kind, limits)
                if plain:
                    made[memo] = found
                if found is not None:
                    out.append(found)
            elif found is not None:
                out.append((found, ref.path))
    return placed_all(out, spec.sourcemap)


_UNSEEN = object()


def _finding(spec, ref, output, kind, limits):
    limit = limits.get(output.labels)
    least, unless, when = (limit, {}, {}) if not isinstance(limit, dict) else \
        (limit["min_units"], limit.get("unless", {}), limit.get("when", {}))
    config = {name: ref.config.get(name, ref.entry.args[name].default if name in ref.entry.args else None)
              for name in list(unless) + list(when)}
    # `when` tests truth as Keras does (sparse_y_pred: "yes" or 1 switch it on)
    if least is not None and isinstance(output.units, int) and output.units >= least \
            and not any(_same(config[name], want) for name, want in unless.items()) \
            and all(bool(config[name]) == want for name, want in when.items()):
        # a flag written in the config that could have made it fit (or that switches it on) is the cause
        written = next((name for name in config if name in ref.config), None)
        return _emit(spec, ref, output, kind, limit.get("reason", "") if isinstance(limit, dict) else "",
                     ref.config_path + (written,) if written else ref.path)
    return None


def _fold(name: str) -> str:
    return name.replace("_", "").lower()


@lru_cache(maxsize=4096)
def _row(target: str, kind: str, canonical: str, class_equivalent) -> dict:
    """The object's limits, once per run and object (not a scan of the table per spec). A class's row also
    holds for its function (sparse_categorical_accuracy ~ SparseCategoricalAccuracy)."""
    wanted = {_fold(n) for n in (canonical, class_equivalent) if n}
    return next((row for name, row in table(target)[kind].items() if _fold(name) in wanted), {})


def _emit(spec, ref, output, kind, reason="", path=None) -> Diagnostic:
    name = ref.name if isinstance(ref.name, str) else ref.entry.canonical
    code, label = ("CC510", "loss") if kind == "loss" else ("CC509", "name")
    path = path or ref.path
    return diagnostic(code, ERROR, path, spec.sourcemap.value_span(path), target=spec.target,
                      key=f"codes.{code}.{reason}" if reason else "",
                      output=output.name, labels=output.labels, units=output.units,
                      instead=INSTEAD[kind][output.labels], **{label: name})



def _same(value, want) -> bool:
    """A flag Keras tests for truth matches by truth (sparse_y_pred: null is as false as false, keras3-f00027)."""
    return bool(value) == want if isinstance(want, bool) else value == want
