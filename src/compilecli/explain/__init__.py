"""`compilecli explain TOPIC`: find the topic, build a page (data), render it.

A Page is language-neutral structure whose texts are already looked up; the
renderers (plain text or rich) only lay it out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple


@dataclass
class Page:
    title: str
    lang: str = "en"    # the language its texts were looked up in (plain text punctuates by it)
    failed: bool = False  # the topic could not be explained (an unreadable spec): exit 2
    sections: List[Tuple[str, str]] = field(default_factory=list)      # (heading, text)
    tables: List[Tuple[str, List[str], List[List[str]]]] = field(default_factory=list)  # (heading, header, rows)

    kinds: List[str] = field(default_factory=list)   # per section: "text" | "formula" | "code"

    def add(self, heading: str, text, kind: str = "text") -> None:
        if text:
            self.sections.append((heading, str(text)))
            self.kinds.append(kind)

    def kind_of(self, index: int) -> str:
        """How section index is laid out: code is never wrapped, a formula has one equation per line."""
        return self.kinds[index] if index < len(self.kinds) else "text"
