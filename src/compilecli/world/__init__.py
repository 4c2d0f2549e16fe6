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


def _bundle():
    """A check imports our modules from one file (compilecli/bundle.py); the other commands as usual."""
    try:
        from compilecli import bundle
        return bundle.install()
    except Exception:    # a cache: never the reason a check fails
        return None
