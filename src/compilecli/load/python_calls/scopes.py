"""One pass over a file's tree: imports, compile() calls, and every binding of every name, per scope.

Each binding remembers where it sits: its scope, its order in the file (``seq``, counting
across the cells of a notebook), and the branch and loop bodies around it (``blocks``). That is
what ``reaching`` needs to say "exactly one assignment reaches this use" without guessing: the
last binding before the use in the same scope reaches it when it is not inside a branch or loop
the use is outside of, when no other binding sits between them, and when no later binding can
come round again through a loop around the use. Names of enclosing scopes (module constants,
closures) are followed only when they are bound exactly once, outside any branch or loop.
"""
from __future__ import annotations

import ast
import re
from bisect import bisect_left
from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import Dict, List, Optional, Tuple

from compilecli.load.python_calls.facts import FileFacts

#: Methods that change a list, dict or Sequential model in place (the value read earlier is stale).
MUTATORS = frozenset(("append", "extend", "insert", "update", "pop", "remove", "clear", "setdefault",
                      "add", "popitem", "sort", "reverse"))

Block = Tuple[int, bool]            # (id of a branch or loop body, is it a loop?)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

#: Attributes of a layer or model that, assigned (``layer.activation = linear``, Keras 2's ``model.outputs =
#: [...]``) or changed in place (``model.layers.pop()``), change what the model outputs.
HEAD_ATTRIBUTES = frozenset(("activation", "outputs"))
HEAD_LISTS = frozenset(("layers", "_layers", "outputs"))
LIST_CHANGES = frozenset(("append", "extend", "insert", "pop", "remove", "clear"))
#: What an expression must show for its walk to find anything: a compile() call, a walrus, or an
#: in-place change of a name. Lines without any are not walked (most of a file).
_WORTH = re.compile(r"compile|:=|\.(?:" + "|".join(sorted(MUTATORS)) + r")\s*\(")
#: The name before ``.keras`` (for the target: ``tf.keras`` after ``import tensorflow as tf``).
_NAME_BEFORE = r"([A-Za-z_]\w*)$"     # compiled on first use (re's cache): most files have no `x.keras`


@dataclass
class Binding:
    name: str
    how: str                        # assign | param | loop | augmented | unpacked | import | def | class | mutated | other
    value: Optional[ast.AST]        # the expression assigned (a parameter's default), else None
    node: ast.AST                   # the statement or call that binds it
    seq: int
    blocks: Tuple[Block, ...]
    cell: int
    scope: "Scope" = field(default=None, repr=False, compare=False)

    def site(self) -> "Site":
        """Where the bound value is evaluated (for following names inside it)."""
        return Site(self.scope, self.seq, self.blocks, self.cell)


@dataclass
class Scope:
    node: Optional[ast.AST]
    parent: Optional["Scope"]
    kind: str                       # module | function | class
    bindings: Dict[str, List[Binding]] = field(default_factory=dict)
    declared_global: set = field(default_factory=set)
    returns: List[Tuple[ast.AST, int, Tuple[Block, ...], int]] = field(default_factory=list)


@dataclass
class Site:
    """Where a use (a compile() call, a name read) sits: its scope, order and blocks."""
    scope: Scope
    seq: int
    blocks: Tuple[Block, ...]
    cell: int


