"""compilecli's verdict on each committed spec, set beside the oracle's (no Keras needed).

compilecli says `error` when it reports any error, `smell` when it reports only warnings, else `clean`.
Used by `report.py` and tests/differential/test_oracle.py; the allow-list (tests/differential/allow.json)
names known disagreements, each with why.
"""
from __future__ import annotations

import json
import pathlib
import re
import sys
from dataclasses import dataclass, field
from typing import Dict, List

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERDICTS = ROOT / "tests" / "differential"
sys.path.insert(0, str(ROOT / "src"))

from compilecli.checker import check_text  # noqa: E402
from compilecli.diagnostics import ERROR, format_path  # noqa: E402

TARGETS = ("keras3", "tf2")


@dataclass
class Row:
    rec: dict
    ours: str
    diagnostics: List[tuple]            # (code, severity, spec_path)
    allowed: str = ""                   # why the disagreement is known, from the allow-list

    @property
    def agrees(self) -> bool:
        return self.ours == self.rec["verdict"]

    @property
    def culprit(self) -> bool:
        """A diagnostic of the verdict's severity names the mutated path (or a place inside it)."""
        want = ERROR if self.ours == "error" else None
        path = self.rec["path"]
        return any((want is None or sev == want) and (p == path or p.startswith(path + ".") or p.startswith(path + "["))
                   for _, sev, p in self.diagnostics)


def load_verdicts(target: str) -> List[dict]:
    path = VERDICTS / f"verdicts.{target}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_allow() -> List[dict]:
    return json.loads((VERDICTS / "allow.json").read_text(encoding="utf-8"))["allow"]


def allowed(rec: dict, ours: str, allow: List[dict], diags=()) -> str:
    for entry in allow:
        if entry.get("id") not in (None, rec["id"]):
            continue
        if "path" in entry and not re.search(entry["path"], rec["path"]):
            continue
        if "text" in entry and not re.search(entry["text"], rec["text"]):
            continue
        if "code" in entry and not any(re.fullmatch(entry["code"], c) for c, _, _ in diags):
            continue
        if entry.get("oracle", rec["verdict"]) == rec["verdict"] and entry.get("compilecli", ours) == ours:
            return entry["why"]
    return ""


def judge(rec: dict, allow: List[dict]) -> Row:
    target = rec["id"].split("-")[0]
    result = check_text(rec["text"], source=rec["id"], target=target, fmt=rec.get("format", "yaml"))
    diags = [(d.code, d.severity, format_path(d.path)) for d in result.diagnostics]
    ours = "error" if any(s == ERROR for _, s, _ in diags) else "smell" if diags else "clean"
    row = Row(rec, ours, diags)
    if not row.agrees:
        row.allowed = allowed(rec, ours, allow, diags)
    return row


@dataclass
class Score:
    rows: List[Row] = field(default_factory=list)

    def count(self, oracle=None, ours=None) -> int:
        return sum(1 for r in self.rows if (oracle is None or r.rec["verdict"] == oracle)
                   and (ours is None or r.ours == ours))

    def figures(self) -> Dict[str, object]:
        errors, smells = self.count("error"), self.count("smell")
        flagged = [r for r in self.rows if r.rec["verdict"] != "clean" and r.ours == r.rec["verdict"]]
        return {
            "specs": len(self.rows),
            "oracle": {v: self.count(v) for v in ("error", "smell", "clean")},
            "error_recall": _ratio(self.count("error", "error"), errors),
            "false_errors": sum(1 for r in self.rows if r.ours == "error" and r.rec["verdict"] != "error"),
            "smell_recall": _ratio(self.count("smell", "smell"), smells),
            "false_warnings": self.count("clean", "smell"),
            "culprit_path": _ratio(sum(r.culprit for r in flagged), len(flagged)),
            "disagreements": sum(1 for r in self.rows if not r.agrees),
            "allowed": sum(1 for r in self.rows if not r.agrees and r.allowed),
        }


def _ratio(a, b):
    return None if not b else round(a / b, 4)


def score(target: str, allow=None) -> Score:
    allow = load_allow() if allow is None else allow
    return Score([judge(rec, allow) for rec in load_verdicts(target) if rec["verdict"] != "unknown"])
