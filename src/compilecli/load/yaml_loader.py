"""YAML text -> plain data + source map + CC1xx diagnostics.

Built from PyYAML's *event* stream (libyaml's CParser when available), not from
``yaml.load``: nothing is ever constructed from a tag, every value keeps its
start/end mark, aliases are expanded by us under a budget, and nesting depth is
counted on the way in, so no recursion (PyYAML's composer recurses) can blow
the stack on ``[[[[...``. Stops at the first fatal problem.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

import yaml
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent,
                         MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)
from yaml.resolver import Resolver

from compilecli.diagnostics import ERROR, WARNING, Diagnostic, Span, SpecPath, diagnostic
from compilecli.load import limits
from compilecli.load.common import (Entry, Stop, build_sourcemap, empty_file,
                                    not_a_mapping)
from compilecli.load.sourcemap import SourceMap

WITH_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
_Loader = yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader

_T = "tag:yaml.org,2002:"
NULL, BOOL, INT, FLOAT, STR = _T + "null", _T + "bool", _T + "int", _T + "float", _T + "str"
TIMESTAMP, MERGE, VALUE = _T + "timestamp", _T + "merge", _T + "value"
SEQ, MAP = _T + "seq", _T + "map"
SAFE_SCALAR_TAGS = frozenset((NULL, BOOL, INT, FLOAT, STR, TIMESTAMP))
SAFE_COLLECTION_TAGS = frozenset((SEQ, MAP))

_IMPLICIT = Resolver.yaml_implicit_resolvers
# YAML 1.2 core / JSON floats; PyYAML (YAML 1.1) reads e.g. 1e-3 and 1.0e5 as strings.
_FLOAT12 = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_BOOL_WORDS = frozenset(("yes", "no", "on", "off", "y", "n"))
_BOOL_VALUES = {"yes": True, "no": False, "true": True, "false": False,
                "on": True, "off": False}


def _resolve_plain(value: str) -> str:
    """The tag PyYAML's SafeLoader gives a plain scalar."""
    for tag, regexp in _IMPLICIT.get(value[0] if value else "", ()):
        if regexp.match(value):
            return tag
    return STR


def _int(value: str) -> int:
    value = value.replace("_", "")
    sign = 1
    if value[0] == "-":
        sign = -1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0o"):
        return sign * int(value[2:], 8)
    if value[0] == "0":
        return sign * int(value, 8)
    if ":" in value:
        digits = [int(part) for part in value.split(":")]
        digits.reverse()
        base, total = 1, 0
        for digit in digits:
            total += digit * base
            base *= 60
        return sign * total
    return sign * int(value)


def _float(value: str) -> float:
    value = value.replace("_", "").lower()
    sign = 1.0
    if value[0] == "-":
        sign = -1.0
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    if ":" in value:
        digits = [float(part) for part in value.split(":")]
        digits.reverse()
        base, total = 1.0, 0.0
        for digit in digits:
            total += digit * base
            base *= 60
        return sign * total
    return sign * float(value)


def _span(event) -> Span:
    start, end = event.start_mark, event.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _short_tag(tag: str) -> str:
    if tag.startswith(_T):
        return "!!" + tag[len(_T):]
    return tag


def _copy(value: Any) -> Any:
    if type(value) is dict:
        return {key: _copy(item) for key, item in value.items()}
    if type(value) is list:
        return [_copy(item) for item in value]
    return value


class _Anchor:
    __slots__ = ("value", "path", "vstart", "vend", "kstart", "kend", "height")

    def __init__(self, value, path, vstart, vend, kstart, kend, height):
        self.value, self.path, self.height = value, path, height
        self.vstart, self.vend, self.kstart, self.kend = vstart, vend, kstart, kend


_OPEN = object()   # anchor of a collection still being built


class _Frame:
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


