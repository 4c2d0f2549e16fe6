"""Where the cursor is, read from the text before it (the document is often half-typed, so no parser).

``spec_context``: YAML (block and flow) and JSON -> the keys of the mappings around the cursor and
whether a key or a value is being typed. ``code_context``: Python -> the innermost open call (its
callee) and the keyword being typed or whose value is being typed, or the string being typed.
Strings and comments are skipped as their syntax says; both scanners are linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

_WORD = re.compile(r"[\w.\-]*$")


@dataclass
class SpecContext:
    path: Tuple[str, ...]         # keys of the enclosing mappings, outermost first (list levels skipped)
    at_key: bool                  # typing a key (else a value)
    key: Optional[str] = None     # for a value: its key (None for a list item)
    prefix: str = ""              # the part of the word typed so far
    quoted: bool = False          # inside a quoted string


def spec_context(text: str, offset: int) -> SpecContext:
    before = text[:offset]
    lines = before.split("\n")
    block: List[Tuple[int, str]] = []       # (indent, key) of block mappings still open
    current = lines[-1]
    for line in lines[:-1]:
        _block_line(line, block)
    indent, body = _indent_and_body(current)
    parents = [key for level, key in block if level < indent]
    flow = _flow(body)
    if flow is None:                        # a block line
        match = re.match(r"^((?:[^:#\s][^:#]*?|\"[^\"]*\"|'[^']*')):(?:\s+|$)(.*)$", body)
        if match:
            value = match.group(2)
            key = _unquote(match.group(1).strip())
            inner = _flow(value)
            if inner is not None:
                return SpecContext(tuple(parents + [key] + inner[0]), inner[1], inner[2], inner[3], inner[4])
            return SpecContext(tuple(parents), False, key, _prefix(value), _quoted(value))
        if body.startswith("- ") or body == "-":
            item = body[1:].lstrip()
            owner = parents[-1] if parents else None
            sub = re.match(r"^([^:#\s][^:#]*?):(?:\s+|$)(.*)$", item)
            if sub:
                return SpecContext(tuple(parents + [_unquote(sub.group(1))]), False, None, _prefix(sub.group(2)))
            if block and block[-1][0] < indent:
                return SpecContext(tuple(parents[:-1]), False, owner, _prefix(item), _quoted(item))
            return SpecContext(tuple(parents[:-1]), False, owner, _prefix(item))
        return SpecContext(tuple(parents), True, None, _prefix(body), _quoted(body))
    keys, at_key, key, prefix, quoted = flow
    if not body.lstrip().startswith(("{", "[")):
        head = re.match(r"^([^:#\s][^:#]*?):\s", body)
        if head:
            keys = [_unquote(head.group(1))] + keys
    return SpecContext(tuple(parents + keys), at_key, key, prefix, quoted)


def _indent_and_body(line: str) -> Tuple[int, str]:
    body = line.lstrip(" ")
    return len(line) - len(body), body


def _block_line(line: str, block: List[Tuple[int, str]]) -> None:
    """Record a complete line's block key (a flow value on it closes on the same line, or is ignored)."""
    indent, body = _indent_and_body(line.rstrip("\r"))
    if not body or body.startswith("#"):
        return
    while body.startswith("- "):
        body = body[2:].lstrip(" ")
        indent = len(line) - len(body)
    match = re.match(r"^((?:[^:#\s\"'{\[][^:#]*?|\"[^\"]*\"|'[^']*')):(?:\s|$)", body)
    if not match:
        return
    block[:] = [(level, key) for level, key in block if level < indent]
    block.append((indent, _unquote(match.group(1).strip())))


def _unquote(word: str) -> str:
    word = word.strip()
    if len(word) >= 2 and word[0] == word[-1] and word[0] in "\"'":
        return word[1:-1]
    return word


def _quoted(value: str) -> bool:
    return value[:1] in ("\"", "'")


def _prefix(value: str) -> str:
    value = value.lstrip("\"'")
    return _WORD.search(value).group(0)


