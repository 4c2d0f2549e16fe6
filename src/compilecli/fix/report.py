"""``fix_report``: every fixable file of a Report, as a diff and (with ``write``) on disk."""
from __future__ import annotations

from compilecli import record   # SpecResult and Report are compilecli.record dataclasses
from typing import Any, List, Optional, Tuple

from compilecli.fix.file_fix import FileFix, fix_result, from_stdin
from compilecli.fix.output import echo_at_close, note_lines, summary_lines, unified_diff
from compilecli.fix.write import write_file


def fix_report(report, options, write: bool, echo: bool = True,
               stdin: Optional[List[Tuple[str, str]]] = None) -> Tuple[str, Any]:
    """(unified diff of every fix, the Report after fixing).

    With ``write`` the files are rewritten and the Report shows what remains in them; without it
    nothing is touched and the Report is returned as it was (the files still have the problems).
    A spec read from stdin is never written anywhere: with ``write`` its (text before, text after)
    is appended to ``stdin``, for standard output (``fix/stdin.py``).
    The summary ("Fixed N problems in M files") and notes go to standard error when ``echo``:
    inside a Click command, when the command ends (after the report, as ruff prints its own).
    """
    lang = getattr(options, "lang", None) or "en"
    outcomes: List[FileFix] = []
    results = []
    patch = []
    for result in report.results:
        outcome = fix_result(result, options)
        piped = from_stdin(result)
        if write and piped and stdin is not None and result.loaded is not None and not stdin:
            stdin.append((result.loaded.text, result.loaded.text))   # one text, even for several calls
        if outcome is None:
            results.append(result)
            continue
        outcomes.append(outcome)
        if outcome.problem:
            results.append(result)
            continue
        if write and piped:
            outcome.written = True
            if stdin is not None:
                stdin[-1:] = [(outcome.old_text, outcome.new_text)]
        elif write:
            written = write_file(result.source, outcome.old_text, outcome.new_text)
            outcome.written = bool(written)
            if not written:
                outcome.problem = getattr(written, "problem", "") or "fix.not_written"
        results.append(outcome.result if outcome.written else result)
        if outcome.changed:
            patch.extend(f"# {line}\n" for line in note_lines(outcome, lang))
            patch.append(unified_diff(result.source, outcome.old_text, outcome.new_text))
    if echo:
        echo_at_close(summary_lines(outcomes, lang, write))
    new_report = record.replace(report, results=results) if write else report
    return "".join(patch), new_report
