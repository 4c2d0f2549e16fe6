"""Issue 11, row 11: Ctrl-C (and SIGTERM) are exit 130 (143), never a traceback, never a half-written file.

The signal is sent from inside the process at a chosen moment (during the import of the CLI, in the
middle of rewriting a file), so the tests do not depend on timing.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from worldhelpers import FIXABLE, FIXED, cli, environment, no_traceback, python

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

DURING_IMPORT = """
import os, signal, sys
class Trap:
    def find_spec(self, name, path=None, target=None):
        if name == "compilecli.cli.check":
            os.kill(os.getpid(), signal.{signal})
        return None
sys.meta_path.insert(0, Trap())
from compilecli.world import main
sys.argv = ["compilecli", "check", "--help"]
sys.exit(main())
"""


@pytest.mark.parametrize("name,code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_during_import_is_a_clean_exit(work, name, code):
    done = python(DURING_IMPORT.replace("{signal}", name), cwd=work)
    no_traceback(done)
    assert done.returncode == code
    assert b"interrupted" in done.stderr and done.stdout == b""


DURING_FIX = """
import os, signal, sys
from compilecli.world import main
real = os.fsync
calls = []
def fsync(fd):                             # called while a fixed file is being written
    calls.append(fd)
    if len(calls) == 2:                    # Ctrl-C arrives in the middle of the second file
        os.kill(os.getpid(), signal.SIGINT)
    real(fd)
os.fsync = fsync
sys.argv = ["compilecli", "check", "--fix", "specs"]
sys.exit(main())
"""


def test_ctrl_c_during_fix_leaves_every_file_whole(work):
    folder = work / "specs"
    folder.mkdir()
    for n in range(5):
        (folder / f"s{n}.yaml").write_text(FIXABLE)
    done = python(DURING_FIX, cwd=work)
    no_traceback(done)
    assert done.returncode == 130, done.stderr
    assert b"Aborted" not in done.stderr
    texts = [(folder / f"s{n}.yaml").read_text() for n in range(5)]
    assert texts[:2] == [FIXED, FIXED]          # the write under way when the signal came was finished
    assert texts[2:] == [FIXABLE] * 3           # and nothing after it was started
    assert sorted(os.listdir(folder)) == [f"s{n}.yaml" for n in range(5)]   # no temporary file left


def test_ctrl_c_from_outside_at_any_moment(work):
    """A real Ctrl-C at whatever moment of the fixing it lands: exit 130 (or the run was already over),
    every file whole. (Before Python has imported compilecli, Python's own handler is in charge.)"""
    folder = work / "specs"
    folder.mkdir()
    for n in range(200):
        (folder / f"s{n:03}.yaml").write_text(FIXABLE)
    child = subprocess.Popen([sys.executable, "-m", "compilecli", "check", "--fix", "specs"], cwd=work,
                             env=environment(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    first = folder / "s000.yaml"
    while child.poll() is None and first.read_text() != FIXED:   # past the interpreter's own start-up
        time.sleep(0.01)
    child.send_signal(signal.SIGINT)       # somewhere while fixing: any moment must be clean
    out, err = child.communicate(timeout=120)
    assert b"Traceback" not in err
    assert child.returncode in (130, 0)
    assert {(folder / name).read_text() for name in os.listdir(folder)} <= {FIXABLE, FIXED}
    assert all(name.endswith(".yaml") for name in os.listdir(folder))

