"""Line breaking for the explain pages, in columns (a CJK character takes two).

Breaks fall at spaces, between two CJK characters, and between CJK and Latin text; never inside an
identifier, a number or an inline `code` span (unless one alone is wider than the line), never
before closing punctuation (，。：；、）…) and never after opening punctuation (（「《).
"""
from __future__ import annotations

import re
from typing import List

from compilecli.render.width import char_width, cut, display_width

CLOSING = set("，。：；、）」』】》！？…,.;:!?)]}%’”")
OPENING = set("（「『【《‘“([{")
# a `code` span, a run of Latin text without spaces, one CJK character, or spaces
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
TOKEN = re.compile(r"`[^`\n]*`|[^\s`\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|\s+")


def is_cjk(char: str) -> bool:
    return bool(CJK.match(char))


def units(text: str) -> List[str]:
    """Unbreakable pieces; a space piece is a break opportunity that disappears at a line end."""
    pieces = TOKEN.findall(text)
    out: List[str] = []
    for piece in pieces:
        latin = out and not is_cjk(out[-1][-1]) and not is_cjk(piece[0])   # `fit`/`evaluate` stays one piece
        glue_back = out and not out[-1].isspace() and (latin or piece[0] in CLOSING or out[-1][-1] in OPENING)
        if glue_back and not piece.isspace():
            out[-1] += piece
        else:
            out.append(piece)
    return out


def wrap(text: str, width: int, indent: str = "") -> List[str]:
    """text in lines of at most width columns (the first and later lines start with indent)."""
    lines: List[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph, max(8, width - display_width(indent)))
    return [indent + line if line else line for line in lines]


def _pieces(text: str, width: int) -> List[str]:
    """units(), with a `code span` wider than the line opened into its words, each word kept as code."""
    out: List[str] = []
    for piece in units(text):
        if "`" in piece and " " in piece and display_width(piece) > width:
            inside = False
            words = piece.split(" ")
            for index, word in enumerate(words):
                opened = inside
                inside ^= word.count("`") % 2 == 1
                out.append(("`" if opened else "") + word + ("`" if inside else ""))
                if index + 1 < len(words):
                    out.append(" ")
        else:
            out.append(piece)
    return out


def _wrap_paragraph(text: str, width: int) -> List[str]:
    lines, line, used = [], "", 0
    for piece in _pieces(text, width):
        size = display_width(piece)
        if piece.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        while size > width:                       # one piece wider than a line: fold it (rare)
            head = _fit(piece, width - used)
            lines.append((line + head).rstrip())
            piece, line, used = piece[len(head):], "", 0
            size = display_width(piece)
        line, used = line + piece, used + size
    lines.append(line.rstrip())
    return lines


def _fit(piece: str, width: int) -> str:
    out, used = "", 0
    for char in piece:
        if used + char_width(char) > max(1, width):
            break
        out, used = out + char, used + char_width(char)
    return out or piece[0]


def equations(formula: str) -> List[str]:
    """A formula of several equations (`a = b ; c = d`), one per line."""
    return [part.strip() for part in re.split(r"\s[;；]\s", formula) if part.strip()]


def column_widths(header: List[str], rows: List[List[str]], width: int, gap: int = 2, cap: int = 30,
                  minimum_last: int = 30):
    """Widths of the columns of a table in width columns, or None when it only fits as blocks.
    Every column but the last is as wide as its longest cell (at most cap); the last takes the rest."""
    count = len(header)
    widths = []
    for i in range(count - 1):
        longest = max(display_width(str(row[i])) for row in [header] + rows)
        widths.append(min(cap, longest))
    rest = width - sum(widths) - gap * (count - 1)
    longest_cell = max(display_width(str(row[-1])) for row in [header] + rows)
    longest_word = max((display_width(u) for row in [header] + rows for u in units(str(row[-1])) if not u.isspace()),
                       default=1)
    if count > 1 and (rest < longest_word or (rest < minimum_last and rest < longest_cell)):
        return None     # the last column would be a narrow strip: one block per row reads better
    return widths + [max(1, rest)]


def cell_lines(text: str, width: int, last: bool) -> List[str]:
    """A cell's lines: the last column wraps; the others wrap at spaces and cut a long piece with …"""
    if last:
        return wrap(text, width)
    lines, line = [], ""
    for word in text.split(" "):
        word = cut(word, width)
        if line and display_width(line) + 1 + display_width(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]
