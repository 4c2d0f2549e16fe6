"""Hostile input: every case returns diagnostics (never raises, never hangs).

Each case runs under a generous time limit that only a hang can hit (speed goals live
in ``benchmarks/``, never here); ``test_hostile_corpus_in_subprocess`` also runs the
whole corpus in a child process with a hard timeout, so even a hang inside C code
(libyaml) fails the suite instead of stalling it. "Stops early" is asserted directly:
bytes read, memory peaks, the diagnostic that says which limit was hit.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tracemalloc

import pytest

from compilecli.load import limits, load_bytes, load_path, reader

from loadhelpers import assert_well_formed, at, codes, only, time_limit
from procenv import environment  # noqa: E402 - one environment for every subprocess

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

HANG = 30   # seconds: a hang guard, not a speed goal

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def hostile(raw, name="spec.yaml", seconds=HANG):
    """Load under a hang guard; check it never raises and reports well-formed diagnostics."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    with time_limit(seconds):
        spec = load_bytes(raw, name)
    assert_well_formed(spec)
    assert spec.diagnostics, "hostile input must produce a diagnostic"
    return spec


def test_billion_laughs():
    tracemalloc.start()
    try:
        spec = hostile(BILLION_LAUGHS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 2 ** 20     # stopped early: the full expansion would be 9**9 strings
    diag = only(spec, "CC104")
    assert diag.message_key == "codes.CC104.alias_expansion"
    assert diag.arguments == {"limit": limits.MAX_ALIAS_NODES}
    assert diag.span.line in range(2, 10)
    assert spec.data is None


def test_quadratic_blowup_by_one_big_anchor():
    text = "a: &a\n" + "  - 1\n" * 5000 + "b: [" + ",".join(["*a"] * 100) + "]\n"
    diag = only(hostile(text), "CC104")
    assert diag.message_key == "codes.CC104.alias_expansion"
    assert diag.span.line == 5002


def test_alias_count_limit():
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * (limits.MAX_ALIASES + 5)) + "]\n"
    diag = only(hostile(text), "CC104")
    assert diag.message_key == "codes.CC104.aliases"
    assert diag.span.line == 2


@pytest.mark.parametrize("text, line", [
    ("a: &a [*a]\n", 1),
    ("a: &a {x: 1, y: *a}\n", 1),
    ("compile:\n  optimizer: &o\n    config:\n      again: *o\n", 4),
])
def test_recursive_aliases(text, line):
    diag = only(hostile(text), "CC104")
    assert diag.message_key == "codes.CC104.recursive_alias"
    assert diag.span.line == line


def test_python_object_apply_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'compile:\n  optimizer: !!python/object/apply:os.system ["echo pwned > {marker}"]\n'
    spec = hostile(text)
    diag = only(spec, "CC105")
    assert diag.arguments == {"tag": "!!python/object/apply:os.system"}
    assert at(diag.span) == (2, 14)
    assert spec.data is None
    assert not marker.exists()


@pytest.mark.parametrize("text", [
    "a: !!python/name:os.system\n",
    "a: !!python/object/new:os.system [ls]\n",
    "a: !!python/module:os\n",
    "a: !!python/object:__main__.X {x: 1}\n",
    "!!python/object/apply:subprocess.call\nargs: [[touch, /tmp/x]]\n",
    "a: !<tag:yaml.org,2002:python/object/apply:os.system> [ls]\n",
    "a: !custom {x: 1}\n",
    "? !!python/name:os.system\n: 1\n",
])
def test_other_unsafe_tags(text):
    spec = hostile(text)
    assert "CC105" in codes(spec)
    assert spec.data is None


@pytest.mark.parametrize("raw", [
    PNG,
    random.Random(1).randbytes(4096),
    b"\x00" * 100,
    b"compile:\n  loss: mse\x00\n",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",                # zip
    b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)),       # ELF
])
def test_binary(raw):
    spec = hostile(raw)
    assert codes(spec) == ["CC101"]
    assert spec.data is None


def test_utf16_with_bom_loads():
    spec = load_bytes("\ufeffcompile:\n  loss: mse\n".encode("utf-16"), "spec.yaml")
    assert spec.diagnostics == [] and spec.data == {"compile": {"loss": "mse"}}


def test_latin1():
    spec = hostile("compile:\n  loss: 'entropía'\n".encode("latin-1"))
    assert codes(spec) == ["CC101"]
    assert spec.diagnostics[0].span.line == 2


class _CountingFile:
    """A binary file whose reads are counted in ``counter["bytes"]``."""

    def __init__(self, handle, counter):
        self._handle, self._counter = handle, counter

    def read(self, *args):
        data = self._handle.read(*args)
        self._counter["bytes"] += len(data)
        return data

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()

    def __getattr__(self, name):
        return getattr(self._handle, name)


