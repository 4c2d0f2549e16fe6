"""`compilecli check one.yaml` imports only what checking needs (start-up is issue 14's first row).

Modules, not timings: timings live in benchmarks/run.py.
"""
from __future__ import annotations

import json
import subprocess
import sys
from procenv import environment  # noqa: E402 - one environment for every subprocess

NOT_FOR_CHECK = ("importlib.resources", "zipfile", "tempfile", "bz2", "lzma", "random", "dataclasses",
                 "tomllib", "tomli", "difflib", "numpy", "rich", "string", "compilecli.explain",
                 "compilecli.schema", "compilecli.smoke", "compilecli.cli.explain", "compilecli.cli.smoke",
                 "compilecli.cli.schema", "compilecli.numerics", "compilecli.fix", "compilecli.load.comments",
                 "compilecli.load.yaml_loader.errors", "compilecli.suppress")

PROGRAM = """
import json, sys
sys.argv = ["compilecli", "check", "--isolated", sys.argv[1]]
from compilecli.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def test_check_of_a_clean_yaml_spec_imports_nothing_it_does_not_need(root, tmp_path):
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(root / "samples" / "mnist_classifier.yaml")],
                          capture_output=True, text=True, cwd=tmp_path, env=environment())
    loaded = set(json.loads(done.stderr))
    assert "compilecli.rules" in loaded and "yaml" in loaded      # the probe did run a check
    assert not sorted(name for name in NOT_FOR_CHECK if name in loaded)


def test_check_reads_only_the_facts_of_its_target(monkeypatch):
    from compilecli import catalogue as catalogue_module
    read = []
    original = catalogue_module._read
    monkeypatch.setattr(catalogue_module, "_read", lambda path: read.append(path) or original(path))
    fresh = catalogue_module.Catalogue()
    fresh.target("tf2").compile_params["optimizer"]
    assert [p.rsplit("/", 1)[-1] for p in read] == ["semantics.json", "facts.tf2.json"]


def test_the_loader_knows_the_directive_marker():
    from compilecli.load import DIRECTIVE
    from compilecli.load.comments import MARKER
    assert DIRECTIVE == MARKER


def test_data_files_are_read_once_per_run_not_once_per_spec(monkeypatch, root):
    from compilecli import catalogue as catalogue_module
    from compilecli.checker import check_file
    samples = sorted(str(p) for p in (root / "samples").glob("*.yaml"))
    for path in samples:               # warm: every table a rule uses is read by now
        check_file(path)
    read = []
    original = catalogue_module._read
    monkeypatch.setattr(catalogue_module, "_read", lambda path: read.append(path) or original(path))
    for path in samples:
        check_file(path)
    assert read == []
