"""Mapping keys: plain values only, ``<<`` starts a merge, a repeated key is CC110."""
from __future__ import annotations

import yaml
from yaml.events import AliasEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent

from compilecli.diagnostics import ERROR, diagnostic
from compilecli.load.yaml_loader.nodes import OPEN, Anchor, Frame, event_span, to_span
from compilecli.load.yaml_loader.scalars import SAFE_SCALAR_TAGS


def read_key(builder, top: Frame, event, cls) -> None:
    """Record the key event of the open mapping ``top``; its value comes next."""
    if cls is MappingEndEvent or cls is SequenceEndEvent:
        raise yaml.YAMLError("unbalanced events")
    span = event_span(event)
    if cls is ScalarEvent:
        builder.check_tag(event.tag, SAFE_SCALAR_TAGS, span, top.path)
        text = event.value
        if event.tag is None and event.implicit[0] and text == "<<":
            top.merging = True
            top.expect_key = False
            return
        if event.anchor is not None:
            builder.anchors[event.anchor] = Anchor(text, top.path, len(builder.vlog),
                                                   len(builder.vlog), len(builder.klog),
                                                   len(builder.klog), 0, span)
    elif cls is AliasEvent:
        anchor = builder.anchors.get(event.anchor)
        if anchor is None or anchor is OPEN or isinstance(anchor.value, (dict, list)):
            builder.stop("CC103", span, top.path, key="codes.CC103.complex_key",
                         problem="a mapping key must be a plain value")
        builder.shared[event.anchor] = anchor.span     # as for a value: that text stands for two places
        text = anchor.value if isinstance(anchor.value, str) else str(anchor.value)
    else:
        builder.stop("CC103", span, top.path, key="codes.CC103.complex_key",
                     problem="a mapping key must be a plain value")
    first = top.key_spans.get(text)
    if first is not None:
        builder.diags.append(diagnostic("CC110", ERROR, path=top.path + (text,), span=to_span(span),
                                        name=text, first_line=to_span(first).line))
    top.key_spans[text] = span
    top.key = text
    top.key_span = span
    top.expect_key = False
