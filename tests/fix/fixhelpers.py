"""Shared helpers of the fix tests."""
from compilecli.checker import Report, check_path
from compilecli.config import CheckOptions


def options(target=None, lang="en", strict=False):
    """The checker's own options, without a configuration file: the re-check of the fixed text is
    filtered exactly as `compilecli check` filters."""
    return CheckOptions(target=target, lang=lang, strict=strict)


def report_for(*paths, target=None):
    return Report([check_path(str(p), target) for p in paths])


def codes(result_or_report):
    results = getattr(result_or_report, "results", None) or [result_or_report]
    return sorted(d.code for r in results for d in r.diagnostics)
