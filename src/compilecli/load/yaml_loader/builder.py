"""YAML events -> plain values, one document at a time, without recursion.

The builder keeps its own stack of open collections (``Frame``), so nesting depth
is counted as it grows and can never exhaust Python's stack. Each finished node is
attached to its parent; ``<<`` merges are applied when their mapping closes.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import yaml
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent)

from compilecli.diagnostics import ERROR, Diagnostic, Span, SpecPath, diagnostic
from compilecli.load import limits
from compilecli.load.common import Entry, Stop
from compilecli.load.yaml_loader.aliases import expand_alias
from compilecli.load.yaml_loader.keys import read_key
from compilecli.load.yaml_loader.nodes import OPEN, Anchor, Frame, event_span, to_span
from compilecli.load.yaml_loader.scalars import SAFE_COLLECTION_TAGS, scalar_value, short_tag


class Builder:
    def __init__(self):
        self.diags: List[Diagnostic] = []
        self.fatal = False
        self.vlog: List[Entry] = []
        self.klog: List[Entry] = []
        self.anchors: Dict[str, Any] = {}
        self.aliases = 0
        self.alias_nodes = 0
        self.shared: Dict[str, Any] = {}   # anchor -> marks of its node, once an alias repeats it
        self.flow: List[SpecPath] = []     # mappings written in flow style (`{a: 1}`), for the fix stage

    # -- diagnostics -------------------------------------------------------
    def stop(self, code: str, span, path: SpecPath = (), key: str = "", **args):
        """``span``: a Span, an event's marks, or None."""
        self.diags.append(diagnostic(code, ERROR, path=path, span=to_span(span), key=key, **args))
        self.fatal = True
        raise Stop

    def limit(self, variant: str, span: Optional[Span], path: SpecPath, limit: int, **args):
        self.stop("CC104", span, path, key=f"codes.CC104.{variant}", limit=limit, **args)

    def check_tag(self, tag: Optional[str], allowed, span: Span, path: SpecPath) -> bool:
        if tag is None or tag == "!" or tag in allowed:
            return True
        self.diags.append(diagnostic("CC105", ERROR, path=path, span=to_span(span),
                                     tag=short_tag(tag)))
        self.fatal = True            # keep reading to report every unsafe tag
        return False

    # -- the document ------------------------------------------------------
    def document(self, get_event) -> Tuple[Any, Optional[Span]]:
        """Build one document's root value; returns (value, root span). The logs hold marks."""
        stack: List[Frame] = []
        vlog, klog = self.vlog, self.klog
        max_depth, max_nodes = limits.MAX_DEPTH, limits.MAX_NODES
        while True:
            event = get_event()
            cls = event.__class__
            top = stack[-1] if stack else None

            # Where does this node go?
            if cls is MappingEndEvent or cls is SequenceEndEvent:
                path, weak = (), False        # set from the frame below
            elif top is None:
                path: SpecPath = ()
                weak = False
            elif top.is_map:
                if top.expect_key:
                    read_key(self, top, event, cls)
                    continue
                if top.merging:
                    path, weak = top.path, True
                else:
                    path, weak = top.path + (top.key,), top.weak
            elif top.merge_list:
                path, weak = top.path, True
            else:
                path, weak = top.path + (len(top.value),), top.weak

            if cls is ScalarEvent:
                span = event_span(event)
                if len(vlog) >= max_nodes:
                    self.limit("nodes", span, path, max_nodes)
                value = scalar_value(self, event, path, span)
                vlog.append((path, span, weak))
                if event.anchor is not None:
                    n = len(vlog)
                    self.anchors[event.anchor] = Anchor(value, path, n - 1, n,
                                                         len(klog), len(klog), 0, span)
                height = 0
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                span = event_span(event)
                if len(stack) >= max_depth:
                    self.limit("depth", span, path, max_depth)
                if len(vlog) >= max_nodes:
                    self.limit("nodes", span, path, max_nodes)
                self.check_tag(event.tag, SAFE_COLLECTION_TAGS, span, path)
                frame = Frame(cls is MappingStartEvent, path, weak, event.anchor,
                               event.start_mark, len(vlog), len(klog))
                if top is not None and top.is_map and top.merging and not frame.is_map:
                    frame.merge_list = True
                if top is not None and top.merge_list and not frame.is_map:
                    self.stop("CC103", span, path, key="codes.CC103.bad_merge",
                              problem="'<<' merges a mapping or a list of mappings")
                if event.anchor is not None:
                    self.anchors[event.anchor] = OPEN
                if cls is MappingStartEvent and event.flow_style and not weak:   # not what `<<` merges in
                    self.flow.append(path)
                stack.append(frame)
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                end = event.end_mark
                start = frame.span_start
                span = (start, end)
                value = frame.value
                if frame.merges:
                    merged: Dict[str, Any] = {}
                    for other in frame.merges:
                        for key, item in other.items():
                            merged.setdefault(key, item)
                    merged.update(value)
                    value = merged
                if frame.merge_list:
                    value_for_parent = value       # a list of mappings, merged by the parent
                else:
                    vlog.append((frame.path, span, frame.weak))
                    value_for_parent = value
                height = frame.height
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = Anchor(value, frame.path, frame.vstart,
                                                         len(vlog), frame.kstart, len(klog),
                                                         height, span)
                value = value_for_parent
                top = stack[-1] if stack else None
                path = frame.path
            elif cls is AliasEvent:
                span = event_span(event)
                value, height = expand_alias(self, event, path, weak, span, len(stack))
            else:                       # DocumentEnd etc. cannot come here in a valid stream
                raise yaml.YAMLError(f"unexpected {cls.__name__}")

            # Attach the finished node to its parent.
            if top is None:
                return value, to_span(span)
            if height + 1 > top.height:
                top.height = height + 1
            if top.is_map:
                if top.merging:
                    top.merging = False
                    if isinstance(value, dict):
                        top.merges = (top.merges or []) + [value]
                    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
                        top.merges = (top.merges or []) + value
                    else:
                        self.stop("CC103", span, path, key="codes.CC103.bad_merge",
                                  problem="'<<' merges a mapping or a list of mappings")
                else:
                    top.value[top.key] = value
                    klog.append((path, top.key_span, top.weak))
                top.expect_key = True
            else:
                if top.merge_list and not isinstance(value, dict):
                    self.stop("CC103", span, path, key="codes.CC103.bad_merge",
                              problem="'<<' merges a mapping or a list of mappings")
                top.value.append(value)
