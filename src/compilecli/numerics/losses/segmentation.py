"""Overlap, metric-learning and sequence losses: dice, tversky, circle, ctc."""
from __future__ import annotations

import numpy as np

from ._ops import EPSILON, log_softmax, logsumexp, one_hot, set_mask, softplus, cast_pair, to_float


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def dice(y_true, y_pred, axis=None):
    """1 - 2 * sum(y_true * y_pred) / (sum(y_true) + sum(y_pred) + epsilon), summed over ``axis``."""
    y_true, y_pred = cast_pair(y_true, y_pred)
    axis = _axis(axis)
    intersection = np.sum(y_true * y_pred, axis=axis)
    union = np.sum(y_true, axis=axis) + np.sum(y_pred, axis=axis) + EPSILON
    return 1 - 2.0 * intersection / union


def tversky(y_true, y_pred, alpha=0.5, beta=0.5, axis=None):
    """1 - TP / (TP + alpha * FP + beta * FN + epsilon) with soft counts over ``axis``.

    Keras names the false-positive term ``fp = sum((1 - y_pred) * y_true)``; it is kept
    as written so that alpha/beta weigh the same terms as in Keras.
    """
    y_true, y_pred = cast_pair(y_true, y_pred)
    axis = _axis(axis)
    intersection = np.sum(y_true * y_pred, axis=axis)
    fp = np.sum((1 - y_pred) * y_true, axis=axis)
    fn = np.sum(y_pred * (1 - y_true), axis=axis)
    return 1 - intersection / (intersection + fp * alpha + fn * beta + EPSILON)


def _pos_neg_masks(query_labels, key_labels, remove_diagonal):
    query_labels = query_labels.reshape(-1, 1) if query_labels.ndim == 1 else query_labels
    key_labels = key_labels.reshape(-1, 1) if key_labels.ndim == 1 else key_labels
    positive = query_labels == key_labels.T
    negative = ~positive
    if remove_diagonal:
        positive = positive & ~np.eye(query_labels.size, key_labels.size, dtype=bool)
    return positive, negative


def circle(y_true, y_pred, ref_labels=None, ref_embeddings=None, remove_diagonal=True,
           gamma=80, margin=0.4):
    """Circle loss on L2-normalised embeddings ``y_pred`` with integer class labels ``y_true``.

    Per query: softplus(logsumexp(positive terms) + logsumexp(negative terms)), where
    pairs are weighted by how far their cosine distance is from the optimum. Queries
    with a zero loss are masked out, so the default reduction averages the others.
    """
    y_pred = to_float(y_pred)
    y_true = np.asarray(y_true).astype(np.int32)
    ref_embeddings = y_pred if ref_embeddings is None else to_float(ref_embeddings, y_pred.dtype)
    ref_labels = y_true if ref_labels is None else np.asarray(ref_labels).astype(np.int32)
    distances = np.maximum(1 - y_pred @ ref_embeddings.T, 0.0)
    positive, negative = _pos_neg_masks(y_true, ref_labels, remove_diagonal)
    pos_weights = np.maximum((margin + distances) * positive, 0.0)
    neg_weights = np.maximum((1 + margin - distances) * negative, 0.0)
    pos_wdists = -1 * gamma * pos_weights * (margin - distances)
    neg_wdists = gamma * neg_weights * ((1 - margin) - distances)
    p_loss = logsumexp(np.where(positive, pos_wdists, -np.inf), axis=1)
    n_loss = logsumexp(np.where(negative, neg_wdists, -np.inf), axis=1)
    loss = softplus(p_loss + n_loss)
    return set_mask(loss, loss > 0)


def ctc(y_true, y_pred):
    """CTC negative log-likelihood per sequence: ``y_true`` (batch, max_label_len) integer
    labels padded with 0 (the blank), ``y_pred`` (batch, time, classes) logits.

    A port of Keras's JAX ``ctc_loss`` (the optax forward algorithm, log_epsilon = -1e5).
    """
    y_true = np.asarray(y_true).astype(np.int32)
    y_pred = to_float(y_pred)
    if y_true.ndim != 2:
        raise ValueError(f"Targets `y_true` are expected to be (batch_size, max_length). Received: {y_true.shape}")
    if y_pred.ndim != 3:
        raise ValueError(f"Logits `y_pred` are expected to be (batch_size, max_length, num_classes). Received: {y_pred.shape}")
    return _ctc_forward(y_true, log_softmax(y_pred), label_lengths=np.sum(y_true != 0, axis=-1))


def _ctc_forward(target, logprobs, label_lengths, blank=0, log_eps=-100000.0):
    batch, _, num_classes = logprobs.shape
    max_label = target.shape[1]
    repeat = np.pad((target[:, :-1] == target[:, 1:]).astype(logprobs.dtype), ((0, 0), (0, 1)))
    logprobs_phi = logprobs[:, :, blank]                                  # (B, T)
    logprobs_emit = np.einsum("btk,bnk->btn", logprobs, one_hot(target, num_classes, dtype=logprobs.dtype))
    phi = np.full((batch, max_label + 1), log_eps, dtype=logprobs.dtype)
    phi[:, 0] = 0.0
    emit = np.full((batch, max_label), log_eps, dtype=logprobs.dtype)

    def update_phi(phi, added):
        return np.concatenate([phi[:, :1], np.logaddexp(phi[:, 1:], added)], axis=-1)

    # All inputs use the full time length, so no padding steps are needed.
    for t in range(logprobs.shape[1]):
        prev_phi = update_phi(phi, emit + log_eps * repeat)
        lp_emit, lp_phi = logprobs_emit[:, t], logprobs_phi[:, t:t + 1]
        next_emit = np.logaddexp(prev_phi[:, :-1] + lp_emit, emit + lp_emit)
        next_phi = update_phi(prev_phi + lp_phi, emit + lp_phi + log_eps * (1.0 - repeat))
        phi, emit = next_phi, next_emit
    last_phi = update_phi(phi, emit)
    return -np.sum(last_phi * one_hot(label_lengths, max_label + 1, dtype=logprobs.dtype), axis=-1)