def _flow(body: str):
    """Scan a flow collection (YAML flow or JSON) up to the cursor: (keys, at_key, key, prefix, quoted),
    or None when the text holds no open bracket."""
    stack: List[Tuple[str, Optional[str]]] = []     # (bracket, key whose value it is)
    token, pending, quote = "", None, ""
    at_key = False
    index = 0
    while index < len(body):
        char = body[index]
        if quote:
            if char == "\\" and quote == '"':
                token += body[index + 1:index + 2]
                index += 2
                continue
            if char == quote:
                quote = ""
            else:
                token += char
            index += 1
            continue
        if char in "\"'":
            quote, token = char, ""
        elif char == "#" and (index == 0 or body[index - 1] in " \t"):
            break
        elif char in "{[":
            stack.append((char, pending))
            at_key, pending, token = char == "{", None, ""
        elif char in "}]":
            if stack:
                stack.pop()
            at_key, pending, token = bool(stack) and stack[-1][0] == "{", None, ""
        elif char == ",":
            at_key, pending, token = bool(stack) and stack[-1][0] == "{", None, ""
        elif char == ":" and (index + 1 == len(body) or body[index + 1] in " \t\"'{[") and stack:
            pending, at_key, token = _unquote(token.strip()), False, ""
        elif char not in " \t":
            token += char
        elif token and not at_key:
            token += char
        index += 1
    if not stack:
        return None
    keys = [key for _, key in stack if key is not None]
    return keys, at_key and stack[-1][0] == "{", pending, _WORD.search(token.strip()).group(0), bool(quote)


@dataclass
class CodeContext:
    callee: str = ""              # the innermost open call's function text: "keras.optimizers.Adam"
    at_keyword: bool = False      # typing a keyword name of that call
    keyword: Optional[str] = None # the keyword whose value is being typed (None: positional or none)
    in_string: bool = False
    prefix: str = ""
    outer: List[Tuple[str, Optional[str]]] = field(default_factory=list)   # enclosing (callee, keyword), outermost first


_CALLEE = re.compile(r"([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*$")


def code_context(text: str, offset: int) -> CodeContext:
    """The call around the cursor in Python source (strings, comments and nesting followed)."""
    start = max(0, text.rfind("\n\n\n", 0, max(0, offset - 20_000)))      # bound the scan
    source = text[start:offset]
    stack: List[list] = []            # [bracket, callee, keyword, at_keyword]
    index, quote, string_start = 0, "", 0
    while index < len(source):
        char = source[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if source.startswith(quote, index):
                index += len(quote)
                quote = ""
                continue
            if char == "\n" and len(quote) == 1:
                quote = ""
            index += 1
            continue
        if char == "#":
            end = source.find("\n", index)
            if end < 0:
                return CodeContext()
            index = end
            continue
        if char in "\"'":
            triple = source[index:index + 3]
            quote = triple if triple in ('"""', "'''") else char
            string_start = index + len(quote)
            index += len(quote)
            continue
        if char in "([{":
            callee = ""
            if char == "(":
                match = _CALLEE.search(source[max(0, index - 200):index])
                callee = re.sub(r"\s+", "", match.group(1)) if match else ""
            stack.append([char, callee, None, char == "("])
        elif char in ")]}":
            if stack:
                stack.pop()
        elif char == "," and stack:
            stack[-1][2], stack[-1][3] = None, stack[-1][0] == "("
        elif char == "=" and stack and stack[-1][0] == "(" and source[index + 1:index + 2] != "=" \
                and source[index - 1:index] not in "=!<>":
            match = re.search(r"([A-Za-z_]\w*)\s*$", source[:index])
            stack[-1][2], stack[-1][3] = (match.group(1) if match else None), False
        elif char == ":" and stack and stack[-1][0] == "{":
            stack[-1][3] = False
        index += 1
    calls = [(entry[1], entry[2]) for entry in stack if entry[0] == "("]
    if not stack:
        return CodeContext(prefix=_ident_prefix(source))
    in_string = bool(quote)
    prefix = source[string_start:] if in_string else _ident_prefix(source)
    innermost_call = next((entry for entry in reversed(stack) if entry[0] == "("), None)
    at_keyword = bool(stack[-1][0] == "(" and stack[-1][3] and not in_string
                      and re.search(r"(^|[(,\s])[A-Za-z_]*$", source) is not None)
    keyword = innermost_call[2] if innermost_call else None
    return CodeContext(innermost_call[1] if innermost_call else "", at_keyword, keyword, in_string, prefix, calls)


def _ident_prefix(source: str) -> str:
    match = re.search(r"[A-Za-z_]\w*$", source)
    return match.group(0) if match else ""
