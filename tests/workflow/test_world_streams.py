"""Issue 11, standard streams and encodings, through the real CLI: closed or full standard output,
a reader that leaves, lone surrogates, file names that are not UTF-8 or hold escapes, ASCII terminals."""
from __future__ import annotations

import json
import os
import sys

import pytest

from worldhelpers import BROKEN, CLEAN, SMOKEABLE, cli, no_traceback

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX shell and file system")


@posix_only
@pytest.mark.parametrize("command", [["check", "good.yaml"], ["explain", "adam"], ["schema"],
                                     ["smoke", "--steps", "2", "model.yaml"], ["check", "--help"]])
def test_closed_stdout_is_a_message_and_exit_2(work, command):            # row 3
    (work / "good.yaml").write_text(CLEAN)
    (work / "model.yaml").write_text(SMOKEABLE)
    done = cli(*command, cwd=work, shell_redirect=">&-")
    no_traceback(done)
    assert done.returncode == 2
    assert b"cannot write to standard output" in done.stderr


@posix_only
def test_closed_stdout_does_not_matter_when_the_report_goes_to_a_file(work):
    (work / "good.yaml").write_text(CLEAN)
    done = cli("check", "-o", "report.txt", "good.yaml", cwd=work, shell_redirect=">&-")
    assert done.returncode == 0 and done.stderr == b""
    assert "All checks passed" in (work / "report.txt").read_text()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["check", "good.yaml"], ["schema"], ["explain", "--plain", "loss"]])
def test_full_disk_on_stdout_is_a_message_and_exit_2(work, command):      # row 4
    (work / "good.yaml").write_text(CLEAN)
    done = cli(*command, cwd=work, shell_redirect="> /dev/full")
    no_traceback(done)
    assert done.returncode == 2
    assert b"No space left on device" in done.stderr and b"Exception ignored" not in done.stderr


@posix_only
def test_a_reader_that_leaves_early_is_exit_2_without_traceback(work):
    import subprocess
    from worldhelpers import environment
    for n in range(800):      # a report of ~150 kB: more than a pipe holds, so the writer must wait for us
        (work / f"spec_with_a_long_name_{n:04}.yaml").write_text(BROKEN)
    child = subprocess.Popen([sys.executable, "-m", "compilecli", "check", "."], cwd=work, env=environment(),
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout.read(10)
    child.stdout.close()       # as `| head -c 10` does
    err = child.stderr.read()
    assert child.wait(timeout=120) == 2
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert b"closed before the report was complete" in err


LONE = '{"compile": {"optimizer": "adam", "loss": "\\ud800"}}'
LONE_KEY = '{"compile": {"optimizer": "adam", "\\udfff": 1}}'
LONE_PY = 'import keras\nmodel.compile(optimizer="adam", loss="\\udfff")\n'


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
@pytest.mark.parametrize("name,text", [("v.json", LONE), ("k.json", LONE_KEY), ("t.py", LONE_PY)])
def test_lone_surrogates_are_escaped_in_every_format(work, fmt, name, text):   # row 1
    (work / name).write_text(text)
    done = cli("check", "--format", fmt, name, cwd=work)
    no_traceback(done)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")        # strict: no lone surrogate reached the bytes
    if fmt in ("json", "sarif"):
        json.loads(out)
    assert "\\ud800" in out or "\\udfff" in out


def test_lone_surrogates_in_explain_and_smoke(work):
    (work / "v.json").write_text(LONE)
    explained = cli("explain", "v.json", cwd=work)
    no_traceback(explained)
    assert b"\\ud800" in explained.stdout and explained.returncode == 0
    smoked = cli("smoke", "v.json", cwd=work)
    no_traceback(smoked)
    assert smoked.returncode == 2 and b"\\ud800" in smoked.stdout


needs_bytes_names = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")


@needs_bytes_names
def test_a_file_name_that_is_not_utf8_is_escaped_and_the_report_is_whole(work):   # row 2
    folder = work / "specs"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.yaml"), "w") as handle:
        handle.write(BROKEN)
    (work / "rep.json").write_text("the old report\n")
    done = cli("check", "--format", "json", "-o", "rep.json", "specs", cwd=work)
    no_traceback(done)
    assert done.returncode == 1
    report = json.loads((work / "rep.json").read_text(encoding="utf-8"))
    assert [os.fsencode(f["path"]) for f in report["files"]] == [b"specs/bad\xffname.yaml"]
    for fmt in ("text", "json", "github"):
        shown = cli("check", "--format", fmt, "specs", cwd=work, env={"LC_ALL": "C"}).stdout
        assert b"\xff" not in shown
        assert (b"bad\\xffname" if fmt != "json" else b"bad\\udcffname") in shown


ESCAPE = "osc\x1b]0;pwned\x07x.yaml"


@needs_bytes_names
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_in_file_names_are_escaped(work, fmt):        # row 14
    folder = work / "specs"
    folder.mkdir()
    (folder / ESCAPE).write_text(BROKEN)
    done = cli("check", "--format", fmt, "specs", cwd=work)
    assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout
    assert b"osc\\x1b]0;pwned\\x07x.yaml" in done.stdout
    diff = cli("check", "--diff", str(folder / ESCAPE), cwd=work)
    assert b"\x1b" not in diff.stdout + diff.stderr


def test_ascii_output_with_chinese_words_is_escaped(work):                   # row 15
    (work / "bad.yaml").write_text(BROKEN)
    done = cli("check", "--lang", "zh", "bad.yaml", cwd=work, env={"PYTHONIOENCODING": "ascii"})
    no_traceback(done)
    assert done.returncode == 1
    done.stdout.decode("ascii")
    assert b"\\u4f18\\u5316\\u5668" in done.stdout          # 优化器, escaped
    explained = cli("explain", "adam", "--lang", "zh", cwd=work, env={"PYTHONIOENCODING": "ascii"})
    no_traceback(explained)
    assert explained.returncode == 0


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_ascii_terminal_with_rich_panels(work):
    import pty
    import subprocess
    from worldhelpers import environment
    main, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "compilecli", "explain", "adam", "--lang", "zh"], cwd=work,
                              env=environment({"PYTHONIOENCODING": "ascii", "TERM": "xterm"}), stdin=subprocess.DEVNULL,
                              stdout=follower, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(follower)
        out = b""
        try:
            while True:
                chunk = os.read(main, 65536)
                if not chunk:
                    break
                out += chunk
        except OSError:
            pass
        os.close(main)
    assert b"Traceback" not in done.stderr and done.returncode == 0, done.stderr
    assert b"Adam" in out


@posix_only
def test_a_non_blocking_pipe_gets_the_whole_report(work):
    """Some CI runners hand out standard output in non-blocking mode: a full pipe means wait, not lose."""
    import fcntl
    import subprocess
    from worldhelpers import environment
    for n in range(600):
        (work / f"spec_with_a_long_name_{n:04}.yaml").write_text(BROKEN)
    expected = cli("check", ".", cwd=work).stdout
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETFL, fcntl.fcntl(write_end, fcntl.F_GETFL) | os.O_NONBLOCK)
    child = subprocess.Popen([sys.executable, "-m", "compilecli", "check", "."], cwd=work, env=environment(),
                             stdin=subprocess.DEVNULL, stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        first = reader.read(1)                 # let the writer fill the pipe before we drain it
        child.poll()
        got = first + reader.read()
    assert child.wait(timeout=120) == 1 and child.stderr.read() == b""
    assert got == expected and len(got) > 65536
