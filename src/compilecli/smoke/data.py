"""Synthetic data in each output's label format, from a fixed random "teacher".

The teacher is a random one-hidden-layer tanh network of the inputs, so the
labels are a smooth function of x: a model that trains can learn them, and a
loss that does not fall is the spec's fault, not the data's. Everything comes
from one seeded generator: the same seed gives the same bytes.
"""
from __future__ import annotations

import math

import numpy as np

TEACHER_HIDDEN = 16


def infer_labels(labels, loss_entry, activation, width):
    """The label format when the spec does not say: the one the loss's family takes
    (catalogue/data/families.json), else what the activation suggests, else real values."""
    from compilecli.catalogue.tables import family_labels, loss_family
    if labels:
        return labels
    formats = family_labels(loss_family(loss_entry))
    if formats and formats[0] != "real":
        return formats[0] if formats[0] != "binary" or width == 1 else "multilabel"
    if activation == "softmax":
        return "onehot"
    if activation == "sigmoid":
        return "binary" if width == 1 else "multilabel"
    return "real"


class Teacher:
    """A fixed random function x -> scores per output; labels are derived from the scores."""

    def __init__(self, inputs, widths, rng):
        self.inputs = inputs
        self.a = rng.standard_normal((inputs, TEACHER_HIDDEN)) / math.sqrt(inputs)
        self.bs = [rng.standard_normal((TEACHER_HIDDEN, w)) for w in widths]
        self.center = None   # per-output (mean, std, median) of the scores, fixed on first use

    def scores(self, x):
        # In place: the same numbers as tanh(2 * (x @ a)) without two more pool-sized arrays,
        # each of which costs fresh memory (page faults) in a short-lived process.
        hidden = x @ self.a
        hidden *= 2.0
        np.tanh(hidden, out=hidden)
        return [hidden @ b for b in self.bs]

    def calibrate(self, x):
        # Standardise each score column so classes and 0/1 labels come out balanced.
        self.center = [(s.mean(axis=0), s.std(axis=0) + 1e-12, np.median(s, axis=0))
                       for s in self.scores(x)]


def _labels(fmt, score, center):
    mean, std, median = center
    z = score - mean
    z /= std
    if fmt in ("sparse", "onehot"):
        ids = np.argmax(z, axis=-1)
        if fmt == "sparse":
            return ids.astype(np.int64)
        return np.eye(score.shape[-1])[ids]
    if fmt in ("binary", "multilabel"):
        return (score > median).astype(np.float64)
    return z


def make_data(teacher, formats, n, rng):
    """n samples: x of shape (n, inputs), and one label array per output."""
    x = rng.standard_normal((n, teacher.inputs))
    if teacher.center is None:
        teacher.calibrate(x)
    ys = [_labels(fmt, s, c) for fmt, s, c in zip(formats, teacher.scores(x), teacher.center)]
    return x, ys
