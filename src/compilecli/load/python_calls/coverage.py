"""How much of a compile() call was read: the figures the corpus test and benchmark report.

An argument is *accounted for* when it was read as a value, or identified as the user's own or a
third-party object (which is then not guessed at); a list partly read counts when every item left
out was identified. A call is *fully* read when every argument is accounted for, *not at all* when
none is (or the receiver's compile() is not Keras's), else *partly*.
"""
from __future__ import annotations

from typing import Dict, Tuple

from compilecli.load.python_calls.call_reader import IDENTIFIED


def arguments(code: Dict) -> Tuple[int, int]:
    """(arguments accounted for, arguments) of one call's ``code`` record."""
    args = code.get("arguments") or {}
    accounted = 0
    for name, state in args.items():
        if state in ("read", "identified"):
            accounted += 1
        elif state == "partly":
            prefix = "" if name == "**" else name
            skips = [s for s in code.get("skipped", ()) if s["argument"].split(".")[0].split("[")[0] == prefix]
            accounted += all(s["why"] in IDENTIFIED for s in skips)
    return accounted, len(args)


def call_state(code: Dict) -> str:
    """"full", "partly" or "none"."""
    if code.get("checked") == "skipped":
        return "none"
    accounted, total = arguments(code)
    if accounted == total:
        return "full"
    return "none" if accounted == 0 else "partly"
