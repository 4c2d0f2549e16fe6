"""The model's outputs, read from the code that builds it -- or None, never a guess.

* ``Sequential([..., Dense(10, activation="softmax")])`` and ``Sequential()`` + ``.add(...)``
  (every ``.add`` between the constructor and the use, none in a branch or loop of its own):
  the last layer, an ``Activation``/``Softmax`` after a ``Dense`` taking the Dense's units;
* ``Model(inputs, outputs)``: each output tensor traced back through the names it is assigned to
  (``x = Dense(...)(h)``, ``head = Dense(...); out = head(h)``) to a ``Dense`` (units, activation,
  name) or an ``Activation`` applied to one; a list of outputs, or a dict keyed by output name.

A file that assigns a layer's ``activation`` or a model's ``outputs`` anywhere, or pops its
``layers``, gets no outputs: the head may not be the one the constructor built.

Label formats cannot be read from code: outputs carry none, so only the checks that need no
labels run on them (activation <-> loss <-> from_logits, units, per-output structure).
"""
from __future__ import annotations

import ast
import re
from typing import Any, Dict, List, Optional, Tuple

from compilecli.load.python_calls.reaching import reaching
from compilecli.load.python_calls.scopes import Binding, FileIndex, Site, first_from

#: Layers after the last Dense that set the activation (units unchanged).
ACTIVATION_LAYERS = {"Activation": None, "Softmax": "softmax", "ReLU": "relu"}
MAX_DEPTH = 12

Head = Dict[str, Any]           # {"units", "activation", "name", "node", "activation_node"}


def infer(index: FileIndex, model: Tuple[ast.Call, Site], use: Site) -> Tuple[Optional[List[Head]], str]:
    """(outputs in order, "") or (None, why not). The answer depends on the use only through the
    ``.add(...)`` calls before it (``added``), so calls of one model with the same ones before them
    share it (a cell of 20,000 ``model.compile(...)`` reads the model once)."""
    from compilecli.resolve.model import ACTIVATIONS
    if index.heads_changed:     # model.layers[-1].activation = linear, model.layers.pop(): not as built
        return None, "heads_changed"
    ctor, site = model
    memo = index.__dict__.setdefault("_inferred", {})
    key = (index.seq, id(ctor), _Reader.adds_before(index, ctor, site, use))
    if key in memo:
        return memo[key]
    reader = _Reader(index, set(ACTIVATIONS))
    kind = index.facts.keras_path(ctor.func)[-1]
    try:
        if kind == "Sequential":
            found = [reader.sequential(ctor, site, use)], ""
        else:
            found = reader.functional(ctor, site), ""
    except _Unknown as exc:
        found = None, exc.args[0]
    memo[key] = found
    return found


class _Unknown(Exception):
    """The outputs cannot be read (the argument says why)."""


