"""`compilecli schema`: a valid draft 2020-12 schema, built from the catalogue, that accepts the
clean samples and rejects what it can express (unknown names, wrong types, hard ranges)."""
import json
import pathlib

import pytest
import yaml
from click.testing import CliRunner

from compilecli import __version__
from compilecli.catalogue import KINDS, load_catalogue
from compilecli.checker import check_path
from compilecli.cli import main
from compilecli.schema import build_schema

jsonschema = pytest.importorskip("jsonschema")

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".yaml", ".json"))
# Codes whose problem the schema can express on its own (one value at a time).
SCHEMA_CODES = {"CC120", "CC122", "CC123", "CC124", "CC201", "CC202", "CC203", "CC204", "CC205", "CC206",
                "CC301", "CC302", "CC303", "CC305"}


@pytest.fixture(scope="module")
def schema():
    return build_schema()


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_schema_is_valid_draft_2020_12(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_name_enums_come_from_the_keras3_catalogue(schema):
    target = load_catalogue().target("keras3")
    for kind in KINDS:
        name_def = schema["$defs"][f"{kind}_name"]
        enum = name_def["enum"] if "enum" in name_def else name_def["anyOf"][0]["enum"]
        assert set(enum) == set(target.names(kind))
        assert ("anyOf" in name_def) == target.case_insensitive(kind)
    assert schema["properties"]["target"]["enum"] == ["keras3", "tf2", "keras2"]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples(validator, path):
    """Every sample `check` finds no error in validates; a sample with an error the schema can
    express (unknown name, wrong type, hard range, missing argument) does not."""
    result = check_path(str(path))
    errors = list(validator.iter_errors(load(path)))
    if result.errors == 0:
        assert errors == [], [e.message for e in errors]
    if {d.code for d in result.diagnostics} & SCHEMA_CODES:
        assert errors, f"{path.name}: the schema accepts what check reports"


GOOD = {"target": "keras3",
        "model": {"inputs": [16], "outputs": [{"name": "out", "units": 10, "activation": "softmax",
                                               "labels": "sparse"}]},
        "compile": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 0.001}},
                    "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"],
                    "run_eagerly": False, "jit_compile": "auto", "steps_per_execution": 4}}


def spec(**compile_args):
    data = json.loads(json.dumps(GOOD))
    data["compile"].update(compile_args)
    return data


def test_a_good_spec_validates(validator):
    assert list(validator.iter_errors(GOOD)) == []
    legacy = spec(sample_weight_mode="temporal", optimizer={"class_name": "SGD", "config": {"lr": 0.1, "decay": 0.0}})
    assert list(validator.iter_errors(legacy)) == []     # legacy keys: valid here, check reports them
    multi = spec(loss={"out": "mse"}, metrics={"out": ["mae", {"class_name": "AUC", "config": {"num_thresholds": 50}}]},
                 loss_weights={"out": 1.0})
    assert list(validator.iter_errors(multi)) == []


def test_optimizer_names_match_in_any_case(validator):
    """Keras 3's optimizers.get() lower-cases the name (a probed fact): sGD, aDam, AdaFactor, RMSProp
    are optimizers, and a config under a folded class_name is still checked against its class."""
    for name in ("sGD", "aDam", "AdaFactor", "RMSProp", "ADAMW"):
        assert list(validator.iter_errors(spec(optimizer=name))) == [], name
        good = spec(optimizer={"class_name": name, "config": {"learning_rate": 0.01}})
        assert list(validator.iter_errors(good)) == [], name
    assert list(validator.iter_errors(spec(optimizer={"class_name": "aDAM", "config": {"learning_rat": 0.1}})))
    assert list(validator.iter_errors(spec(optimizer="aDamm")))
    assert list(validator.iter_errors(spec(loss="Mean_Squared_Error")))     # losses keep their case


def test_hard_ranges_from_review(validator):
    def opt(cls, **config):
        return spec(optimizer={"class_name": cls, "config": config})
    assert list(validator.iter_errors(opt("Lion", beta_1=0.0)))              # Keras: beta_1 <= 0 raises
    assert list(validator.iter_errors(opt("Lion", beta_1=1.0))) == []
    assert list(validator.iter_errors(opt("Adam", ema_overwrite_frequency=0))) == []
    assert list(validator.iter_errors(opt("Adagrad", initial_accumulator_value=-1.0))) == []   # warn only
    r2 = spec(metrics=[{"class_name": "R2Score", "config": {"num_regressors": -1}}])
    assert list(validator.iter_errors(r2))


@pytest.mark.parametrize("broken", [
    spec(loss="binary_crossentropyy"),                                        # unknown loss name
    spec(loss={"class_name": "NoSuchLoss"}),                                  # unknown class_name
    spec(run_eagerly="yes"),                                                  # wrong type of run_eagerly
    spec(steps_per_execution=0),                                              # below the range
    spec(jit_compile="always"),                                               # not a choice
    spec(metircs=["accuracy"]),                                               # unknown compile key
    spec(optimizer={"class_name": "Adam", "config": {"learning_rat": 0.1}}),  # unknown config argument
    spec(optimizer={"class_name": "Adam", "config": {"amsgrad": "true"}}),    # wrong argument type
    spec(optimizer={"class_name": "Adam", "config": {"learning_rate": {
        "class_name": "PiecewiseConstantDecay", "config": {"boundaries": [10]}}}}),   # missing `values`
    dict(GOOD, target="keras4"),                                              # unknown target
    dict(GOOD, model={"outputs": [{"name": "out", "labels": "dense"}]}),      # unknown label format
    dict(GOOD, modle={}),                                                     # unknown top-level key
], ids=["unknown-loss", "unknown-class", "run_eagerly-type", "range", "choice", "compile-key",
        "config-key", "config-type", "required", "target", "labels", "top-level"])
def test_broken_specs_fail(validator, broken):
    assert list(validator.iter_errors(broken))


def test_cli_prints_and_writes_the_schema(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(main, ["schema"])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.output) == build_schema()
    target = tmp_path / "compilecli.schema.json"
    written = runner.invoke(main, ["schema", "--output", str(target), "--indent", "0"])
    assert written.exit_code == 0 and written.output == ""
    text = target.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and json.loads(text) == build_schema()


def test_version_option():
    for flag in ("--version", "-V"):
        result = CliRunner().invoke(main, [flag])
        assert result.exit_code == 0
        assert __version__ in result.output and "compilecli" in result.output


@pytest.mark.parametrize("shell,marker", [("bash", "complete -o nosort -F"), ("zsh", "compdef"),
                                          ("fish", "complete --no-files --command compilecli")])
def test_shell_completion_script(shell, marker):
    result = CliRunner().invoke(main, [], prog_name="compilecli",
                                env={"_COMPILECLI_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0
    assert marker in result.output and "_COMPILECLI_COMPLETE" in result.output
