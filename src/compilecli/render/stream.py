"""A report rendered file by file, as ``check`` checks (issue 14: memory flat in the number of files).

Each file's results are rendered the moment they are checked, with everything the renderers need
still at hand (the text for ``--show-source``, the spec for the ``[*]`` marks), and then dropped:
what is kept is the rendered text (what the output holds anyway) and counts (``checker.Tally``)
for the summary, the exit code and ``--statistics``. The output is byte for byte the one
``render.render`` makes from the whole report: the same per-result functions make each piece, and
JSON/SARIF pieces are indented as ``json.dumps(indent=2)`` nests them (render/json_text.py), then put into the document
in place of a placeholder.
"""
from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import Iterator, List

from compilecli.checker import Tally
from compilecli.diagnostics import ERROR
from compilecli.render.groups import LIMIT
from compilecli.world.text import json_safe

_PLACE = "compilecli-stream-placeholder"
SPOOL_LIMIT = 1 << 16       # characters of rendered pieces held in memory before they go to a temporary file


class Streamed:
    """``add`` each file's results in order, then ``finish(report)`` for the whole output text."""

    def __init__(self, fmt: str, lang: str, color: bool = False, show_source: bool = False, quiet: bool = False,
                 max_per_code: int = LIMIT, statistics: bool = False, no_warnings: bool = False):
        self.fmt, self.lang, self.color, self.show_source, self.quiet = fmt, lang, color, show_source, quiet
        self.max_per_code, self.no_warnings = max_per_code, no_warnings
        self.counted = (Counter(), Counter()) if statistics else None
        self.tally = Tally()
        self.pieces = Spool()            # each file's rendered text, in order
        self.fixable = 0
        if fmt == "sarif" and not statistics:
            import os
            from compilecli.render.sarif import rules
            self.cwd = os.getcwd()
            self.rule_index = {rule["id"]: index for index, rule in enumerate(rules(lang))}

    def add(self, results, path=None) -> None:
        """One file's results; ``path``: the file as collected (the tally counts files by it)."""
        self.take(self.rendered(results, path))

    def rendered(self, results, path=None) -> "Rendered":
        """What the output needs of one file's results: its pieces of text and its counts. Small and
        cheap to pickle, so a worker process sends this, not the results."""
        out = Rendered([], Tally(), 0, (Counter(), Counter()) if self.counted is not None else None)
        for result in results:
            if self.no_warnings and result.diagnostics:
                from compilecli import record
                result = record.replace(result, diagnostics=[d for d in result.diagnostics if d.severity == ERROR])
            out.tally.add(result, path)
            out.fixable += self._render(result, out.pieces, out.counted)
        return out

    def take(self, rendered: "Rendered") -> None:
        """One file's rendered output, in the order of the files."""
        self.pieces.extend(rendered.pieces)
        self.tally.merge(rendered.tally)
        self.fixable += rendered.fixable
        if self.counted is not None:
            for mine, theirs in zip(self.counted, rendered.counted):
                mine.update(theirs)

    def _render(self, result, pieces: list, counted) -> int:
        """Appends the result's pieces; returns how many of its findings are fixable ([*] marks)."""
        if counted is not None:
            from compilecli.render.text import count_codes
            count_codes(result, *counted)
        elif self.fmt == "json":
            from compilecli.render.json_format import file_dict
            pieces.append(_dumped(file_dict(result, self.lang, self.max_per_code)))
        elif self.fmt == "sarif":
            from compilecli.render.sarif import result_dicts
            pieces.extend(_dumped(d) for d in result_dicts(result, self.lang, self.rule_index, self.cwd,
                                                          self.max_per_code))
        elif result.diagnostics:
            if self.fmt == "github":
                from compilecli.render.github import result_annotations
                lines = result_annotations(result, self.lang, self.max_per_code)
            else:
                from compilecli.render.fixes import fixes_of
                from compilecli.render.text import result_lines
                fixes = fixes_of(result)
                lines = result_lines(result, self.lang, self.color, self.show_source, self.max_per_code, fixes)
                if lines:
                    pieces.append("\n".join(lines))
                return len(fixes)
            if lines:
                pieces.append("\n".join(lines))
        return 0

    def finish(self, report) -> str:
        """The whole output; ``report`` (from run_check with this sink) gives the counts and notes."""
        return "".join(self.chunks(report))

    def chunks(self, report) -> Iterator[str]:
        """The output in pieces of about 64 KB, for writing without one more copy of it in memory."""
        buffer, size = [], 0
        for part in self._parts(report):
            buffer.append(part)
            size += len(part)
            if size >= 65536:
                yield "".join(buffer)
                buffer, size = [], 0
        if buffer:
            yield "".join(buffer)

    def _parts(self, report) -> Iterator[str]:
        if self.counted is not None:
            from compilecli.render.text import render_statistics
            yield render_statistics(report, self.lang, self.fmt, self.counted)
        elif self.fmt == "json":
            from compilecli.render.json_format import render_json
            yield from _filled(render_json(report, self.lang, self.max_per_code, files=[_PLACE]), self.pieces)
        elif self.fmt == "sarif":
            from compilecli.render.sarif import render_sarif
            yield from _filled(render_sarif(report, self.lang, self.max_per_code, results=[_PLACE]), self.pieces)
        else:
            if self.fmt == "github":
                from compilecli.render.text import summary
                tail = [summary(report, self.lang)]
            else:
                from compilecli.render.text import tail_lines
                tail = tail_lines(report, self.lang, self.quiet, self.fixable)
            for piece in chain(self.pieces, tail):   # "\n".join(lines) + "\n", line by line
                yield piece + "\n"


