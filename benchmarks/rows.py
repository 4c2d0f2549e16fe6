"""The rows of issue 14's table (see run.py). Each row prints its figures and records a verdict."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from typing import Callable, Dict, List, Tuple

import corpus
import measure
from measure import Stat, cpu, interleave, ratio, rss, wall

PY = sys.executable
FLOOR_FACTS = ("import click, yaml, json, os, compilecli.catalogue as c; "
               "d = json.load(open(os.path.join(c.DATA_DIR, 'facts.keras3.json'), 'rb')); "
               "d['kinds']['loss']['names'].get('mse')")
CSAFE_ALONE = ("import sys, yaml\n"
               "for p in sys.argv[1:]:\n"
               "    with open(p, 'rb') as f: yaml.load(f.read(), Loader=yaml.CSafeLoader)\n")


def compilecli() -> List[str]:
    """The console script of THIS interpreter's environment (what a user runs), so the check and the
    floors (`PY -c "import click, yaml"`) run in the same environment; else `PY -m compilecli`."""
    script = os.path.join(os.path.dirname(PY), "compilecli")
    if os.path.isfile(script) and os.access(script, os.X_OK):
        with open(script, "rb") as handle:
            first = handle.readline()
        if first.startswith(b"#!") and os.path.realpath(first[2:].strip().decode()) == os.path.realpath(PY):
            return [script]
    return [PY, "-m", "compilecli"]


def bytecode_missing(env) -> List[str]:
    """compilecli's modules that the rows would run from source (no up-to-date .pyc), and the data
    files a check reads with no cache (compilecli/datacache.py), and the check's module bundle
    (compilecli/bundle.py): a row that compiles or parses them measures a first run, not the start-up
    a user sees from the second run on."""
    probe = ("import importlib.util, json, os, sys, compilecli\n"
             "root = os.path.dirname(compilecli.__file__); out = []\n"
             "for folder, _, names in os.walk(root):\n"
             "    for n in names:\n"
             "        if n.endswith('.py'):\n"
             "            src = os.path.join(folder, n); pyc = importlib.util.cache_from_source(src)\n"
             "            if not os.path.exists(pyc) or os.path.getmtime(pyc) < os.path.getmtime(src):\n"
             "                out.append(os.path.relpath(src, root))\n"
             "tag = sys.implementation.cache_tag\n"
             "for data in ('catalogue/data/facts.keras3.json', 'catalogue/data/semantics.json', 'i18n/en.sections'):\n"
             "    folder, name = os.path.split(os.path.join(root, data))\n"
             "    if not os.path.exists(os.path.join(folder, '__pycache__', name + '.' + str(tag) + '.marshal')):\n"
             "        out.append(data + ' (data cache)')\n"
             "if not os.path.exists(os.path.join(root, '__pycache__', 'bundle.check.' + str(tag) + '.marshal')):\n"
             "    out.append('bundle.check (compilecli/bundle.py)')\n"
             "print(json.dumps(sorted(out)))\n")
    done = subprocess.run([PY, "-c", probe], capture_output=True, text=True, env=env)
    return json.loads(done.stdout) if done.returncode == 0 else ["(could not look)"]


def peer(name: str):
    """A peer tool's executable (next to this interpreter or on PATH), or None."""
    return shutil.which(name, path=os.path.dirname(PY) + os.pathsep + os.environ.get("PATH", ""))


