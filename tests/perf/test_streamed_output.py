"""Rendering file by file (render/stream.py, what `check` does) gives exactly the output of rendering the
whole report, in every format and with the options that change it; and no result is held."""
from __future__ import annotations

import os

import pytest

from compilecli.checker.run import run_check
from compilecli.cli.check_options import drop_warnings
from compilecli.config import resolve_options
from compilecli.render import render
from compilecli.render.stream import Streamed
from compilecli.render.text import render_statistics, render_text

ROOT = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir)
FOLDERS = [os.path.join(ROOT, "tests", "cases"), os.path.join(ROOT, "samples")]
OPTIONS = [dict(), dict(max_per_code=1), dict(max_per_code=0), dict(no_warnings=True), dict(quiet=True),
           dict(show_source=True), dict(statistics=True), dict(color=True)]


def _options():
    return resolve_options(dict(target=None, format="json", lang=None, strict=None, select=(), ignore=()),
                           config_path=None, isolated=True)


def _whole(paths, fmt, lang, extra):
    report = run_check(paths, _options(), keep=False)
    if extra.get("no_warnings"):
        drop_warnings(report)
    limit = extra.get("max_per_code", 20)
    if extra.get("statistics"):
        return render_statistics(report, lang, fmt), report
    if fmt == "text":
        return render_text(report, lang, extra.get("color", False), show_source=extra.get("show_source", False),
                           quiet=extra.get("quiet", False), max_per_code=limit), report
    return render(report, fmt, lang, max_per_code=limit), report


def _streamed(paths, fmt, lang, extra):
    sink = Streamed(fmt, lang, extra.get("color", False), show_source=extra.get("show_source", False),
                    quiet=extra.get("quiet", False), max_per_code=extra.get("max_per_code", 20),
                    statistics=extra.get("statistics", False), no_warnings=extra.get("no_warnings", False))
    report = run_check(paths, _options(), keep=False, sink=sink)
    return sink.finish(report), report


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
@pytest.mark.parametrize("extra", OPTIONS, ids=lambda e: ",".join(e) or "default")
def test_streamed_output_is_the_whole_reports(fmt, extra):
    paths = tuple(FOLDERS)
    whole, whole_report = _whole(paths, fmt, "en", extra)
    streamed, report = _streamed(paths, fmt, "en", extra)
    assert streamed == whole
    assert report.results == []                              # nothing held ...
    assert report.streamed.specs == len(whole_report.results) > 100
    for strict in (False, True):                             # ... and the same exit code
        assert report.exit_code(strict) == whole_report.exit_code(strict)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_streamed_output_in_chinese_and_for_nothing_found(fmt, tmp_path):
    (tmp_path / "ok.yaml").write_text("compile:\n  optimizer: adam\n  loss: mse\n", encoding="utf-8")
    for paths in (tuple(FOLDERS), (str(tmp_path),)):
        assert _streamed(paths, fmt, "zh", {})[0] == _whole(paths, fmt, "zh", {})[0]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_pieces_spooled_to_a_temporary_file_come_back_the_same(fmt, monkeypatch):
    from compilecli.render import stream
    paths = tuple(FOLDERS)
    monkeypatch.setattr(stream, "SPOOL_LIMIT", 100)
    sink = Streamed(fmt, "en", show_source=True)
    report = run_check(paths, _options(), keep=False, sink=sink)
    assert sink.pieces.file is not None and len(sink.pieces) > 10
    assert "".join(sink.chunks(report)) == _whole(paths, fmt, "en", dict(show_source=True))[0]


def test_a_missing_file_is_unreadable_in_a_streamed_report(tmp_path):
    _, report = _streamed((str(tmp_path / "gone.yaml"),), "text", "en", {})
    assert report.exit_code() == 2 and report.files == 1 and report.errors == 1
