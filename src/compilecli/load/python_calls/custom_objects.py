"""The names a file registers as Keras custom objects, so that a string such as ``loss="focal"`` can
resolve at run time though no Keras release knows it:

* ``get_custom_objects().update({"focal": focal})`` (or ``update(focal=focal)``),
  ``get_custom_objects()["focal"] = focal``;
* ``custom_object_scope({"focal": focal})`` / ``CustomObjectScope({...})``.

The literal keys are the names; a key or a mapping compilecli cannot read (``update(objs)``,
``objects = get_custom_objects()``) registers ``ANY`` name. Which kinds a target's ``get()`` looks up
there is a Keras fact (deserialize.json ``custom_objects``), applied by the object-names rule.
``register_keras_serializable`` is not here: it registers ``Package>name``, which the rule already
leaves alone. Only a file that spells one of these names is walked.
"""
from __future__ import annotations

import ast
from typing import FrozenSet, Iterable, Set

ANY = "*"
WORDS = ("custom_object", "CustomObject")
_GETTERS = ("get_custom_objects",)          # keras.utils, tf.keras.utils, keras.utils.generic_utils
_SCOPES = ("custom_object_scope", "CustomObjectScope")


def registered_names(trees: Iterable[ast.AST], text: str) -> FrozenSet[str]:
    """Every name the trees register (``ANY`` when some cannot be read); empty when none."""
    if not any(word in text for word in WORDS):
        return frozenset()
    names: Set[str] = set()
    getters, read = [], set()        # every get_custom_objects() call; those whose use was read here
    for tree in trees:
        for node in ast.walk(tree):
            if type(node) is ast.Call:
                if _called(node.func) in _GETTERS:
                    getters.append(node)
                elif type(node.func) is ast.Attribute and node.func.attr == "update" and _is_getter(node.func.value):
                    read.add(id(node.func.value))
                    names |= _mapping(node.args[0]) if node.args else set()
                    names |= {k.arg or ANY for k in node.keywords}
                elif _called(node.func) in _SCOPES:
                    names |= set().union(*(_mapping(arg) for arg in node.args[:1])) if node.args else {ANY}
            elif type(node) is ast.Assign:
                for target in node.targets:
                    if type(target) is ast.Subscript and _is_getter(target.value):
                        read.add(id(target.value))
                        names |= _keys([target.slice])
    if any(id(call) not in read for call in getters):
        names.add(ANY)               # objects = get_custom_objects(); objects[...] = ...: any name
    return frozenset(names)


def _is_getter(node: ast.AST) -> bool:
    return type(node) is ast.Call and _called(node.func) in _GETTERS


def _called(func: ast.AST) -> str:
    if type(func) is ast.Name:
        return func.id
    if type(func) is ast.Attribute:
        return func.attr
    return ""


def _mapping(node: ast.AST) -> Set[str]:
    if type(node) is ast.Dict and all(key is not None for key in node.keys):
        return _keys(node.keys)
    return {ANY}


def _keys(nodes) -> Set[str]:
    return {key.value if type(key) is ast.Constant and isinstance(key.value, str) else ANY for key in nodes}
