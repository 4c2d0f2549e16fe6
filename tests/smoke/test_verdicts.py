"""What `compilecli smoke` concludes on specs that train, diverge, go NaN or never learn."""
import json

from conftest import classifier


def verdicts(result):
    return [(v["code"], v["output"]) for v in json.loads(result.stdout)["verdicts"]]


def test_adam_sparse_classifier_trains(write_spec, smoke):
    result = smoke(write_spec(classifier()), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert verdicts(result) == [("SM001", "out")]
    out = json.loads(result.stdout)["outputs"][0]
    assert out["loss_fell"] and out["loss_end"] < out["loss_start"]
    assert out["metrics"]["accuracy"]["end"] > out["metrics"]["accuracy"]["start"]


def test_huge_sgd_learning_rate_diverges(write_spec, smoke):
    spec = classifier(optimizer="{class_name: SGD, config: {learning_rate: 10000.0}}")
    result = smoke(write_spec(spec), "--format", "json")
    assert result.exit_code == 1
    assert verdicts(result)[0][0] in ("SM102", "SM103")


def test_poisson_on_a_linear_output_goes_nan_at_step_1(write_spec, smoke):
    spec = classifier(loss="poisson", units=1, activation="linear", labels="real", metrics="[]")
    result = smoke(write_spec(spec), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert verdicts(result) == [("SM103", "out")]
    assert data["nan"] == {"step": 1, "output": "out", "where": "loss"}
    assert data["outputs"][0]["nan_step"] == 1


def test_softmax_over_one_unit_never_learns(write_spec, smoke):
    spec = classifier(loss="binary_crossentropy", units=1, labels="binary")
    result = smoke(write_spec(spec), "--format", "json")
    assert result.exit_code == 1
    assert set(verdicts(result)) == {("SM101", "out"), ("SM104", "out")}


def test_zero_learning_rate_does_not_fall(write_spec, smoke):
    spec = classifier(optimizer="{class_name: Adam, config: {learning_rate: 0.0}}")
    result = smoke(write_spec(spec), "--format", "json")
    assert result.exit_code == 1
    assert ("SM101", "out") in verdicts(result)


def test_output_without_a_loss_is_reported_not_failed(write_spec, smoke):
    spec = write_spec("""\
        model:
          inputs: [8]
          outputs:
            - {name: a, units: 3, activation: softmax, labels: onehot}
            - {name: b, units: 1, activation: linear, labels: real}
        compile:
          optimizer: adam
          loss: {a: categorical_crossentropy, b: null}
          loss_weights: {a: 2.0, b: 1.0}
        """)
    result = smoke(spec, "--format", "json", "--steps", "150")
    codes = dict((o, c) for c, o in verdicts(result))
    assert codes["b"] == "SM002"


def test_shipped_multi_output_sample_trains(root, smoke):
    result = smoke(str(root / "samples" / "multi_output_clean.yaml"), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert {c for c, _ in verdicts(result)} == {"SM001"}


def test_text_report_shows_start_end_curve_and_verdict(write_spec, smoke):
    result = smoke(write_spec(classifier()))
    assert result.exit_code == 0
    text = result.stdout
    assert "loss" in text and "->" in text and "SM001" in text and "accuracy" in text
    assert any(ch in text for ch in "▁▂▃▄▅▆▇█")


def test_chinese_report(write_spec, smoke):
    spec = classifier(loss="binary_crossentropy", units=1, labels="binary")
    result = smoke(write_spec(spec), "--lang", "zh")
    assert "损失" in result.stdout and "评估指标" in result.stdout and "SM104" in result.stdout
    data = json.loads(smoke(write_spec(spec), "--lang", "zh", "--format", "json").stdout)
    assert "verdicts" in data and "损失" in data["verdicts"][0]["message"]   # keys English, words Chinese
