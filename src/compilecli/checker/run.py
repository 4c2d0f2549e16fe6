"""`compilecli check` as a function: collect -> check each file -> filter -> Report.

What is reported is decided in one place, ``compilecli.checker.filter.filter_results``
(select/ignore, per-file-ignores, inline suppressions, CC901), file by file: a file's results are
final as soon as it is checked, so they stream into the report in the order the files were
collected, and with many files they come from a process pool (``jobs``) in that same order.
"""
from __future__ import annotations

import os
from typing import Iterator, List, Optional, Sequence, Tuple

from compilecli.checker import GcPaused, Report, check_file, check_stdin, is_spec
from compilecli.checker.collect import collect_specs
from compilecli.checker.filter import CodeFilter, filter_results
from compilecli.checker.globs import file_of, globs_test, path_matches, relative_posix

__all__ = ["run_check", "CodeFilter", "file_of", "path_matches", "relative_posix"]

# (the filtered SpecResults of one file, how many were suppressed, sources that are not specs)
FileResults = Tuple[List, int, List[str]]


def run_check(specs: Tuple[str, ...], options, stdin_filename: Optional[str] = None, jobs: int = 1,
              keep: bool = True, sink=None) -> Report:
    """``jobs``: worker processes for many files (same report). ``keep``: results keep their loaded
    and resolved spec (for --fix and smoke); without it they are light (see ``light``). ``sink``
    (``render.stream.Streamed``): each file's results go to ``sink.add`` as they come and are not
    kept; the report counts them through ``sink.tally``."""
    root = options.root
    found = collect_specs(specs, include=globs_test(options.include, root),
                          exclude=globs_test(options.exclude, root))
    report = Report([], empty_folders=list(found.empty), checked=found.paths, code_files=found.code_files)
    not_specs: List[str] = []
    if sink is not None:
        report.streamed = sink.tally
    files = checked_files(found.paths, options, stdin_filename, jobs, keep, sink)
    for (results, suppressed, skipped), path in zip(files, found.paths):   # (files first: it runs to its end)
        if sink is None:
            report.results.extend(results)
        elif isinstance(results, list):
            with GcPaused():
                sink.add(results, path)
        else:                      # rendered by a worker process (sink.rendered)
            sink.take(results)
        report.suppressed += suppressed
        not_specs += skipped
    config = os.path.basename(options.config_file) if options.config_file else "exclude"
    report.skipped = not_specs
    report.notes.extend(("ux.not_a_spec", {"path": source}) for source in not_specs)
    for folder in found.all_excluded:
        report.notes.append(("workflow.all_excluded", {"folder": folder, "config": config}))
    return report


def check_one(path: str, options, stdin_filename: Optional[str] = None, keep: bool = True) -> FileResults:
    with GcPaused():      # (a collection would walk every result of the file)
        checked = check_stdin(stdin_filename, options.target) if path == "-" and stdin_filename \
            else check_file(path, options.target)
        specs = [is_spec(r) for r in checked]          # (asked once per result: a cell holds 20,000)
        skipped = [r.source for r, spec in zip(checked, specs) if not spec]
        results, suppressed = filter_results([r for r, spec in zip(checked, specs) if spec], options)
        return (results if keep else [light(r) for r in results]), suppressed, skipped


def light(result):
    """The result as the renderers need it. A clean one keeps no text, data or source map (what makes
    a held result cost ~20 KB), one with findings keeps its text (for --show-source), and one that
    --fix could fix keeps everything (the [*] mark and the edits are planned from it)."""
    from compilecli import record
    from compilecli.load import LoadedSpec

    loaded = result.loaded
    if loaded is None:
        return record.replace(result, resolved=None)   # nothing was resolved
    if result.diagnostics:
        from compilecli.fix.registry import FIXERS
        if any(d.code in FIXERS for d in result.diagnostics):
            return result            # the fix planner reads the checker's resolved spec (never resolves again)
    text = loaded.text if result.diagnostics else ""
    stub = LoadedSpec(source=loaded.source, text=text, format=loaded.format, code=loaded.code)
    return record.replace(result, loaded=stub, resolved=None)


# --------------------------------------------------------------------------------------------- --jobs
# A pool costs ~0.1 s of CPU to start and end (multiprocessing, forks): a worker must have ~0.15 s of
# files (~128 at ~1.3 ms each) to give wall time back. Fewer files: one process, no pool at all.
MIN_FILES_PER_WORKER = 128


def workers_for(paths: Sequence[str], jobs: int) -> int:
    if jobs <= 1 or "-" in paths:        # stdin belongs to this process
        return 1
    return max(1, min(jobs, len(paths) // MIN_FILES_PER_WORKER))


def checked_files(paths: Sequence[str], options, stdin_filename: Optional[str] = None, jobs: int = 1,
                  keep: bool = True, sink=None) -> Iterator[FileResults]:
    """Each file's results, in the order of ``paths``; from worker processes when there are many
    (kept results hold what is not worth sending between processes, so they are made here). With a
    ``sink`` a worker sends a file's rendered output (``sink.rendered``) instead of its results: a
    result pickles to ~50 KB (its spec's catalogue entries) and unpickles as slowly as it was checked."""
    workers = 1 if keep else workers_for(paths, jobs)
    one = check_one if sink is None else lambda *args: _rendered_one(*args, sink=sink)
    if workers == 1:
        for path in paths:
            yield one(path, options, stdin_filename, keep)
        return
    # The first file is checked here, before the fork: the workers start with its target's catalogue
    # and every rule's tables loaded, once for all, and frozen (the collector leaves shared pages alone).
    yield one(paths[0], options, stdin_filename, keep)
    import gc
    import multiprocessing

    gc.freeze()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    rest = paths[1:]
    chunk = max(1, min(64, len(rest) // (workers * 8)))
    with context.Pool(workers, initializer=_start_worker, initargs=(options, sink)) as pool:
        yield from pool.imap(_check_in_worker, rest, chunksize=chunk)


def _rendered_one(path: str, options, stdin_filename: Optional[str], keep: bool, sink):
    """One file checked and rendered (``sink.rendered``: what ``sink.add`` takes) with the collector
    paused throughout: its results are dropped before the collector runs again, which would otherwise
    scan every one of them once (a cell of 20,000 compile() calls: ~0.2 s). They are not made ``light``
    first: that only saves memory while results are held, and the renderers read nothing light drops
    (a fix mark comes only from a fixer, and light keeps a result with a fixer's code whole)."""
    with GcPaused():
        results, suppressed, skipped = check_one(path, options, stdin_filename, True)
        rendered = sink.rendered(results, path)
        del results
    return rendered, suppressed, skipped


_WORKER_OPTIONS = None
_WORKER_SINK = None


def _start_worker(options, sink=None) -> None:
    """A worker ends when the pool ends it (SIGTERM) and leaves Ctrl-C to the parent: the parent's
    handlers (compilecli.world.process) would print a traceback per worker."""
    import signal

    global _WORKER_OPTIONS, _WORKER_SINK
    _WORKER_OPTIONS, _WORKER_SINK = options, sink
    for name, action in (("SIGTERM", signal.SIG_DFL), ("SIGINT", signal.SIG_IGN)):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), action)


def _check_in_worker(path: str) -> FileResults:
    results, suppressed, skipped = check_one(path, _WORKER_OPTIONS, keep=False)
    if _WORKER_SINK is not None:
        with GcPaused():
            return _WORKER_SINK.rendered(results, path), suppressed, skipped
    return results, suppressed, skipped
