"""``compilecli check --fix`` / ``--diff``: the mechanical migrations whose answer is certain.

Fixes are text edits at the spans the loader recorded, never a re-dump, so comments, key order,
quoting and layout are kept. One module per fix, an explicit registry (as the rules have): each
module has a docstring, ``CODES``, ``EXAMPLES`` (spec text -> fixed text, or None when the fix must
not be made; tests run every one) and ``fix(doc, diagnostic, context) -> Fix | None``.

For each spec: fixes are computed from its diagnostics, overlapping edits are dropped (the larger
edit wins: deleting ``decay: 1e-3`` subsumes spelling ``1e-3``), the edits are applied from the end,
and the fixed text is checked again. A file is only changed when the fixed text loads cleanly and no
longer has what was fixed; what remains is the returned Report.
"""
from __future__ import annotations

import dataclasses
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from compilecli.diagnostics import ERROR, Diagnostic, SpecPath
from compilecli.fix import drop_argument, rename_argument, yaml_scalars
from compilecli.fix.document import Document, Edit, Fix

# code -> the fix modules tried in order (the first that returns a Fix wins).
FIXERS: Dict[str, Tuple[Any, ...]] = {
    "CC111": (yaml_scalars,),
    "CC112": (yaml_scalars,),
    "CC601": (drop_argument,),
    "CC603": (rename_argument,),
    "CC604": (drop_argument,),
    "CC607": (rename_argument, drop_argument),
}
MODULES = (rename_argument, drop_argument, yaml_scalars)

# Files whose text is not one spec (several compile() calls in code) are never rewritten.
NOT_REWRITTEN_SUFFIXES = (".py", ".ipynb")
STDIN_SOURCES = ("-", "<stdin>")


class FixContext:
    """What a fixer may ask beyond the text: the catalogue's view of an argument."""

    def __init__(self, loaded, target: Optional[str]):
        self.loaded = loaded
        self.target = target
        self._spec = None

    @property
    def spec(self):
        if self._spec is None:
            from compilecli.resolve import resolve
            self._spec = resolve(self.loaded, self.target)
        return self._spec

    def arg_spec(self, path: SpecPath):
        """The CompileParam or ArgSpec the value at path is for, or None."""
        spec = self.spec
        if spec is None:
            return None
        if len(path) == 2 and path[0] == "compile":
            return spec.catalogue.compile_params.get(path[1])
        for ref in spec.objects:
            if ref.entry is not None and ref.config_path is not None and tuple(ref.config_path) == path[:-1]:
                return ref.entry.args.get(path[-1])
        return None

    def takes_bool(self, path: SpecPath, word: str) -> bool:
        """The argument is a bool, and the word cannot be meant as one of its strings."""
        arg = self.arg_spec(path)
        if arg is None or "bool" not in arg.types:
            return False
        if "str" not in arg.types and "any" not in arg.types:
            return True
        choices = arg.choices
        return choices is not None and word not in choices and word.lower() not in choices


@dataclass
class FileFix:
    """The outcome for one spec file."""
    source: str
    old_text: str
    new_text: str
    fixes: List[Fix] = field(default_factory=list)
    result: Any = None              # the SpecResult of the fixed text (what remains)
    fixed: int = 0                  # problems of the report that are gone
    problem: str = ""               # i18n key when the fixes were not applied (fix.reverted, ...)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text and not self.problem


# ---------------------------------------------------------------------------------- planning
def plan(loaded, diagnostics: Sequence[Diagnostic], target: Optional[str]) -> List[Fix]:
    """The fixes to make, non-overlapping, in file order."""
    if loaded is None or not loaded.usable or not loaded.text:
        return []
    if any(_load_error(d) for d in list(loaded.diagnostics) + list(diagnostics)):
        return []                    # duplicate keys and the like (even if --ignore'd): not certain
    doc = Document(loaded)
    context = FixContext(loaded, target)
    found: List[Fix] = []
    for diag in diagnostics:
        for module in FIXERS.get(diag.code, ()):
            made = module.fix(doc, diag, context)
            if made is not None and made.edits and all(e is not None for e in made.edits):
                made.path = made.path or tuple(diag.path)
                found.append(made)
                break
    # The larger edit wins where two overlap (a deleted entry takes its value's fix with it).
    found.sort(key=lambda f: (-sum(e.end - e.start for e in f.edits), f.edits[0].start))
    chosen: List[Fix] = []
    taken: List[Edit] = []
    for candidate in found:
        if any(e.overlaps(t) for e in candidate.edits for t in taken):
            continue
        chosen.append(candidate)
        taken.extend(candidate.edits)
    chosen.sort(key=lambda f: f.edits[0].start)
    return chosen