class _Reader:
    def __init__(self, index: FileIndex, activations):
        self.index = index
        self.facts = index.facts
        self.activations = activations

    # ---------------------------------------------------------------- Sequential
    def sequential(self, ctor: ast.Call, site: Site, use: Site) -> Head:
        layers = ctor.args[0] if ctor.args else next((k.value for k in ctor.keywords if k.arg == "layers"), None)
        items: List[Tuple[ast.AST, Site]] = []
        if layers is not None:
            layers, layers_site = self.follow(layers, site, 0)
            if type(layers) not in (ast.List, ast.Tuple):
                raise _Unknown("layers_not_a_list")
            items = [(item, layers_site) for item in layers.elts]
        items += self.added(ctor, site, use)
        if not items:
            raise _Unknown("no_layers")
        last, last_site = self.follow(*items[-1], 0)
        layer = self.layer(last)
        if layer in ACTIVATION_LAYERS:
            if len(items) < 2:
                raise _Unknown("last_layer")
            previous, previous_site = self.follow(*items[-2], 0)
            head = self.dense(previous, previous_site)
            return dict(head, activation=self.activation_layer(last, last_site, layer), node=last,
                        activation_node=last, cell=last_site.cell)
        return self.dense(last, last_site)

    @staticmethod
    def assigned(index: FileIndex, ctor: ast.Call, scope) -> Optional[Binding]:
        """The plain assignment in ``scope`` whose value is the constructor call (one table per scope,
        not a scan of every binding per compile() call)."""
        tables = index.__dict__.setdefault("_assigned_values", {})
        entry = tables.get(id(scope))
        if entry is None or entry[0] != index.seq:        # (re)built when the index has grown
            found: Dict[int, Binding] = {}
            for bindings in scope.bindings.values():
                for b in bindings:
                    if b.how == "assign":
                        found.setdefault(id(b.value), b)
            entry = tables[id(scope)] = (index.seq, found, scope)     # (the scope kept: its id stays its own)
        return entry[1].get(id(ctor))

    @staticmethod
    def adds_before(index: FileIndex, ctor: ast.Call, site: Site, use: Site) -> int:
        """How many bindings of the model's name ``added`` looks at for this use (its cache key)."""
        binding = _Reader.assigned(index, ctor, site.scope)
        if binding is None:
            return 0
        return len(_later(site.scope.bindings.get(binding.name, ()), binding, use, site.scope))

    def added(self, ctor: ast.Call, site: Site, use: Site) -> List[Tuple[ast.AST, Site]]:
        """The layers of every ``name.add(layer)`` on the variable the constructor is assigned to."""
        scope = site.scope
        binding = self.assigned(self.index, ctor, scope)
        if binding is None:
            return []
        out = []
        for other in _later(scope.bindings.get(binding.name, ()), binding, use, scope):
            node = other.node
            if other.how != "mutated" or type(node) is not ast.Call or node.func.attr != "add":
                raise _Unknown("model_changed")
            if other.blocks != binding.blocks or len(node.args) != 1 or node.keywords:
                raise _Unknown("add_in_branch")
            out.append((node.args[0], other.site()))
        return out

    # ---------------------------------------------------------------- functional
    def functional(self, ctor: ast.Call, site: Site) -> List[Head]:
        outputs = next((k.value for k in ctor.keywords if k.arg == "outputs"), None)
        if outputs is None:
            if len(ctor.args) < 2:
                raise _Unknown("no_outputs")
            outputs = ctor.args[1]
        outputs, site = self.follow(outputs, site, 0)
        if type(outputs) in (ast.List, ast.Tuple):
            return [self.tensor(item, site, 0) for item in outputs.elts]
        if type(outputs) is ast.Dict:
            heads = []
            for key, value in zip(outputs.keys, outputs.values):
                if type(key) is not ast.Constant or not isinstance(key.value, str):
                    raise _Unknown("dict_outputs")
                head = self.tensor(value, site, 0)
                if head["name"] not in (None, key.value):
                    raise _Unknown("dict_output_names")
                heads.append(dict(head, name=key.value, key=key.value))   # keyed: Keras pairs by sorted name
            return heads
        return [self.tensor(outputs, site, 0)]

    def tensor(self, node: ast.AST, site: Site, depth: int) -> Head:
        """The head that produced an output tensor: ``Dense(...)(x)`` or ``head(x)``, through names."""
        if depth > MAX_DEPTH:
            raise _Unknown("too_deep")
        node, site = self.follow(node, site, depth)
        if type(node) is not ast.Call or not node.args:
            raise _Unknown("output_tensor")
        layer_node, layer_site = self.follow(node.func, site, depth)
        layer = self.layer(layer_node)
        if layer in ACTIVATION_LAYERS:
            inner = self.tensor(node.args[0], site, depth + 1)
            return dict(inner, activation=self.activation_layer(layer_node, layer_site, layer), node=layer_node,
                        activation_node=layer_node, name=self.name(layer_node), cell=layer_site.cell)
        return self.dense(layer_node, layer_site)

    # ---------------------------------------------------------------- layers
    def follow(self, node: ast.AST, site: Site, depth: int) -> Tuple[ast.AST, Site]:
        while type(node) is ast.Name and depth <= MAX_DEPTH:
            binding, why = reaching(self.index, node.id, site)
            if binding is None or binding.value is None:
                raise _Unknown(why or "unbound")
            node, site, depth = binding.value, binding.site(), depth + 1
        return node, site

    def layer(self, node: ast.AST) -> Optional[str]:
        if type(node) is not ast.Call:
            return None
        path = self.facts.keras_path(node.func)
        return path[-1] if path is not None and "layers" in path[:-1] else None

    def dense(self, node: ast.AST, site: Site) -> Head:
        if self.layer(node) != "Dense":
            raise _Unknown("last_layer")
        units = node.args[0] if node.args else self.keyword(node, "units")
        activation = node.args[1] if len(node.args) > 1 else self.keyword(node, "activation")
        return {"units": self.units(units, site), "activation": self.activation(activation, site),
                "name": self.name(node), "node": node, "activation_node": activation or node, "cell": site.cell}

    def activation_layer(self, node: ast.Call, site: Site, layer: str) -> str:
        fixed = ACTIVATION_LAYERS[layer]
        if fixed is not None:
            return fixed
        return self.activation(node.args[0] if node.args else self.keyword(node, "activation"), site)

    def keyword(self, node: ast.Call, name: str) -> Optional[ast.AST]:
        return next((k.value for k in node.keywords if k.arg == name), None)

    def units(self, node: Optional[ast.AST], site: Site) -> Optional[int]:
        if node is None:
            raise _Unknown("units")
        try:
            node, _ = self.follow(node, site, 0)
        except _Unknown:
            return None                  # a units variable compilecli cannot read: unknown, not a guess
        if type(node) is ast.Constant and type(node.value) is int and node.value > 0:
            return node.value
        return None

    def activation(self, node: Optional[ast.AST], site: Site) -> str:
        if node is None:
            return "linear"
        node, _ = self.follow(node, site, 0)
        if type(node) is ast.Constant and (node.value is None or isinstance(node.value, str)):
            name = (node.value or "linear").lower()
        elif type(node) is ast.Attribute:
            name = node.attr.lower()     # keras.activations.softmax, tf.nn.sigmoid
        else:
            raise _Unknown("activation")
        if name not in self.activations:
            raise _Unknown("activation")
        return name

    def name(self, node: ast.AST) -> Optional[str]:
        value = self.keyword(node, "name") if type(node) is ast.Call else None
        return value.value if type(value) is ast.Constant and isinstance(value.value, str) else None


