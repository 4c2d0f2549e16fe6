"""`compilecli check` as a function: collect -> check each file -> filter -> Report.

What is reported is decided in one place, ``compilecli.checker.filter.filter_results``
(select/ignore, per-file-ignores, inline suppressions, CC901), file by file: a file's results are
final as soon as it is checked, so they stream to the renderer in the order the files were
collected, and with many files they come from a process pool (``jobs``) in that same order.
"""
from __future__ import annotations

import os
from typing import Iterator, List, Sequence, Tuple

from compilecli.checker import Report, check_file
from compilecli.checker.collect import collect_specs
from compilecli.checker.filter import CodeFilter, filter_results
from compilecli.checker.globs import file_of, globs_test, path_matches, relative_posix

__all__ = ["run_check", "start_check", "CodeFilter", "file_of", "path_matches", "relative_posix"]

FileResults = Tuple[List, int]   # (the filtered SpecResults of one file, how many were suppressed)


def run_check(specs: Tuple[str, ...], options, jobs: int = 1, keep: bool = True) -> Report:
    """Check everything, then return the Report. ``keep``: results keep their loaded and resolved
    spec (for --fix and smoke); without it they are light (see ``light``)."""
    report, stream = start_check(specs, options, jobs, keep)
    for _ in stream:
        pass
    return report


def start_check(specs: Tuple[str, ...], options, jobs: int = 1, keep: bool = True):
    """(the Report, an iterator over each file's results): iterating fills the report, file by file."""
    root = options.root
    found = collect_specs(specs, include=globs_test(options.include, root),
                          exclude=globs_test(options.exclude, root))
    report = Report([], empty_folders=list(found.empty), checked=list(found.paths))
    config = os.path.basename(options.config_file) if options.config_file else "exclude"
    for folder in found.all_excluded:
        report.notes.append(("workflow.all_excluded", {"folder": folder, "config": config}))

    def stream() -> Iterator[List]:
        for results, suppressed in checked_files(found.paths, options, jobs, keep):
            report.results.extend(results)
            report.suppressed += suppressed
            yield results
    return report, stream()


def check_one(path: str, options, keep: bool = True) -> FileResults:
    results, suppressed = filter_results(check_file(path, options.target), options)
    return (results if keep else [light(r) for r in results]), suppressed


def light(result):
    """The result as a renderer needs it: its diagnostics and the source's format, without the
    text, data and source map (what makes a held result cost ~20 KB instead of its findings)."""
    from compilecli import record
    from compilecli.load import LoadedSpec

    loaded = result.loaded
    stub = None if loaded is None else LoadedSpec(source=loaded.source, format=loaded.format)
    return record.replace(result, loaded=stub, resolved=None)


# --------------------------------------------------------------------------------------------- --jobs
MIN_FILES_PER_WORKER = 32     # below this a worker's start-up costs more than it saves


def workers_for(paths: Sequence[str], jobs: int) -> int:
    if jobs <= 1 or "-" in paths:        # stdin belongs to this process
        return 1
    return max(1, min(jobs, len(paths) // MIN_FILES_PER_WORKER))


def checked_files(paths: Sequence[str], options, jobs: int = 1, keep: bool = True) -> Iterator[FileResults]:
    """Each file's results, in the order of ``paths``; from worker processes when there are many."""
    workers = workers_for(paths, jobs) if not keep else 1      # kept results hold what cannot travel cheaply
    if workers == 1:
        for path in paths:
            yield check_one(path, options, keep)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(64, len(paths) // (workers * 8)))
    with context.Pool(workers, initializer=_start_worker, initargs=(options,)) as pool:
        yield from pool.imap(_check_in_worker, paths, chunksize=chunk)


_WORKER_OPTIONS = None


def _start_worker(options) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options


def _check_in_worker(path: str) -> FileResults:
    return check_one(path, _WORKER_OPTIONS, keep=False)
