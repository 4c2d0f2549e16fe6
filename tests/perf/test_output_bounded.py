"""Repeated findings are grouped in every format: the first --max-per-code of each code are shown,
the rest counted in one record; the summary and the exit code still count every one."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from procenv import environment  # noqa: E402 - one environment for every subprocess

REPEATS = 500


def spec(tmp_path, repeats=REPEATS):
    path = tmp_path / "typos.yaml"
    rows = ",\n".join(",".join(["acuracy"] * 50) for _ in range(repeats // 50))
    path.write_text("compile:\n  optimizer: adam\n  loss: mse\n  metrics: [\n" + rows + "]\n  run_eagerly: no\n",
                    encoding="utf-8")
    return path


def check(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "compilecli", "check", "--isolated", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=environment())
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_text_shows_twenty_and_counts_the_rest(tmp_path):
    out = check(spec(tmp_path), cwd=tmp_path).splitlines()
    assert sum(" CC203 error unknown metric" in line for line in out) == 20
    more = [line for line in out if "480 more CC203 (unknown-metric)" in line]
    assert len(more) == 1 and ":5:" in more[0]             # at the first one not shown
    assert any(" CC112 " in line for line in out)           # other codes are unaffected
    assert any("500 errors and 1 warning" in line for line in out[-2:])


def test_max_per_code_zero_shows_all(tmp_path):
    out = check(spec(tmp_path), "--max-per-code", "0", cwd=tmp_path)
    assert out.count(" CC203 error ") == REPEATS and " more CC203" not in out


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_every_format_is_bounded_with_a_count(tmp_path, fmt):
    small = check("--format", fmt, spec(tmp_path, 100), cwd=tmp_path)
    large = check("--format", fmt, spec(tmp_path, 1000), cwd=tmp_path)
    assert len(large) < 1.05 * len(small)                    # ten times the findings, the same output
    if fmt == "json":
        (record,) = json.loads(large)["files"]
        assert len(record["diagnostics"]) == 21 and record["errors"] == 1000
        assert [(o["code"], o["count"]) for o in record["omitted"]] == [("CC203", 980)]
    elif fmt == "sarif":
        results = json.loads(large)["runs"][0]["results"]
        assert len(results) == 22
        assert [r["properties"]["omittedCount"] for r in results if "omittedCount" in r.get("properties", {})] == [980]
    else:
        assert large.count("::error ") == 21 and "980 more CC203" in large


def test_chinese_words_for_the_count(tmp_path):
    out = check(spec(tmp_path), "--lang", "zh", cwd=tmp_path)
    assert "还有 480 条 CC203" in out
