"""The fast path: the YAML that specs are written in, read line by line instead of from parser events.

Block mappings and sequences of plain keys, plain or simply quoted scalars, and flow collections on
one line (``[a, b]``, ``{k: v}``) are what hand-written and generated specs almost always hold; read
here with a few regular expressions they cost a fraction of building from libyaml's events. Anything
else (anchors, aliases, tags, block or multi-line scalars, escapes, tabs, non-ASCII text, a second
document, a repeated key, a limit reached, anything unexpected) makes ``read`` return None, and
the caller reads the text with the event builder: every problem is reported by that one path.

What comes out is the builder's: the same values and diagnostics (``scalars.plain_value``) and the
same source map, with marks where libyaml puts them (a block collection ends where the next token
starts, or at the end of the stream). tests/perf/test_yaml_fast_path.py compares both paths on every
case file, sample and hostile input, and on generated YAML (Hypothesis).
"""
from __future__ import annotations

import re
from typing import Any, List, Optional, Tuple

from compilecli.load import limits
from compilecli.load.yaml_loader.scalars import IMPLICIT_FIRST, plain_value

_P = r"(?:[A-Za-z0-9_.~+/$(]|-(?=[0-9A-Za-z.]))[^:#,\[\]{}\s]*(?: +[^:#,\[\]{}\s]+)*"    # a plain scalar
_K = r"[A-Za-z0-9_$][A-Za-z0-9_.$/+\-]*"                                          # a plain key
_KEY = _FLOW_KEY = _PLAIN = _SINGLE = _DOUBLE = _ITEM = _PAIR = _END = _SPACES = None   # compiled on first use


def _compile() -> None:
    """The patterns, compiled when the fast path first runs (about 5 ms of start-up otherwise)."""
    global _KEY, _FLOW_KEY, _PLAIN, _SINGLE, _DOUBLE, _ITEM, _PAIR, _END, _SPACES
    _KEY = re.compile("(" + _K + r"):(?= |$)")
    _FLOW_KEY = re.compile("(" + _K + r"): +")
    _PLAIN = re.compile(_P)
    _SINGLE = re.compile(r"'((?:[^'\n]|'')*)'")
    _DOUBLE = re.compile(r'"([^"\\\n]*)"')
    # the two commonest lines, read without the general path: `- word` and `key: word` (comment allowed)
    _ITEM = re.compile(r"( *)- +(" + _P + r")(?: +#.*| *)\Z")
    _PAIR = re.compile(r"( *)(" + _K + r"): +(" + _P + r")(?: +#.*| *)\Z")
    _END = re.compile(r"(?: +#.*| *)\Z")     # what may follow a value on its line
    _SPACES = re.compile(r" *")


class _Bail(Exception):
    """Not the subset this path reads."""


class _Block:
    """An open block mapping (``key`` set while its value is still to come) or block sequence."""
    __slots__ = ("is_map", "indent", "path", "value", "line", "column", "key", "key_span", "colon")

    def __init__(self, is_map: bool, indent: int, path: tuple, line: int):
        self.is_map, self.indent, self.path, self.line, self.column = is_map, indent, path, line, indent
        self.value: Any = {} if is_map else []
        self.key: Optional[str] = None
        self.key_span: Optional[tuple] = None
        self.colon = 0                # 1-based column just after the key's colon


def read(text: str, builder) -> Optional[Tuple[dict, tuple]]:
    """(data, root marks) with the builder's logs filled, or None: the builder must read this text."""
    if not text.isascii() or "\t" in text or "\r" in text:
        return None
    tail = text[text.rfind("\n") + 1:].strip(" ")
    if tail == "" and not text.endswith("\n") or tail.startswith("#"):
        return None     # spaces or a comment after the last line break: libyaml ends open blocks there
    if _KEY is None:
        _compile()
    try:
        return _Reader(builder).document(text)
    except _Bail:
        return None


