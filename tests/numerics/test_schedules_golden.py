"""compilecli.numerics.schedules against values recorded from real Keras 3, under floatx
float64 and float32 (Keras's default).

Fixtures: tests/numerics/golden/schedules[.float32].json, written by
tools/golden/gen_optimizers_schedules.py. Keras is not needed here.
"""
import numpy as np
import pytest

from compilecli.numerics import schedules
from goldenhelpers import RTOL, each_case, floatx_scope, load_golden

GOLDENS = load_golden("schedules")
CASES = GOLDENS["float64"]["cases"]
IDS = [c["id"] for c in CASES]
PAIRS, PAIR_IDS = each_case(GOLDENS)


def _schedule(case):
    return schedules.get({"class_name": case["class_name"], "config": dict(case["config"])})


@pytest.mark.parametrize("dtype, case", PAIRS, ids=PAIR_IDS)
def test_values_match_keras(dtype, case):
    with floatx_scope(dtype):
        schedule = _schedule(case)
        values = [schedule(step) for step in case["steps"]]
    if case["class_name"] != "PiecewiseConstantDecay":   # its values keep the type they were given in
        assert {np.asarray(v).dtype for v in values} == {np.dtype(dtype)}
    np.testing.assert_allclose([float(v) for v in values], case["values"], rtol=RTOL[dtype], atol=0)


@pytest.mark.parametrize("dtype, case", PAIRS, ids=PAIR_IDS)
def test_numpy_integer_steps_give_the_same_values(dtype, case):
    # An optimizer passes its counter as a Python int; a numpy int32 step must agree.
    with floatx_scope(dtype):
        schedule = _schedule(case)
        actual = [float(schedule(np.int32(step))) for step in case["steps"]]
    np.testing.assert_allclose(actual, case["values"], rtol=RTOL[dtype], atol=0)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_config_and_serialization_match_keras(case):
    with floatx_scope("float64"):
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
