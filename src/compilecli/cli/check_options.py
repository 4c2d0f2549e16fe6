"""`check`'s conveniences, with ruff's names: --statistics, --exit-zero, -q, --no-warnings, --output-format,
--color, --stdin-filename, --show-settings, --show-files, --no-show-source. Kept apart from check.py so the
command itself stays a thin wiring of options to the pipeline."""
from __future__ import annotations

import os

import click

from compilecli.cli.words import h

COLOR_CHOICES = ("auto", "always", "never")


def conveniences(command):
    """Add the options to the check command (outermost decorator last)."""
    options = [
        click.option("--output-format", "output_format", type=click.Choice(("text", "json", "sarif", "github")),
                     default=None, help=h("check.output_format")),
        click.option("--statistics", is_flag=True, help=h("check.statistics")),
        click.option("--exit-zero", is_flag=True, help=h("check.exit_zero")),
        click.option("-q", "--quiet", is_flag=True, help=h("check.quiet")),
        click.option("--no-warnings", is_flag=True, help=h("check.no_warnings")),
        click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
                     help=h("check.color")),
        click.option("--show-source/--no-show-source", default=True, help=h("check.show_source")),
        click.option("--stdin-filename", default=None, metavar="PATH", help=h("check.stdin_filename")),
        click.option("--show-settings", is_flag=True, help=h("check.show_settings")),
        click.option("--show-files", is_flag=True, help=h("check.show_files")),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def color_wanted(choice: str, stream_is_tty: bool) -> bool:
    """--color always/never win; with auto, NO_COLOR (non-empty) turns colour off, FORCE_COLOR (non-empty)
    turns it on even when piped, and otherwise a terminal that is not TERM=dumb gets colour."""
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream_is_tty and os.environ.get("TERM") != "dumb"


def default_paths(specs, stdin_filename):
    """No path: stdin when --stdin-filename names it, else the current folder (as ruff does)."""
    if specs:
        return tuple(specs)
    return ("-",) if stdin_filename else (".",)


def drop_warnings(report) -> None:
    from compilecli import record      # results are compilecli.record classes (dataclasses.replace refuses them)
    from compilecli.diagnostics import ERROR
    report.results = [record.replace(r, diagnostics=[d for d in r.diagnostics if d.severity == ERROR])
                      for r in report.results]


def settings_text(options, specs) -> str:
    """--show-settings: the options check would run with, after the configuration file and the command line."""
    rows = [("config_file", options.config_file or "(none)"), ("paths", list(specs))]
    rows += [(name, getattr(options, name)) for name in ("target", "format", "lang", "strict", "select", "ignore",
                                                         "include", "exclude")]
    rows.append(("per_file_ignores", {glob: list(codes) for glob, codes in options.per_file_ignores}))
    return "".join(f"{name} = {_toml(value)}\n" for name, value in rows)


def _toml(value) -> str:
    import json
    if value is None:
        return '"(each spec\'s own)"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False)


def files_text(specs, options) -> str:
    """--show-files: every file check would read, one per line."""
    from compilecli.checker.collect import collect_specs
    from compilecli.checker.globs import globs_test
    found = collect_specs(specs, include=globs_test(options.include, options.root),
                          exclude=globs_test(options.exclude, options.root))
    return "".join(f"{path}{_code_target(path, options)}\n" for path in found.paths)


def _code_target(path: str, options) -> str:
    """For a .py/.ipynb file, the target it gets and why (imports and pins are read for that)."""
    if not path.lower().endswith((".py", ".ipynb")):
        return ""
    from compilecli.load.python_calls.target import explain
    return "  # " + explain(path, options.target, options.lang)
