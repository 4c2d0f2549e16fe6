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


def run(*args, input=None, env=None):
    """`compilecli ARGS` in-process, stdout and stderr apart."""
    from click.testing import CliRunner
    from compilecli.cli import main
    try:
        runner = CliRunner(mix_stderr=False)   # click < 8.2
    except TypeError:
        runner = CliRunner()                   # click >= 8.2 keeps stderr apart by default
    return runner.invoke(main, [str(a) for a in args], input=input, env=env)
