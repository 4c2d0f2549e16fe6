"""compilecli.numerics.schedules against values recorded from real Keras 3 (float64).

Fixtures: tests/numerics/golden/schedules.json, written by
tools/golden/gen_optimizers_schedules.py. Keras is not needed here.
"""
import json
from pathlib import Path

import numpy as np
import pytest

from compilecli.numerics import schedules

GOLDEN = json.loads((Path(__file__).parent / "golden" / "schedules.json").read_text())
CASES = GOLDEN["cases"]
IDS = [c["id"] for c in CASES]


def _schedule(case):
    return schedules.get({"class_name": case["class_name"], "config": dict(case["config"])})


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_values_match_keras(case):
    schedule = _schedule(case)
    actual = [float(schedule(step)) for step in case["steps"]]
    np.testing.assert_allclose(actual, case["values"], rtol=1e-6, atol=0)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_numpy_integer_steps_give_the_same_values(case):
    # An optimizer passes its counter as a Python int; a numpy int32 step must agree.
    schedule = _schedule(case)
    actual = [float(schedule(np.int32(step))) for step in case["steps"]]
    np.testing.assert_allclose(actual, case["values"], rtol=1e-6, atol=0)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_config_and_serialization_match_keras(case):
    schedule = _schedule(case)
    assert schedule.get_config() == case["keras_config"]
    assert schedules.serialize(schedule) == case["serialized"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_round_trip_through_serialize(case):
    schedule = _schedule(case)
    again = schedules.deserialize(schedules.serialize(schedule))
    assert type(again) is type(schedule)
    assert again.get_config() == schedule.get_config()
    assert [float(again(s)) for s in case["steps"]] == [float(schedule(s)) for s in case["steps"]]
