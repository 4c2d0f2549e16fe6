"""--jobs N gives the same report as one process; results are held light."""
from __future__ import annotations

import subprocess
import sys

import pytest

from compilecli.checker import run as run_module
from procenv import environment  # noqa: E402 - one environment for every subprocess

SPECS = [
    "compile:\n  optimizer: adam\n  loss: mse\n",
    "compile:\n  optimizer: adamm\n  loss: mse\n  run_eagerly: no\n",
    "model:\n  outputs:\n    - {name: out, units: 10, activation: softmax, labels: sparse}\n"
    "compile:\n  optimizer: adam\n  loss: categorical_crossentropy\n  metrics: [acc]\n",
    "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}  # compilecli: ignore[CC603]\n  loss: mse\n",
    "compile: [not, a, mapping\n",
    '{"compile": {"optimizer": "sgd", "loss": "msee"}}',
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(run_module, "MIN_FILES_PER_WORKER", 2)     # a pool even for this small folder
    for index in range(60):
        sub = tmp_path / "specs" / f"part{index % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        text = SPECS[index % len(SPECS)]
        (sub / f"s{index:02d}.{'json' if text.startswith('{') else 'yaml'}").write_text(text, encoding="utf-8")
    return tmp_path


def cli(cwd, *args):
    code = ("import sys; from compilecli.checker import run; run.MIN_FILES_PER_WORKER = 2\n"
            "from compilecli.cli import main\nsys.argv = ['compilecli'] + sys.argv[1:]\nmain()")
    done = subprocess.run([sys.executable, "-c", code, "check", "--isolated", *args], capture_output=True,
                          text=True, cwd=cwd, env=environment())
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_jobs_give_identical_output(folder, fmt):
    one = cli(folder, "--format", fmt, "--jobs", "1", "specs")
    two = cli(folder, "--format", fmt, "--jobs", "2", "specs")
    assert one == two and one[0] == 1 and one[1]


@pytest.mark.parametrize("extra", [("--statistics",), ("--no-warnings", "--show-source"), ("-q", "--max-per-code", "1"),
                                   ("--statistics", "--format", "json")])
def test_workers_render_what_one_process_renders(folder, extra):
    """Workers send each file's rendered text and counts, not its results: the same output, the same
    exit code, with every option that changes what a file's pieces or the summary hold."""
    one = cli(folder, *extra, "--jobs", "1", "specs")
    two = cli(folder, *extra, "--jobs", "2", "specs")
    assert one == two and one[1]


def test_a_rendered_file_pickles_small(folder):
    """What a worker sends for a file is its text and counts (a result pickled to ~50 KB)."""
    import pickle
    from compilecli.config import resolve_options
    from compilecli.render.stream import Streamed
    options = resolve_options(dict(target=None, format="json", lang=None, strict=None, select=(), ignore=()),
                              config_path=None, isolated=True)
    path = str(sorted((folder / "specs").rglob("*.yaml"))[2])
    results, _, _ = run_module.check_one(path, options, keep=False)
    sink = Streamed("json", "en")
    sent = pickle.dumps(sink.rendered(results, path))
    assert len(sent) < 4 * sum(len(piece) for piece in sink.rendered(results, path).pieces) + 600
    sink.take(pickle.loads(sent))
    assert sink.tally.specs == 1 and sink.tally.errors == results[0].errors


def test_pool_is_used_for_many_files_only():
    assert run_module.workers_for(["a.yaml"] * 1000, 2) == 2
    assert run_module.workers_for(["a.yaml"] * 10, 2) == 1
    assert run_module.workers_for(["-"] + ["a.yaml"] * 1000, 2) == 1
    assert run_module.workers_for(["a.yaml"] * 1000, 1) == 1


def test_light_results_hold_no_text_data_or_source_map(folder):
    from compilecli.config import resolve_options
    options = resolve_options(dict(target=None, format="json", lang=None, strict=None, select=(), ignore=()),
                              config_path=None, isolated=True)
    report = run_module.run_check((str(folder / "specs"),), options, keep=False)
    assert len(report.results) == 60
    for result in report.results:
        fixable = any(d.code in ("CC603", "CC112") for d in result.diagnostics)
        assert (result.resolved is None) != fixable   # the fix planner reads the checker's resolved spec
        if not result.diagnostics:
            assert result.loaded.text == "" and result.loaded.data is None
        elif not any(d.code in ("CC603", "CC112") for d in result.diagnostics):   # not fixable: text only
            assert result.loaded.text and result.loaded.data is None
