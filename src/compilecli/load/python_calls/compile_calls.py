"""Which ``x.compile(...)`` calls are Keras's ``Model.compile()``, and what its arguments are.

Positional compile() arguments follow the target's order: Keras 3 takes
``(optimizer, loss, loss_weights, metrics, ...)``, tf.keras 2.x and Keras 2
``(optimizer, loss, metrics, loss_weights, ...)``. Only the first two agree, so
without a known target only those two are read.
"""
from __future__ import annotations

import ast
from functools import lru_cache

from compilecli.load.python_calls.facts import FileFacts, is_keras_package


#: Receivers whose ``.compile`` is not Keras's (``re.compile``, ``torch.compile`` ...), by their literal
#: name, imported or not; a name the file imports is also judged by what it imports (``import re as _re``).
DENY_RECEIVERS = frozenset(("re", "regex", "torch", "jax", "tf", "np", "numpy", "sre_compile",
                            "py_compile", "compileall", "numba", "theano", "codeop"))

#: ``Model.compile()``'s positional order per target (from the facts files).
@lru_cache(maxsize=None)
def positional_order(target, among: tuple = ()) -> tuple:
    """compile()'s parameters in signature order for target (from the facts: Keras 3 put loss_weights
    third, tf.keras metrics); without a target, only the positions every target ``among`` (default:
    all) agrees on."""
    from compilecli.catalogue import TARGETS, load_catalogue
    catalogue = load_catalogue()
    if target in TARGETS:
        return catalogue.target(target).compile_signature
    orders = [catalogue.target(t).compile_signature for t in (among or TARGETS)]
    common = []
    for names in zip(*orders):
        if len(set(names)) > 1:
            break
        common.append(names[0])
    return tuple(common)


def is_keras_compile(call: ast.Call, facts: FileFacts) -> bool:
    """Does this ``x.compile(...)`` look like Keras's ``Model.compile``?"""
    receiver = call.func.value
    if type(receiver) is ast.Name and receiver.id in DENY_RECEIVERS:
        return False
    if _imported_elsewhere(receiver, facts):
        return False
    from compilecli.catalogue import compile_keywords     # compile()'s keywords in any target (data)
    if any(k.arg in compile_keywords() for k in call.keywords):
        return True
    # positional arguments only: believe it only in a file that uses Keras at all
    return bool(call.args) and facts.uses_keras


def _imported_elsewhere(receiver: ast.AST, facts: FileFacts) -> bool:
    """Is the receiver (or the root of its attribute chain) a name imported from outside Keras?

    ``import re as _re`` / ``import torch as T`` / ``import mylib`` bind modules, which are never
    Keras models, so ``_re.compile(...)``, ``T.compile(...)`` and ``mylib.x.compile(...)`` are not
    Keras's compile(). ``from mylib import model`` may bind a model, so it only counts when the
    module is a well-known non-Keras one (``from torch import _dynamo``). Names imported from
    keras / tensorflow / tf_keras, names never imported, and names the file also assigns (which
    the import alone cannot tell) stay candidates.
    """
    node = receiver
    while type(node) is ast.Attribute:
        node = node.value
    if type(node) is not ast.Name:
        return False            # model().compile(...), self.model.compile(...) is rooted in `self` (bound)
    bindings = facts.import_bindings.get(node.id)
    if not bindings or node.id in facts.bound:
        return False
    return all(_outside_keras(dotted, module) for dotted, module in bindings)


def _outside_keras(dotted: str, module: bool) -> bool:
    if is_keras_package(dotted):
        return False
    return module or dotted.split(".")[0] in DENY_RECEIVERS
