"""A file's comments, as its own parser sees them: YAML from the scanner's tokens (what lies between
two tokens, as yamllint's ``comments_between_tokens`` reads it), Python from ``tokenize``.

A ``#`` inside a quoted string or a block scalar is part of a token, so it is never a comment here;
no regular expression guesses where comments are. Each loader puts the result on its ``LoadedSpec``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from compilecli.record import dataclass   # dataclasses without exec: start-up
from typing import List, Optional, Tuple


@dataclass(frozen=True)
class Comment:
    line: int                  # 1-based, as the loader numbers lines
    column: int                # 1-based column of the '#'
    text: str                  # from the '#' to the end of its line
    own_line: bool             # nothing but blanks before it on its line
    next_line: Optional[int]   # the line of the next token (content) after it; None at the end


Comments = Tuple[Comment, ...]

#: What a suppression directive starts with; a text without it has no directive, so its YAML
#: comments are not scanned for (see load_text).
MARKER = "compilecli:"



@lru_cache(maxsize=None)
def _yaml_break() -> "re.Pattern[str]":
    """libyaml's line breaks (also NEL, U+2028, U+2029; not a form feed). Compiled on first use: a
    `.py` file never needs it, and the compile is ~0.3 ms of start-up."""
    return re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def __getattr__(name: str):
    if name == "YAML_BREAK":        # the name fix.document imports
        return _yaml_break()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def yaml_comments(text: str) -> Comments:
    """Every comment of a YAML text; those before a syntax error when there is one."""
    if "#" not in text:
        return ()
    import yaml
    loader_class = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    found: List[list] = []          # [line, column, text, own_line, next_line]
    pending: List[list] = []        # comments still waiting for the next content token
    loader = loader_class(text)
    previous = None
    try:
        while True:
            token = loader.get_token()
            if token is None:
                break
            if previous is not None:
                _between(text, previous, token, found, pending)
            if not isinstance(token, yaml.BlockEndToken):
                line = None if isinstance(token, yaml.StreamEndToken) else token.start_mark.line + 1
                for comment in pending:
                    comment[4] = line
                pending.clear()
            previous = token
    except yaml.YAMLError:
        pass                        # keep what was read before the error
    finally:
        loader.dispose()
    return tuple(Comment(*fields) for fields in found)


def _between(text: str, first, second, found: List[list], pending: List[list]) -> None:
    import yaml
    start, end = first.end_mark, second.start_mark
    if start.line == end.line and not isinstance(first, yaml.StreamStartToken) \
            and not isinstance(second, yaml.StreamEndToken):
        return                      # a comment runs to the end of its line: none between these two
    gap = text[start.index:end.index]
    if "#" not in gap:
        return
    line, column = start.line + 1, start.column + 1
    for index, segment in enumerate(_yaml_break().split(gap)):
        at = segment.find("#")
        if at != -1:
            before = segment[:at] if index else text[start.index - start.column:start.index] + segment[:at]
            comment = [line, column + at, segment[at:], not before.strip(), None]
            found.append(comment)
            pending.append(comment)
        line, column = line + 1, 1


#: Tokens that are not content: a comment's "next line" is the line of the first token after these.
_NOT_CONTENT = ("COMMENT", "NL", "NEWLINE", "INDENT", "DEDENT")


def python_comments(text: str) -> Comments:
    """Every comment of a Python text, from the tokenizer (strings are never comments)."""
    if "#" not in text:
        return ()
    import io
    import tokenize

    skip = {getattr(tokenize, name) for name in _NOT_CONTENT}
    found: List[list] = []
    pending: List[list] = []
    try:
        # newline=None: a lone \r ends a line, as it does for ast (the line numbers diagnostics carry)
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if token.type == tokenize.COMMENT:
                line, column = token.start
                comment = [line, column + 1, token.string, not token.line[:column].strip(), None]
                found.append(comment)
                pending.append(comment)
            elif token.type not in skip:
                line = None if token.type == tokenize.ENDMARKER else token.start[0]
                for comment in pending:
                    comment[4] = line
                pending.clear()
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass                        # keep what was read before the error
    return tuple(Comment(*fields) for fields in found)