class FileIndex:
    """Everything the loader needs from a file (or all cells of a notebook), from one walk each."""

    def __init__(self) -> None:
        self.facts = FileFacts()
        self.module = Scope(None, None, "module")
        self.scopes: List[Scope] = [self.module]              # every scope, for ``release``
        self.facts.module_bindings = self.module.bindings     # for ``keras = tf.keras`` aliases
        self.calls: List[Tuple[ast.Call, Site]] = []
        self.classes: Dict[str, List[ast.ClassDef]] = {}
        self.functions: Dict[str, List[Tuple[ast.AST, Scope]]] = {}
        self.trees: List[ast.AST] = []
        self._calls_by_name: Optional[Dict[str, List[ast.Call]]] = None
        self._worth: Optional[List[int]] = None               # the lines worth walking, in order
        self.self_class: Dict[int, ast.ClassDef] = {}        # id(method scope node) -> its class
        self.seq = 0
        self.cell = 0
        self._next_block = 0
        self.heads_changed = False            # `<layer>.activation = ...`, `model.layers.pop()`: not as built

    # ------------------------------------------------------------------ the walk
    def add(self, tree: ast.AST, text: Optional[str] = None) -> List[ast.Call]:
        """Index one tree (a file, or the next cell, with its text); return its compile() calls in file order."""
        self.cell += 1
        self.trees.append(tree)
        self._calls_by_name = None
        self._worth = None
        if text is not None:
            self._worth = lines_matching(_WORTH, text)
            self.facts.keras_attrs.extend(_keras_roots(text))
        start = len(self.calls)
        for stmt in getattr(tree, "body", ()):
            self._visit(stmt, self.module, ())
        calls = [call for call, _site in self.calls[start:]]
        calls.sort(key=lambda c: (c.lineno, c.col_offset))
        return calls

    @property
    def function_calls(self) -> Dict[str, List[ast.Call]]:
        """``f(...)`` and ``obj.f(...)`` calls by the name f, over every tree (built when first asked:
        only a followed parameter default needs them)."""
        if self._calls_by_name is None:
            calls: Dict[str, List[ast.Call]] = {}
            for tree in self.trees:
                for node in ast.walk(tree):
                    if type(node) is ast.Call:
                        func = node.func
                        name = func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else None
                        if name is not None:
                            calls.setdefault(name, []).append(node)
            self._calls_by_name = calls
        return self._calls_by_name

    def site_of(self, call: ast.Call) -> Site:
        return self._sites[id(call)]

    @property
    def _sites(self) -> Dict[int, Site]:
        sites = self.__dict__.get("_site_map")
        if sites is None or len(sites) != len(self.calls):
            sites = {id(call): site for call, site in self.calls}
            self.__dict__["_site_map"] = sites
        return sites

    def _scope(self, node, parent: Scope, kind: str) -> Scope:
        scope = Scope(node, parent, kind)
        self.scopes.append(scope)
        return scope

    def release(self) -> None:
        """Drop the bindings (each points back at its scope): the index and the trees it holds are then
        freed as soon as the loader is done with them, not by a later garbage collection (issue 14)."""
        for scope in self.scopes:
            scope.bindings.clear()

    def _bind(self, scope: Scope, name: str, how: str, value, node, blocks) -> None:
        self.seq += 1
        if how != "import":
            self.facts.bound.add(name)           # a name the file binds itself is never taken for a module
        target = self.module if name in scope.declared_global else scope
        target.bindings.setdefault(name, []).append(
            Binding(name, how, value, node, self.seq, blocks, self.cell, target))

    def _block(self, blocks, loop: bool):
        self._next_block += 1
        return blocks + ((self._next_block, loop),)

    def _targets(self, target: ast.AST, scope: Scope, how: str, value, node, blocks) -> None:
        kind = type(target)
        if kind is ast.Name:
            self._bind(scope, target.id, how, value, node, blocks)
        elif kind in (ast.Tuple, ast.List):
            for item in target.elts:
                self._targets(item, scope, "unpacked" if how == "assign" else how, None, node, blocks)
        elif kind is ast.Starred:
            self._targets(target.value, scope, "unpacked", None, node, blocks)
        else:                                   # x.attr = v, x[k] = v: x changed in place
            root = target
            while type(root) in (ast.Attribute, ast.Subscript):
                root = root.value
            if kind is ast.Subscript and type(root) is ast.Name:
                self._bind(scope, root.id, "mutated", None, node, blocks)
            elif kind is ast.Attribute and target.attr in HEAD_ATTRIBUTES and not (
                    type(root) is ast.Name and root.id == "self"):    # a custom layer keeping its own
                self.heads_changed = True
            self._expr(target, scope, blocks)

    def _visit(self, node: ast.AST, scope: Scope, blocks) -> None:
        kind = type(node)
        handler = _STATEMENTS.get(kind)
        if handler is not None:
            handler(self, node, scope, blocks)
        else:
            self._expr(node, scope, blocks)

    def _body(self, body, scope, blocks) -> None:
        for stmt in body:
            self._visit(stmt, scope, blocks)

    # statements
    def _assign(self, node, scope, blocks):
        self._expr(node.value, scope, blocks)
        for target in node.targets:
            self._targets(target, scope, "assign" if len(node.targets) == 1 else "other", node.value, node, blocks)

    def _ann_assign(self, node, scope, blocks):
        if node.value is not None:
            self._expr(node.value, scope, blocks)
            self._targets(node.target, scope, "assign", node.value, node, blocks)
        self._expr(node.annotation, scope, blocks)

    def _aug_assign(self, node, scope, blocks):
        self._expr(node.value, scope, blocks)
        self._targets(node.target, scope, "augmented", None, node, blocks)

    def _for(self, node, scope, blocks):
        self._expr(node.iter, scope, blocks)
        inner = self._block(blocks, True)
        self._targets(node.target, scope, "loop", None, node, inner)
        self._body(node.body, scope, inner)
        self._body(node.orelse, scope, self._block(blocks, False))

    def _while(self, node, scope, blocks):
        inner = self._block(blocks, True)
        self._expr(node.test, scope, inner)
        self._body(node.body, scope, inner)
        self._body(node.orelse, scope, self._block(blocks, False))

    def _if(self, node, scope, blocks):
        self._expr(node.test, scope, blocks)
        self._body(node.body, scope, self._block(blocks, False))
        self._body(node.orelse, scope, self._block(blocks, False))

    def _try(self, node, scope, blocks):
        self._body(node.body, scope, blocks)                 # runs (up to an exception) once
        for handler in node.handlers:
            inner = self._block(blocks, False)
            if handler.name:
                self._bind(scope, handler.name, "other", None, handler, inner)
            if handler.type is not None:
                self._expr(handler.type, scope, inner)
            self._body(handler.body, scope, inner)
        self._body(node.orelse, scope, self._block(blocks, False))
        self._body(node.finalbody, scope, blocks)

    def _with(self, node, scope, blocks):
        for item in node.items:                              # ``with strategy.scope():`` runs once
            self._expr(item.context_expr, scope, blocks)
            if item.optional_vars is not None:
                self._targets(item.optional_vars, scope, "other", None, node, blocks)
        self._body(node.body, scope, blocks)

    def _match(self, node, scope, blocks):
        self._expr(node.subject, scope, blocks)
        for case in node.cases:
            inner = self._block(blocks, False)
            for sub in ast.walk(case.pattern):
                name = getattr(sub, "name", None) or getattr(sub, "rest", None)
                if isinstance(name, str):
                    self._bind(scope, name, "other", None, case, inner)
            if case.guard is not None:
                self._expr(case.guard, scope, inner)
            self._body(case.body, scope, inner)

    def _function(self, node, scope, blocks):
        for decorator in node.decorator_list:
            self._expr(decorator, scope, blocks)
        args = node.args
        for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self._expr(default, scope, blocks)
        self._bind(scope, node.name, "def", None, node, blocks)
        inner = self._scope(node, scope, "function")
        self.functions.setdefault(node.name, []).append((node, inner))
        if scope.kind == "class":
            self.self_class[id(node)] = scope.node
        positional = args.posonlyargs + args.args
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        params = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
        params += [(a, None) for a in (args.vararg, args.kwarg) if a is not None]
        for arg, default in params:
            self._bind(inner, arg.arg, "param", default, node, ())
        self._body(node.body, inner, ())

    def _lambda(self, node, scope, blocks):
        inner = self._scope(node, scope, "function")
        args = node.args
        for arg in args.posonlyargs + args.args + args.kwonlyargs:
            self._bind(inner, arg.arg, "param", None, node, ())
        for default in args.defaults:
            self._expr(default, scope, blocks)
        self._expr(node.body, inner, ())

    def _class(self, node, scope, blocks):
        for expr in node.bases + [k.value for k in node.keywords] + node.decorator_list:
            self._expr(expr, scope, blocks)
        self._bind(scope, node.name, "class", None, node, blocks)
        self.classes.setdefault(node.name, []).append(node)
        self._body(node.body, self._scope(node, scope, "class"), ())

    def _import(self, node, scope, blocks):
        for name in self.facts.import_node(node):
            self._bind(scope, name, "import", None, node, blocks)

    def _global(self, node, scope, blocks):
        scope.declared_global.update(node.names)

    def _nonlocal(self, node, scope, blocks):
        for name in node.names:                              # the enclosing function's name: not followed
            self._bind(scope, name, "other", None, node, blocks)

    def _expression_statement(self, node, scope, blocks):
        self._expr(node.value, scope, blocks)       # (the statement itself holds nothing to walk)

    def _return(self, node, scope, blocks):
        if node.value is not None:
            self._expr(node.value, scope, blocks)
            self.seq += 1
            scope.returns.append((node.value, self.seq, blocks, self.cell))

    def _delete(self, node, scope, blocks):
        for target in node.targets:
            self._targets(target, scope, "other", None, node, blocks)

    # expressions: calls, walrus, comprehensions; the rest is walked for what it holds
    def _expr(self, node, scope, blocks) -> None:
        worth = self._worth
        if worth is not None:
            first = getattr(node, "lineno", None)
            if first is not None:
                at = bisect_left(worth, first)
                if at == len(worth) or worth[at] > node.end_lineno:
                    return                                   # nothing on its lines can matter
        stack = [node]
        while stack:
            node = stack.pop()
            kind = type(node)
            if kind is ast.Constant or kind is ast.Name:
                continue                                     # leaves (a Name's only child is its ctx)
            if kind is ast.Call:
                self._call(node, scope, blocks)
                if type(node.func) is ast.Attribute and node.func.attr == "compile":
                    stack.append(node.func.value)            # its arguments are read by the CallReader
                    stack.extend(node.args)
                    stack.extend(k.value for k in node.keywords)
                    continue
            elif kind is ast.Attribute:
                if worth is None and node.attr == "keras" and type(node.value) is ast.Name:
                    self.facts.keras_attrs.append(node.value.id)
            elif kind is ast.NamedExpr:
                self._targets(node.target, scope, "other", None, node, blocks)
                stack.append(node.value)
                continue
            elif kind is ast.Lambda:
                self._lambda(node, scope, blocks)
                continue
            elif kind in _COMPREHENSIONS:
                self._comprehension(node, scope, blocks)
                continue
            elif kind in (ast.IfExp, ast.BoolOp):
                inner = self._block(blocks, False)
                for child in ast.iter_child_nodes(node):
                    self._expr(child, scope, inner)
                continue
            stack.extend(ast.iter_child_nodes(node))

    def _call(self, node: ast.Call, scope, blocks) -> None:
        func = node.func
        if type(func) is ast.Attribute:
            if func.attr == "compile":
                self.seq += 1
                self.calls.append((node, Site(scope, self.seq, blocks, self.cell)))
            elif func.attr in MUTATORS and type(func.value) is ast.Name:
                self._bind(scope, func.value.id, "mutated", None, node, blocks)
            elif func.attr in LIST_CHANGES and type(func.value) is ast.Attribute and func.value.attr in HEAD_LISTS \
                    and not (type(func.value.value) is ast.Name and func.value.value.id == "self"):
                self.heads_changed = True             # (not keras.layers.add(...), nor a model's own __init__)

    def _comprehension(self, node, scope, blocks) -> None:
        inner = self._scope(node, scope, "function")
        loop = self._block(blocks, True)
        for generator in node.generators:
            self._expr(generator.iter, scope if generator is node.generators[0] else inner, loop)
            self._targets(generator.target, inner, "loop", None, node, loop)
            for test in generator.ifs:
                self._expr(test, inner, loop)
        for part in ("elt", "key", "value"):
            child = getattr(node, part, None)
            if child is not None:
                self._expr(child, inner, loop)


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_STATEMENTS = {
    ast.Assign: FileIndex._assign, ast.AnnAssign: FileIndex._ann_assign, ast.AugAssign: FileIndex._aug_assign,
    ast.For: FileIndex._for, ast.AsyncFor: FileIndex._for, ast.While: FileIndex._while, ast.If: FileIndex._if,
    ast.Try: FileIndex._try, ast.With: FileIndex._with, ast.AsyncWith: FileIndex._with,
    ast.FunctionDef: FileIndex._function, ast.AsyncFunctionDef: FileIndex._function,
    ast.ClassDef: FileIndex._class, ast.Import: FileIndex._import, ast.ImportFrom: FileIndex._import,
    ast.Global: FileIndex._global, ast.Nonlocal: FileIndex._nonlocal, ast.Return: FileIndex._return,
    ast.Delete: FileIndex._delete, ast.Expr: FileIndex._expression_statement,
}
if hasattr(ast, "TryStar"):
    _STATEMENTS[ast.TryStar] = FileIndex._try
