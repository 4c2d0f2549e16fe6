"""Inline suppressions: `# compilecli: ignore[...]`, blanket, next line, ignore-file, unused with --strict."""
from __future__ import annotations

import json

import pytest

from compilecli import suppress
from compilecli.load.comments import python_comments
from compilecli.checker import SpecResult
from compilecli.diagnostics import ERROR, Span, diagnostic
from compilecli.load import LoadedSpec
from workflowhelpers import codes, run

SPEC = (
    "model:\n"                                                                   # 1
    "  outputs:\n"                                                               # 2
    "    - {name: out, units: 10, activation: softmax, labels: sparse}\n"        # 3
    "compile:\n"                                                                 # 4
    "  optimizer: {class_name: Adam, config: {lr: 0.01}}\n"                      # 5  CC603
    "  loss: categorical_crossentropy\n"                                         # 6  CC501
    "  metrics: [acuracy]\n"                                                     # 7  CC203
    "  run_eagerly: no\n"                                                        # 8  CC112 (warning)
)


def lines_with(**comments):
    """SPEC with a comment appended to line N (line5="# ...") or a comment line before it (before5)."""
    out = []
    for number, line in enumerate(SPEC.splitlines(), start=1):
        if f"before{number}" in comments:
            out.append("  " + comments[f"before{number}"])
        out.append(line + ("  " + comments[f"line{number}"] if f"line{number}" in comments else ""))
    return "\n".join(out) + "\n"


def check(work, text, *options, name="s.yaml"):
    (work / name).write_text(text)
    return run("check", "--isolated", *options, name)


def test_the_spec_without_comments(work):
    assert codes(check(work, SPEC).stdout) == ["CC112", "CC203", "CC501", "CC603"]


def test_code_specific_suppression(work):
    result = check(work, lines_with(line6="# compilecli: ignore[CC501]", line5="# compilecli: ignore[CC501]"))
    assert codes(result.stdout) == ["CC112", "CC203", "CC603"]     # CC603 on line 5 is another code


def test_several_codes_and_prefixes_case_insensitive(work):
    text = lines_with(line6="# compilecli: ignore[CC501, CC3]", line7="# compilecli: ignore[cc2]")
    assert codes(check(work, text).stdout) == ["CC112", "CC603"]


def test_blanket_suppression(work):
    text = lines_with(line5="# compilecli: ignore", line6="#compilecli:ignore because we know")
    assert codes(check(work, text).stdout) == ["CC112", "CC203"]


def test_comment_line_applies_to_the_next_line_of_content(work):
    text = lines_with(before5="# compilecli: ignore[CC603]", before7="# compilecli: ignore")
    text = text.replace("  metrics:", "\n  # an unrelated comment\n  metrics:")   # blank and comment lines skipped
    result = check(work, text)
    assert codes(result.stdout) == ["CC112", "CC501"]


def test_ignore_file(work):
    text = "# compilecli: ignore-file[CC6, CC112]\n" + SPEC
    assert codes(check(work, text).stdout) == ["CC203", "CC501"]
    assert codes(check(work, "# compilecli: ignore-file\n" + SPEC).stdout) == []


def test_suppressed_errors_pass(work):
    text = lines_with(line5="# compilecli: ignore[CC603]", line6="# compilecli: ignore[CC501]",
                      line7="# compilecli: ignore[CC203]")
    result = check(work, text)
    assert result.exit_code == 0 and codes(result.stdout) == ["CC112"]


def test_words_that_are_not_a_directive(work):
    text = lines_with(line5="# compilecli: ignored", line6="# see compilecli docs",
                      line7="# compilecli: ignore-next-line")
    assert codes(check(work, text).stdout) == ["CC112", "CC203", "CC501", "CC603"]
    quoted = SPEC.replace("categorical_crossentropy", "'categorical_crossentropy#compilecli: ignore'")
    assert "CC202" in codes(check(work, quoted).stdout)   # '#' inside a scalar is not a comment