def _load_error(diag: Diagnostic) -> bool:
    return diag.code.startswith("CC1") and diag.severity == ERROR


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits, from the end so earlier offsets stay valid."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def fix_text(text: str, source: str = "<text>", target: Optional[str] = None,
             fmt: Optional[str] = None) -> Tuple[str, List[Fix]]:
    """Check text and return (fixed text, fixes made): the pure core, for tests and tools."""
    from compilecli.checker import check_loaded
    from compilecli.load import load_text
    loaded = load_text(text, source, fmt)
    result = check_loaded(loaded, target)
    fixes = plan(loaded, result.diagnostics, result.target)
    return apply_edits(loaded.text, [e for f in fixes for e in f.edits]), fixes


# ------------------------------------------------------------------------------- one file
def rewritable(result) -> bool:
    """One YAML/JSON spec in a file of its own: not stdin, not a compile() call in code."""
    loaded = result.loaded
    if loaded is None or not loaded.text or result.source in STDIN_SOURCES:
        return False
    if loaded.format not in ("yaml", "json"):
        return False
    return not result.source.lower().endswith(NOT_REWRITTEN_SUFFIXES)


def fix_result(result, options) -> Optional[FileFix]:
    """Fix one SpecResult; None when there is nothing to do."""
    if not rewritable(result):
        return None
    loaded = result.loaded
    fixes = plan(loaded, result.diagnostics, result.target)
    if not fixes:
        return None
    new_text = apply_edits(loaded.text, [e for f in fixes for e in f.edits])
    outcome = FileFix(result.source, loaded.text, new_text, fixes)
    if new_text == loaded.text:
        return None
    fresh = _recheck(result, new_text, options)
    if not _round_trips(fresh, fixes, result):
        outcome.problem = "fix.reverted"
        outcome.new_text = loaded.text
        return outcome
    outcome.result = _refiltered(result, fresh, options) or _keep_reported(result, fresh, fixes)
    outcome.fixed = max(0, len(result.diagnostics) - len(outcome.result.diagnostics))
    return outcome


def _recheck(result, new_text: str, options):
    from compilecli.checker import check_loaded
    from compilecli.load import load_text
    loaded = load_text(new_text, result.source, result.loaded.format)
    return check_loaded(loaded, getattr(options, "target", None))


def _round_trips(fresh, fixes: List[Fix], before) -> bool:
    """The fixed text loads as cleanly as before and no longer has what was fixed."""
    if fresh.loaded is None or not fresh.loaded.usable:
        return False
    old_load = {d.code for d in list(before.loaded.diagnostics) + list(before.diagnostics) if _load_error(d)}
    if any(_load_error(d) and d.code not in old_load for d in fresh.diagnostics):
        return False
    renames = _renames(fixes)
    remaining = {(d.code, tuple(d.path)) for d in fresh.diagnostics}
    return not any((fix.code, _moved(fix.path, renames)) in remaining for fix in fixes)


def _renames(fixes: List[Fix]) -> Dict[SpecPath, SpecPath]:
    out: Dict[SpecPath, SpecPath] = {}
    for fix in fixes:
        out.update(fix.renames)
    return out


def _moved(path: SpecPath, renames: Dict[SpecPath, SpecPath]) -> SpecPath:
    path = tuple(path)
    for old, new in renames.items():
        if path[:len(old)] == old:
            return new + path[len(old):]
    return path


def _refiltered(before, fresh, options):
    """The fresh result through the same filters as `compilecli check` (select/ignore,
    per-file-ignores, inline suppressions and, with strict, unused ones); None when the options
    are not the checker's (then `_keep_reported` stands in)."""
    needed = ("select", "ignore", "per_file_ignores", "root", "strict")
    if not all(hasattr(options, name) for name in needed):
        return None
    try:
        from compilecli.checker.run import CodeFilter
    except ImportError:
        return None
    on = CodeFilter(options.select, options.ignore, options.per_file_ignores, options.root)
    fresh.diagnostics = [d for d in fresh.diagnostics if on.keeps(d.code, fresh.source)]
    if "compilecli:" in (fresh.loaded.text or ""):
        from compilecli import suppress
        suppress.apply([fresh], options.strict, on.any_enabled)
    return dataclasses.replace(before, diagnostics=fresh.diagnostics, loaded=fresh.loaded)


