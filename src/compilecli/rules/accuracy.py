"""How `metrics: [accuracy]` resolves, per target, and when the result does not fit.

Keras 3 (``keras/src/trainers/compile_utils.py: get_metric``) decides by shapes
alone: a last dimension of 1 in y_pred gives BinaryAccuracy; y_true of lower
rank (or last dimension 1 against more units) gives SparseCategoricalAccuracy;
anything else CategoricalAccuracy — the loss is not consulted. tf.keras 2.x
(``compile_utils.MetricsContainer._get_metric_object``) also picks binary when
the loss is binary crossentropy.
"""
from __future__ import annotations

from typing import Optional, Tuple

from compilecli.catalogue.tables import families_table

ACCURACY = "@accuracy"   # the catalogue's entry for the strings compile() resolves itself


def resolve_accuracy(target: str, output, loss_family: Optional[str]) -> Optional[str]:
    """The metric class Keras picks for "accuracy" on this output (None: shapes unknown)."""
    units, labels = output.units, output.labels
    if units is None or labels is None:
        return None
    if units == 1 or loss_family in families_table()["accuracy_binary_under"].get(target, ()):
        return "BinaryAccuracy"
    # y_true shape per label format: sparse -> (batch,), binary -> (batch, 1), others -> (batch, units)
    if labels == "sparse" or labels == "binary":
        return "SparseCategoricalAccuracy"
    return "CategoricalAccuracy"


def accuracy_problem(target: str, entry, output, loss_family: Optional[str]) -> Optional[Tuple[str, str]]:
    """(problem kind, resolved metric) when "accuracy" on this output measures the wrong thing.

    ``entry`` is the metric's catalogue entry: which spellings mean "@accuracy" (any case in
    Keras 3 and tf.keras, exact case in Keras 2) is a fact of the catalogue, not of this rule.
    """
    if entry is None or entry.canonical != ACCURACY:
        return None
    resolved = resolve_accuracy(target, output, loss_family)
    if resolved is None:
        return None
    if output.labels == "real":
        return "regression", resolved
    if output.labels == "multilabel" and resolved == "CategoricalAccuracy":
        return "multilabel", resolved
    if resolved == "BinaryAccuracy" and output.activation == "linear":
        return "logits", resolved
    return None