def test_unused_suppressions_are_reported_with_strict_only(work):
    text = lines_with(line5="# compilecli: ignore[CC603, CC3]", line4="# compilecli: ignore",
                      line8="# compilecli: ignore[CC112, CC999]")
    text = "# compilecli: ignore-file[CC4]\n" + text
    quiet = check(work, text)
    assert "CC901" not in quiet.stdout
    strict = check(work, text, "--strict")
    assert strict.exit_code == 1
    found = [line for line in strict.stdout.splitlines() if "CC901" in line]
    assert found == [
        "s.yaml:1:1: CC901 [*] warning `# compilecli: ignore-file[CC4]` silenced nothing in this file",
        "s.yaml:5:11: CC901 [*] warning `# compilecli: ignore` for line 5 silenced nothing",
        "s.yaml:6:54: CC901 [*] warning `# compilecli: ignore[CC3]` for line 6 silenced nothing",
        "s.yaml:9:20: CC901 [*] warning 'CC999' in a suppression comment is not a compilecli code",
    ]


def test_unused_suppression_in_chinese_and_ignorable(work):
    text = lines_with(line4="# compilecli: ignore[CC5]")
    result = check(work, text, "--strict", "--lang", "zh")
    assert "第 4 行的 `# compilecli: ignore[CC5]` 没有抑制任何诊断" in result.stdout
    assert "CC901" not in check(work, text, "--strict", "--ignore", "CC901").stdout


def test_suppression_of_a_disabled_code_is_not_unused(work):
    text = lines_with(line6="# compilecli: ignore[CC501]")
    result = check(work, text, "--strict", "--ignore", "CC5")
    assert "CC901" not in result.stdout


def test_strict_clean_file_with_used_suppressions(work):
    text = lines_with(line5="# compilecli: ignore[CC603]", line6="# compilecli: ignore[CC501]",
                      line7="# compilecli: ignore[CC203]", line8="# compilecli: ignore[CC112]")
    result = check(work, text, "--strict")
    assert result.exit_code == 0, result.stdout


def test_json_specs_have_no_comments(work):
    spec = '{"compile": {"optimizer": "adamm", "loss": "mse"}}\n'
    result = check(work, spec, name="s.json")
    assert codes(result.stdout) == ["CC201"]


def test_stdin_yaml_can_carry_suppressions(work):
    text = lines_with(line5="# compilecli: ignore[CC603]")
    result = run("check", "--isolated", "--format", "json", "-", input=text)
    assert "CC603" not in [d["code"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]]


def test_python_file(work):
    pytest.importorskip("compilecli.load.python_calls")
    source = (
        "from tensorflow import keras\n"
        "model.compile(optimizer='adamm', loss='mse')  # compilecli: ignore[CC201]\n"
        "other.compile(\n"
        "    # compilecli: ignore\n"
        "    optimizer='adamm',\n"
        "    loss='msee',\n"
        ")\n"
        "s = '# compilecli: ignore'; third.compile(optimizer='adam', loss='msee')\n"
    )
    result = check(work, source, "--strict", name="train.py")
    assert codes(result.stdout) == ["CC202", "CC202"], result.stdout