@pytest.fixture
def bytes_read(monkeypatch):
    """Counts the bytes the loader's reader reads from files: ``bytes_read["bytes"]``."""
    counter = {"bytes": 0, "opened": 0}

    from compilecli.world import files
    real_open = files.open_regular

    def counting_open(path):
        counter["opened"] += 1
        return _CountingFile(real_open(path), counter)

    monkeypatch.setattr(files, "open_regular", counting_open)
    return counter


def test_the_byte_counter_sees_reads(tmp_path, bytes_read):
    path = tmp_path / "small.yaml"
    path.write_bytes(b"compile:\n  loss: mse\n")
    spec = load_path(str(path))
    assert spec.diagnostics == [] and spec.data == {"compile": {"loss": "mse"}}
    assert bytes_read == {"bytes": path.stat().st_size, "opened": 1}


def test_40_mb_file_is_refused_without_reading_it(tmp_path, bytes_read):
    path = tmp_path / "huge.yaml"
    chunk = b"compile:\n  loss: mse\n" * 1000
    with open(path, "wb") as handle:
        for _ in range(40 * 1024 * 1024 // len(chunk) + 1):
            handle.write(chunk)
    assert path.stat().st_size >= 40 * 1024 * 1024
    tracemalloc.start()
    with time_limit(HANG):
        spec = load_path(str(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    diag = only(spec, "CC102")
    assert diag.arguments == {"limit": limits.MAX_BYTES, "size": path.stat().st_size}
    assert bytes_read["bytes"] == 0          # the size came from stat: not one byte was read
    assert peak < 2 * limits.MAX_BYTES + 1024 * 1024


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_is_refused_without_reading(bytes_read):
    with time_limit(HANG):
        spec = load_path("/dev/zero")
    assert codes(spec) == ["CC100"]
    assert spec.diagnostics[0].message_key == "codes.CC100.device"
    assert bytes_read["bytes"] == 0


def test_endless_stream_is_read_only_up_to_the_limit():
    import io
    from compilecli.load.reader import read_stream

    class Endless(io.RawIOBase):
        served = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"a" * len(buffer)
            Endless.served += len(buffer)
            return len(buffer)

    raw, problems = read_stream(io.BufferedReader(Endless()))
    assert raw is None and [d.code for d in problems] == ["CC102"]
    assert Endless.served <= limits.MAX_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_5_mb_single_line(tmp_path, bytes_read):
    path = tmp_path / "line.yaml"
    path.write_bytes(b"a: " + b"x" * (5 * 1024 * 1024))
    with time_limit(HANG):
        spec = load_path(str(path))
    assert codes(spec) == ["CC102"]
    assert bytes_read["bytes"] == 0


def test_long_line_under_the_size_limit():
    spec = hostile("compile:\n  loss: " + "x" * 500_000 + "\n")
    diag = only(spec, "CC104")
    assert diag.message_key == "codes.CC104.line_length"
    assert diag.arguments == {"limit": limits.MAX_LINE_LENGTH, "length": 500_008}
    assert at(diag.span) == (2, 1)


@pytest.mark.parametrize("text, name", [
    ("[" * 10_000, "spec.yaml"),
    ("{a: " * 2_000, "spec.yaml"),
    ("[\n" * 10_000, "spec.yaml"),
    ("a: " + "[" * 5_000 + "]" * 5_000, "spec.yaml"),
    ("[" * 10_000 + "]" * 10_000, "spec.json"),
    ('{"a":' * 10_000, "spec.json"),
    ("[" * 500_000, "spec.json"),
    ("[" * 500_000, "spec.yaml"),
])
def test_deep_flow_nesting(text, name):
    spec = hostile(text, name)
    diag = only(spec, "CC104")
    assert diag.message_key in ("codes.CC104.depth", "codes.CC104.line_length")
    assert diag.span is not None


def test_deep_flow_nesting_reports_the_51st_level():
    diag = only(hostile("[\n" * 10_000), "CC104")
    assert diag.message_key == "codes.CC104.depth"
    assert at(diag.span) == (51, 1)


def test_deep_indented_mappings():
    text = "".join(" " * i + "a:\n" for i in range(1000))
    diag = only(hostile(text), "CC104")
    assert diag.message_key == "codes.CC104.depth"
    assert at(diag.span) == (51, 51)


def test_deep_indented_sequences():
    text = "".join(" " * (2 * i) + "-\n" for i in range(1000))
    diag = only(hostile(text), "CC104")
    assert diag.message_key == "codes.CC104.depth"


def test_depth_10000_indented_is_refused_by_size_or_line_length():
    text = "".join(" " * i + "a:\n" for i in range(10_000))
    spec = hostile(text)
    assert codes(spec) in (["CC102"], ["CC104"])


def test_compact_nested_sequences_on_one_line():
    spec = hostile("- " * 4000 + "x\n")
    assert codes(spec) == ["CC104"]


def test_alias_cannot_smuggle_depth():
    deep = "[" * 40 + "]" * 40
    spec = hostile(f"a: &a {deep}\nb: [[[[[[[[[[[[*a]]]]]]]]]]]]\n")
    diag = only(spec, "CC104")
    assert diag.message_key == "codes.CC104.depth"
    assert diag.span.line == 2


def test_many_values_hit_the_node_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_NODES", 1000)
    spec = hostile("a: [" + ",".join(["1"] * 2000) + "]\n")
    assert only(spec, "CC104").message_key == "codes.CC104.nodes"
    spec = hostile('{"a": [' + ",".join(["1"] * 2000) + "]}", "spec.json")
    assert only(spec, "CC104").message_key == "codes.CC104.nodes"


@pytest.mark.parametrize("text", ["", "   \n", "# just\n# comments\n"])
def test_empty_and_comment_only(text):
    spec = hostile(text)
    assert codes(spec) == ["CC106"]


@pytest.mark.parametrize("text", ["- compile\n- loss\n", "just a string\n", "42\n"])
def test_top_level_list_or_scalar(text):
    spec = hostile(text)
    assert codes(spec) == ["CC106"]
    assert at(spec.diagnostics[0].span) == (1, 1)


def test_multi_documents():
    spec = hostile("compile: {loss: mse}\n---\ncompile: {loss: mae}\n---\n!!python/name:os.system\n")
    assert codes(spec) == ["CC107"]
    assert spec.diagnostics[0].span.line == 2


@pytest.mark.parametrize("text", ["compile:\n\tloss: mse\n", "compile:\n  loss: mse\n\t\tmetrics: []\n"])
def test_tabs(text):
    spec = hostile(text)
    assert codes(spec) == ["CC113"]
    assert spec.diagnostics[0].span.line >= 2


@pytest.mark.parametrize("text", [
    "\x1b[31mcompile\x1b[0m: x\n", "a: \ufffe\n", "a: b\x85c\n", "\ud800: 1\n",
    "a: [}\n", "a: {]\n", "&a\n", "*a\n", "!!\n", "%YAML 9.9\n---\na: 1\n",
    "%TAG ! tag:evil.com,2000:\n---\na: !x 1\n", "'\n", "a: |\n  x\n y\n", "?\n", ":\n",
    "a: &a\nb: *a\n", "a: &a &b 1\n", "{a: 1, b: 2, a: 3}\n",
])
def test_odd_yaml_never_raises(text):
    with time_limit(HANG):
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "surrogatepass")
        spec = load_bytes(raw, "spec.yaml")
    assert_well_formed(spec)


@pytest.mark.parametrize("seed", range(20))
def test_random_mutations_never_raise(seed):
    rng = random.Random(seed)
    base = bytearray(BILLION_LAUGHS.encode() + b"compile:\n  loss: [mse, {a: 'b'}]\n  x: \"y\"\n")
    for _ in range(rng.randint(1, 20)):
        pos = rng.randrange(len(base))
        base[pos] = rng.choice(b"[]{}:,-&*!|>'\"#\t\n ?%@`\\")
    for name in ("spec.yaml", "spec.json"):
        with time_limit(HANG):
            spec = load_bytes(bytes(base), name)
        assert_well_formed(spec)


def test_hostile_corpus_in_subprocess(tmp_path):
    """The whole corpus through ``python -m compilecli.load`` with a hard timeout."""
    corpus = {
        "laughs.yaml": BILLION_LAUGHS.encode(),
        "recursive.yaml": b"a: &a [*a]\n",
        "apply.yaml": f'a: !!python/object/apply:os.system ["touch {tmp_path}/pwned"]\n'.encode(),
        "png.yaml": PNG,
        "random.yaml": random.Random(7).randbytes(2048),
        "deep.yaml": b"[" * 200_000,
        "deep.json": b"[" * 200_000,
        "indent.yaml": "".join(" " * i + "a:\n" for i in range(1000)).encode(),
        "tabs.yaml": b"compile:\n\tloss: mse\n",
        "multi.yaml": b"a: 1\n---\nb: 2\n",
        "empty.yaml": b"",
        "latin1.yaml": "a: é\n".encode("latin-1"),
        "utf16.yaml": "a: 1\n".encode("utf-16"),
    }
    paths = []
    for name, raw in corpus.items():
        path = tmp_path / name
        path.write_bytes(raw)
        paths.append(str(path))
    env = environment({"PYTHONPATH": os.pathsep.join(p for p in sys.path if p)})
    proc = subprocess.run([sys.executable, "-m", "compilecli.load", *paths],
                          capture_output=True, timeout=60, env=env)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    decoder = json.JSONDecoder()
    out, pos, results = proc.stdout.decode(), 0, []
    while pos < len(out.rstrip()):
        while out[pos].isspace():
            pos += 1
        value, pos = decoder.raw_decode(out, pos)
        results.append(value)
    assert len(results) == len(corpus)
    for result in results:
        if not result["source"].endswith("utf16.yaml"):
            assert result["diagnostics"], result["source"]
    assert not (tmp_path / "pwned").exists()
