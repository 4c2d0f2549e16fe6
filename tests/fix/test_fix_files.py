"""fix_report on real files: in-place rewrites that keep comments, layout, encoding and newlines;
--diff without --fix; the re-check; the exit code after fixing."""
import codecs

import pytest

from compilecli.checker import Report, check_path
from compilecli.fix import fix_report, unified_diff
from fixhelpers import codes, options, report_for

BLOCK = """\
# Copied from a 2018 tutorial.   (this comment must survive)
target: keras3
model:
  inputs: [20]
  outputs:
    - {name: out, units: 3, activation: softmax, labels: onehot}

compile:
  # the optimizer, as the tutorial had it
  optimizer:
    class_name: Adam
    config:
      lr: 1e-3          # the tutorial's learning rate
      decay: 0.0001     # per-step decay
      beta_1: 0.9
  loss: categorical_crossentropy   # keep this
  metrics: [accuracy]
  sample_weight_mode:
    out: temporal
  run_eagerly: yes     # debugging
  target_tensors: null
"""

BLOCK_FIXED = """\
# Copied from a 2018 tutorial.   (this comment must survive)
target: keras3
model:
  inputs: [20]
  outputs:
    - {name: out, units: 3, activation: softmax, labels: onehot}

compile:
  # the optimizer, as the tutorial had it
  optimizer:
    class_name: Adam
    config:
      learning_rate: 1.0e-3          # the tutorial's learning rate
      beta_1: 0.9
  loss: categorical_crossentropy   # keep this
  metrics: [accuracy]
  run_eagerly: true     # debugging
"""

FLOW = """\
target: keras3
model: {outputs: [{name: out, units: 1, activation: sigmoid, labels: binary}]}
compile: {optimizer: {class_name: SGD, config: {lr: 0.01, decay: 1.0e-6, momentum: 0.9}},  # old SGD
          loss: binary_crossentropy, distribute: mirrored,
          metrics: [accuracy], run_eagerly: off}
"""

FLOW_FIXED = """\
target: keras3
model: {outputs: [{name: out, units: 1, activation: sigmoid, labels: binary}]}
compile: {optimizer: {class_name: SGD, config: {learning_rate: 0.01, momentum: 0.9}},  # old SGD
          loss: binary_crossentropy,
          metrics: [accuracy], run_eagerly: false}
"""

JSON = """\
{
  "target": "keras3",
  "model": {"outputs": [{"name": "price", "units": 1, "activation": "linear", "labels": "real"}]},
  "compile": {
    "sample_weight_mode": "temporal",
    "optimizer": {"class_name": "RMSprop", "config": {"lr": 0.0005, "rho": 0.9, "decay": 0.01}},
    "loss": "mse",
    "target_tensors": []
  }
}
"""

JSON_FIXED = """\
{
  "target": "keras3",
  "model": {"outputs": [{"name": "price", "units": 1, "activation": "linear", "labels": "real"}]},
  "compile": {
    "optimizer": {"class_name": "RMSprop", "config": {"learning_rate": 0.0005, "rho": 0.9}},
    "loss": "mse"
  }
}
"""


