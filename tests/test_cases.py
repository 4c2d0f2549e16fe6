"""Case files: tests/cases/**/NAME.yaml|json, each a spec with its expectations.

YAML cases say what they expect in leading comments:
    # expect: CC202@5 CC503@7      (code@line; `# expect: clean` for none)
    # target: tf2                   (optional, as --target)
A JSON case keeps them in NAME.json.expect (same two lines, without '#').
"""
import pathlib
import re

import pytest

from compilecli.checker import check_path

CASES = pathlib.Path(__file__).parent / "cases"
HEADER = re.compile(r"^#?\s*(expect|target):\s*(.*)$")


def case_files():
    return sorted(p for p in CASES.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))


def expectations(path: pathlib.Path):
    source = path.with_name(path.name + ".expect") if path.suffix == ".json" else path
    found = {"expect": [], "target": None}
    for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
        if source is path and not line.startswith("#"):
            break   # headers are the leading comment block of a YAML case
        match = HEADER.match(line.strip())
        if not match:
            continue
        if match.group(1) == "target":
            found["target"] = match.group(2).strip()
        elif match.group(2).strip() != "clean":
            found["expect"] += match.group(2).split()
    return found


@pytest.mark.parametrize("path", case_files(), ids=lambda p: str(p.relative_to(CASES)))
def test_case(path):
    wanted = expectations(path)
    result = check_path(str(path), wanted["target"])
    got = sorted(f"{d.code}@{d.span.line if d.span else 0}" for d in result.diagnostics)
    assert got == sorted(wanted["expect"])


def test_there_are_cases_for_every_code():
    from compilecli.codes import CODES
    seen = {item.split("@")[0] for p in case_files() for item in expectations(p)["expect"]}
    # unreadable/huge files are tested in tests/load; unused suppressions (a whole-run check) in tests/workflow
    untested = sorted(set(CODES) - seen - {"CC100", "CC102", "CC901"})
    assert untested == []
