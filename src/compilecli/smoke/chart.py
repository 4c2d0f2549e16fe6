"""A labelled terminal chart of a loss history: y ticks (min, mid, max), x ticks (first and last step),
a log scale when the loss spans two decades or more, and '!' in the column where it went NaN/inf.

    1.6e+103 ┤    █
     1.3e+51 ┤   ▄█
       1.578 ┤▁▃███!
             └──────
              1    6  step (log scale)
"""
from __future__ import annotations

import math
from typing import List, Optional

BLOCKS = "▁▂▃▄▅▆▇█"
WIDTH = 48
HEIGHT = 5
LOG_SPAN = 100.0     # max/min at or above this: log scale


def tick(value: float) -> str:
    return f"{value:.4g}"


def use_log(finite: List[float]) -> bool:
    return bool(finite) and min(finite) > 0 and max(finite) / min(finite) >= LOG_SPAN


def columns(values: List[Optional[float]], width: int, log: bool):
    """Bucket means (in log space for a log chart); None for a bucket holding a NaN/inf."""
    size = max(1, math.ceil(len(values) / width))
    out = []
    for start in range(0, len(values), size):
        bucket = values[start:start + size]
        if any(v is None or not math.isfinite(v) for v in bucket):
            out.append(None)
        else:
            out.append(sum(math.log10(v) if log else v for v in bucket) / len(bucket))
    return out, size


def chart(values: List[Optional[float]], label: str = "step", log_label: str = "step (log scale)",
          width: int = WIDTH, height: int = HEIGHT) -> List[str]:
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return []
    log = use_log(finite)
    cols, size = columns(values, width, log)
    shown = [c for c in cols if c is not None]        # the axis spans what is drawn (bucket means)
    low, high = min(shown), max(shown)
    span = (high - low) or 1.0
    levels = [None if c is None else max(1, round((c - low) / span * height * 8)) for c in cols]
    back = (lambda x: 10 ** x) if log else (lambda x: x)
    labels = {0: tick(back(high)), height - 1: tick(back(low))}
    if height >= 3:
        labels[height // 2] = tick(back((high + low) / 2))
    pad = max(len(t) for t in labels.values())
    lines = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        cells = "".join(("!" if row == height - 1 else " ") if lv is None else
                        (" " if lv <= floor else BLOCKS[min(8, lv - floor) - 1]) for lv in levels)
        axis = f"{labels[row].rjust(pad)} ┤" if row in labels else " " * pad + " │"
        lines.append((axis + cells).rstrip())
    lines.append(" " * pad + " └" + "─" * len(cols))
    first, last = "1", str(len(values))
    gap = max(1, len(cols) - len(first) - len(last) + 1)
    lines.append(" " * (pad + 2) + first + " " * gap + last + "  " + (log_label if log else label))
    return lines
