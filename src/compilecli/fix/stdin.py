"""`check --fix -`: standard input is never written anywhere; its text comes back on standard output.

As ruff does it, the output is the whole text: fixed, or as it came when nothing was fixed (a file that
is not a spec, a compile() call in code, a load error that blocks every fix). The bytes are read once,
before the check, and handed to it again, so what is printed is in the input's own encoding and
byte-order mark.
"""
from __future__ import annotations

import io
import sys
from typing import Optional


class HeldStdin:
    def __init__(self, raw: Optional[bytes]):
        self.raw = raw

    @classmethod
    def take(cls) -> "HeldStdin":
        """Read standard input (up to what `check` reads) and put the same bytes back for the check."""
        from compilecli.load import limits
        stream = getattr(sys.stdin, "buffer", None)
        try:
            raw = stream.read(limits.MAX_BYTES + 1) if stream is not None else None
        except OSError:
            raw = None                       # the check reads it again and says why it cannot
        if raw is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="replace")
        return cls(raw)

    def output(self, old_text: Optional[str], new_text: Optional[str]) -> bytes:
        """What goes to standard output: the fixed text in the input's encoding, else the input itself
        (nothing for an input too large to check: the report says so)."""
        from compilecli.fix.write import encode_like
        from compilecli.load import limits
        if self.raw is None or len(self.raw) > limits.MAX_BYTES:
            return b""
        if old_text is None or new_text is None or new_text == old_text:
            return self.raw
        return encode_like(self.raw, old_text, new_text) or new_text.encode("utf-8")

    def echo(self, old_text: Optional[str], new_text: Optional[str]) -> None:
        data = self.output(old_text, new_text)
        out = sys.stdout
        if hasattr(out, "write_bytes"):      # compilecli's own guarded stdout (world/streams.py)
            out.write_bytes(data)
        elif getattr(out, "buffer", None) is not None:
            out.flush()
            out.buffer.write(data)
            out.buffer.flush()
        else:                                # a text-only stdout: the text as text
            out.write(data.decode("utf-8", "replace"))
