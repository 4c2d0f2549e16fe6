"""`compilecli check` as a function: collect -> check each file -> filter -> Report.

What is reported is decided in one place, ``compilecli.checker.filter.filter_results``
(select/ignore, per-file-ignores, inline suppressions, CC901).
"""
from __future__ import annotations

import os
from typing import Tuple

from compilecli.checker import Report, check_file, check_stdin, is_spec
from compilecli.checker.collect import collect_specs
from compilecli.checker.filter import CodeFilter, filter_results
from compilecli.checker.globs import file_of, globs_test, path_matches, relative_posix

__all__ = ["run_check", "CodeFilter", "file_of", "path_matches", "relative_posix"]


def run_check(specs: Tuple[str, ...], options, stdin_filename: Optional[str] = None) -> Report:
    root = options.root
    found = collect_specs(specs, include=globs_test(options.include, root),
                          exclude=globs_test(options.exclude, root))

    results, not_specs = [], []
    for path in found.paths:
        checked = check_stdin(stdin_filename, options.target) if path == "-" and stdin_filename \
            else check_file(path, options.target)
        not_specs += [r.source for r in checked if not is_spec(r)]
        results.extend(r for r in checked if is_spec(r))
    results, suppressed = filter_results(results, options)

    report = Report(results, empty_folders=list(found.empty), suppressed=suppressed, checked=list(found.paths))
    config = os.path.basename(options.config_file) if options.config_file else "exclude"
    report.notes.extend(("ux.not_a_spec", {"path": source}) for source in not_specs)
    for folder in found.all_excluded:
        report.notes.append(("workflow.all_excluded", {"folder": folder, "config": config}))
    return report
