"""Where a file's comments are: YAML by its rule ('#' at line start or after whitespace), Python by the tokenizer."""
from __future__ import annotations

import re
from typing import Dict, Optional

MARKER = "compilecli:"
# `# compilecli: ignore`, `# compilecli: ignore[CC501, CC3]`, `# compilecli: ignore-file[...]`
# (an unclosed `ignore[CC501` is no directive at all, never a blanket one)
PATTERN = re.compile(r"#\s*compilecli:\s*(ignore-file|ignore)(?:\[([^\]\n]*)\]|(?![\w\[-]))", re.IGNORECASE)
_YAML_COMMENT_START = re.compile(r"(?:^|(?<=\s))#")


def yaml_directive(line: str):
    """The first suppression directive in a YAML comment: '#' at line start or after whitespace."""
    for start in _YAML_COMMENT_START.finditer(line):
        match = PATTERN.match(line, start.start())
        if match:
            return match
    return None


def python_comments(text: str) -> Optional[Dict[int, int]]:
    """line -> 0-based column of the comment on it, from the tokenizer (strings are never comments)."""
    import io
    import tokenize

    comments: Dict[int, int] = {}
    try:
        # newline=None: a lone \r ends a line, as it does for ast (the line numbers diagnostics carry)
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if token.type == tokenize.COMMENT:
                comments[token.start[0]] = token.start[1]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass     # keep what was read before the error
    return comments
