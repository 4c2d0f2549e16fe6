"""smoke's pre-check is `compilecli check`'s: configuration, select/ignore, per-file-ignores and
inline suppressions apply; smoke refuses only when that filtered check has errors, and an object
whose error was silenced but that the numerics cannot build is refused by name, never a traceback."""
import itertools
import json

import pytest
from click.testing import CliRunner

from compilecli.cli import main

MODEL = """\
target: keras3
model:
  inputs: [8]
  outputs:
    - {name: out, units: 1, activation: linear, labels: real}
"""

SUPPRESSED_F1 = MODEL + """\
compile:
  optimizer: adam
  loss: mse
  metrics: [mae, f1]   # compilecli: ignore[CC203]
"""

F1 = MODEL + """\
compile:
  optimizer: adam
  loss: mse
  metrics: [mae, f1]
"""

# `steps_per_execution: 0` is a CC303 error; smoke does not use it, so once silenced it trains.
SPE = MODEL + """\
compile:
  optimizer: adam
  loss: mse
  metrics: [mae]
  steps_per_execution: 0
"""

# `lr` on a Keras 3 optimizer is a CC603 error, and the numerics (Keras 3's) reject it too.
LR = MODEL + """\
compile:
  optimizer: {class_name: Adam, config: {lr: 0.01}}
  loss: mse
"""


def _runner():
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def run(*args):
    return _runner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A clean working folder (configuration discovery starts at the current folder)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COMPILECLI_LANG", raising=False)
    return tmp_path


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_example_from_the_bug_report(here):
    spec = write(here, "s.yaml", SUPPRESSED_F1)
    assert run("check", spec).exit_code == 0
    result = run("smoke", spec, "--steps", "20")
    assert result.exit_code == 2
    # not blamed on check: the check found nothing, smoke says what it cannot build
    assert "CC203" not in result.stdout and "compilecli check" not in result.stderr
    assert "smoke cannot run the metric f1" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_an_unsuppressed_error_is_still_refused_as_a_check_failure(here):
    spec = write(here, "s.yaml", F1)
    result = run("smoke", spec, "--steps", "20")
    assert result.exit_code == 2
    assert "CC203" in result.stdout
    assert "`compilecli check` found 1 error(s)" in result.stderr


