"""Where the process meets the world, in one place instead of a try/except in each command.

- ``process``: the entry point. Signals (SIGINT -> exit 130, SIGTERM -> 143, no traceback, also
  during import), exit codes, and the last word on anything that escaped a command.
- ``streams``: standard output and error that fail (closed, ``/dev/full``, a broken pipe) become
  one message and exit 2; text that a stream cannot encode is escaped, never a traceback.
- ``text``: escaping for output: lone surrogates, undecodable file-name bytes, control characters.
- ``files``: file kinds (only regular files are read) and bounded reads.
- ``writes``: atomic and in-place writes that keep owner, mode and inode.
- ``progress``: a progress line on standard error, in a terminal only.

Only the standard library is imported here, so the entry point can guard the import of everything
else.
"""
from __future__ import annotations


def main() -> int:
    import gc
    import sys
    # Start-up allocates ~100,000 objects (modules, classes, functions) and frees few: with the default
    # threshold the collector rescans them ~40 times before a spec is read (~3% of `check one.yaml`).
    gc.set_threshold(50_000, 20, 100)
    checking = sys.argv[1:2] == ["check"]
    bundle = _bundle() if checking else None
    from compilecli.world.process import main as run
    code = run()
    if bundle is not None:
        try:
            bundle.save()
        except Exception:    # a cache: never the reason a check fails
            pass
    if checking:
        # The interpreter's exit collects garbage through every object left (~5 M instructions, 2% of
        # a check of one file); a check's output is written and closed by now, and nothing it leaves
        # needs a finalizer, so they are left to the process's end.
        gc.freeze()
    return code


def entry() -> None:
    """The console script's (and ``python -m compilecli``'s) entry point: ``main()``, then the end.

    After a ``check`` the interpreter's teardown would free every module, function and catalogue
    entry one by one (~6.5 M instructions, 3% of a check of one file) for a process that is about
    to end. Its output is flushed by then (``process.main``), so the process ends at once instead,
    after the exit handlers that were registered (multiprocessing's, for ``--jobs``). Not when a
    thread is still running (Python would wait for it), a stream cannot be flushed (the ordinary
    exit says so), or a profiler, tracer or ``python -i`` is watching (``_observed``)."""
    import sys
    code = main()
    if sys.argv[1:2] == ["check"]:
        _end_now(code)
    sys.exit(code)


def _end_now(code: int) -> None:
    import atexit
    import os
    import sys
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    if _observed():
        return
    try:
        run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
        if run_exit_handlers is None:
            return
        run_exit_handlers()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:        # the ordinary exit, which reports it
        return
    os._exit(code)


def _observed() -> bool:
    """Is someone watching the process end: a profiler or tracer (``python -m cProfile`` writes its
    file after the module returns, coverage may save its data then), ``python -i``, or a tool of
    ``sys.monitoring`` (Python 3.12+)?"""
    import sys
    if sys.getprofile() is not None or sys.gettrace() is not None or sys.flags.inspect:
        return True
    monitoring = getattr(sys, "monitoring", None)
    return monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6))


def _bundle():
    """A check imports our modules from one file (compilecli/bundle.py); the other commands as usual."""
    try:
        from compilecli import bundle
        return bundle.install()
    except Exception:    # a cache: never the reason a check fails
        return None
