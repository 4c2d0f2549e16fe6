"""A check ends without the interpreter's teardown (world.entry): the output is whole, the exit code is
the check's, exit handlers still run, and a running thread or an unflushable stream keeps the ordinary exit."""
from __future__ import annotations

import threading

import pytest

from compilecli import world
from worldhelpers import BROKEN, CLEAN, cli, no_traceback, python


class Ended(Exception):
    pass


@pytest.fixture
def ended(monkeypatch):
    """os._exit and the exit handlers, recorded instead of run (this process is pytest's)."""
    calls = []

    def fake_exit(code):
        calls.append(("exit", code))
        raise Ended
    monkeypatch.setattr("os._exit", fake_exit)
    monkeypatch.setattr("atexit._run_exitfuncs", lambda: calls.append(("handlers",)))
    return calls


def test_a_check_ends_with_its_own_code_and_whole_output(work):
    for index in range(3):
        (work / f"s{index}.yaml").write_text(BROKEN if index == 1 else CLEAN)
    done = cli("check", "--isolated", "--format", "json", ".", cwd=work)
    no_traceback(done)
    assert done.returncode == 1
    assert done.stdout.rstrip().endswith(b"}") and b'"errors": 1' in done.stdout
    clean = cli("check", "--isolated", "s0.yaml", cwd=work)
    assert clean.returncode == 0 and clean.stdout.strip()


def test_exit_handlers_run_before_the_end(work):
    (work / "s.yaml").write_text(BROKEN)
    done = python("import atexit, sys\natexit.register(lambda: print('handler ran', file=sys.stderr))\n"
                  "sys.argv = ['compilecli', 'check', '--isolated', 's.yaml']\n"
                  "from compilecli.world import entry\nentry()\n", cwd=work)
    assert done.returncode == 1
    assert b"handler ran" in done.stderr and b"CC201" in done.stdout


def test_the_end_runs_handlers_then_exits(ended):
    with pytest.raises(Ended):
        world._end_now(1)
    assert ended == [("handlers",), ("exit", 1)]


def test_a_running_thread_keeps_the_ordinary_exit(ended):
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        world._end_now(1)          # returns: Python's own exit will wait for the thread
    finally:
        release.set()
        worker.join()
    assert ended == []


def test_a_stream_that_cannot_be_flushed_keeps_the_ordinary_exit(ended, monkeypatch):
    class Full:
        def flush(self):
            raise OSError("No space left on device")
    monkeypatch.setattr("sys.stdout", Full())
    world._end_now(0)
    assert ("exit", 0) not in ended


def test_a_profiler_or_tracer_keeps_the_ordinary_exit(ended, monkeypatch):
    monkeypatch.setattr("sys.getprofile", lambda: object())
    world._end_now(0)
    monkeypatch.undo()
    assert ended == []


def test_python_m_cprofile_still_writes_its_profile(work):
    (work / "s.yaml").write_text(BROKEN)
    import sys
    import subprocess
    from worldhelpers import environment
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", "run.prof", "-m", "compilecli", "check",
                           "--isolated", "s.yaml"], cwd=work, env=environment(None), capture_output=True, timeout=120)
    assert b"CC201" in done.stdout and (work / "run.prof").stat().st_size > 0     # (cProfile exits 0)