#: compile() arguments given per output: outputs are inferred only when these were read whole.
PER_OUTPUT = ("loss", "metrics", "weighted_metrics", "loss_weights")


def add_outputs(data, sourcemap, index: FileIndex, receiver, reader, site: Site, positions, call) -> Dict[str, Any]:
    """Put the inferred outputs under ``data["model"]`` (with spans); say whether and why (not)."""
    if receiver.kind != "keras":
        return {"inferred": False, "why": "not_a_keras_model"}
    if receiver.model is None:
        return {"inferred": False, "why": "model_not_built_here"}
    compile_args = data["compile"]
    if any(reader.arguments.get(role) not in (None, "read") for role in PER_OUTPUT) or "**" in reader.arguments:
        return {"inferred": False, "why": "per_output_argument_not_read"}
    if compile_args.get("loss") is None:                # absent or None: add_loss() models compile without one
        return {"inferred": False, "why": "no_loss"}      # (tf-keras training_test.py: loss = None, add_loss)
    heads, why = infer(index, receiver.model, site)
    if heads is None:
        return {"inferred": False, "why": why}
    keys = [key for role in PER_OUTPUT if isinstance(compile_args.get(role), dict)
            and "class_name" not in compile_args[role] for key in compile_args[role]]
    if keys and any(h["name"] is None for h in heads) and (len(heads) > 1 or _maybe_auto_name(heads[0], keys)):
        return {"inferred": False, "why": "unnamed_outputs"}
    outputs = []
    keyed = len(heads) > 1 and all("key" in h for h in heads)       # Model(x, {name: tensor}): a mapping
    for number, head in enumerate(heads):
        output = {"name": head["name"] or f"output_{number}", "activation": head["activation"]}
        if head["units"] is not None:
            output["units"] = head["units"]
        outputs.append(output)
        same_cell = head.get("cell", site.cell) == site.cell
        path = ("model", "outputs", output["name"] if keyed else number)
        sourcemap.values[path] = positions.span(head["node"]) if same_cell else positions.span(call)
        sourcemap.values[path + ("activation",)] = (positions.span(head["activation_node"]) if same_cell
                                                    else positions.span(call))
    data["model"] = {"outputs": {o["name"]: {k: v for k, v in o.items() if k != "name"} for o in outputs}
                     if keyed else outputs}
    return {"inferred": True, "outputs": len(outputs),
            "from": [{"name": o["name"], "line": positions.span(h["node"]).line if h.get("cell", site.cell) == site.cell
                      else None, "cell": h.get("cell")} for o, h in zip(outputs, heads)]}



def _maybe_auto_name(head: Head, keys) -> bool:
    """Could a key be the name Keras gives an unnamed output layer (``dense``, ``dense_3``: its class in
    snake case, numbered per process)? ``loss={"dense_1": "mse"}`` trains on tf.keras 2.15 when the layer
    got that name; compilecli cannot count the layers made before it."""
    node = head.get("node")
    func = node.func if type(node) is ast.Call else None
    name = func.attr if type(func) is ast.Attribute else func.id if type(func) is ast.Name else ""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
    return bool(snake) and any(isinstance(key, str) and re.fullmatch(re.escape(snake) + r"(_\d+)?", key)
                               for key in keys)


def _later(bindings: List[Binding], binding: Binding, use: Site, scope) -> List[Binding]:
    """The bindings of the name after ``binding`` and (in its scope) before ``use``: a slice found by
    bisection (``first_from``), not a scan of all of them per use."""
    start = first_from(bindings, binding.seq + 1)
    return bindings[start:first_from(bindings, use.seq, start) if use.scope is scope else len(bindings)]
