"""The names a file registers as Keras custom objects, so that a string such as ``loss="focal"`` can
resolve at run time though no Keras release knows it:

* ``get_custom_objects().update({"focal": focal})`` (or ``update(focal=focal)``),
  ``get_custom_objects()["focal"] = focal``;
* ``custom_object_scope({"focal": focal})`` / ``CustomObjectScope({...})``.

The literal keys are the names (also of a dict literal bound once at module level and never changed:
``objs = {...}; update(objs)``); a key or a mapping compilecli cannot read (``update(make())``,
``objects = get_custom_objects()``) registers ``ANY`` name. Which kinds a target's ``get()`` looks up
there is a Keras fact (deserialize.json ``custom_objects``), applied by the object-names rule.
``register_keras_serializable`` is not here: it registers ``Package>name``, which the rule already
leaves alone. Only a file that spells one of these names is walked.
"""
from __future__ import annotations

import ast
import re
from bisect import bisect_left
from typing import FrozenSet, Iterable, Set

from compilecli.load.python_calls.scopes import lines_matching

ANY = "*"
WORDS = ("custom_object", "CustomObject")
_WORD = re.compile("|".join(WORDS))
_GETTERS = ("get_custom_objects",)          # keras.utils, tf.keras.utils, keras.utils.generic_utils
_SCOPES = ("custom_object_scope", "CustomObjectScope")


def registered_names(trees: Iterable[ast.AST], text: str) -> FrozenSet[str]:
    """Every name the trees register (``ANY`` when some cannot be read); empty when none."""
    if not any(word in text for word in WORDS):
        return frozenset()
    trees = list(trees)
    dicts = _Lazy(lambda: _module_dicts(trees))     # (walked only when a mapping is passed by name)
    names: Set[str] = set()
    getters, read = [], set()        # every get_custom_objects() call; those whose use was read here
    for node in _nodes(trees, text):
        if type(node) is ast.Call:
            if _called(node.func) in _GETTERS:
                getters.append(node)
            elif type(node.func) is ast.Attribute and node.func.attr == "update" and _is_getter(node.func.value):
                read.add(id(node.func.value))
                names |= _mapping(node.args[0], dicts) if node.args else set()
                names |= {k.arg or ANY for k in node.keywords}
            elif _called(node.func) in _SCOPES:
                names |= set().union(*(_mapping(arg, dicts) for arg in node.args)) if node.args else {ANY}
        elif type(node) is ast.Assign:
            for target in node.targets:
                if type(target) is ast.Subscript and _is_getter(target.value):
                    read.add(id(target.value))
                    names |= _keys([target.slice])
    if any(id(call) not in read for call in getters):
        names.add(ANY)               # objects = get_custom_objects(); objects[...] = ...: any name
    return frozenset(names)


def _nodes(trees, text: str):
    """Every node of the trees; for one tree (a .py file), only those on lines that spell a word of
    ``WORDS`` and what holds them (each call and assignment looked for names one; a notebook's cells
    count their own lines, so they are walked whole)."""
    lines = lines_matching(_WORD, text) if len(trees) == 1 else None
    stack = list(trees)
    while stack:
        node = stack.pop()
        first = getattr(node, "lineno", None)
        if lines is not None and first is not None:
            at = bisect_left(lines, first)
            if at == len(lines) or lines[at] > node.end_lineno:
                continue                 # no word on its lines: nothing here registers a name
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _is_getter(node: ast.AST) -> bool:
    return type(node) is ast.Call and _called(node.func) in _GETTERS


def _called(func: ast.AST) -> str:
    if type(func) is ast.Name:
        return func.id
    if type(func) is ast.Attribute:
        return func.attr
    return ""


class _Lazy:
    def __init__(self, make):
        self.make, self.value = make, None

    def get(self, key):
        if self.value is None:
            self.value = self.make()
        return self.value.get(key)


def _mapping(node: ast.AST, dicts) -> Set[str]:
    if type(node) is ast.Name:
        node = dicts.get(node.id)          # custom_objs = {...}; update(custom_objs)
    if type(node) is ast.Dict and all(key is not None for key in node.keys):
        return _keys(node.keys)
    return {ANY}


#: Methods that change a dict in place.
CHANGES = frozenset(("update", "setdefault", "pop", "popitem", "clear"))


def _module_dicts(trees) -> dict:
    """Names bound once, at module level, to a dict literal that nothing else binds or changes: no other
    binding of the name anywhere (a second assignment, a loop, a function's local, ``del``), no item
    assigned or deleted, no ``update``/``pop``/... on it. One walk of the trees."""
    found: dict = {}
    own = set()                          # the Name nodes of those module-level bindings themselves
    for tree in trees:
        for stmt in getattr(tree, "body", ()):
            if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name:
                name = stmt.targets[0].id
                found[name] = stmt.value if name not in found and type(stmt.value) is ast.Dict else None
                own.add(id(stmt.targets[0]))
    changed = set()
    for tree in trees:
        for node in ast.walk(tree):
            kind = type(node)
            if kind is ast.Name and type(node.ctx) is not ast.Load and id(node) not in own:
                changed.add(node.id)
            elif kind is ast.Subscript and type(node.ctx) is not ast.Load and type(node.value) is ast.Name:
                changed.add(node.value.id)
            elif kind is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                    and node.func.attr in CHANGES:
                changed.add(node.func.value.id)
    return {name: value for name, value in found.items() if value is not None and name not in changed}


def _keys(nodes) -> Set[str]:
    return {key.value if type(key) is ast.Constant and isinstance(key.value, str) else ANY for key in nodes}