if hasattr(ast, "Match"):
    _STATEMENTS[ast.Match] = FileIndex._match


def lines_matching(pattern, text: str) -> List[int]:
    """The numbers of the lines where the compiled ``pattern`` matches, in order (lines as ast counts them)."""
    lines: List[int] = []
    line, at = 1, 0
    for match in pattern.finditer(text):
        start = match.start()
        line += text.count("\n", at, start) + text.count("\r", at, start) - text.count("\r\n", at, start)
        at = start
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _keras_roots(text: str) -> set:
    """The names X of every ``X.keras`` in text (``tf`` of ``tf.keras.layers``)."""
    roots = set()
    at = text.find(".keras")
    while at != -1:
        after = text[at + 6:at + 7]
        if not (after.isalnum() or after == "_"):
            match = re.compile(_NAME_BEFORE).search(text, max(0, at - 64), at)
            if match and text[match.start() - 1:match.start()] != ".":
                roots.add(match.group(1))
        at = text.find(".keras", at + 6)
    return roots


def first_from(bindings: List[Binding], seq: int, low: int = 0) -> int:
    """Index of the first binding at or after ``seq``. A scope's list of a name's bindings is in file
    order (``_bind`` numbers and appends at once), so this bisects instead of scanning: a name bound
    thousands of times (a notebook's ``model``, cell after cell) costs log n per use, not n."""
    high = len(bindings)
    while low < high:
        middle = (low + high) // 2
        if bindings[middle].seq < seq:
            low = middle + 1
        else:
            high = middle
    return low