class _Builder:
    def __init__(self, text: str):
        self.text = text
        self.diags: List[Diagnostic] = []
        self.fatal = False
        self.vlog: List[Entry] = []
        self.klog: List[Entry] = []
        self.anchors: Dict[str, Any] = {}
        self.aliases = 0
        self.alias_nodes = 0

    # -- diagnostics -------------------------------------------------------
    def stop(self, code: str, span: Optional[Span], path: SpecPath = (), key: str = "", **args):
        self.diags.append(diagnostic(code, ERROR, path=path, span=span, key=key, **args))
        self.fatal = True
        raise Stop

    def limit(self, variant: str, span: Optional[Span], path: SpecPath, limit: int, **args):
        self.stop("CC104", span, path, key=f"codes.CC104.{variant}", limit=limit, **args)

    def check_tag(self, tag: Optional[str], allowed, span: Span, path: SpecPath) -> bool:
        if tag is None or tag == "!" or tag in allowed:
            return True
        self.diags.append(diagnostic("CC105", ERROR, path=path, span=span,
                                     tag=_short_tag(tag)))
        self.fatal = True            # keep reading to report every unsafe tag
        return False

    # -- scalars -----------------------------------------------------------
    def scalar(self, event, path: SpecPath, span: Span) -> Any:
        value = event.value
        tag = event.tag
        if not self.check_tag(tag, SAFE_SCALAR_TAGS, span, path):
            return value
        implicit = tag is None or tag == "!"
        if implicit:
            if not event.implicit[0]:
                return value           # quoted or block scalar: a string
            tag = _resolve_plain(value)
        try:
            if tag == STR:
                if implicit and _FLOAT12.match(value):
                    number = float(value)
                    self.diags.append(diagnostic("CC111", WARNING, path=path, span=span,
                                                 text=value))
                    return number
                return value
            if tag == INT:
                return _int(value)
            if tag == FLOAT:
                return _float(value)
            if tag == BOOL:
                result = _BOOL_VALUES[value.lower()]
                if implicit and value.lower() in _BOOL_WORDS:
                    self.diags.append(diagnostic("CC112", WARNING, path=path, span=span,
                                                 text=value,
                                                 value="true" if result else "false"))
                return result
            if tag == NULL:
                return None
        except (ValueError, KeyError, IndexError):
            if implicit:               # e.g. an integer with more digits than Python allows
                return value
            self.stop("CC103", span, path, key="codes.CC103.bad_value", text=value,
                      tag=_short_tag(tag),
                      problem=f"cannot read {value!r} as {_short_tag(tag)}")
        return value                   # timestamps, '=', '<<' as a value: keep the text

    # -- the document ------------------------------------------------------
    def document(self, get_event) -> Tuple[Any, Optional[Span]]:
        """Build one document's root value; returns (value, root span)."""
        stack: List[_Frame] = []
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
                    self.key_event(top, event, cls)
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
                span = _span(event)
                if len(vlog) >= max_nodes:
                    self.limit("nodes", span, path, max_nodes)
                value = self.scalar(event, path, span)
                vlog.append((path, span, weak))
                if event.anchor is not None:
                    n = len(vlog)
                    self.anchors[event.anchor] = _Anchor(value, path, n - 1, n,
                                                         len(klog), len(klog), 0)
                height = 0
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                span = _span(event)
                if len(stack) >= max_depth:
                    self.limit("depth", span, path, max_depth)
                if len(vlog) >= max_nodes:
                    self.limit("nodes", span, path, max_nodes)
                self.check_tag(event.tag, SAFE_COLLECTION_TAGS, span, path)
                frame = _Frame(cls is MappingStartEvent, path, weak, event.anchor,
                               event.start_mark, len(vlog), len(klog))
                if top is not None and top.is_map and top.merging and not frame.is_map:
                    frame.merge_list = True
                if top is not None and top.merge_list and not frame.is_map:
                    self.stop("CC103", span, path, key="codes.CC103.bad_merge",
                              problem="'<<' merges a mapping or a list of mappings")
                if event.anchor is not None:
                    self.anchors[event.anchor] = _OPEN
                stack.append(frame)
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                end = event.end_mark
                start = frame.span_start
                span = Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
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
                    self.anchors[frame.anchor] = _Anchor(value, frame.path, frame.vstart,
                                                         len(vlog), frame.kstart, len(klog),
                                                         height)
                value = value_for_parent
                top = stack[-1] if stack else None
                path = frame.path
            elif cls is AliasEvent:
                span = _span(event)
                value, height = self.alias(event, path, weak, span, len(stack))
            else:                       # DocumentEnd etc. cannot come here in a valid stream
                raise yaml.YAMLError(f"unexpected {cls.__name__}")

            # Attach the finished node to its parent.
            if top is None:
                return value, span
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

    def key_event(self, top: _Frame, event, cls) -> None:
        if cls is MappingEndEvent or cls is SequenceEndEvent:
            raise yaml.YAMLError("unbalanced events")
        span = _span(event)
        if cls is ScalarEvent:
            self.check_tag(event.tag, SAFE_SCALAR_TAGS, span, top.path)
            text = event.value
            if event.tag is None and event.implicit[0] and text == "<<":
                top.merging = True
                top.expect_key = False
                return
            if event.anchor is not None:
                self.anchors[event.anchor] = _Anchor(text, top.path, len(self.vlog),
                                                     len(self.vlog), len(self.klog),
                                                     len(self.klog), 0)
        elif cls is AliasEvent:
            anchor = self.anchors.get(event.anchor)
            if anchor is None or anchor is _OPEN or isinstance(anchor.value, (dict, list)):
                self.stop("CC103", span, top.path, key="codes.CC103.complex_key",
                          problem="a mapping key must be a plain value")
            text = anchor.value if isinstance(anchor.value, str) else str(anchor.value)
        else:
            self.stop("CC103", span, top.path, key="codes.CC103.complex_key",
                      problem="a mapping key must be a plain value")
        first = top.key_spans.get(text)
        if first is not None:
            self.diags.append(diagnostic("CC110", ERROR, path=top.path + (text,), span=span,
                                         name=text, first_line=first.line))
        top.key_spans[text] = span
        top.key = text
        top.key_span = span
        top.expect_key = False

    def alias(self, event, path: SpecPath, weak: bool, span: Span, depth: int):
        name = event.anchor
        anchor = self.anchors.get(name)
        if anchor is None:
            self.stop("CC103", span, path, key="codes.CC103.undefined_alias", anchor=name,
                      problem=f"found undefined alias *{name}")
        if anchor is _OPEN:
            self.stop("CC104", span, path, key="codes.CC104.recursive_alias", anchor=name)
        self.aliases += 1
        if self.aliases > limits.MAX_ALIASES:
            self.limit("aliases", span, path, limits.MAX_ALIASES)
        count = anchor.vend - anchor.vstart
        self.alias_nodes += count
        if self.alias_nodes > limits.MAX_ALIAS_NODES:
            self.limit("alias_expansion", span, path, limits.MAX_ALIAS_NODES)
        if len(self.vlog) + count > limits.MAX_NODES:
            self.limit("nodes", span, path, limits.MAX_NODES)
        if depth + anchor.height > limits.MAX_DEPTH:
            self.limit("depth", span, path, limits.MAX_DEPTH)
        vlog, klog = self.vlog, self.klog
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