class Context:
    def __init__(self, work: str, rounds: int, count: int):
        self.work, self.rounds, self.count = work, rounds, count
        self.verdicts: List[Tuple[str, str, bool]] = []
        self.env = dict(os.environ)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)    # measure an installed package: bytecode cached
        self.env.pop("COMPILECLI_LANG", None)
        self.cli = compilecli()
        self.jobs_supported = b"--jobs" in subprocess.run(self.cli + ["check", "--help"], capture_output=True,
                                                          env=self.env).stdout

    def warm(self) -> None:
        """Bytecode for every module, as `pip install` writes it for an installed package (an editable
        install writes it on first import only, and not at all under PYTHONDONTWRITEBYTECODE), one check
        of a spec and of a script, then say whether the bytecode is there."""
        subprocess.run([PY, "-c", "import compileall, os, compilecli; "
                        "compileall.compile_dir(os.path.dirname(compilecli.__file__), quiet=1)"], env=self.env)
        for name, text in (("warm.yaml", "compile: {optimizer: adam, loss: mse}\n"),
                           ("warm.py", "import keras\nm = keras.Sequential()\nm.compile('adam', 'mse')\n")):
            with open(self.path(name), "w", encoding="utf-8") as handle:
                handle.write(text)
            subprocess.run(self.check(self.path(name)), capture_output=True, env=self.env)
        missing = bytecode_missing(self.env)
        print(f"  runs {' '.join(self.cli)} (same interpreter as the floors: {PY})")
        print(f"  bytecode and data caches: {'present for every module and data file' if not missing else 'MISSING for ' + ', '.join(missing[:8])}"
              f"{' ...' if len(missing) > 8 else ''}\n", flush=True)

    def path(self, *parts: str) -> str:
        return os.path.join(self.work, *parts)

    def run(self, cmd, keep_stdout=False):
        return lambda: measure.run(cmd, cwd=self.work, env=self.env, keep_stdout=keep_stdout)

    def check(self, *args: str) -> List[str]:
        return self.cli + ["check", "--isolated", *args]

    def verdict(self, row: str, figure: str, ok: bool) -> None:
        self.verdicts.append((row, figure, ok))

    def print_verdicts(self) -> None:
        if not self.verdicts:
            return
        print("\n== goals")
        for row, figure, ok in self.verdicts:
            print(f"  {'ok    ' if ok else 'MISSED'}  {row}: {figure}")


def heading(title: str) -> None:
    print(f"== {title}", flush=True)


# -------------------------------------------------------------------------------------------------
def startup(ctx: Context) -> None:
    heading("check one.yaml: start-up")
    spec = ctx.path("one.yaml")
    with open(spec, "w", encoding="utf-8") as handle:
        handle.write(corpus.long_metrics_spec(1))
    runs = interleave({"pass": ctx.run([PY, "-c", "pass"]),
                       "click_yaml": ctx.run([PY, "-c", "import click, yaml"]),
                       "facts": ctx.run([PY, "-c", FLOOR_FACTS]),
                       "check": ctx.run(ctx.check(spec))}, max(ctx.rounds * 2, 10))
    for name, label in (("pass", "python -c pass"), ("click_yaml", 'python -c "import click, yaml"'),
                        ("facts", "import click, yaml + read the facts, look a name up"),
                        ("check", "compilecli check one.yaml")):
        print(f"  {label:52s} CPU {cpu(runs[name]).ms():28s} wall {wall(runs[name]).ms()}")
    print(f"  check / pass        CPU {ratio(runs['check'], runs['pass'])}")
    print(f"  check / click+yaml  CPU {ratio(runs['check'], runs['click_yaml'])}   (goal <= 1.3x)")
    print(f"  check / facts floor CPU {ratio(runs['check'], runs['facts'])}")
    value = cpu(runs["check"]).median / cpu(runs["click_yaml"]).median
    ctx.verdict("check one.yaml / import click, yaml (CPU)", f"{value:.2f}x, goal <= 1.3x", value <= 1.3)


# -------------------------------------------------------------------------------------------------
def _folder(ctx: Context, count: int) -> str:
    folder = ctx.path(f"corpus_{count}")
    if not os.path.isdir(folder):
        corpus.write_corpus(folder, count)
    return folder


