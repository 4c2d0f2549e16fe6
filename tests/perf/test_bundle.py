"""A check imports our modules from one bundle file while their sources are unchanged
(compilecli/bundle.py), and the ordinary way otherwise. Each run is its own process: the finder it
installs must not stay in the suite's sys.meta_path."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from procenv import environment

PROGRAM = """
import json, sys
sys.path.insert(0, sys.argv[1])
seen = []
class Before:                       # a finder someone put before Python's own
    def find_spec(self, name, path=None, target=None):
        seen.append(name)
sys.meta_path.insert(0, Before())
import toypkg
from compilecli import bundle
served = bundle.install("toypkg", "test")
for name in sys.argv[2].split(","):
    __import__(name)
decoded = sorted(served.codes)
served.save()
print(json.dumps({"seen": seen, "decoded": decoded, "modules": {
    name: {"loader": type(m.__loader__).__name__, "file": m.__file__, "cached": m.__cached__,
           "path": getattr(m, "__path__", None), "value": getattr(m, "VALUE", None),
           "source": m.__loader__.get_source(name)}
    for name, m in [(n, m) for n, m in sys.modules.items() if n.startswith("toypkg")]}}))
"""
SOURCES = {"__init__.py": "", "a.py": "from toypkg.b import VALUE as B\nVALUE = B + 1\n",
           "b.py": "VALUE = 1\n", "sub/__init__.py": "VALUE = 'sub'\n", "sub/c.py": "from toypkg import a\nVALUE = a.VALUE\n"}


def _package(tmp_path):
    for name, text in SOURCES.items():
        (tmp_path / "toypkg" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "toypkg" / name).write_text(text, encoding="utf-8")
    return tmp_path / "toypkg" / "__pycache__" / f"bundle.test.{sys.implementation.cache_tag}.marshal"


def _run(tmp_path, write=True, imports="toypkg.a,toypkg.sub.c") -> dict:
    env = environment()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(tmp_path), imports], capture_output=True, text=True,
                          cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _loaders(run) -> dict:
    return {name: module["loader"] for name, module in run["modules"].items()}


def test_a_second_run_imports_from_the_bundle_what_the_first_imported(tmp_path):
    bundle = _package(tmp_path)
    first = _run(tmp_path)
    assert set(_loaders(first).values()) == {"SourceFileLoader"} and bundle.is_file()
    second = _run(tmp_path)
    assert _loaders(second) == {"toypkg": "SourceFileLoader", "toypkg.a": "BundledLoader",
                                "toypkg.b": "BundledLoader", "toypkg.sub": "BundledLoader",
                                "toypkg.sub.c": "BundledLoader"}
    for name, module in first["modules"].items():    # the same module, as far as anyone can see
        assert {k: v for k, v in module.items() if k != "loader"} == \
               {k: v for k, v in second["modules"][name].items() if k != "loader"}
    assert second["modules"]["toypkg.sub.c"]["value"] == 2
    assert "toypkg.a" in second["seen"]              # the finder before Python's still saw the import


def test_a_changed_module_is_imported_from_its_source_and_the_bundle_rewritten(tmp_path):
    _package(tmp_path)
    _run(tmp_path)
    _run(tmp_path)
    (tmp_path / "toypkg" / "b.py").write_text("VALUE = 10  # changed\n", encoding="utf-8")
    changed = _run(tmp_path)
    assert changed["modules"]["toypkg.sub.c"]["value"] == 11
    assert _loaders(changed)["toypkg.b"] == "SourceFileLoader" and _loaders(changed)["toypkg.a"] == "BundledLoader"
    after = _run(tmp_path)
    assert _loaders(after)["toypkg.b"] == "BundledLoader" and after["modules"]["toypkg.sub.c"]["value"] == 11


def test_a_run_reads_only_the_segments_it_uses(tmp_path):
    bundle = _package(tmp_path)
    _run(tmp_path)
    assert _run(tmp_path)["decoded"] == ["toypkg.a", "toypkg.b", "toypkg.sub", "toypkg.sub.c"]
    alone = _run(tmp_path, imports="toypkg.b")           # reads the whole segment, uses one module of it
    assert alone["decoded"] == ["toypkg.a", "toypkg.b", "toypkg.sub", "toypkg.sub.c"]
    assert _loaders(alone) == {"toypkg": "SourceFileLoader", "toypkg.b": "BundledLoader"}
    written = bundle.stat().st_mtime_ns
    assert _run(tmp_path, imports="toypkg.b")["decoded"] == ["toypkg.b"]        # split: its own segment
    both = _run(tmp_path)
    assert both["decoded"] == ["toypkg.a", "toypkg.b", "toypkg.sub", "toypkg.sub.c"]
    assert set(_loaders(both).values()) == {"SourceFileLoader", "BundledLoader"} and _loaders(both)["toypkg.a"] == "BundledLoader"
    assert bundle.stat().st_mtime_ns == written         # both kinds of run now find what they need: no rewrite


def test_a_damaged_bundle_is_ignored_and_rewritten(tmp_path):
    bundle = _package(tmp_path)
    _run(tmp_path)
    whole = bundle.read_bytes()
    for damaged in (whole[:len(whole) // 2], b"garbage", whole[:40] + b"\x00" * 64, whole[:-64] + b"\xff" * 64):
        bundle.write_bytes(damaged)
        run = _run(tmp_path)
        assert set(_loaders(run).values()) == {"SourceFileLoader"} and run["modules"]["toypkg.sub.c"]["value"] == 2
        assert set(_loaders(_run(tmp_path)).values()) == {"SourceFileLoader", "BundledLoader"}


def test_nothing_is_written_under_dont_write_bytecode(tmp_path):
    bundle = _package(tmp_path)
    _run(tmp_path, write=False)
    assert not bundle.exists()


def test_only_a_check_uses_a_bundle(tmp_path):
    program = ("import sys\nfrom compilecli.world import main\nsys.argv = ['compilecli', sys.argv[1], '--help']\n"
               "main()\nprint([type(f).__name__ for f in sys.meta_path])\n")
    finders = {}
    for command in ("check", "explain"):
        done = subprocess.run([sys.executable, "-c", program, command], capture_output=True, text=True, cwd=tmp_path,
                              env=environment())
        finders[command] = done.stdout.rsplit("\n", 2)[-2]
    assert "'Bundle'" in finders["check"] and "'Bundle'" not in finders["explain"]


CLI = """
import sys
sys.path.insert(0, sys.argv[1])
sys.argv = ["compilecli", "check", "--isolated", sys.argv[2]]
from compilecli.world import main
code = main()
served = [n for n, m in sys.modules.items() if type(getattr(m, "__loader__", None)).__name__ == "BundledLoader"]
sys.stderr.write(f"\\n{len(served)}")
sys.exit(code)
"""


def test_the_cli_says_the_same_from_the_bundle(root, tmp_path):
    """A copy of the package (the suite does not write into the source tree): a check, then the
    same check from the bundle the first wrote."""
    shutil.copytree(root / "src" / "compilecli", tmp_path / "src" / "compilecli",
                    ignore=shutil.ignore_patterns("__pycache__"))
    spec = tmp_path / "bad.yaml"
    spec.write_text("compile:\n  optimizer: adamm\n  loss: mse\n", encoding="utf-8")
    env = environment()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = [subprocess.run([sys.executable, "-c", CLI, str(tmp_path / "src"), str(spec)], capture_output=True,
                           text=True, cwd=tmp_path, env=env) for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 1 and "CC" in runs[0].stdout
    assert runs[0].stdout == runs[1].stdout
    assert int(runs[0].stderr.rsplit("\n", 1)[-1]) == 0 and int(runs[1].stderr.rsplit("\n", 1)[-1]) > 50