def write(tmp_path, name, text, encoding="utf-8", newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


@pytest.mark.parametrize("name,before,after", [("block.yaml", BLOCK, BLOCK_FIXED),
                                               ("flow.yaml", FLOW, FLOW_FIXED),
                                               ("spec.json", JSON, JSON_FIXED)])
def test_fix_rewrites_in_place_keeping_comments_and_layout(tmp_path, name, before, after):
    path = write(tmp_path, name, before)
    report = report_for(path)
    assert report.exit_code() == 1
    patch, fixed = fix_report(report, options(), write=True, echo=False)
    assert path.read_text(encoding="utf-8") == after
    assert patch.count(f"--- a/{str(path).lstrip('/')}") == 1
    # the returned report is the re-check: nothing fixable is left and it agrees with a fresh check
    assert codes(fixed) == codes(check_path(str(path)))
    assert not {"CC603", "CC601", "CC111", "CC112"} & set(codes(fixed))
    assert fixed.exit_code() == 0
    # fixing twice is fixing once
    again_patch, again = fix_report(fixed, options(), write=True, echo=False)
    assert again_patch == "" and path.read_text(encoding="utf-8") == after


def test_diff_without_fix_leaves_the_file_untouched(tmp_path):
    path = write(tmp_path, "block.yaml", BLOCK)
    stat = path.stat()
    report = report_for(path)
    patch, same = fix_report(report, options(), write=False, echo=False)
    assert path.read_text(encoding="utf-8") == BLOCK
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert same is report and same.exit_code() == 1
    assert "-      lr: 1e-3          # the tutorial's learning rate\n" in patch
    assert "+      learning_rate: 1.0e-3          # the tutorial's learning rate\n" in patch
    assert "-  sample_weight_mode:\n-    out: temporal\n" in patch
    assert "-  run_eagerly: yes     # debugging\n" in patch and "+  run_eagerly: true     # debugging\n" in patch
    assert "-  target_tensors: null\n" in patch
    # the decay note travels with the diff, as a comment line before the file's header
    first = patch.splitlines()[0]
    assert first.startswith("# ") and "decay" in first and "schedule" in first
    assert patch.index("# ") < patch.index("--- a/")


def test_patch_applies_back_to_the_fixed_text(tmp_path):
    path = write(tmp_path, "block.yaml", BLOCK)
    patch, _ = fix_report(report_for(path), options(), write=False, echo=False)
    assert apply_unified(BLOCK, patch) == BLOCK_FIXED


def apply_unified(text, patch):
    """A minimal `patch -p1` for one file: enough to prove the hunks are right."""
    old = text.splitlines(keepends=True)
    out, at = [], 0
    lines = patch.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("@@"):
            start = int(line.split()[1].split(",")[0][1:]) - 1
            out.extend(old[at:start])
            at = start
            i += 1
            while i < len(lines) and lines[i][:1] in (" ", "-", "+", "\\"):
                tag, body = lines[i][:1], lines[i][1:]
                if tag == " ":
                    out.append(old[at]); at += 1
                elif tag == "-":
                    assert old[at] == body; at += 1
                elif tag == "+":
                    out.append(body)
                i += 1
            continue
        i += 1
    out.extend(old[at:])
    return "".join(out)


def test_exit_code_is_0_when_everything_was_fixed(tmp_path):
    path = write(tmp_path, "legacy.yaml",
                 "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.001}}\n  loss: mse\n"
                 "  sample_weight_mode: temporal\n")
    report = report_for(path)
    assert codes(report) == ["CC601", "CC603"] and report.exit_code() == 1
    _, fixed = fix_report(report, options(), write=True, echo=False)
    assert codes(fixed) == [] and fixed.exit_code() == 0
    assert path.read_text() == "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 0.001}}\n  loss: mse\n"


def test_what_cannot_be_fixed_remains_in_the_report(tmp_path):
    path = write(tmp_path, "mixed.yaml",
                 "model:\n  outputs:\n    - {name: out, units: 3, activation: softmax, labels: sparse}\n"
                 "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1, learning_rate: 0.01}}\n"
                 "  loss: categorical_crossentropy\n  sample_weight_mode: temporal\n")
    _, fixed = fix_report(report_for(path), options(), write=True, echo=False)
    # lr next to learning_rate is not certain; the label mismatch is not mechanical
    assert codes(fixed) == ["CC501", "CC603"]
    assert fixed.exit_code() == 1
    assert "sample_weight_mode" not in path.read_text()
    line = fixed.results[0].diagnostics[0].span.line
    assert path.read_text().splitlines()[line - 1].lstrip().startswith(("optimizer", "loss"))


def test_recheck_keeps_the_reports_filtering(tmp_path):
    """A diagnostic the report had left out (--ignore, a suppression) stays out after fixing."""
    path = write(tmp_path, "spec.yaml",
                 "model:\n  outputs:\n    - {name: out, units: 3, activation: softmax, labels: sparse}\n"
                 "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}\n  loss: categorical_crossentropy\n")
    from compilecli.checker.run import run_check
    from compilecli.config import CheckOptions
    ignoring = CheckOptions(ignore=("CC501",))
    report = run_check((str(path),), ignoring)
    assert codes(report) == ["CC603"]
    _, fixed = fix_report(report, ignoring, write=True, echo=False)
    assert codes(fixed) == [] and fixed.exit_code() == 0
    _, unfiltered = fix_report(report_for(path), options(), write=False, echo=False)
    assert codes(unfiltered) == ["CC501"]            # without the ignore, the re-check reports it


@pytest.mark.parametrize("encoding,bom,newline", [("utf-8", b"", "\r\n"),
                                                  ("utf-8", codecs.BOM_UTF8, "\n"),
                                                  ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n")])
def test_encoding_bom_and_newlines_are_kept(tmp_path, encoding, bom, newline):
    path = tmp_path / "spec.yaml"
    path.write_bytes(bom + BLOCK.replace("\n", newline).encode(encoding))
    _, fixed = fix_report(report_for(path), options(), write=True, echo=False)
    raw = path.read_bytes()
    assert raw.startswith(bom)
    assert raw[len(bom):].decode(encoding) == BLOCK_FIXED.replace("\n", newline)
    assert fixed.exit_code() == 0


def test_crlf_json(tmp_path):
    path = write(tmp_path, "spec.json", JSON, newline="\r\n")
    fix_report(report_for(path), options(), write=True, echo=False)
    assert path.read_bytes() == JSON_FIXED.replace("\n", "\r\n").encode()


def test_target_override_is_used(tmp_path):
    text = "target: keras2\ncompile:\n  optimizer: {class_name: SGD, config: {lr: 0.01, decay: 1.0e-6}}\n"
    path = write(tmp_path, "old.yaml", text)
    patch, _ = fix_report(report_for(path), options(), write=True, echo=False)
    assert patch == "" and path.read_text() == text          # fine for Keras 2
    report = report_for(path, target="keras3")
    _, fixed = fix_report(report, options(target="keras3"), write=True, echo=False)
    assert path.read_text() == "target: keras2\ncompile:\n  optimizer: {class_name: SGD, config: {learning_rate: 0.01}}\n"
    assert fixed.exit_code() == 0


def test_aliases_duplicates_and_stdin_files_are_left_alone(tmp_path):
    aliased = write(tmp_path, "aliased.yaml",
                    "compile:\n  optimizer: {class_name: Adam, config: &cfg {lr: 0.1}}\n"
                    "  weighted_metrics: []\n  metrics: [{class_name: AUC, config: *cfg}]\n")
    duplicate = write(tmp_path, "dup.yaml",
                      "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}\n  optimizer: adam\n")
    report = report_for(aliased, duplicate)
    before = [aliased.read_text(), duplicate.read_text()]
    patch, _ = fix_report(report, options(), write=True, echo=False)
    assert patch == ""
    assert [aliased.read_text(), duplicate.read_text()] == before
    # stdin is fixed in memory: the fixed text is handed back for standard output, no file is written
    from compilecli.checker import check_text
    stdin = check_text("compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}\n", "<stdin>")
    piped = []
    patch, fixed = fix_report(Report([stdin]), options(), write=True, echo=False, stdin=piped)
    assert piped == [("compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}\n",
                      "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 0.1}}\n")]
    assert codes(fixed) == [] and not (tmp_path / "<stdin>").exists()
    piped = []
    patch, same = fix_report(Report([stdin]), options(), write=False, echo=False, stdin=piped)
    assert piped == [] and "+  optimizer: {class_name: Adam, config: {learning_rate: 0.1}}" in patch
    assert codes(same) == ["CC603"]


def test_bool_words_only_where_the_argument_is_a_bool(tmp_path):
    path = write(tmp_path, "words.yaml",
                 "compile:\n  optimizer: {class_name: Adam, config: {amsgrad: yes, name: no}}\n"
                 "  loss: mse\n  run_eagerly: on\n")
    fix_report(report_for(path), options(), write=True, echo=False)
    assert path.read_text() == ("compile:\n  optimizer: {class_name: Adam, config: {amsgrad: true, name: no}}\n"
                                "  loss: mse\n  run_eagerly: true\n")


@pytest.mark.parametrize("lang,summary", [("en", "Fixed 5 problems in 1 file."),
                                          ("zh", "已修复 1 个文件中的 5 个问题。")])
def test_summary_and_decay_note_on_stderr(tmp_path, capsys, lang, summary):
    path = write(tmp_path, "block.yaml", BLOCK.replace("  run_eagerly: yes     # debugging\n", ""))
    fix_report(report_for(path), options(lang=lang), write=True)
    err = capsys.readouterr().err
    assert summary in err
    assert "InverseTimeDecay" in err and f"{path}:14:" in err


def test_diff_only_says_what_would_be_fixed(tmp_path, capsys):
    path = write(tmp_path, "block.yaml", BLOCK)
    fix_report(report_for(path), options(), write=False)
    err = capsys.readouterr().err
    assert "6 problems in 1 file can be fixed" in err and "--fix" in err


def test_unified_diff_marks_a_missing_final_newline():
    diff = unified_diff("./x.yaml", "a: 1\nb: 2", "a: 1\nb: 3")
    assert diff.startswith("--- a/x.yaml\n+++ b/x.yaml\n")
    assert diff.endswith("+b: 3\n\\ No newline at end of file\n")


def test_recheck_keeps_the_reports_suppressions(tmp_path):
    """The fixed text goes through the same decision point as `check`: a suppressed CC501 stays
    silenced, and the --strict CC901 bookkeeping sees the suppression used (nothing new appears)."""
    path = write(tmp_path, "spec.yaml",
                 "model:\n  outputs:\n    - {name: out, units: 3, activation: softmax, labels: sparse}\n"
                 "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.1}}\n"
                 "  loss: categorical_crossentropy  # compilecli: ignore[CC501]\n")
    from compilecli.checker.run import run_check
    from compilecli.config import CheckOptions
    strict = CheckOptions(strict=True)
    report = run_check((str(path),), strict)
    assert codes(report) == ["CC603"] and report.suppressed == 1
    _, fixed = fix_report(report, strict, write=True, echo=False)
    assert "learning_rate: 0.1" in path.read_text()
    assert codes(fixed) == [] and fixed.exit_code(strict=True) == 0


def test_an_int_under_an_old_name_is_reported_and_fixed_up_front(tmp_path):
    """`lr: 1` under Keras 3: the rename (CC603) and the int learning rate (CC302) are both reported
    before fixing, both fixed, and counted; the re-check reveals nothing new."""
    path = write(tmp_path, "spec.yaml", "compile:\n  optimizer: {class_name: Adam, config: {lr: 1}}\n  loss: mse\n")
    report = report_for(path)
    assert codes(report) == ["CC302", "CC603"]
    _, fixed = fix_report(report, options(), write=True, echo=False)
    assert path.read_text() == "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1.0}}\n  loss: mse\n"
    assert codes(fixed) == [] and fixed.exit_code() == 0
