"""The two languages stay in step: same keys, no empty text, same placeholders, valid templates."""
import json
import re
import string
from importlib import resources

import pytest

from compilecli.codes import CODES
from compilecli.i18n import catalogue
from procenv import environment  # noqa: E402 - one environment for every subprocess

PLACEHOLDER = re.compile(r"[a-z_]+")


def flatten(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from flatten(value, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, node


def fields(template):
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


def pairs():
    yield "messages", dict(flatten(catalogue("en"))), dict(flatten(catalogue("zh")))
    data = resources.files("compilecli.catalogue").joinpath("data")
    if data.joinpath("docs.en.json").is_file():
        en = json.loads(data.joinpath("docs.en.json").read_text(encoding="utf-8"))
        zh = json.loads(data.joinpath("docs.zh.json").read_text(encoding="utf-8"))
        yield "docs", dict(flatten(en)), dict(flatten(zh))


@pytest.mark.parametrize("name,en,zh", list(pairs()), ids=lambda v: v if isinstance(v, str) else "")
def test_same_keys_and_no_empty_text(name, en, zh):
    assert sorted(set(en) - set(zh)) == [], f"{name}: keys only in English"
    assert sorted(set(zh) - set(en)) == [], f"{name}: keys only in Chinese"
    empty = [k for k, v in {**en, **zh}.items() if isinstance(v, str) and not v.strip()]
    assert empty == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_templates_are_valid_and_placeholders_match(lang):
    en = dict(flatten(catalogue("en")))
    for key, template in dict(flatten(catalogue(lang))).items():
        if not isinstance(template, str):
            continue
        names = fields(template)   # raises ValueError on a stray brace
        assert all(PLACEHOLDER.fullmatch(n) for n in names), (key, names)
        assert names == fields(en[key]), f"{key}: placeholders differ from English"


def test_chinese_is_chinese():
    zh = dict(flatten(catalogue("zh")))
    for key, value in zh.items():
        if key.endswith((".message", ".title", ".explain")):
            assert re.search(r"[\u4e00-\u9fff]", value), key


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_words(code):
    for lang in ("en", "zh"):
        entry = catalogue(lang)["codes"].get(code)
        assert entry, f"{code} has no {lang} entry"
        for part in ("title", "message", "hint", "explain"):
            assert entry.get(part), f"{code}.{part} missing in {lang}"


def test_docs_codes_md_is_up_to_date(root):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, str(root / "tools" / "gen_codes_doc.py"), "--check"], env=environment())
    assert done.returncode == 0, "run: python tools/gen_codes_doc.py"