def test_inline_suppression_of_an_error_the_numerics_can_live_with_lets_it_train(here):
    assert run("smoke", write(here, "s.yaml", SPE), "--steps", "20").exit_code == 2
    suppressed = SPE.replace("steps_per_execution: 0", "steps_per_execution: 0   # compilecli: ignore[CC303]")
    spec = write(here, "t.yaml", suppressed)
    assert run("check", spec).exit_code == 0
    result = run("smoke", spec, "--steps", "20", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(result.stdout)["steps_run"] == 20


def test_ignore_file_comment(here):
    spec = write(here, "s.yaml", "# compilecli: ignore-file[CC3]\n" + SPE)
    assert run("smoke", spec, "--steps", "20").exit_code in (0, 1)


def test_a_suppressed_error_the_numerics_share_is_refused_naming_the_object(here):
    spec = write(here, "s.yaml", "# compilecli: ignore-file[CC6]\n" + LR)
    assert run("check", spec).exit_code == 0
    result = run("smoke", spec, "--steps", "20")
    assert result.exit_code == 2
    assert "smoke cannot run the optimizer" in result.stderr and "'lr'" in result.stderr
    assert "compilecli check" not in result.stderr


@pytest.mark.parametrize("config_name, body", [
    (".compilecli.toml", 'ignore = ["CC303"]\n'),
    ("pyproject.toml", '[tool.compilecli]\nignore = ["CC3"]\n'),
    ("pyproject.toml", '[tool.compilecli]\nselect = ["CC2"]\n'),
    (".compilecli.toml", '[per-file-ignores]\n"specs/*" = ["CC303"]\n'),
])
def test_the_configuration_file_is_honoured(here, config_name, body):
    write(here, config_name, body)
    spec = write(here, "specs/s.yaml", SPE)
    assert run("check", spec).exit_code == 0
    assert run("smoke", spec, "--steps", "20").exit_code in (0, 1)
    # --isolated reads no configuration: the same spec is refused by the check, as check would fail it
    isolated = run("smoke", spec, "--steps", "20", "--isolated")
    assert isolated.exit_code == 2 and "CC303" in isolated.stdout
    assert run("check", spec, "--isolated").exit_code == 1


def test_config_option_names_the_file(here):
    config = write(here, "elsewhere/cfg.toml", 'ignore = ["CC303"]\n')
    spec = write(here, "s.yaml", SPE)
    assert run("smoke", spec, "--steps", "20").exit_code == 2
    assert run("smoke", spec, "--steps", "20", "--config", config).exit_code in (0, 1)


def test_a_bad_configuration_is_a_usage_error(here):
    write(here, ".compilecli.toml", 'select = "CC5"\n')
    result = run("smoke", write(here, "s.yaml", SPE))
    assert result.exit_code == 2
    assert "select" in result.stderr and "Traceback" not in result.stdout + result.stderr


def test_the_configuration_target_and_lang_apply(here):
    # tf2 accepts `lr` (a warning there), so the tf2 target from the configuration lets it run
    write(here, ".compilecli.toml", 'target = "tf2"\nlang = "zh"\n')
    spec = write(here, "s.yaml", LR.replace("target: keras3\n", ""))
    result = run("smoke", spec, "--steps", "20", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(result.stdout)["target"] == "tf2"
    # the command line wins over the file
    assert run("smoke", spec, "--steps", "20", "--target", "keras3").exit_code == 2
    refused = run("smoke", write(here, "f1.yaml", F1), "--lang", "en")
    assert "smoke did not run" in refused.stderr
    assert "smoke did not run" not in run("smoke", write(here, "f2.yaml", F1)).stderr   # zh


def test_exclude_does_not_hide_the_spec_smoke_was_given(here):
    write(here, ".compilecli.toml", 'exclude = ["*.yaml"]\n')
    result = run("smoke", write(here, "s.yaml", F1))
    assert result.exit_code == 2 and "CC203" in result.stdout


def test_warnings_never_refuse(here):
    # an onehot-labels output under mse is a warning (CC508): smoke runs it
    spec = write(here, "s.yaml", MODEL.replace("units: 1, activation: linear, labels: real",
                                               "units: 3, activation: softmax, labels: onehot")
                 + "compile: {optimizer: adam, loss: mse}\n")
    result = run("check", spec)
    assert result.exit_code == 0 and "warning" in result.stdout
    assert run("smoke", spec, "--steps", "20").exit_code in (0, 1)


def test_a_folder_is_still_refused_as_unreadable(here):
    write(here, "specs/s.yaml", F1)
    result = run("smoke", str(here / "specs"))
    assert result.exit_code == 2 and "CC100" in result.stdout


def test_the_api_reads_no_configuration_unless_given_options(here):
    from compilecli.config import resolve_options
    from compilecli.smoke.api import smoke_path
    from compilecli.smoke.plan import Refusal
    write(here, ".compilecli.toml", 'ignore = ["CC303"]\n')
    spec = write(here, "s.yaml", SPE)
    with pytest.raises(Refusal) as refused:
        smoke_path(spec, steps=10)
    assert refused.value.key == "check_failed" and refused.value.params == {"errors": 1}
    report = smoke_path(spec, steps=10, options=resolve_options({}))
    assert report.steps == 10 and report.check.errors == 0


# Every suppressed check error either trains, or is refused with smoke's own message.
OPTIMIZERS = ["adamm", "7", "[adam]", "{class_name: Adam, config: {learning_rate: abc}}",
              "{class_name: Adam, config: {learning_rate: {class_name: Nope, config: {}}}}", "{config: {}}"]
LOSSES = ["msee", "5", "[mse, mse, mse]", "{zz: mse}", "{class_name: Huber, config: {delta: abc}}", "[[mse]]"]
METRICS = ["[f1]", "acc", "7", "{zz: [mae]}", "[[mae, [auc]]]", "[{class_name: AUC, config: {num_thresholds: -3}}]"]
MODELS = ["{outputs: [{name: a, units: 1}, {name: a, units: 2}]}", "{outputs: [{name: a, units: -2, activation: foo}]}",
          "{inputs: [0], outputs: [{name: a, units: 2}]}", "{outputs: [{name: a, units: 3, activation: glu}]}"]


@pytest.mark.parametrize("optimizer, loss, metrics", list(zip(OPTIMIZERS, LOSSES, METRICS))
                         + list(itertools.product(["adam"], ["mse"], METRICS[:2])))
def test_suppressed_errors_never_give_a_traceback(here, optimizer, loss, metrics):
    text = ("# compilecli: ignore-file\n" + MODEL
            + f"compile:\n  optimizer: {optimizer}\n  loss: {loss}\n  metrics: {metrics}\n")
    result = run("smoke", write(here, "s.yaml", text), "--steps", "5")
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:   # refused by smoke itself, not blamed on the (clean) check
        assert "compilecli check" not in result.stderr and not result.stdout


@pytest.mark.parametrize("model", MODELS)
def test_suppressed_model_errors_never_give_a_traceback(here, model):
    text = f"# compilecli: ignore-file\nmodel: {model}\ncompile: {{optimizer: adam, loss: mse}}\n"
    result = run("smoke", write(here, "s.yaml", text), "--steps", "5")
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stdout + result.stderr


def test_duplicate_output_names_are_refused_by_name(here):
    text = "model: {outputs: [{name: a, units: 1}, {name: a, units: 2}]}\ncompile: {optimizer: adam, loss: mse}\n"
    result = run("smoke", write(here, "s.yaml", text), "--steps", "5")
    assert result.exit_code == 2 and "CC123" in result.stdout          # check reports it first
    result = run("smoke", write(here, "s.yaml", "# compilecli: ignore-file\n" + text), "--steps", "5")
    assert result.exit_code == 2 and "two outputs are named 'a'" in result.stderr
