"""What the ``x`` of ``x.compile(...)`` is, as far as the file can prove it.

* ``keras``: a Keras model -- built by a Keras constructor or function (``keras.Sequential``,
  ``tf.keras.Model``, ``keras.models.load_model``), a class in the file whose bases are Keras
  models and that keeps Keras's ``compile``, ``super().compile(...)``, or the result of a
  function in the file that returns one. Checked fully; ``model`` holds the constructor call
  when the outputs can be read from it.
* ``custom_compile``: a class in the file (or one of its bases in the file) defines its own
  ``compile`` (GANs, distillers). Only the Keras keywords it passes on to Keras's compile under
  the same name (``super().compile(optimizer=optimizer, **kwargs)``) are checked.
* ``third_party``: built by a class of a package that is not Keras (keras_cv RetinaNet,
  keras_nlp tasks, ``...from_preset()``), or a class whose base is one: its compile() may be its
  own and is not known, so the call is skipped.
* ``unknown``: anything else (a parameter, ``self.model``, a variable assigned twice). Checked
  fully unless the call has keywords Keras's compile does not have (and that are no typo of
  one): then only the Keras keywords.
"""
from __future__ import annotations

import ast
from compilecli.record import dataclass   # dataclasses without exec: start-up
from typing import FrozenSet, Optional, Tuple

from compilecli.load.python_calls.reaching import reaching
from compilecli.load.python_calls.scopes import FileIndex, Site

#: Keras callables that build a model whose layers the code lists (outputs can be read).
MODEL_BUILDERS = frozenset(("Sequential", "Model", "Functional"))
MAX_DEPTH = 8
#: Class methods third-party packages build their models with.
CONSTRUCTORS = ("from_preset", "from_pretrained", "from_config")


@dataclass(frozen=True)
class Receiver:
    kind: str                                  # keras | custom_compile | third_party | graph_mode | unknown
    why: str                                   # machine-readable reason (JSON "why")
    detail: str = ""                           # what it is, as the code names it
    model: Optional[Tuple[ast.Call, Site]] = None     # the Keras model constructor, where it is evaluated
    forwarded: FrozenSet[str] = frozenset()    # custom_compile: keywords passed on to Keras's compile
    forwards_rest: bool = False                # custom_compile: passes **kwargs on too
    params: FrozenSet[str] = frozenset()       # custom_compile: the override's own parameter names


def classify(index: FileIndex, call: ast.Call, site: Site) -> Receiver:
    receiver = call.func.value
    if type(receiver) is ast.Call and type(receiver.func) is ast.Name and receiver.func.id == "super":
        return Receiver("keras", "super", "super()")
    if type(receiver) is ast.Name:
        if receiver.id == "self":
            cls = _enclosing_class(index, site)
            if cls is not None:
                return _class(index, cls.name, 0)
            return Receiver("unknown", "self", "self")
        return _name(index, receiver.id, site, 0)
    return Receiver("unknown", "expression", _dotted(receiver))


def _name(index: FileIndex, name: str, site: Site, depth: int) -> Receiver:
    binding, why = reaching(index, name, site, ignore_mutations=True)
    if binding is None:
        if why == "import":
            return _imported(index, name)
        if why == "class":
            return _class(index, name, depth)
        return Receiver("unknown", why, name)
    return _value(index, binding.value, binding.site(), depth + 1)


def _value(index: FileIndex, node: ast.AST, site: Site, depth: int) -> Receiver:
    if depth > MAX_DEPTH:
        return Receiver("unknown", "too_deep")
    if type(node) is ast.Name:
        return _name(index, node.id, site, depth)
    if type(node) is not ast.Call:
        return Receiver("unknown", "expression", _dotted(node))
    func = node.func
    path = index.facts.keras_path(func)
    if path is not None:
        builder = path[-1] in MODEL_BUILDERS
        return Receiver("keras", "keras_constructor", ".".join(path), (node, site) if builder else None)
    if type(func) is ast.Name:
        if func.id in index.classes:
            return _class(index, func.id, depth)
        if func.id in index.functions:
            return _built_by(index, func.id, depth)
    root = func
    while type(root) is ast.Attribute:
        root = root.value
    if type(root) is ast.Name and root.id in index.facts.imports:
        return _imported(index, root.id, func)
    return Receiver("unknown", "call", _dotted(func))