def folder(ctx: Context) -> None:
    count = ctx.count
    heading(f"{count:,} varied specs in a folder")
    tree = _folder(ctx, count)
    files = sorted(os.path.join(root, f) for root, _, names in os.walk(tree) for f in names)
    probes = {"jobs1": ctx.run(ctx.check("--format", "json", *(["--jobs", "1"] if ctx.jobs_supported else []), tree),
                               keep_stdout=True),
              "csafe": ctx.run([PY, "-c", CSAFE_ALONE] + [f for f in files if f.endswith(".yaml")])}
    if ctx.jobs_supported:
        probes["jobsN"] = ctx.run(ctx.check("--format", "json", tree), keep_stdout=True)
    runs = interleave(probes, ctx.rounds)
    reports = {name: runs[name][0].stdout for name in probes if name != "csafe"}
    checked = json.loads(reports["jobs1"])["summary"]["files"]
    if checked != count:
        raise SystemExit(f"folder row: {checked} files checked, expected {count}")
    same = len(set(reports.values())) == 1
    for name, label in (("jobs1", "compilecli check --jobs 1"), ("jobsN", f"compilecli check (--jobs {os.cpu_count()})"),
                        ("csafe", "yaml.load(CSafeLoader) of the YAML files alone")):
        if name in runs:
            c, w = cpu(runs[name]), wall(runs[name])
            print(f"  {label:48s} {count / c.median:7.0f} specs/CPU-s  {count / w.median:7.0f} specs/s wall"
                  f"   CPU {c.s()}  wall {w.s()}")
    print(f"  check / CSafeLoader alone CPU {ratio(runs['jobs1'], runs['csafe'])}")
    rate = count / cpu(runs["jobs1"]).median
    alone = len([f for f in files if f.endswith(".yaml")]) / cpu(runs["csafe"]).median
    ctx.verdict(f"{count:,} specs, specs per CPU-second (--jobs 1)",
                f"{rate:.0f}, goal >= 3,000 (CSafeLoader alone: {alone:.0f} YAML files/CPU-s)", rate >= 3000)
    if "jobsN" in runs:
        speed = wall(runs["jobs1"]).median / wall(runs["jobsN"]).median
        print(f"  --jobs {os.cpu_count()} vs --jobs 1: wall {ratio(runs['jobs1'], runs['jobsN'], wall)} faster;"
              f" identical output: {same}")
        ctx.verdict("--jobs: same output as --jobs 1", str(same), same)
        ctx.verdict(f"--jobs {os.cpu_count()} wall speed-up", f"{speed:.2f}x (both cores when > 1)",
                    speed > 1.0 or (os.cpu_count() or 1) == 1)


