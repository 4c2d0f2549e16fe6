"""issue 13: smoke says where a run diverged, and the loss line agrees with the verdict."""
import json

from compilecli.smoke.chart import chart

DIVERGES = """
model:
  inputs: [8]
  outputs: [{name: y, units: 1, activation: linear, labels: real}]
compile:
  optimizer: {class_name: SGD, config: {learning_rate: 5.0}}
  loss: mse
"""


def test_divergence_is_reported_with_the_step_and_the_steps_asked(write_spec, smoke):
    result = smoke(write_spec(DIVERGES))
    assert result.exit_code == 1
    out = result.stdout
    assert "stopped at step" in out and "of the 200 asked for" in out
    assert "did not fall" not in out
    assert "SM103" in out and "diverged" in out
    assert "log scale" in out and "!" in out


def test_json_history_keeps_the_nan_step(write_spec, smoke):
    data = json.loads(smoke(write_spec(DIVERGES), "--format", "json").stdout)
    assert data["nan"]["step"] == data["steps_run"] < data["steps"] == 200


def test_small_fall_says_only_and_the_threshold(root, smoke):
    out = smoke(str(root / "samples" / "activation_traps.yaml")).stdout
    assert "fell only 3.2% (needs ≥ 5%)" in out
    assert "fell only 3.2% in 200 steps" in out
    assert "fell 3.2%" not in out


def test_chart_labels_ticks_and_log_scale():
    lines = chart([1.0, 10.0, 1e3, 1e6, None], "step", "step (log scale)")
    assert lines[0].lstrip().startswith("1e+06")
    assert lines[-1].endswith("step (log scale)") and " 5 " in lines[-1] + " "
    assert lines[-3].rstrip().endswith("!")


def test_chart_linear_when_the_loss_spans_less_than_two_decades():
    lines = chart([2.0, 1.5, 1.2, 1.0], "step", "step (log scale)")
    assert lines[-1].endswith("step") and "2 ┤" in lines[0]
