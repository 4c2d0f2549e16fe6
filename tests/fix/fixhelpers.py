"""Shared helpers of the fix tests."""
from types import SimpleNamespace

from compilecli.checker import Report, check_path


def options(target=None, lang="en", strict=False):
    """Bare options (not compilecli.config.CheckOptions): fix_report then re-filters the re-check by
    what the report already had, which is what these tests exercise; test_fix_cli uses the real ones."""
    return SimpleNamespace(target=target, lang=lang, strict=strict, format="text", select=(), ignore=())


def report_for(*paths, target=None):
    return Report([check_path(str(p), target) for p in paths])


def codes(result_or_report):
    results = getattr(result_or_report, "results", None) or [result_or_report]
    return sorted(d.code for r in results for d in r.diagnostics)