def _keep_reported(before, fresh, fixes: List[Fix]):
    """The fresh result, keeping only problems the report already had (at their moved paths).

    The report was filtered (--select/--ignore, suppressions, configuration) before it reached
    us; a diagnostic the fixed text still has is reported again only if it was reported before.
    """
    renames = _renames(fixes)
    budget = Counter((d.code, _moved(d.path, renames)) for d in before.diagnostics)
    kept = []
    for d in fresh.diagnostics:
        key = (d.code, tuple(d.path))
        if budget[key] > 0:
            budget[key] -= 1
            kept.append(d)
    return dataclasses.replace(before, diagnostics=kept, loaded=fresh.loaded)


# ---------------------------------------------------------------------------------- output
def unified_diff(source: str, old: str, new: str) -> str:
    import difflib
    name = source.replace(os.sep, "/")
    while name.startswith("./"):
        name = name[2:]
    name = name.lstrip("/")
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
            lines.append(f"{outcome.source}:{fix.line}: " + words(fix.note, lang, **fix.note_args))
    if outcome.problem:
        lines.append(words(outcome.problem, lang, source=outcome.source))
    return lines


def summary_lines(outcomes: List[FileFix], lang: str, write: bool) -> List[str]:
    from compilecli.i18n import text as words
    done = [o for o in outcomes if o.changed and (o.written or not write)]
    count = sum(o.fixed for o in done)
    lines = []
    for outcome in outcomes:
        lines.extend(note_lines(outcome, lang, notes=write))   # without --fix they are in the diff
    if done:
        key = "fix.summary" if write else "fix.would_fix"
        lines.append(words(key, lang, count=count, files=len(done)))
    return lines


# ------------------------------------------------------------------------------- the files
_CODECS = {"UTF-8": "utf-8", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be",
           "UTF-32LE": "utf-32-le", "UTF-32BE": "utf-32-be"}


def write_file(path: str, old_text: str, new_text: str) -> bool:
    """Rewrite path in its own encoding (BOM kept), only if it still holds old_text."""
    import codecs
    from compilecli.load.reader import decode
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return False
    text, _problems, encoding = decode(raw)
    codec = _CODECS.get(encoding)
    if text is None or codec is None:
        return False
    prefix = text[:len(text) - len(old_text)]
    if not text.endswith(old_text) or prefix not in ("", "\ufeff"):
        return False                 # changed since it was checked
    bom = b""
    for mark in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8,
                 codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if raw.startswith(mark):
            bom = mark
            break
    data = bom + (prefix + new_text).encode(codec)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temp = tempfile.mkstemp(prefix=".compilecli-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            try:
                import shutil
                shutil.copymode(path, temp)
            except OSError:
                pass
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
    except OSError:
        return False
    return True


def fix_report(report, options, write: bool, echo: bool = True) -> Tuple[str, Any]:
    """(unified diff of every fix, the Report after fixing).

    With ``write`` the files are rewritten and the Report shows what remains in them; without it
    nothing is touched and the Report is returned as it was (the files still have the problems).
    The summary ("Fixed N problem(s) in M file(s)") and notes go to standard error when ``echo``:
    inside a Click command, when the command ends (after the report, as ruff prints its own).
    """
    lang = getattr(options, "lang", None) or "en"
    outcomes: List[FileFix] = []
    results = []
    patch = []
    for result in report.results:
        outcome = fix_result(result, options)
        if outcome is None:
            results.append(result)
            continue
        outcomes.append(outcome)
        if outcome.problem:
            results.append(result)
            continue
        if write:
            outcome.written = write_file(result.source, outcome.old_text, outcome.new_text)
            if not outcome.written:
                outcome.problem = "fix.not_written"
        results.append(outcome.result if outcome.written else result)
        if outcome.changed:
            patch.extend(f"# {line}\n" for line in note_lines(outcome, lang))
            patch.append(unified_diff(result.source, outcome.old_text, outcome.new_text))
    if echo:
        _echo_at_close(summary_lines(outcomes, lang, write))
    new_report = dataclasses.replace(report, results=results) if write else report
    return "".join(patch), new_report


def _echo_at_close(lines: List[str]) -> None:
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