class Rendered:
    """One file's output: pieces of text, its ``Tally``, fixable findings, ``--statistics`` counts."""
    __slots__ = ("pieces", "tally", "fixable", "counted")

    def __init__(self, pieces: list, tally: Tally, fixable: int, counted) -> None:
        self.pieces, self.tally, self.fixable, self.counted = pieces, tally, fixable, counted

    def __getstate__(self):
        return self.pieces, self.tally, self.fixable, self.counted

    def __setstate__(self, state) -> None:
        self.pieces, self.tally, self.fixable, self.counted = state


def _dumped(value) -> str:
    from compilecli.render.json_text import dumps   # (JSON and SARIF only: a text report needs no json)
    return json_safe(dumps(value))


class Spool:
    """A list of strings that moves to a temporary file once it holds more than ``limit`` characters:
    a long report's pieces wait on disk, not in memory, until the summary before them is known."""

    def __init__(self) -> None:
        self.held: List[str] = []
        self.size, self.limit, self.file, self.count = 0, SPOOL_LIMIT, None, 0

    def append(self, piece: str) -> None:
        self.count += 1
        if self.file is None:
            self.held.append(piece)
            self.size += len(piece)
            if self.size <= self.limit:
                return
            self.file = _scratch_file()
            pieces, self.held = self.held, []
        else:
            pieces = [piece]
        for one in pieces:
            self.file.write(f"{len(one)}\n{one}")

    def extend(self, pieces) -> None:
        for piece in pieces:
            self.append(piece)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[str]:
        yield from self.held
        if self.file is not None:
            self.file.seek(0)
            for _ in range(self.count):
                yield self.file.read(int(self.file.readline()))
            self.file.close()


def _scratch_file():
    """An unnamed temporary text file; O_TMPFILE where the system has it, so that no `tempfile` import
    (random, shutil and the compression modules it brings: ~1.5 MB) makes a long report's memory grow."""
    import os
    options = dict(encoding="utf-8", errors="surrogatepass", newline="")
    flag = getattr(os, "O_TMPFILE", 0)
    folder = next((os.environ[name] for name in ("TMPDIR", "TEMP", "TMP") if os.environ.get(name)), "/tmp")
    if flag:
        try:
            return open(os.open(folder, flag | os.O_RDWR, 0o600), "w+", **options)
        except OSError:     # a file system without it, or no such folder: tempfile finds one
            pass
    import tempfile
    return tempfile.TemporaryFile("w+", **options)


def _filled(document: str, pieces: Spool) -> Iterator[str]:
    """The document with its placeholder list item replaced by the pieces, each indented to its place
    (an empty list stays `[]`, as json.dumps writes it)."""
    at = document.index(f'"{_PLACE}"')
    line_start = document.rindex("\n", 0, at) + 1
    indent = document[line_start:at]
    if not pieces:
        yield document[:document.rindex("[", 0, at)] + "[]" + document[document.index("]", at) + 1:]
        return
    yield document[:line_start]
    for number, piece in enumerate(pieces):
        yield (",\n" if number else "") + indent + piece.replace("\n", "\n" + indent)
    yield document[at + len(_PLACE) + 2:]
