"""Which single assignment reaches a use of a name -- or why none can be said to.

Followed: the last binding before the use in the same scope when nothing can come between
(not inside a branch or loop the use is outside of, no later binding inside a loop around the
use); a name of an enclosing scope (a module constant, a closure) bound exactly once outside any
branch or loop; a parameter's default when the parameter is never reassigned, the file calls the
function, and no call in the file passes it. Everything else is refused with a reason, which the JSON
shows.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from compilecli.load.python_calls.scopes import Binding, FileIndex, Site, first_from

#: Why a name was not followed (machine-readable; shown in the JSON as "why").
REASONS = {
    "unbound": "not assigned in this file before it is used",
    "reassigned": "assigned more than once",
    "branch": "assigned inside a branch, loop or handler the use is outside of",
    "loop": "assigned again later in a loop around the use",
    "loop_variable": "a loop variable",
    "augmented": "changed by an augmented assignment",
    "unpacked": "assigned by unpacking",
    "changed_in_place": "changed in place (append, update, item assignment)",
    "parameter": "a parameter without a default",
    "parameter_passed": "a parameter that a call in this file passes",
    "parameter_uncalled": "a parameter of a function this file never calls (its callers may pass anything)",
    "global": "declared global or nonlocal",
    "import": "an imported name",
    "def": "a function defined in this file",
    "class": "a class defined in this file",
    "other": "bound by with/except/match/walrus",
}
_HOW_WHY = {"loop": "loop_variable", "augmented": "augmented", "unpacked": "unpacked",
            "mutated": "changed_in_place", "other": "other", "import": "import", "def": "def",
            "class": "class"}


def reaching(index: FileIndex, name: str, site: Site, ignore_mutations: bool = False
             ) -> Tuple[Optional[Binding], str]:
    """(the binding that reaches the use, "") or (None, a key of REASONS)."""
    scope = site.scope
    if name in scope.declared_global:
        return _outer(_filtered(index.module.bindings.get(name), ignore_mutations))
    bindings = scope.bindings.get(name)
    if bindings and (not ignore_mutations or any(b.how != "mutated" for b in bindings)):
        return _checked(index, _in_scope(bindings, site, ignore_mutations))
    outer = scope.parent
    while outer is not None:
        if outer.kind != "class":                 # a class body's names are not visible in its methods
            found = _filtered(outer.bindings.get(name), ignore_mutations)
            if found:
                return _checked(index, _outer(found))
        outer = outer.parent
    return None, "unbound"


def _filtered(bindings: Optional[List[Binding]], ignore_mutations: bool) -> List[Binding]:
    if not bindings:
        return []
    if ignore_mutations:
        return [b for b in bindings if b.how != "mutated"]
    return bindings


def _in_scope(bindings: List[Binding], site: Site, ignore_mutations: bool) -> Tuple[Optional[Binding], str]:
    """The last binding before the use, found by bisection (the list is in file order): a name bound
    thousands of times costs log n per use, not n."""
    at = first_from(bindings, site.seq)
    before = at - 1
    while before >= 0 and ignore_mutations and bindings[before].how == "mutated":
        before -= 1
    if before < 0:
        return None, "unbound"
    last = bindings[before]
    if last.how in _HOW_WHY:
        return None, _HOW_WHY[last.how]
    if site.blocks[:len(last.blocks)] != last.blocks:
        return None, "branch"
    loops = {block for block, is_loop in site.blocks if is_loop}
    if loops and any(b.seq > site.seq and any(block in loops for block, _ in b.blocks)
                     for b in bindings[at:] if not (ignore_mutations and b.how == "mutated")):
        return None, "loop"
    return last, ""


def _outer(bindings: List[Binding]) -> Tuple[Optional[Binding], str]:
    if len(bindings) != 1:
        return None, "reassigned" if bindings else "unbound"
    if bindings[0].blocks:
        return None, "branch"
    return bindings[0], ""


def _checked(index: FileIndex, found: Tuple[Optional[Binding], str]) -> Tuple[Optional[Binding], str]:
    binding, why = found
    if binding is None:
        return found
    if binding.how == "param":
        if binding.value is None:
            return None, "parameter"
        if not index.function_calls.get(binding.node.name):
            return None, "parameter_uncalled"   # a library function: its callers are elsewhere
        if _passed(index, binding):
            return None, "parameter_passed"
        return binding, ""
    if binding.how != "assign":
        return None, _HOW_WHY.get(binding.how, "other")
    return binding, why


def _passed(index: FileIndex, binding: Binding) -> bool:
    """Does any call of the function in this file pass this parameter (or pass *args/**kwargs)?"""
    func = binding.node
    args = func.args
    positional = [a.arg for a in args.posonlyargs + args.args]
    offset = 1 if positional and positional[0] in ("self", "cls") else 0
    for call in index.function_calls.get(func.name, ()):
        if any(type(a).__name__ == "Starred" for a in call.args) or any(k.arg is None for k in call.keywords):
            return True
        if binding.name in positional and positional.index(binding.name) - offset < len(call.args):
            return True
        if any(k.arg == binding.name for k in call.keywords):
            return True
    return False
