"""label-consistency: the loss of each output must fit its activation, its units
and the format of its labels (`model.outputs[].labels`).

* CC501: sparse (integer) labels under ``categorical_crossentropy`` — Keras raises on the shapes.
* CC502: one-hot labels under ``sparse_categorical_crossentropy`` — Keras raises on the shapes
  (over several units; over one, head-losses' CC517 says what each target does).
* CC503: softmax over several units under ``binary_crossentropy`` — trains, but each unit is
  scored as an independent yes/no, which softmax's sum-to-one contradicts.
* CC504: ``from_logits: true`` after a sigmoid/softmax — probabilities squashed twice (a loss; or a crossentropy
  metric, which then reports a wrong value).
* CC505: a linear output with ``from_logits: false`` — logits read as probabilities.
* CC506: softmax over one unit — the output is always 1.0 and nothing is learned.
* CC507: ``accuracy``/``acc`` resolves (by shapes, as Keras does) to a metric that does not fit.
* CC508: a regression loss on class labels, or a crossentropy on real-valued targets.
"""
from __future__ import annotations

from typing import Iterator

from compilecli.catalogue.tables import is_crossentropy, loss_family
from compilecli.diagnostics import Diagnostic, ERROR, WARNING, diagnostic
from compilecli.rules import head_losses
from compilecli.rules.accuracy import accuracy_problem

CODES = ("CC501", "CC502", "CC503", "CC504", "CC505", "CC506", "CC507", "CC508")

ONE = "model:\n  outputs:\n    - {{name: out, units: {units}, activation: {act}, labels: {labels}}}\ncompile:\n"
EXAMPLES = [
    (ONE.format(units=10, act="softmax", labels="sparse") + "  loss: categorical_crossentropy\n", ["CC501"]),
    (ONE.format(units=10, act="softmax", labels="onehot") + "  loss: sparse_categorical_crossentropy\n", ["CC502"]),
    (ONE.format(units=5, act="softmax", labels="multilabel") + "  loss: binary_crossentropy\n", ["CC503"]),
    (ONE.format(units=10, act="softmax", labels="sparse")
     + "  loss: {class_name: SparseCategoricalCrossentropy, config: {from_logits: true}}\n", ["CC504"]),
    (ONE.format(units=10, act="linear", labels="sparse") + "  loss: sparse_categorical_crossentropy\n", ["CC505"]),
    (ONE.format(units=1, act="softmax", labels="binary") + "  loss: binary_crossentropy\n", ["CC506"]),
    (ONE.format(units=5, act="sigmoid", labels="multilabel") + "  loss: binary_crossentropy\n  metrics: [accuracy]\n",
     ["CC507"]),
    (ONE.format(units=10, act="softmax", labels="onehot") + "  loss: mse\n", ["CC508"]),
    (ONE.format(units=10, act="softmax", labels="sparse") + "  loss: sparse_categorical_crossentropy\n"
     "  metrics: [accuracy]\n", []),
]

PROBABILITY = {"softmax", "sigmoid"}
CLASS_LABELS = {"sparse", "onehot", "binary", "multilabel"}


def check(spec) -> Iterator[Diagnostic]:
    for output in spec.outputs:
        if output.activation == "softmax" and output.units == 1:
            path = output.path + ("activation",)
            yield diagnostic("CC506", WARNING, path, spec.sourcemap.value_span(path), output=output.name)
        own_losses = [ref for ref in spec.output_refs("loss", output.index) if ref.entry is not None]
        for ref in own_losses:
            yield from _loss(spec, output, ref)
        family = loss_family(own_losses[0].entry) if own_losses else None   # what accuracy resolves against
        problems: dict = {}       # id(entry) -> the problem: once per metric object, not per reference
        for ref in spec.output_refs("metrics", output.index) + spec.output_refs("weighted_metrics", output.index):
            problem = problems.get(id(ref.entry), _UNSEEN)
            if problem is _UNSEEN:
                problem = problems[id(ref.entry)] = accuracy_problem(spec.target, ref.entry, output, family)
            if problem:
                yield diagnostic("CC507", WARNING, ref.path, spec.sourcemap.value_span(ref.path),
                                 key=f"codes.CC507.{problem[0]}", output=output.name, name=ref.name,
                                 resolved=problem[1])
            if ref.config.get("from_logits") is True and output.activation in PROBABILITY \
                    and is_crossentropy(loss_family(ref.entry)):
                # a crossentropy metric squashes the probabilities again: tf.keras 2.15 warns (tf2-x00021/x00216)
                path = ref.config_path + ("from_logits",)
                yield diagnostic("CC504", WARNING, path, spec.sourcemap.value_span(path), key="codes.CC504.metric",
                                 output=output.name, activation=output.activation,
                                 metric=ref.entry.class_equivalent or ref.entry.canonical)


_UNSEEN = object()


def _loss(spec, output, ref) -> Iterator[Diagnostic]:
    """The loss's family (catalogue/data/families.json) against the output's labels and activation."""
    family = loss_family(ref.entry)
    args = dict(output=output.name, loss=ref.name if isinstance(ref.name, str) else
                (ref.entry.class_equivalent or ref.entry.canonical),
                activation=output.activation, units=output.units, labels=output.labels)

    def found(code, severity):   # the span is looked up only for a finding: a clean spec never asks
        return diagnostic(code, severity, ref.path, spec.sourcemap.value_span(ref.path), **args)

    if output.labels == "sparse" and family == "categorical" and output.units != 1:
        yield found("CC501", ERROR)
    if output.labels in ("onehot", "multilabel") and family == "sparse" and not head_losses.by_units(spec, output, ref):
        yield found("CC502", ERROR)   # over one unit CC517 says what each target does
    if family == "binary" and output.activation == "softmax" and (output.units or 0) > 1:
        yield found("CC503", WARNING)
    crossentropy = is_crossentropy(family)
    if crossentropy:
        yield from _logits(spec, output, ref, args)
    if (family == "regression" and output.labels in CLASS_LABELS) or (crossentropy and output.labels == "real"):
        yield found("CC508", WARNING)


def _logits(spec, output, ref, args) -> Iterator[Diagnostic]:
    from_logits = ref.config.get("from_logits", False)
    if not isinstance(from_logits, bool):
        return  # CC302 already says the type is wrong
    path = ref.config_path + ("from_logits",) if "from_logits" in ref.config else ref.path
    if from_logits and output.activation in PROBABILITY:
        yield diagnostic("CC504", WARNING, path, spec.sourcemap.value_span(path), **args)
    elif not from_logits and output.activation == "linear":
        yield diagnostic("CC505", WARNING, path, spec.sourcemap.value_span(path), **args)
