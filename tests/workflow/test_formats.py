"""Output formats for CI: SARIF 2.1.0 (validated against the official OASIS schema) and GitHub annotations."""
from __future__ import annotations

import json
import pathlib

import pytest

from compilecli.checker import Report, SpecResult
from compilecli.codes import CODES
from compilecli.diagnostics import ERROR, WARNING, Span, diagnostic
from compilecli.render import render
from compilecli.render.github import escape_data, escape_property
from workflowhelpers import BROKEN, CLEAN, SPARSE_CCE, run

SCHEMA_FILE = pathlib.Path(__file__).with_name("sarif-schema-2.1.0.json")


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate(validator, doc):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


# --- SARIF ------------------------------------------------------------------------------------------

def test_sarif_is_valid_and_complete(work, sarif_validator):
    (work / "configs").mkdir()
    (work / "configs" / "a b.yaml").write_text(BROKEN)
    (work / "configs" / "c.yaml").write_text(SPARSE_CCE)
    (work / "clean.yaml").write_text(CLEAN)
    result = run("check", "--isolated", "--format", "sarif", ".")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    validate(sarif_validator, doc)

    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "compilecli" and driver["version"] and driver["informationUri"].startswith("http")
    assert [rule["id"] for rule in driver["rules"]] == list(CODES)
    rule = driver["rules"][list(CODES).index("CC501")]
    assert rule["name"] == "sparse-labels-categorical-loss"
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["shortDescription"]["text"] == "Sparse labels with categorical_crossentropy"
    assert rule["fullDescription"]["text"] and rule["help"]["text"]
    assert driver["rules"][list(CODES).index("CC901")]["defaultConfiguration"]["level"] == "warning"

    by_rule = {r["ruleId"]: r for r in run_["results"]}
    assert sorted(by_rule) == ["CC112", "CC201", "CC501"]
    cc201 = by_rule["CC201"]
    assert cc201["level"] == "error" and by_rule["CC112"]["level"] == "warning"
    assert cc201["message"]["text"].startswith("unknown optimizer 'adamm'")
    assert "\nfix: Did you mean 'adam'" in cc201["message"]["text"]
    assert driver["rules"][cc201["ruleIndex"]]["id"] == "CC201"
    location = cc201["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "configs/a%20b.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 14, "endLine": 2, "endColumn": 19}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_sarif_in_chinese_keeps_english_keys(work, sarif_validator):
    result = run("check", "--isolated", "--format", "sarif", "--lang", "zh", "-", input=BROKEN)
    doc = json.loads(result.stdout)
    validate(sarif_validator, doc)
    run_ = doc["runs"][0]
    assert run_["language"] == "zh"
    assert "优化器" in run_["results"][0]["message"]["text"]
    assert run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"
    rule = run_["tool"]["driver"]["rules"][list(CODES).index("CC501")]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in rule["shortDescription"]["text"])


def test_sarif_without_results_and_without_positions(work, sarif_validator):
    empty = json.loads(render(Report([]), "sarif", "en"))
    validate(sarif_validator, empty)
    assert empty["runs"][0]["results"] == []

    no_span = SpecResult("spec.yaml", "keras3", [diagnostic("CC121", ERROR),
                                                 diagnostic("CC306", WARNING, span=Span(3, 0))])
    outside = SpecResult(str(work.parent / "outside.yaml"), "keras3", [diagnostic("CC203", ERROR, span=Span(1, 1))])
    doc = json.loads(render(Report([no_span, outside]), "sarif", "en"))
    validate(sarif_validator, doc)
    results = doc["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}
    assert results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")


def test_sarif_for_notebook_cells(work, sarif_validator):
    cell = SpecResult("nb.ipynb:cell 4", "keras3", [diagnostic("CC203", ERROR, span=Span(2, 5, 2, 9))])
    doc = json.loads(render(Report([cell]), "sarif", "en"))
    validate(sarif_validator, doc)
    result = doc["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nb.ipynb"
    assert result["message"]["text"].startswith("cell 4:2:5: ")
    assert result["properties"]["cell"] == 4


# --- GitHub -----------------------------------------------------------------------------------------

def test_github_escaping():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_github_annotations(work):
    (work / "dir,with:odd").mkdir()
    spec = work / "dir,with:odd" / "s.yaml"
    spec.write_text(BROKEN)
    result = run("check", "--isolated", "--format", "github", str(spec.relative_to(work)))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("::error file=dir%2Cwith%3Aodd/s.yaml,line=2,col=14,endLine=2,endColumn=19,title=CC201::"
                        "unknown optimizer 'adamm' for keras3%0Afix: Did you mean 'adam', 'nadam', 'adamw'?")
    assert lines[1].startswith("::warning file=dir%2Cwith%3Aodd/s.yaml,line=4,col=16,")
    assert lines[-1] == "Found 1 error and 1 warning in 1 of 1 file."


def test_github_message_escapes_percent_and_newlines(work):
    report = Report([SpecResult("s.yaml", "keras3", [
        diagnostic("CC303", ERROR, span=Span(1, 1), name="label_smoothing", value="150%", range="[0, 1]"),
        diagnostic("CC121", ERROR)])])
    lines = render(report, "github", "en").splitlines()
    assert lines[0].startswith("::error file=s.yaml,line=1,col=1,title=CC303::'label_smoothing' = 150%25 is outside")
    assert "%0Afix: " in lines[0] and "\n" not in lines[0]
    assert lines[1].startswith("::error file=s.yaml,title=CC121::")


# --- --output ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_output_file(work, fmt):
    (work / "s.yaml").write_text(BROKEN)
    result = run("check", "--isolated", "--format", fmt, "--output", "report.out", "s.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    written = (work / "report.out").read_text(encoding="utf-8")
    assert "CC201" in written and "\x1b[" not in written
    if fmt in ("json", "sarif"):
        json.loads(written)


def test_output_file_in_chinese_is_utf8(work):
    (work / "s.yaml").write_text(BROKEN)
    run("check", "--isolated", "--lang", "zh", "-o", "r.txt", "s.yaml")
    assert "优化器" in (work / "r.txt").read_text(encoding="utf-8")
