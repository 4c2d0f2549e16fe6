"""What one parse of a file tells about names and imports: which names mean Keras, and the target.

``import tensorflow as tf`` makes ``tf.keras.losses.Huber`` Keras's; a name the file
assigns itself is never taken for a module. What the imports say about the target
is read by ``target``.
"""
from __future__ import annotations

import ast
from typing import Dict, List, Optional, Sequence, Tuple

#: Roots assumed when a name is used without an import (notebook snippets, partial files).
FALLBACK_ROOTS = {"tf": "tensorflow", "keras": "keras", "tfk": "tensorflow.keras",
                  "optimizers": "keras.optimizers", "losses": "keras.losses", "metrics": "keras.metrics"}

#: Top-level packages whose names may stand for Keras models or classes (``tf.keras.Model.compile(self, ...)``).
KERAS_PACKAGES = frozenset(("keras", "tensorflow", "tf_keras", "keras_core"))

#: Last parts of Keras module paths: ``keras = tf.keras`` or ``L = keras.layers`` at module level
#: is an import by another name (an assigned class or function is followed as a value instead).
KERAS_MODULES = frozenset(("keras", "layers", "losses", "metrics", "optimizers", "models", "callbacks",
                           "activations", "applications", "backend", "regularizers", "initializers",
                           "schedules", "experimental", "legacy", "utils", "preprocessing", "mixed_precision"))

#: Modules of other packages that are Keras itself under another name: tfmot's compat shim is
#: ``tf.keras`` (or ``tf_keras``, the same Keras 2 API, when TF >= 2.16); its objects are Keras's.
KERAS_REEXPORTS = {"tensorflow_model_optimization.python.core.keras.compat.keras": "tensorflow.keras"}

#: ``tf.<module>`` names that are tf.keras's own modules in TF 2.x (code_facts.json: aliases).
TF_ALIASES = frozenset(("optimizers", "losses", "metrics"))


class FileFacts:
    """What one parse of a file (or of all cells of a notebook) tells about names and imports."""

    def __init__(self) -> None:
        self.imports: Dict[str, str] = {}        # bound name -> dotted module/object path
        # bound name -> every (dotted path, bound by a plain ``import``?) the file binds it to
        self.import_bindings: Dict[str, List[Tuple[str, bool]]] = {}
        self.star_modules: List[str] = []        # modules of ``from X import *``
        self.bound: set = set()                  # names assigned, defined or taken as arguments
        self.tf_keras = False                    # tf.keras / tensorflow.keras / tf_keras in use
        self.tensorflow = False                  # tensorflow imported
        self.standalone = False                  # keras imported as a package of its own
        self.keras_core = False                  # keras_core (Keras 3's preview) imported
        self.modules: set = set()                # every module path imported (for Keras-2-only APIs)
        self.keras_attrs: List[str] = []         # roots X of ``X.keras`` attributes
        self.module_bindings: Dict[str, list] = {}   # the module scope's bindings (set by FileIndex)
        self._aliasing: set = set()              # names whose module alias is being resolved (no cycles)

    def import_node(self, node: ast.AST) -> List[str]:
        """Record one ``import`` / ``from ... import`` statement; return the names it binds."""
        names: List[str] = []
        if type(node) is ast.Import:
            for alias in node.names:
                self._module(alias.name)
                if alias.asname:
                    self.imports[alias.asname] = alias.name
                    self._bind(alias.asname, alias.name, True)
                    names.append(alias.asname)
                else:
                    root = alias.name.split(".")[0]
                    self.imports.setdefault(root, root)
                    self._bind(root, root, True)
                    names.append(root)
            return names
        if node.level or not node.module:
            return [alias.asname or alias.name for alias in node.names if alias.name != "*"]
        self._module(node.module)
        for alias in node.names:
            if alias.name == "*":
                self.star_modules.append(node.module)
                continue
            full = f"{node.module}.{alias.name}"
            self._module(full)
            full = KERAS_REEXPORTS.get(full, full)
            self.imports[alias.asname or alias.name] = full
            self._bind(alias.asname or alias.name, full, False)
            names.append(alias.asname or alias.name)
        return names

    def _bind(self, name: str, dotted: str, module: bool) -> None:
        bindings = self.import_bindings.setdefault(name, [])
        if (dotted, module) not in bindings:
            bindings.append((dotted, module))

    def _module(self, dotted: str) -> None:
        self.modules.add(dotted)
        parts = dotted.split(".")
        if parts[0] == "tensorflow":
            self.tensorflow = True
            if len(parts) > 1 and parts[1] == "keras":
                self.tf_keras = True
        elif parts[0] == "tf_keras":
            self.tf_keras = True
        elif parts[0] == "keras":
            self.standalone = True
        elif parts[0] == "keras_core":
            self.keras_core = True

    @property
    def uses_keras(self) -> bool:
        return self.tensorflow or self.tf_keras or self.standalone

    def resolve_root(self, name: str) -> Optional[List[str]]:
        if name in self.imports:
            return self.imports[name].split(".")
        if name in self.bound:
            return self._assigned_module(name)
        if name in FALLBACK_ROOTS:
            return FALLBACK_ROOTS[name].split(".")
        for module in self.star_modules:
            if _is_keras(module.split(".")):
                return module.split(".") + [name]
        return None

    def _assigned_module(self, name: str) -> Optional[List[str]]:
        """``keras = tf.keras`` bound once, at module level, outside any branch or loop: that module."""
        bindings = self.module_bindings.get(name)
        if not bindings or len(bindings) != 1 or name in self._aliasing:
            return None
        binding = bindings[0]
        if binding.how != "assign" or binding.blocks or type(binding.value) is not ast.Attribute:
            return None
        self._aliasing.add(name)
        try:
            path = self.keras_path(binding.value)
        finally:
            self._aliasing.discard(name)
        return path if path and path[-1] in KERAS_MODULES else None

    def keras_path(self, node: ast.AST) -> Optional[List[str]]:
        """``tf.keras.optimizers.Adam`` -> ["tensorflow", "keras", "optimizers", "Adam"], if Keras's."""
        rest: List[str] = []
        while type(node) is ast.Attribute:
            rest.append(node.attr)
            node = node.value
        if type(node) is not ast.Name:
            return None
        root = self.resolve_root(node.id)
        if root is None:
            return None
        full = root + rest[::-1]
        if full[0] == "tensorflow" and len(full) > 2 and full[1] in TF_ALIASES:
            full.insert(1, "keras")              # tf.optimizers.Adam is tf.keras.optimizers.Adam (probed)
        elif full[0] == "keras_core":
            full[0] = "keras"                    # Keras 3's preview package, same API
        return full if _is_keras(full) else None


def is_keras_package(dotted: str) -> bool:
    """Is this module path in keras, tensorflow or tf_keras (whose objects may be Keras models)?"""
    return dotted.split(".")[0] in KERAS_PACKAGES


def _is_keras(parts: Sequence[str]) -> bool:
    if not parts:
        return False
    if parts[0] in ("keras", "tf_keras"):
        return True
    return parts[0] == "tensorflow" and len(parts) > 1 and (
        parts[1] == "keras" or (parts[1] == "python" and len(parts) > 2 and parts[2] == "keras"))
