"""deserialize.json's class_name_rejected table is what the committed dict-names probe says (no Keras needed)."""
from __future__ import annotations

import importlib.util
import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _merge():
    spec = importlib.util.spec_from_file_location("dict_names_merge", ROOT / "tools" / "probes" / "dict_names_merge.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("target", ["keras3", "tf2"])
def test_table_is_the_probe_merged(target):
    data = json.loads((ROOT / "src/compilecli/catalogue/data/deserialize.json").read_text(encoding="utf-8"))
    assert data["class_name_rejected"][target] == _merge().rejected(target)


def test_the_issue_aliases_are_rejected_and_the_full_names_are_not():
    """keras3-q00024: mse/mae/mape/msle/kld (either case) raise as a loss class_name in Keras 3.15; the full
    function names they stand for are what --fix writes."""
    table = json.loads((ROOT / "src/compilecli/catalogue/data/deserialize.json").read_text(encoding="utf-8"))
    losses = table["class_name_rejected"]["keras3"]["loss"]
    for alias in ("mse", "mae", "mape", "msle", "kld", "MSE", "MAE"):
        assert losses[alias]["use"] and losses[alias]["use"] not in losses
    assert not {"mean_squared_error", "huber", "kl_divergence", "log_cosh", "poisson"} & set(losses)
