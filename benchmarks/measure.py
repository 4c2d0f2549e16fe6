"""Measuring: CPU (user+sys) and wall time and peak memory of a process or a call, in interleaved rounds.

A shared machine disturbs wall time most, so every row reports CPU time first; rounds interleave
the commands being compared, so a burst of load hits all of them, and figures are medians with
their range (min-max).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Sequence


@dataclass
class Sample:
    cpu: float      # seconds, user + sys (of the process and the children it waited for)
    wall: float     # seconds
    rss: int = 0    # peak resident set, KiB (0 for in-process calls)
    stdout: bytes = b""


def run(cmd: Sequence[str], cwd: str = None, env=None, keep_stdout: bool = False) -> Sample:
    """One run of cmd; its resource usage from wait4 (covers its worker processes too)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE if keep_stdout else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    out = proc.stdout.read() if keep_stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)[:200]} exited {proc.returncode}")
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss, out)


def call(function: Callable[[], object]) -> Sample:
    """One in-process call: process CPU time and wall time."""
    cpu, wall = time.process_time(), time.perf_counter()
    function()
    return Sample(time.process_time() - cpu, time.perf_counter() - wall)


def interleave(probes: Dict[str, Callable[[], Sample]], rounds: int, warmup: int = 1) -> Dict[str, List[Sample]]:
    """Each probe once per round, in turn; the warm-up rounds are dropped."""
    out: Dict[str, List[Sample]] = {name: [] for name in probes}
    for index in range(warmup + rounds):
        for name, probe in probes.items():
            sample = probe()
            if index >= warmup:
                out[name].append(sample)
    return out


class Stat:
    """Median and range of one measure over the rounds."""

    def __init__(self, values: Sequence[float]):
        self.values = sorted(values)
        self.median = statistics.median(self.values)
        self.low, self.high = self.values[0], self.values[-1]

    def ms(self) -> str:
        return f"{self.median * 1000:.1f} ms [{self.low * 1000:.1f}-{self.high * 1000:.1f}]"

    def s(self) -> str:
        return f"{self.median:.3f} s [{self.low:.3f}-{self.high:.3f}]"


def cpu(samples: Sequence[Sample]) -> Stat:
    return Stat([s.cpu for s in samples])


def wall(samples: Sequence[Sample]) -> Stat:
    return Stat([s.wall for s in samples])


def rss(samples: Sequence[Sample]) -> Stat:
    return Stat([s.rss / 1024 for s in samples])    # MiB


def ratio(top: Sequence[Sample], bottom: Sequence[Sample], what=cpu) -> str:
    """Median of the per-round ratios, with their range (rounds were interleaved)."""
    per_round = [what([a]).median / max(what([b]).median, 1e-9) for a, b in zip(top, bottom)]
    stat = Stat(per_round)
    return f"{stat.median:.2f}x [{stat.low:.2f}-{stat.high:.2f}]"
