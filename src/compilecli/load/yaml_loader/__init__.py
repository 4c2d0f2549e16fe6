"""YAML text -> plain data + source map + CC1xx diagnostics.

Built from PyYAML's *event* stream (libyaml's CParser when available), not from
``yaml.load``: nothing is ever constructed from a tag, every value keeps its
start/end mark, aliases are expanded by us under a budget, and nesting depth is
counted on the way in, so no recursion (PyYAML's composer recurses) can blow
the stack on ``[[[[...``. Stops at the first fatal problem.

The parts: ``builder`` (events -> values), ``keys`` (mapping keys and merges),
``scalars`` (plain scalars and the YAML 1.1 traps), ``aliases`` (the alias budget),
``errors`` (PyYAML's exceptions -> diagnostics), ``long_lines`` (checked first), ``fast`` (the
common subset read line by line, tried first; it gives up on anything else, and the events are read).
"""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

import yaml
from yaml.events import DocumentStartEvent, StreamEndEvent

from compilecli.diagnostics import ERROR, Diagnostic, Span, diagnostic
from compilecli.load import limits
from compilecli.load.common import Stop, empty_file, not_a_mapping
from compilecli.load.sourcemap import MarkedSourceMap, SourceMap, to_span
from compilecli.load.yaml_loader.builder import Builder
from compilecli.load.yaml_loader.fast import read as read_fast
from compilecli.load.yaml_loader.long_lines import check_lines

__all__ = ["WITH_LIBYAML", "load_yaml", "check_lines"]

WITH_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
_Loader = yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader
# The line-by-line fast path (fast.py): None = when it pays (its patterns cost ~5 ms to compile: a large
# text, or from the 9th text of a run on), True = always, False = never (tests compare the two paths).
FAST: Optional[bool] = None
_FAST_AFTER, _FAST_SIZE = 8, 20_000
_texts = 0


def load_yaml(text: str) -> Tuple[Any, SourceMap, List[Diagnostic]]:
    """Parse YAML text. Returns (data or None, source map, diagnostics)."""
    long_line = check_lines(text)
    if long_line is not None:
        return None, SourceMap(), [long_line]
    global _texts
    _texts += 1
    builder = Builder()
    use_fast = FAST if FAST is not None else (_texts > _FAST_AFTER or len(text) > _FAST_SIZE)
    fast = read_fast(text, builder) if use_fast else None
    if fast is not None:
        data, root_span = fast[0], to_span(fast[1])
    else:
        if use_fast:
            builder = Builder()                       # the fast path may have begun to fill it
        data, root_span = _from_events(text, builder)
    end = root_span or Span(1, 1, 1, 1)
    root = Span(1, 1, end.end_line or end.line, end.end_column or end.column)
    sourcemap = MarkedSourceMap(builder.vlog, builder.klog, root, tuple(builder.shared.values()),
                                builder.flow)
    diags = builder.diags
    if builder.fatal:
        return None, sourcemap, diags
    if not isinstance(data, dict):
        if data is None and root_span is not None and _only_empty(text):
            diags.append(empty_file())
        else:
            diags.append(not_a_mapping(data, root_span or Span(1, 1)))
        return None, sourcemap, diags
    return data, sourcemap, diags


def _from_events(text: str, builder: Builder) -> Tuple[Any, Optional[Span]]:
    """The document from the parser's events (libyaml's, else PyYAML's): every construct, every error."""
    data: Any = None
    root_span: Optional[Span] = None
    loader = None
    try:
        loader = _Loader(text)
        get_event = loader.get_event
        get_event()                                   # StreamStart
        if loader.check_event(StreamEndEvent):
            builder.diags.append(empty_file())
            builder.fatal = True
        else:
            get_event()                               # DocumentStart
            data, root_span = builder.document(get_event)
            get_event()                               # DocumentEnd
            if loader.check_event(DocumentStartEvent):
                mark = loader.peek_event().start_mark
                builder.diags.append(diagnostic("CC107", ERROR,
                                                span=Span(mark.line + 1, mark.column + 1)))
    except Stop:
        pass
    except yaml.YAMLError as exc:
        from compilecli.load.yaml_loader.errors import syntax_diagnostic   # only a broken file needs it
        builder.diags.append(syntax_diagnostic(exc, text, WITH_LIBYAML))
        builder.fatal = True
        # libyaml looks further ahead than PyYAML before it fails: what was read before a syntax error
        # differs between them, so neither is kept (identical results on both paths).
        builder.vlog, builder.klog = [], []
    except RecursionError:                            # belt and braces: we do not recurse
        builder.diags.append(diagnostic("CC104", ERROR, key="codes.CC104.depth",
                                        limit=limits.MAX_DEPTH))
        builder.fatal = True
    finally:
        if loader is not None:
            loader.dispose()
    return data, root_span


def _only_empty(text: str) -> bool:
    """True for a document that is just ``---`` / ``...`` markers and comments."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return False
    return True
