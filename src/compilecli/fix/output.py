"""What ``--fix``/``--diff`` print: the unified diff, the fixes' notes and the summary line."""
from __future__ import annotations

import os
import re
from typing import List

from compilecli.fix.file_fix import FileFix
from compilecli.world.text import printable


def unified_diff(source: str, old: str, new: str) -> str:
    import difflib
    name = source.replace(os.sep, "/")
    while name.startswith("./"):
        name = name[2:]
    name = printable(name.lstrip("/"))
    lines = difflib.unified_diff(_lines(old), _lines(new), f"a/{name}", f"b/{name}")
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> List[str]:
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def note_lines(outcome: FileFix, lang: str, notes: bool = True) -> List[str]:
    """The notes of the fixes made (decay -> a schedule), and why a file was left alone."""
    from compilecli.i18n import text as words
    lines = []
    for fix in outcome.fixes:
        if fix.note and notes and outcome.changed:
            lines.append(f"{printable(outcome.source)}:{fix.line}: " + words(fix.note, lang, **fix.note_args))
    if outcome.problem:
        lines.append(words(outcome.problem, lang, **dict(outcome.problem_args, source=printable(outcome.source))))
    return lines


def summary_lines(outcomes: List[FileFix], lang: str, write: bool) -> List[str]:
    from compilecli.i18n import count as counted, text as words
    done = [o for o in outcomes if o.changed and (o.written or not write)]
    count = sum(o.fixed for o in done)
    lines = []
    for outcome in outcomes:
        lines.extend(note_lines(outcome, lang, notes=write))   # without --fix they are in the diff
    if done:
        key = "fix.summary" if write else "fix.would_fix"
        lines.append(words(key, lang, count=counted("problem", count, lang), files=counted("file", len(done), lang)))
    return lines


def echo_at_close(lines: List[str]) -> None:
    import click
    if not lines:
        return

    def say() -> None:
        for line in lines:
            click.echo(line, err=True)

    context = click.get_current_context(silent=True)
    if context is None:
        say()
    else:
        context.call_on_close(say)
