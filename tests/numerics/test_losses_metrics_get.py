"""Name resolution of compilecli.numerics.losses / .metrics: get(), serialize/deserialize,
and the compile-time shortcuts ("accuracy"/"acc", "crossentropy"/"ce"), checked against
what Keras 3's compile_utils did (recorded in the golden files)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from compilecli.numerics import losses, metrics

GOLDEN = Path(__file__).parent / "golden"
LOSS_COMPILE = json.loads((GOLDEN / "losses.json").read_text())["compile"]
METRIC_COMPILE = json.loads((GOLDEN / "metrics.json").read_text())["compile"]


def shape_args(row):
    kind = losses.kind_from_shapes(row["y_true_shape"], row["y_pred_shape"])
    return {"output_units": 1 if kind == "binary" else row["y_pred_shape"][-1], "sparse_labels": kind == "sparse"}


@pytest.mark.parametrize("row", METRIC_COMPILE, ids=lambda r: f"{r['identifier']}{r['y_true_shape']}{r['y_pred_shape']}")
def test_compile_metric_matches_keras(row):
    if "error" in row:
        with pytest.raises(ValueError, match="Could not interpret metric identifier"):
            metrics.resolve_compile_metric(row["identifier"], **shape_args(row))
        return
    metric = metrics.resolve_compile_metric(row["identifier"], **shape_args(row))
    assert type(metric).__name__ == row["class_name"]
    assert metric.name == row["name"]


@pytest.mark.parametrize("row", LOSS_COMPILE, ids=lambda r: f"{r['identifier']}{r['y_true_shape']}{r['y_pred_shape']}")
def test_compile_loss_matches_keras(row):
    loss = losses.resolve_compile_loss(row["identifier"], **shape_args(row))
    assert type(loss).__name__ == row["class_name"]
    assert loss.name == row["name"]
    assert loss.fn.__name__ == row["fn"]


@pytest.mark.parametrize("loss_name, expected", [
    ("sparse_categorical_crossentropy", "SparseCategoricalAccuracy"),
    ("SparseCategoricalCrossentropy", "SparseCategoricalAccuracy"),
    ("categorical_crossentropy", "CategoricalAccuracy"),
    (None, "CategoricalAccuracy"),
    ("not_a_loss", "CategoricalAccuracy"),
])
def test_accuracy_infers_sparse_labels_from_the_loss_when_unknown(loss_name, expected):
    assert type(metrics.resolve_compile_metric("acc", loss_name, output_units=10)).__name__ == expected


def test_accuracy_with_one_output_unit_is_binary_whatever_the_loss():
    metric = metrics.resolve_compile_metric("Accuracy", "sparse_categorical_crossentropy", output_units=1)
    assert type(metric).__name__ == "BinaryAccuracy" and metric.name == "Accuracy"


def test_explicit_sparse_labels_override_the_loss():
    metric = metrics.resolve_compile_metric("accuracy", "sparse_categorical_crossentropy", 10, sparse_labels=False)
    assert type(metric).__name__ == "CategoricalAccuracy"


def test_compile_metric_wraps_plain_functions():
    metric = metrics.resolve_compile_metric(losses.mean_squared_error)
    assert isinstance(metric, metrics.MeanMetricWrapper) and metric.name == "mean_squared_error"
    metric.update_state(np.zeros((2, 3)), np.ones((2, 3)))
    assert metric.result() == pytest.approx(1.0)


def test_loss_get_class_name_gives_instance_and_function_name_gives_function():
    assert isinstance(losses.get("CategoricalCrossentropy"), losses.CategoricalCrossentropy)
    assert losses.get("mse") is losses.mean_squared_error
    assert losses.get("BCE") is losses.binary_crossentropy
    assert losses.get(None) is None
    assert isinstance(losses.get(losses.Huber), losses.Huber)


@pytest.mark.parametrize("name", ["logcosh", "huber_loss", "crossentropy", "ce", "kullback_leibler_divergence",
                                  "CategoricalGeneralizedCrossEntropy"])
def test_loss_names_keras3_rejects(name):
    with pytest.raises(ValueError, match="Could not interpret loss identifier"):
        losses.get(name)


@pytest.mark.parametrize("name", ["acc", "ce", "crossentropy", "logcosh_error", "mean_iou"])
def test_metric_names_keras3_rejects(name):
    with pytest.raises(ValueError, match="Could not interpret metric identifier"):
        metrics.get(name)


def test_metric_snake_case_names():
    assert type(metrics.get("auc")).__name__ == "AUC"
    assert type(metrics.get("f_beta_score")).__name__ == "FBetaScore"
    assert type(metrics.get("log_cosh_error")).__name__ == "LogCoshError"
    with pytest.raises(TypeError):   # MeanIoU needs num_classes, as in Keras
        metrics.get("mean_io_u")


def test_loss_dict_config_and_round_trip():
    loss = losses.get({"class_name": "BinaryFocalCrossentropy", "config": {"gamma": 3.0, "from_logits": True}})
    assert loss.gamma == 3.0 and loss.from_logits
    again = losses.deserialize(losses.serialize(loss))
    assert again.get_config() == loss.get_config()
    assert losses.deserialize(losses.serialize(losses.kl_divergence)) is losses.kl_divergence


def test_metric_dict_config_and_round_trip():
    metric = metrics.get({"class_name": "AUC", "config": {"curve": "PR", "num_thresholds": 50}})
    again = metrics.deserialize(metrics.serialize(metric))
    assert again.get_config() == metric.get_config()
    assert metrics.serialize(metric)["module"] == "keras.metrics"


def test_loss_function_wrapper_config_round_trip():
    wrapper = losses.LossFunctionWrapper(losses.huber, name="h", delta=0.5)
    again = losses.LossFunctionWrapper.from_config(wrapper.get_config())
    y_true, y_pred = np.zeros((3, 2)), np.full((3, 2), 2.0)
    assert again(y_true, y_pred) == pytest.approx(wrapper(y_true, y_pred))


def test_invalid_reduction_is_rejected():
    with pytest.raises(ValueError, match="reduction"):
        losses.MeanSquaredError(reduction="average")


def test_reset_state_zeroes_metric():
    metric = metrics.Precision()
    metric.update_state([1, 0, 1], [0.9, 0.8, 0.2])
    assert metric.result() == pytest.approx(0.5)
    metric.reset_state()
    assert metric.result() == 0.0


def test_metric_call_updates_and_returns_result():
    metric = metrics.Mean()
    assert metric([1.0, 3.0]) == pytest.approx(2.0)
    assert metric([5.0]) == pytest.approx(3.0)