class _Reader:
    def __init__(self, builder):
        self.builder, self.vlog, self.klog, self.flow = builder, builder.vlog, builder.klog, builder.flow
        self.stack: List[_Block] = []
        self.root: Optional[Tuple[dict, tuple]] = None

    def document(self, text: str):
        lines = text.split("\n")
        started = False
        stack, vlog, builder = self.stack, self.vlog, self.builder
        after = 0                  # lines before it were read as a run of names (``names``)
        for number, line in enumerate(lines):
            if number < after:
                continue
            top = stack[-1] if stack else None
            if top is not None and top.key is None:
                if not top.is_map:
                    after = self.names(lines, number, top)
                    if after > number:
                        started = True
                        continue
                simple = (_PAIR if top.is_map else _ITEM).match(line)
                if simple is not None and len(simple.group(1)) == top.indent:
                    if top.is_map:
                        self.pair(top, number, simple)
                    else:
                        word = simple.group(2)
                        at = simple.start(2) + 1
                        marks = (number + 1, at, number + 1, at + len(word))
                        path = top.path + (len(top.value),)
                        # a word no resolver starts with is a string (as plain_value says), without the call
                        top.value.append(word if word[0] not in IMPLICIT_FIRST else
                                         plain_value(builder, word, path, marks))
                        vlog.append((path, marks, False))
                    started = True
                    continue
            body = line.lstrip(" ")
            if not body or body[0] == "#":
                continue
            column = len(line) - len(body)
            if body[0] == "-" and (len(body) == 1 or body[1] == " "):
                self.entry(number, column, body)
            elif body.startswith(("---", "...")) and column == 0:
                if started or self.root is not None or body.rstrip(" ") != "---":
                    raise _Bail
            else:
                self.key_line(number, column, body)
            started = True
        ends = (len(lines) - 1, 0) if text.endswith("\n") else (len(lines), 0)
        self.close_above(-1, *ends)
        if self.root is None or len(self.vlog) >= limits.MAX_NODES:
            raise _Bail
        return self.root

    def names(self, lines: List[str], number: int, top: _Block) -> int:
        """The ``- name`` items of the open sequence ``top`` from line ``number`` on (a name: an identifier,
        what a long metrics list holds), read in one loop without a pattern; returns the line after them.
        What they give is what ``_ITEM`` gives for such a line."""
        prefix = " " * top.indent + "- "
        at = len(prefix)
        values, vlog, path, builder = top.value, self.vlog, top.path, self.builder
        count = len(lines)
        while number < count:
            line = lines[number]
            if not line.startswith(prefix):
                break
            word = line[at:]
            if not word.isidentifier():      # (the text is ASCII: read() said so)
                break
            marks = (number + 1, at + 1, number + 1, at + 1 + len(word))
            where = path + (len(values),)
            values.append(word if word[0] not in IMPLICIT_FIRST else plain_value(builder, word, where, marks))
            vlog.append((where, marks, False))
            number += 1
        return number

    def pair(self, top: _Block, number: int, simple) -> None:
        """`key: word` in the open mapping ``top``."""
        name, word = simple.group(2), simple.group(3)
        if name in top.value:
            raise _Bail
        column, at = simple.start(2) + 1, simple.start(3) + 1
        path = top.path + (name,)
        marks = (number + 1, at, number + 1, at + len(word))
        top.value[name] = word if word[0] not in IMPLICIT_FIRST else plain_value(self.builder, word, path, marks)
        self.vlog.append((path, marks, False))
        self.klog.append((path, (number + 1, column, number + 1, column + len(name)), False))

    # -- block structure ---------------------------------------------------------------------------
    def close_above(self, column: int, line: int, at: int) -> None:
        """Close the collections indented past ``column``: they end where the next token starts."""
        stack = self.stack
        while stack and stack[-1].indent > column:
            self.close(stack.pop(), line, at)

    def close(self, block: _Block, line: int, at: int) -> None:
        if block.is_map and block.key is not None:
            self.empty(block)
        marks = (block.line + 1, block.column + 1, line + 1, at + 1)
        self.vlog.append((block.path, marks, False))
        if not self.stack:
            if self.root is not None:
                raise _Bail
            self.root = (block.value, marks)
        else:
            self.attach(self.stack[-1], block.value)

    def attach(self, top: _Block, value) -> None:
        """A finished node goes into the open collection ``top``."""
        if top.is_map:
            top.value[top.key] = value
            self.klog.append((top.path + (top.key,), top.key_span, False))
            top.key = None
        else:
            top.value.append(value)

    def empty(self, block: _Block) -> None:
        """``key:`` with nothing under it: an empty plain scalar (null) just after the colon."""
        marks = (block.key_span[0], block.colon, block.key_span[0], block.colon)
        self.vlog.append((block.path + (block.key,), marks, False))
        self.attach(block, None)

    def open(self, is_map: bool, column: int, path: tuple, line: int) -> _Block:
        if len(self.stack) >= limits.MAX_DEPTH - 1 or (not self.stack and self.root is not None):
            raise _Bail
        block = _Block(is_map, column, path, line)
        self.stack.append(block)
        return block

    def key_line(self, number: int, column: int, body: str) -> None:
        stack = self.stack
        while stack and (stack[-1].indent > column or
                         (not stack[-1].is_map and stack[-1].indent == column)):
            self.close(stack.pop(), number, column)    # a sequence as deep as a key ended with it
        top = stack[-1] if stack else None
        if top is not None and top.key is not None and column > top.indent:
            top = self.open(True, column, top.path + (top.key,), number)     # the key's value: a mapping
        elif top is None:
            top = self.open(True, column, (), number)
        elif not (top.is_map and top.indent == column):
            raise _Bail
        elif top.key is not None:
            self.empty(top)
        self.key(top, number, column, body, 0)

    def entry(self, number: int, column: int, body: str) -> None:
        stack = self.stack
        top = stack[-1] if stack else None
        if top is not None and top.is_map and top.key is not None and column >= top.indent:
            top = self.open(False, column, top.path + (top.key,), number)   # the key's value: a sequence
        else:
            self.close_above(column, number, column)
            top = stack[-1] if stack else None
            if top is None or top.is_map or top.indent != column:
                raise _Bail
        start = _SPACES.match(body, 1).end()
        if start >= len(body) or body[start] == "#" or body.startswith("- ", start) or body[start:] == "-":
            raise _Bail                                 # an empty item, or a sequence in a sequence
        path = top.path + (len(top.value),)
        if _KEY.match(body, start):
            block = self.open(True, column + start, path, number)      # `- key: value`: a mapping item
            self.key(block, number, column + start, body[start:], 0)
            return
        value, end = self.node(number, body, start, column, path, len(stack))
        if not _END.match(body, end):
            raise _Bail
        self.attach(top, value)

    def key(self, block: _Block, number: int, column: int, body: str, pos: int) -> None:
        match = _KEY.match(body, pos)
        if match is None:
            raise _Bail
        name = match.group(1)
        if name in block.value:
            raise _Bail                                 # a repeated key: the builder says CC110
        block.key = name
        block.key_span = (number + 1, column + 1, number + 1, column + len(name) + 1)
        block.colon = column + len(name) + 2
        start = _SPACES.match(body, match.end()).end()
        if start == len(body) or body[start] == "#":
            return                                      # its value comes on the next lines
        value, end = self.node(number, body, start, column - pos, block.path + (name,), len(self.stack))
        if not _END.match(body, end):
            raise _Bail
        self.attach(block, value)

    # -- one node on a line ---------------------------------------------------------------------------
    def node(self, number: int, body: str, pos: int, offset: int, path: tuple, depth: int):
        """The node at body[pos] (body[0] is at column ``offset``), logged: (value, end position)."""
        first = body[pos:pos + 1]
        if first == "[" or first == "{":
            return self.collection(number, body, pos, offset, path, depth)
        if first == "'" or first == '"':
            match = (_SINGLE if first == "'" else _DOUBLE).match(body, pos)
            if match is None:
                raise _Bail
            marks = (number + 1, offset + pos + 1, number + 1, offset + match.end() + 1)
            value = match.group(1).replace("''", "'") if first == "'" else match.group(1)
        else:
            match = _PLAIN.match(body, pos)
            if match is None:
                raise _Bail
            marks = (number + 1, offset + pos + 1, number + 1, offset + match.end() + 1)
            word = match.group()
            value = word if word[0] not in IMPLICIT_FIRST else plain_value(self.builder, word, path, marks)
        self.vlog.append((path, marks, False))
        return value, match.end()

    def collection(self, number: int, body: str, opening: int, offset: int, path: tuple, depth: int):
        """A flow sequence or mapping that closes on the same line."""
        if depth >= limits.MAX_DEPTH - 1:
            raise _Bail
        is_map = body[opening] == "{"
        close = "}" if is_map else "]"
        value: Any = {} if is_map else []
        if is_map:
            self.flow.append(path)
        pos = opening + 1
        if body[pos:pos + 1] == " ":         # (spaces are skipped by pattern only where there are some)
            pos = _SPACES.match(body, pos).end()
        while body[pos:pos + 1] != close:
            if is_map:
                match = _FLOW_KEY.match(body, pos)
                if match is None or match.group(1) in value:
                    raise _Bail
                name = match.group(1)
                key_marks = (number + 1, offset + pos + 1, number + 1, offset + pos + len(name) + 1)
                value[name], pos = self.node(number, body, match.end(), offset, path + (name,), depth + 1)
                self.klog.append((path + (name,), key_marks, False))
            else:
                item, pos = self.node(number, body, pos, offset, path + (len(value),), depth + 1)
                value.append(item)
            if body[pos:pos + 1] == " ":
                pos = _SPACES.match(body, pos).end()
            if body[pos:pos + 1] == ",":
                pos += 1
                if body[pos:pos + 1] == " ":
                    pos = _SPACES.match(body, pos).end()
                if body[pos:pos + 1] in (close, ""):
                    raise _Bail                         # a trailing comma, or the line ends
            elif body[pos:pos + 1] != close:
                raise _Bail
        marks = (number + 1, offset + opening + 1, number + 1, offset + pos + 2)
        self.vlog.append((path, marks, False))
        return value, pos + 1