def _line_col(text: str, index: int) -> Tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _tab_position(text: str, mark, problem: str) -> Optional[Tuple[int, int]]:
    """(line, column) of the tab that caused a syntax error, if a tab did."""
    if mark is None:
        return None
    lines = text.split("\n", mark.line + 1)
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    if mark.column < len(line) and line[mark.column] == "\t":
        return mark.line + 1, mark.column + 1
    indent = len(line) - len(line.lstrip(" \t"))
    tab = line.find("\t", 0, indent)
    if tab < 0 and "tab" in problem:
        tab = line.find("\t")
    if tab >= 0:
        return mark.line + 1, tab + 1
    return None


def _clean(problem: str) -> str:
    problem = " ".join(problem.split())
    return problem.replace("'\\t'", "TAB")


def syntax_diagnostic(exc: yaml.YAMLError, text: str) -> Diagnostic:
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if WITH_LIBYAML:                    # libyaml reports a UTF-8 byte offset
            index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        line, column = _line_col(text, index)
        char = exc.character
        code_point = char if isinstance(char, int) else (ord(char) if char else 0)
        return diagnostic("CC103", ERROR, span=Span(line, column), key="codes.CC103.bad_character",
                          character=f"U+{code_point:04X}",
                          problem=f"character U+{code_point:04X} is not allowed in YAML")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = _clean(exc.problem or exc.context or "invalid YAML")
        span = Span(mark.line + 1, mark.column + 1) if mark is not None else None
        tab = _tab_position(text, mark, problem)
        if tab is not None:
            return diagnostic("CC113", ERROR, span=Span(*tab), problem=problem)
        if "nesting depth" in problem:   # PyYAML >= 6.0.4 stops deep nesting itself, before our own count
            return diagnostic("CC104", ERROR, span=span, key="codes.CC104.depth", limit=limits.MAX_DEPTH)
        return diagnostic("CC103", ERROR, span=span, problem=problem)
    return diagnostic("CC103", ERROR, problem=_clean(str(exc)) or "invalid YAML")


def check_lines(text: str) -> Optional[Diagnostic]:
    """CC104 for the first line longer than MAX_LINE_LENGTH characters."""
    limit = limits.MAX_LINE_LENGTH
    if len(text) <= limit:
        return None
    start = 0
    number = 1
    size = len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        if end - start > limit:
            return diagnostic("CC104", ERROR, span=Span(number, 1), key="codes.CC104.line_length",
                              limit=limit, length=end - start)
        start = end + 1
        number += 1
    return None


def load_yaml(text: str) -> Tuple[Any, SourceMap, List[Diagnostic]]:
    """Parse YAML text. Returns (data or None, source map, diagnostics)."""
    long_line = check_lines(text)
    if long_line is not None:
        return None, SourceMap(), [long_line]
    builder = _Builder(text)
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
        builder.diags.append(syntax_diagnostic(exc, text))
        builder.fatal = True
    except RecursionError:                            # belt and braces: we do not recurse
        builder.diags.append(diagnostic("CC104", ERROR, key="codes.CC104.depth",
                                        limit=limits.MAX_DEPTH))
        builder.fatal = True
    finally:
        if loader is not None:
            loader.dispose()

    end = root_span or Span(1, 1, 1, 1)
    root = Span(1, 1, end.end_line or end.line, end.end_column or end.column)
    sourcemap = build_sourcemap(builder.vlog, builder.klog, root)
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


def _only_empty(text: str) -> bool:
    """True for a document that is just ``---`` / ``...`` markers and comments."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return False
    return True
