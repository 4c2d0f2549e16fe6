"""A small dense network in float64 numpy: inputs -> Dense(hidden, relu) -> one Dense head per output.

Forward and backward are written by hand (activations in `activations`). All weights live
in one flat buffer and all gradients in another, `params` and `grads` being views of them:
an element-wise optimizer then updates everything in one call (see trainer), and backward
writes each gradient in place instead of allocating and concatenating every step.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from compilecli.smoke.activations import activation, activation_backward


def _glorot(rng, fan_in, fan_out):
    # Keras's Dense default: glorot_uniform kernel, zero bias.
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out))


def _views(flat, shapes):
    """Reshaped views of consecutive pieces of `flat`, one per shape."""
    views, start = [], 0
    for shape in shapes:
        size = math.prod(shape)
        views.append(flat[start:start + size].reshape(shape))
        start += size
    return views


class Cache(NamedTuple):
    """What `forward` keeps for `backward`: the input, the hidden activations, per head its logits and output."""
    x: np.ndarray
    hid: np.ndarray
    zs: list
    ys: list


class Network:
    """inputs -> Dense(hidden, relu) -> heads. `params` is the flat list the optimizer updates."""

    def __init__(self, inputs, hidden, heads, rng, names=None):
        self.heads = list(heads)       # [(units, activation)]
        self._activations = [activation(act) for _, act in self.heads]
        # Keras's variable paths: the hidden Dense is "dense", a head is named after its output.
        layers = ["dense"] + list(names or (f"dense_{i + 1}" for i in range(len(self.heads))))
        self.names = [f"{layer}/{part}" for layer in layers for part in ("kernel", "bias")]
        values = [_glorot(rng, inputs, hidden), np.zeros(hidden)]
        for units, _ in self.heads:
            values += [_glorot(rng, hidden, units), np.zeros(units)]
        shapes = [v.shape for v in values]
        self.flat = np.concatenate([v.ravel() for v in values])
        self.params = _views(self.flat, shapes)
        self.flat_grad = np.zeros_like(self.flat)
        self.grads = _views(self.flat_grad, shapes)

    def forward(self, x):
        """The outputs, and the Cache `backward` needs (it holds the logits too)."""
        # ndarray.dot rather than @: the same BLAS call, with less overhead on these small arrays.
        hid = x.dot(self.params[0])
        hid += self.params[1]           # in place: same numbers as `x @ w + b`, one array fewer
        np.maximum(hid, 0.0, out=hid)   # relu, in place too
        zs, ys = [], []
        for i, act in enumerate(self._activations):
            z = hid.dot(self.params[2 + 2 * i])
            z += self.params[3 + 2 * i]
            zs.append(z)
            ys.append(act(z))
        return ys, Cache(x, hid, zs, ys)

    def backward(self, cache, dys):
        """Gradients of the loss for every parameter, given d loss / d output per head."""
        dzs = [activation_backward(act, z, y, dy)
               for (_, act), z, y, dy in zip(self.heads, cache.zs, cache.ys, dys)]
        return self.backward_logits(cache, dzs)

    def backward_logits(self, cache, dzs):
        """The same from d loss / d logits per head (None: the head adds nothing). Writes into
        `grads` (views of `flat_grad`) and returns it: valid until the next call."""
        x, hid = cache.x, cache.hid
        grads, dhid = self.grads, None
        for i, dz in enumerate(dzs):
            if dz is None:
                grads[2 + 2 * i].fill(0.0)
                grads[3 + 2 * i].fill(0.0)
                continue
            np.dot(hid.T, dz, out=grads[2 + 2 * i])
            np.add.reduce(dz, axis=0, out=grads[3 + 2 * i])   # ndarray.sum, minus a Python layer
            back = dz.dot(self.params[2 + 2 * i].T)
            dhid = back if dhid is None else np.add(dhid, back, out=dhid)
        if dhid is None:
            dhid = np.zeros_like(hid)
        dhid *= hid > 0                 # relu: hid > 0 exactly where pre > 0
        np.dot(x.T, dhid, out=grads[0])
        np.add.reduce(dhid, axis=0, out=grads[1])
        return grads
