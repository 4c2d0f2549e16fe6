"""Issue 11, rows 10, 12 and 13: folders that cannot be read, --fix on read-only files, other owners,
hard links, and files at the size limit, through the real CLI."""
from __future__ import annotations

import os

import pytest

from compilecli.load import limits
from worldhelpers import BROKEN, CLEAN, FIXABLE, FIXED, cli, cli_as, no_traceback, unprivileged

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and owners")


@posix
def test_a_folder_that_cannot_be_read_is_cc100_not_all_clear(work):          # row 10
    prefix, why_not = unprivileged(work)
    if prefix is None:
        pytest.skip(why_not)
    (work / "specs" / "locked").mkdir(parents=True)
    (work / "specs" / "good.yaml").write_text(CLEAN)
    (work / "specs" / "locked" / "hidden.yaml").write_text(BROKEN)
    os.chmod(work / "specs", 0o755)
    os.chmod(work / "specs" / "locked", 0)
    try:
        done = cli_as(prefix, "check", "specs", cwd=work)
    finally:
        os.chmod(work / "specs" / "locked", 0o755)
    no_traceback(done)
    assert done.returncode == 2, done
    assert b"specs/locked: CC100 error permission denied" in done.stdout


def test_a_folder_that_cannot_be_listed_is_reported(work, monkeypatch):
    """The same, in this process (also as root): the walk hands the folder to the reader."""
    from compilecli.checker import walk
    from workflowhelpers import run
    (work / "specs" / "locked").mkdir(parents=True)
    (work / "specs" / "good.yaml").write_text(CLEAN)
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    result = run("check", "specs")
    assert result.exit_code == 2
    assert "specs/locked: CC100 error permission denied" in result.output


@posix
def test_fix_leaves_a_read_only_file_alone_and_says_so(work):                 # row 12
    spec = work / "spec.yaml"
    spec.write_text(FIXABLE)
    os.chmod(spec, 0o444)
    done = cli("check", "--fix", "spec.yaml", cwd=work)
    no_traceback(done)
    assert spec.read_text() == FIXABLE
    assert done.returncode == 1 and b"read-only" in done.stderr
    assert os.stat(spec).st_mode & 0o777 == 0o444


@posix
def test_fix_keeps_mode_and_owner(work):
    spec = work / "spec.yaml"
    spec.write_text(FIXABLE)
    os.chmod(spec, 0o640)
    owner = (65534, 65534) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(spec, *owner)
    done = cli("check", "--fix", "spec.yaml", cwd=work)
    assert done.returncode == 0, done
    assert spec.read_text() == FIXED
    st = os.stat(spec)
    assert (st.st_mode & 0o777, st.st_uid, st.st_gid) == (0o640, *owner)
    assert sorted(os.listdir(work)) == ["spec.yaml"]


@posix
def test_fix_writes_a_hard_linked_file_in_place(work):
    spec, twin = work / "spec.yaml", work / "twin.yaml"
    spec.write_text(FIXABLE)
    os.link(spec, twin)
    inode = os.stat(spec).st_ino
    done = cli("check", "--fix", "spec.yaml", cwd=work)
    assert done.returncode == 0, done
    assert spec.read_text() == twin.read_text() == FIXED
    assert os.stat(spec).st_ino == inode and os.stat(spec).st_nlink == 2
    assert sorted(os.listdir(work)) == ["spec.yaml", "twin.yaml"]


@posix
def test_fix_of_a_file_someone_else_owns_keeps_the_owner(work):
    prefix, why_not = unprivileged(work)
    if prefix is None:
        pytest.skip(why_not)
    spec = work / "spec.yaml"
    spec.write_text(FIXABLE)
    os.chmod(work, 0o777)
    os.chmod(spec, 0o666)
    if os.geteuid() == 0:
        os.chown(spec, 65534, 65534)    # the fixer (a plain user, or root without CAP_CHOWN) cannot give it back
    before = os.stat(spec)
    done = cli_as(prefix, "check", "--fix", "spec.yaml", cwd=work)
    no_traceback(done)
    assert done.returncode == 0, done
    after = os.stat(spec)
    assert spec.read_text() == FIXED
    assert (after.st_uid, after.st_gid, after.st_ino) == (before.st_uid, before.st_gid, before.st_ino)
    assert sorted(os.listdir(work)) == ["spec.yaml"]


def _padded(text: str, size: int) -> str:
    """text, then comment lines up to size bytes."""
    line = "# " + "x" * 97 + "\n"
    body = text + line * ((size - len(text)) // len(line))
    return body + "#" * (size - len(body) - 1) + "\n"


def test_fix_never_grows_a_file_past_what_check_reads(work):                  # row 13
    spec = work / "spec.yaml"
    spec.write_text(_padded(FIXABLE, limits.MAX_BYTES - 3))          # lr -> learning_rate adds 11 bytes
    done = cli("check", "--fix", "spec.yaml", cwd=work)
    assert b"larger than 1 MiB" in done.stderr and done.returncode == 1
    again = cli("check", "spec.yaml", cwd=work)
    assert b"CC102" not in again.stdout and b"CC603" in again.stdout


def test_fix_just_under_the_limit_is_checked_again(work):
    spec = work / "spec.yaml"
    spec.write_text(_padded(FIXABLE, limits.MAX_BYTES - 40))
    done = cli("check", "--fix", "spec.yaml", cwd=work)
    assert done.returncode == 0, done
    assert os.path.getsize(spec) <= limits.MAX_BYTES
    assert cli("check", "spec.yaml", cwd=work).returncode == 0