def _built_by(index: FileIndex, name: str, depth: int) -> Receiver:
    defs = index.functions[name]
    if len(defs) != 1 or len(defs[0][1].returns) != 1:
        return Receiver("unknown", "function_returns", name)
    value, seq, blocks, cell = defs[0][1].returns[0]
    if blocks:
        return Receiver("unknown", "function_returns", name)
    return _value(index, value, Site(defs[0][1], seq, blocks, cell), depth + 1)


def _imported(index: FileIndex, name: str, func: Optional[ast.AST] = None) -> Receiver:
    dotted = index.facts.imports.get(name, name)
    used = _dotted(func) if func is not None else name
    shown = dotted + used[len(name):]
    # a class of the package (``keras_cv.models.RetinaNet``, ``TFAutoModel.from_pretrained``) builds its
    # own model type, whose compile() may be its own; a lower-case function may return any Keras model
    if any(part[:1].isupper() for part in used.split(".")) or shown.endswith(CONSTRUCTORS):
        return Receiver("third_party", "third_party_class", shown)
    return Receiver("unknown", "imported_function", shown)


def _class(index: FileIndex, name: str, depth: int) -> Receiver:
    defs = index.classes.get(name, [])
    if len(defs) != 1 or depth > MAX_DEPTH:
        return Receiver("unknown", "class_defined_twice" if defs else "class", name)
    cls = defs[0]
    override = next((s for s in cls.body if type(s) in (ast.FunctionDef, ast.AsyncFunctionDef)
                     and s.name == "compile"), None)
    if override is not None:
        return _custom(cls, override)
    for base in cls.bases:
        if type(base) is ast.Name and base.id in index.classes:
            inherited = _class(index, base.id, depth + 1)
            if inherited.kind != "keras":
                return Receiver(inherited.kind, inherited.why, f"class {name}", None, inherited.forwarded,
                                inherited.forwards_rest, inherited.params)
        elif index.facts.keras_path(base) is None:
            root = base
            while type(root) is ast.Attribute:
                root = root.value
            if type(root) is ast.Name and root.id in index.facts.imports:
                return Receiver("third_party", "third_party_base", f"class {name}({_dotted(base)})")
            return Receiver("unknown", "base", f"class {name}({_dotted(base)})")
    return Receiver("keras", "keras_subclass", f"class {name}")


def _custom(cls: ast.ClassDef, override: ast.AST) -> Receiver:
    args = override.args
    params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    rest = args.kwarg.arg if args.kwarg is not None else None
    forwarded, forwards_rest = set(), False
    for node in ast.walk(override):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "compile":
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg is None:
                    forwards_rest |= type(value) is ast.Name and value.id == rest
                elif type(value) is ast.Name and value.id == keyword.arg and keyword.arg in params:
                    forwarded.add(keyword.arg)
    return Receiver("custom_compile", "defines_compile", f"class {cls.name}", None, frozenset(forwarded),
                    forwards_rest, frozenset(params))


def _enclosing_class(index: FileIndex, site: Site) -> Optional[ast.ClassDef]:
    scope = site.scope
    while scope is not None:
        if scope.node is not None and id(scope.node) in index.self_class:
            return index.self_class[id(scope.node)]
        scope = scope.parent
    return None


def _dotted(node: ast.AST) -> str:
    parts = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is ast.Name:
        parts.append(node.id)
    elif type(node) is ast.Call:
        parts.append(_dotted(node.func) + "()")
    else:
        parts.append("...")
    return ".".join(reversed(parts))


def checking_mode(call: ast.Call, receiver: Receiver) -> str:
    """full: every argument; shared: only the Keras keywords the call shares; skipped: nothing."""
    if receiver.kind in ("third_party", "graph_mode"):    # graph_mode: tf.keras's TF1 loop (graph_mode.py)
        return "skipped"
    if receiver.kind == "custom_compile":
        return "shared"
    if receiver.kind == "unknown" and any(k.arg is not None and _foreign(k.arg) for k in call.keywords):
        return "shared"
    return "full"


def _foreign(name: str) -> bool:
    """A keyword that is not Keras's and no typo of one (``d_optimizer``, ``box_loss`` hold a Keras word)."""
    from compilecli.catalogue import known_compile_keywords   # some Keras compile() takes or took it
    if name in known_compile_keywords():
        return False
    if any(word in name for word in ("optimizer", "loss", "metric")):
        return True
    from difflib import get_close_matches
    return not get_close_matches(name, known_compile_keywords(), n=1, cutoff=0.75)
