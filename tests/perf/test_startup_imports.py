"""`compilecli check one.yaml` imports only what checking needs (start-up is issue 14's first row).

Modules, not timings: timings live in benchmarks/run.py.
"""
from __future__ import annotations

import json
import subprocess

import pytest
import sys
from procenv import environment  # noqa: E402 - one environment for every subprocess

# Heavy or unneeded for any `check` of one file: what start-up must never import again.
NOT_FOR_CHECK = ("importlib.resources", "zipfile", "tempfile", "bz2", "lzma", "random", "dataclasses",
                 "tomllib", "tomli", "difflib", "numpy", "rich", "string", "compilecli.explain",
                 "compilecli.schema", "compilecli.smoke", "compilecli.cli.explain", "compilecli.cli.smoke",
                 "compilecli.cli.schema", "compilecli.numerics", "compilecli.fix",
                 "compilecli.load.yaml_loader.errors", "compilecli.suppress",
                 "compilecli.server", "compilecli.cli.server", "multiprocessing", "subprocess",
                 "signal", "locale", "compilecli.checker.walk", "compilecli.checker.gitignore",
                 "compilecli.config.discovery", "compilecli.config.toml_file")   # (--isolated, a file named)
# ... and what a spec (YAML/JSON) does not need: the Python reader and the comment scanner (it runs only
# when the text holds a directive)
NOT_FOR_YAML = ("compilecli.load.python_calls", "compilecli.load.comments")
# ... and what a `.py` file does not need: no YAML parser at all
NOT_FOR_PY = ("yaml", "_yaml", "compilecli.load.yaml_loader", "compilecli.load.json_loader")
# How many modules of ours a check of one file loads (each costs ~0.1-0.3 ms of start-up, a third of
# our own share of it). Raising a ceiling is a decision: import the new module lazily if you can.
CEILING = {"yaml": 71, "py": 77}

PROGRAM = """
import json, sys
sys.argv = ["compilecli", "check", "--isolated", sys.argv[1]]
from compilecli.world import main     # the console script's entry point
main()
sys.stderr.write("\\n" + json.dumps(sorted(sys.modules)))
"""


def _modules_loaded_by_check(path, cwd) -> set:
    """The modules of the second of two checks: the first writes the data caches and the bundle, as a
    user's first run does (even where the shell sets PYTHONDONTWRITEBYTECODE, which CI machines may:
    without the caches every check also imports the validators of the data files)."""
    env = {k: v for k, v in environment().items() if k != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", PROGRAM, str(path)], capture_output=True, text=True,
                              cwd=cwd, env=env)
    return set(json.loads(done.stderr.rsplit("\n", 1)[-1]))


def _ours(loaded) -> list:
    return sorted(name for name in loaded if name.split(".")[0] == "compilecli")


def test_check_of_a_clean_yaml_spec_imports_nothing_it_does_not_need(root, tmp_path):
    loaded = _modules_loaded_by_check(root / "samples" / "mnist_classifier.yaml", tmp_path)
    assert "compilecli.rules" in loaded and "yaml" in loaded      # the probe did run a check
    assert not sorted(name for name in NOT_FOR_CHECK + NOT_FOR_YAML if name in loaded)
    assert len(_ours(loaded)) <= CEILING["yaml"], _ours(loaded)


def test_check_of_a_script_imports_no_yaml_parser(root, tmp_path):
    script = tmp_path / "train.py"
    script.write_text("import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\n"
                      "model.compile(optimizer='adam', loss='mse')\n", encoding="utf-8")
    loaded = _modules_loaded_by_check(script, tmp_path)
    assert "compilecli.rules" in loaded and "compilecli.load.python_calls" in loaded   # it did check the call
    assert not sorted(name for name in NOT_FOR_CHECK + NOT_FOR_PY if name in loaded)
    assert len(_ours(loaded)) <= CEILING["py"], _ours(loaded)


def test_the_probe_sees_a_heavy_import(root, tmp_path):
    """The probe itself can fail: a spec in a folder takes the walk (and .gitignore) in."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text("compile: {optimizer: adam, loss: mse}\n", encoding="utf-8")
    loaded = _modules_loaded_by_check(tmp_path / "specs", tmp_path)
    assert "compilecli.checker.walk" in loaded


def test_check_reads_only_the_facts_of_its_target(monkeypatch):
    from compilecli import catalogue as catalogue_module
    read = []
    original = catalogue_module._read
    monkeypatch.setattr(catalogue_module, "_read", lambda path, *more: read.append(path) or original(path, *more))
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
    monkeypatch.setattr(catalogue_module, "_read", lambda path, *more: read.append(path) or original(path, *more))
    for path in samples:
        check_file(path)
    assert read == []


FACTS_READ = """
import json, sys
import compilecli.datacache as cache
read, load = [], cache.load
cache.load = lambda path, *a, **k: read.append(path.replace("\\\\", "/").rsplit("/", 1)[-1]) or load(path, *a, **k)
sys.argv = ["compilecli", "check", "--isolated", sys.argv[1]]
from compilecli.world import main
main()
sys.stderr.write("\\n" + json.dumps(read))
"""


@pytest.mark.parametrize("call,others", [("model.compile(optimizer='adam', loss='mse')", False),
                                         ("model.compile('adam', 'mse')", True)])
def test_a_clean_script_under_plain_import_keras_reads_one_target(tmp_path, call, others):
    """``import keras`` alone leaves several targets open; a clean call is checked under the first only
    (checker.check_code), and only positional arguments need every candidate's compile() order."""
    script = tmp_path / "train.py"
    script.write_text(f"import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\n{call}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", FACTS_READ, str(script)], capture_output=True, text=True,
                          cwd=tmp_path, env=environment())
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stderr.rsplit("\n", 1)[-1])
    assert "facts.keras3.json" in read
    assert ({"facts.keras2.json", "facts.tf2.json"} <= set(read)) is others, read
