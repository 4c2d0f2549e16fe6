"""issue 13: every code has its own documentation URL (its anchored row of docs/codes.md), the same in
SARIF's helpUri, the JSON report's `url` and the `explain CODE` page; pyproject declares the same URLs."""
import json
import re

from click.testing import CliRunner

from compilecli.cli import main
from compilecli.codes import CODES, VERDICTS
from compilecli.doc_links import DOCS, HOME, code_url
from compilecli.explain.build import build_pages
from compilecli.explain.topics import Topic

SPEC = "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.001}}\n  loss: categorical_crossentropyy\n"


def run(tmp_path, *args):
    (tmp_path / "s.yaml").write_text(SPEC)
    return CliRunner().invoke(main, ["check", "--isolated", str(tmp_path / "s.yaml"), *args]).output


def test_pyproject_declares_the_same_urls(root):
    try:
        import tomllib
    except ImportError:
        import tomli as tomllib
    urls = tomllib.loads((root / "pyproject.toml").read_text())["project"]["urls"]
    assert urls["Homepage"] == HOME and urls["Documentation"] == DOCS


def test_every_code_has_an_anchor_in_docs_codes_md(root):
    text = (root / "docs" / "codes.md").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a id="([a-z0-9]+)"></a>', text))
    for code in list(CODES) + list(VERDICTS):
        url = code_url(code)
        assert url.startswith(DOCS + "codes.md#") and url.split("#")[1] in anchors, code


def test_sarif_help_uri_is_the_codes_page_not_pypi(tmp_path):
    rules = json.loads(run(tmp_path, "--format", "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["id"]: rule["helpUri"] for rule in rules} == {code: code_url(code) for code in CODES}
    assert not any("pypi.org" in rule["helpUri"] for rule in rules)


def test_json_diagnostics_carry_the_same_url(tmp_path):
    diags = json.loads(run(tmp_path, "--format", "json"))["files"][0]["diagnostics"]
    assert diags and all(d["url"] == code_url(d["code"]) for d in diags)


def test_explain_code_pages_link_to_the_same_url():
    for code in list(CODES) + list(VERDICTS):
        for lang in ("en", "zh"):
            page = build_pages(Topic("code", code), (lang,))[0]
            assert code_url(code) in [text for _, text in page.sections], (code, lang)
