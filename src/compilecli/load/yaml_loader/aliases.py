"""``*name``: an alias is expanded by copying its anchor's value, under a budget.

The budget ("billion laughs"): at most MAX_ALIASES uses, at most MAX_ALIAS_NODES
values produced by expansion, and the document's node and depth limits still hold
for what an alias adds. A recursive alias (to a collection still open) is CC104.
"""
from __future__ import annotations

from typing import Any

from compilecli.diagnostics import SpecPath
from compilecli.load import limits
from compilecli.load.yaml_loader.nodes import OPEN


def _copy(value: Any) -> Any:
    if type(value) is dict:
        return {key: _copy(item) for key, item in value.items()}
    if type(value) is list:
        return [_copy(item) for item in value]
    return value


def expand_alias(builder, event, path: SpecPath, weak: bool, span, depth: int):
    """(a copy of the anchored value, its height); its spans are replayed under path. ``span``: marks."""
    name = event.anchor
    anchor = builder.anchors.get(name)
    if anchor is None:
        builder.stop("CC103", span, path, key="codes.CC103.undefined_alias", anchor=name,
                     problem=f"found undefined alias *{name}")
    if anchor is OPEN:
        builder.stop("CC104", span, path, key="codes.CC104.recursive_alias", anchor=name)
    builder.aliases += 1
    builder.shared[name] = anchor.span     # its text now stands for two places: a fix there is not certain
    if builder.aliases > limits.MAX_ALIASES:
        builder.limit("aliases", span, path, limits.MAX_ALIASES)
    count = anchor.vend - anchor.vstart
    builder.alias_nodes += count
    if builder.alias_nodes > limits.MAX_ALIAS_NODES:
        builder.limit("alias_expansion", span, path, limits.MAX_ALIAS_NODES)
    if len(builder.vlog) + count > limits.MAX_NODES:
        builder.limit("nodes", span, path, limits.MAX_NODES)
    if depth + anchor.height > limits.MAX_DEPTH:
        builder.limit("depth", span, path, limits.MAX_DEPTH)
    vlog, klog = builder.vlog, builder.klog
    cut = len(anchor.path)
    for i in range(anchor.vstart, anchor.vend):
        old, old_span, old_weak = vlog[i]
        vlog.append((path + old[cut:], old_span, weak or old_weak))
    for i in range(anchor.kstart, anchor.kend):
        old, old_span, old_weak = klog[i]
        klog.append((path + old[cut:], old_span, weak or old_weak))
    if not weak:
        vlog.append((path, span, False))   # the alias itself stands here
    return _copy(anchor.value), anchor.height
