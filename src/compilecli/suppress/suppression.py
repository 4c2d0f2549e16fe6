"""One suppression comment: where it is, the line it silences, its codes, and what it has silenced."""
from __future__ import annotations

from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import Dict, Optional, Tuple

from compilecli.diagnostics import Diagnostic


@dataclass
class Suppression:
    line: int                      # where the comment is (1-based)
    column: int                    # column of its '#'
    end_column: int                # column after the comment's directive
    target: int                    # the line it silences; 0 for ignore-file
    codes: Tuple[str, ...] = ()    # () silences every code
    used: Dict[str, int] = field(default_factory=dict)   # code entry (or "*") -> diagnostics silenced

    @property
    def file_level(self) -> bool:
        return self.target == 0

    def matches(self, diag: Diagnostic) -> Optional[str]:
        """The entry ("*" or a code prefix) that silences diag, or None."""
        if not self.file_level and (diag.span is None or diag.span.line != self.target):
            return None
        if not self.codes:
            return "*"
        for code in self.codes:
            if diag.code.startswith(code):
                return code
        return None
