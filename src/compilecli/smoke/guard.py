"""What the numerics cannot do (a shape they reject, an object they lack) becomes a Refusal:
the user gets the object and the reason, never a traceback."""
from __future__ import annotations

from typing import Any

from compilecli.smoke.plan import Refusal


def guard(call, kind: str, what: Any, out=None):
    """`call()`, with any failure turned into a Refusal naming `kind` ("loss", ...), `what` and `out`."""
    try:
        return call()
    except Exception as exc:   # noqa: BLE001 - any failure of a user-chosen object is reported the same way
        reason = str(exc) if isinstance(exc, (ValueError, TypeError)) else f"{type(exc).__name__}: {exc}"
        reason = reason.strip().rstrip(".")   # the message adds its own full stop
        if out is None:
            raise Refusal("numerics_failed", kind=kind, what=_short(what), reason=reason[:200]) from None
        # Failing on data almost always means the object does not fit this output's labels or width.
        raise Refusal("numerics_failed_output", kind=kind, what=_short(what), reason=reason[:200],
                      output=out.name, labels=out.labels, units=out.units) from None


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
