"""The builder's bookkeeping: collections still open, anchors, and event spans.

Every value is logged as it is finished (``vlog``: path, marks, weak), keys likewise
(``klog``); an anchor remembers the slice of both logs its node produced, so an
alias can replay the spans under its own path without building anything twice.
"""
from __future__ import annotations

from compilecli.load.sourcemap import to_span   # noqa: F401  (the loader's marks -> Span)


def event_span(event):
    """The event's (start mark, end mark): a Span is made only when one is asked for (``to_span``), so a
    clean spec never pays for one Span per value."""
    return (event.start_mark, event.end_mark)


class Anchor:
    __slots__ = ("value", "path", "vstart", "vend", "kstart", "kend", "height", "span")

    def __init__(self, value, path, vstart, vend, kstart, kend, height, span):
        self.value, self.path, self.height, self.span = value, path, height, span   # span: the node's marks
        self.vstart, self.vend, self.kstart, self.kend = vstart, vend, kstart, kend


OPEN = object()   # anchor of a collection still being built


class Frame:
    __slots__ = ("is_map", "value", "path", "weak", "anchor", "span_start", "vstart",
                 "kstart", "height", "expect_key", "key", "key_span", "merging",
                 "merges", "key_spans", "merge_list")

    def __init__(self, is_map, path, weak, anchor, span_start, vstart, kstart):
        self.is_map = is_map
        self.value = {} if is_map else []
        self.path = path
        self.weak = weak
        self.anchor = anchor
        self.span_start = span_start
        self.vstart = vstart
        self.kstart = kstart
        self.height = 1
        self.expect_key = True
        self.key = None
        self.key_span = None
        self.merging = False          # the current key is ``<<``
        self.merges = None            # mappings to merge in, in order
        self.key_spans = {} if is_map else None
        self.merge_list = False       # this sequence is the value of ``<<``