# -------------------------------------------------------------------------------------------------
def big(ctx: Context) -> None:
    heading("one 1 MB spec (a long metrics list)")
    spec = ctx.path("big.yaml")
    with open(spec, "w", encoding="utf-8") as handle:
        handle.write(corpus.sized_metrics_spec(1_000_000))
    probes = {"check": ctx.run(ctx.check(spec))}
    yamllint, cjs = peer("yamllint"), peer("check-jsonschema")
    if yamllint:
        probes["yamllint"] = ctx.run([yamllint, "-d", "relaxed", spec])
    if cjs:
        schema = ctx.path("schema.json")
        subprocess.run(ctx.cli + ["schema", "--output", schema], check=True, env=ctx.env)
        probes["check-jsonschema"] = ctx.run([cjs, "--schemafile", schema, spec])
    runs = interleave(probes, max(3, ctx.rounds // 2))
    for name in probes:
        print(f"  {name:18s} CPU {cpu(runs[name]).s():26s} wall {wall(runs[name]).s()}")
        if name != "check":
            print(f"  check / {name}: CPU {ratio(runs['check'], runs[name])}")
    if not (yamllint and cjs):
        print("  (pip install yamllint check-jsonschema to run the peers)")
    value = cpu(runs["check"]).median
    ctx.verdict("1 MB spec, CPU", f"{value:.2f} s, goal < 1 s", value < 1.0)


# -------------------------------------------------------------------------------------------------
def memory(ctx: Context) -> None:
    heading("peak memory over 1,000 and 10,000 specs (flat: results streamed)")
    small, large = _folder(ctx, 1000), _folder(ctx, 10000)
    runs = interleave({"floor": ctx.run([PY, "-c", "import click, yaml"]),
                       "1k": ctx.run(ctx.check("--format", "json", small)),
                       "10k": ctx.run(ctx.check("--format", "json", large))}, max(2, ctx.rounds // 3), warmup=0)
    for name, label in (("floor", "import click, yaml"), ("1k", "check 1,000 specs"), ("10k", "check 10,000 specs")):
        print(f"  {label:20s} peak RSS {rss(runs[name]).median:6.1f} MiB   CPU {cpu(runs[name]).s()}")
    growth = rss(runs["10k"]).median / rss(runs["1k"]).median
    print(f"  10,000 / 1,000 specs: peak RSS {growth:.2f}x, CPU {ratio(runs['10k'], runs['1k'])} (input 10x)")
    ctx.verdict("10,000 specs peak RSS / 1,000 specs", f"{growth:.2f}x, goal flat (<= 1.25x)", growth <= 1.25)


# -------------------------------------------------------------------------------------------------
def output(ctx: Context) -> None:
    heading("repeated findings: output size and memory (a 10 KB and a 100 KB spec of one typo)")
    sizes = {}
    for kb in (10, 100):
        spec = ctx.path(f"repeated_{kb}k.yaml")
        with open(spec, "w", encoding="utf-8") as handle:
            handle.write(corpus.repeated_finding_spec(kb * 1000))
        for fmt in ("text", "json", "sarif", "github"):
            runs = interleave({"run": ctx.run(ctx.check("--format", fmt, spec), keep_stdout=True)}, 1, warmup=0)
            sample = runs["run"][0]
            sizes[(kb, fmt)] = (len(sample.stdout), sample.rss / 1024, sample.cpu)
    for fmt in ("text", "json", "sarif", "github"):
        (s10, r10, c10), (s100, r100, c100) = sizes[(10, fmt)], sizes[(100, fmt)]
        print(f"  {fmt:7s} 10 KB spec: {s10 / 1024:7.1f} KiB out, {r10:5.1f} MiB RSS   "
              f"100 KB spec: {s100 / 1024:7.1f} KiB out, {r100:5.1f} MiB RSS, CPU {c100:.2f} s   "
              f"output growth {s100 / max(s10, 1):.2f}x")
        ctx.verdict(f"{fmt} output for 10x the repeated findings", f"{s100 / max(s10, 1):.2f}x the size, goal bounded (<= 1.5x)",
                    s100 <= 1.5 * s10)


# -------------------------------------------------------------------------------------------------
def _in_process(paths: List[str]) -> Callable[[], object]:
    from compilecli.checker.run import run_check
    from compilecli.config import resolve_options
    from compilecli.render import render

    options = resolve_options(dict(target=None, format="json", lang=None, strict=None, select=(), ignore=()),
                              config_path=None, isolated=True)

    def go():
        return render(run_check(tuple(paths), options), "json", "en")
    return go


def scaling(ctx: Context) -> None:
    heading("scaling: each input dimension x10 (in process, after warm-up; cost ratio should be ~10x)")
    dims: Dict[str, Tuple[List[str], List[str]]] = {}
    dims["specs (100 -> 1,000 files)"] = ([_folder(ctx, 100)], [_folder(ctx, 1000)])
    for name, make, small, large, ext in (
            ("outputs (30 -> 300)", lambda n: corpus.outputs_spec(n, 2), 30, 300, "yaml"),
            ("metrics per output (100 -> 1,000, 3 outputs)", lambda n: corpus.outputs_spec(3, n), 100, 1000, "yaml"),
            ("file size (50 KB -> 500 KB)", corpus.sized_metrics_spec, 50_000, 500_000, "yaml"),
            ("notebook cells, one name rebound (100 -> 1,000)", corpus.notebook_cells, 100, 1000, "ipynb"),
            ("calls per .py file, a name rebound (200 -> 2,000)", corpus.rebound_script, 200, 2000, "py")):
        pair = []
        for n in (small, large):
            path = ctx.path(f"scale_{abs(hash(name)) % 10 ** 6}_{n}.{ext}")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(make(n))
            pair.append([path])
        dims[name] = tuple(pair)
    for name, (small, large) in dims.items():
        runs = interleave({"x1": lambda s=small: measure.call(_in_process(s)),
                           "x10": lambda l=large: measure.call(_in_process(l))}, max(3, ctx.rounds // 2))
        value = Stat([b.cpu / max(a.cpu, 1e-9) for a, b in zip(runs["x1"], runs["x10"])])
        print(f"  {name:46s} x1 CPU {cpu(runs['x1']).ms():30s} x10 CPU {cpu(runs['x10']).ms():32s}"
              f" ratio {value.median:5.1f}x [{value.low:.1f}-{value.high:.1f}]")
        ctx.verdict(f"scaling, {name}", f"{value.median:.1f}x for 10x input, goal ~10x (<= 13x)", value.median <= 13)


ROWS: Dict[str, Callable[[Context], None]] = {
    "startup": startup, "folder": folder, "big": big, "memory": memory, "output": output, "scaling": scaling,
}

from pyrows import PY_ROWS   # noqa: E402  (the .py/.ipynb rows; pyrows imports this module's helpers)
ROWS.update(PY_ROWS)