@pytest.mark.parametrize("char", ["\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_python_lines_are_counted_as_python_counts_them(work, char):
    # these split a line for str.splitlines(), not for Python's tokenizer and ast
    source = (
        "import keras\n"
        "\x0c\n"                         # a form feed may stand alone; the others only in comments and strings
        f"x = 1  # a{char}b\n"
        f"s = 'p{char}q'\n"
        "model.compile(optimizer='adamm', loss='mse')  # compilecli: ignore[CC201]\n"
        "# compilecli: ignore[CC202]\n"
        "other.compile(optimizer='adam', loss='msee')\n"
    )
    (work / "ff.py").write_text(source, encoding="utf-8", newline="")
    result = run("check", "--isolated", "--strict", "ff.py")
    assert codes(result.stdout) == [], result.stdout


def test_python_lone_carriage_returns_end_lines(work):
    source = "import keras\r# note\rmodel.compile(optimizer='adamm', loss='mse')  # compilecli: ignore[CC201]\r"
    (work / "cr.py").write_text(source, encoding="utf-8", newline="")
    result = run("check", "--isolated", "--strict", "cr.py")
    assert codes(result.stdout) == [], result.stdout


def test_yaml_lines_are_counted_as_libyaml_counts_them(work):
    # NEL, U+2028 and U+2029 are YAML line breaks (a form feed is not even allowed in YAML)
    for char in ("\x85", "\u2028", "\u2029"):
        spec = ("compile:\n"
                f"  metrics: ['a{char}b']\n"           # lines 2 and 3 for the YAML loader
                "  optimizer: adamm  # compilecli: ignore[CC201]\n"
                "  # compilecli: ignore[CC202]\n"
                "  loss: msee\n")
        (work / "s.yaml").write_text(spec, encoding="utf-8", newline="")
        result = run("check", "--isolated", "--strict", "s.yaml")
        assert codes(result.stdout) == ["CC203"], (repr(char), result.stdout)


# --- the parser, directly -------------------------------------------------------------------------

def test_parse_targets():
    text = "a: 1  # compilecli: ignore[CC1]\n\n# compilecli: ignore\n\n# note\nb: 2\n# compilecli: ignore-file[CC2]\n"
    found = [(s.line, s.target, s.codes) for s in suppress.parse(text)]
    assert found == [(1, 1, ("CC1",)), (3, 6, ()), (7, 0, ("CC2",))]


def test_an_unclosed_list_is_not_a_blanket_suppression():
    assert suppress.parse("a: 1  # compilecli: ignore[CC501\n") == []
    assert suppress.parse("a: 1  # compilecli: ignore[]\n")[0].codes == ()


def test_a_comment_at_the_end_suppresses_nothing():
    assert suppress.parse("a: 1\n# compilecli: ignore\n") == []


@pytest.mark.parametrize("char", ["\x0c", "\x1c", "\x85", "\u2028", "\u2029"])
def test_parse_numbers_lines_per_file_kind(char):
    text = f"a = 1  # x{char}y\nb = 2  # compilecli: ignore[CC1]\n"
    assert [(s.line, s.target) for s in suppress.parse(text, python=True)] == [(2, 2)]
    # YAML: NEL, U+2028 and U+2029 end a line; a form feed or \x1c is a control character the
    # YAML reader rejects, so that text has no comments at all (the loader reports CC103).
    expected = [(3, 3)] if char in "\x85\u2028\u2029" else []
    assert [(s.line, s.target) for s in suppress.parse(text)] == expected


def test_results_of_one_python_file_share_its_comments():
    text = "m.compile(loss='x')  # compilecli: ignore[CC202]\nn.compile(loss='y')\n"
    loaded = LoadedSpec(source="t.py", text=text, format="python", comments=python_comments(text))
    first = SpecResult("t.py", "keras3", [diagnostic("CC202", ERROR, span=Span(1, 17))], loaded)
    second = SpecResult("t.py", "keras3", [diagnostic("CC202", ERROR, span=Span(2, 17))], loaded)
    (first, second), silenced = suppress.apply([first, second], strict=True, enabled=lambda code, source: True)
    assert silenced == 1
    assert first.diagnostics == [] and [d.code for d in second.diagnostics] == ["CC202"]


@pytest.mark.parametrize("text", [
    'compile:\n  optimizer: {class_name: Adm, config: {name: "x #compilecli: ignore"}}\n  loss: mse\n',
    "compile:\n  optimizer: {class_name: Adm, config: {name: 'x # compilecli: ignore[CC201]'}}\n  loss: mse\n",
    "compile:\n  optimizer: {class_name: Adm, config: {name: x#compilecli:ignore}}\n  loss: mse\n",
])
def test_a_hash_inside_a_yaml_string_is_no_suppression(work, text):
    """The directive is part of a quoted scalar (or a plain one: '#' not after a blank), not a comment."""
    result = check(work, text)
    assert codes(result.output) == ["CC201"]
    assert suppress.parse(text) == []


def test_a_hash_inside_a_block_scalar_is_no_suppression():
    text = "compile:\n  loss: mse\n  note: |\n    # compilecli: ignore-file\n"
    assert suppress.parse(text) == []


def test_a_hash_inside_a_python_string_is_no_suppression():
    text = "m.compile(loss='x # compilecli: ignore')\nn.compile(loss='y')  # compilecli: ignore[CC202]\n"
    assert [(s.line, s.codes) for s in suppress.parse(text, python=True)] == [(2, ("CC202",))]


def test_filtering_is_pure():
    """filter_results returns new results; the checker's own are left as they were."""
    from compilecli.checker import check_text
    from compilecli.checker.filter import filter_results
    from compilecli.config import CheckOptions
    result = check_text(lines_with(line6="# compilecli: ignore[CC501]"), "s.yaml")
    before = list(result.diagnostics)
    (after,), silenced = filter_results([result], CheckOptions(ignore=("CC2",), strict=True))
    assert silenced == 1 and result.diagnostics == before
    assert sorted(d.code for d in after.diagnostics) == ["CC112", "CC603"]
