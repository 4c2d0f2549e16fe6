"""get()/serialize()/deserialize() resolution and the API edges of optimizers and schedules."""
import numpy as np
import pytest

from compilecli.numerics import optimizers, schedules

EXP = {"class_name": "ExponentialDecay",
       "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}}


@pytest.mark.parametrize("name, cls", [
    ("adam", optimizers.Adam), ("Adam", optimizers.Adam), ("ADAM", optimizers.Adam),
    ("rmsprop", optimizers.RMSprop), ("RMSProp", optimizers.RMSprop), ("sgd", optimizers.SGD),
    ("AdamW", optimizers.AdamW), ("nadam", optimizers.Nadam), ("muon", optimizers.Muon),
])
def test_get_by_name_is_case_insensitive(name, cls):
    assert type(optimizers.get(name)) is cls


@pytest.mark.parametrize("name", ["adam_w", "rms_prop", "gradient_descent", "lamb", "bogus"])
def test_get_rejects_what_keras_rejects(name):
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        optimizers.get(name)


def test_get_optimizer_base_class_fails_like_keras():
    with pytest.raises(TypeError):
        optimizers.get("optimizer")


def test_get_passes_instances_and_none_through():
    opt = optimizers.SGD()
    assert optimizers.get(opt) is opt
    assert optimizers.get(None) is None


def test_get_rejects_non_optimizer_objects():
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        optimizers.get(lambda: 0.1)


def test_get_from_dict_with_a_schedule_learning_rate():
    opt = optimizers.get({"class_name": "adam", "config": {"learning_rate": EXP, "amsgrad": True}})
    assert isinstance(opt, optimizers.Adam) and opt.amsgrad
    assert isinstance(opt._learning_rate, schedules.ExponentialDecay)
    assert opt.learning_rate == pytest.approx(0.1)


def test_serialize_round_trip_keeps_the_keras_envelope():
    opt = optimizers.RMSprop(learning_rate=schedules.deserialize(EXP), centered=True)
    payload = optimizers.serialize(opt)
    assert payload["module"] == "keras.optimizers" and payload["registered_name"] is None
    assert payload["config"]["learning_rate"]["module"] == "keras.optimizers.schedules"
    again = optimizers.deserialize(payload)
    assert type(again) is optimizers.RMSprop and again.get_config() == opt.get_config()


def test_auto_names_follow_keras_snake_case():
    assert optimizers.RMSprop().name.startswith("rm_sprop")
    assert optimizers.AdamW().name.startswith("adam_w")
    assert optimizers.SGD(name="mine").name == "mine"


@pytest.mark.parametrize("kwargs, error", [
    ({"lr": 0.1}, "Argument\\(s\\) not recognized"),
    ({"learning_rate": 1}, "should be float"),
])
def test_bad_constructor_arguments(kwargs, error):
    with pytest.raises(ValueError, match=error):
        optimizers.Adam(**kwargs)


def test_decay_is_ignored_with_a_warning():
    with pytest.warns(UserWarning, match="decay"):
        optimizers.Adam(decay=0.1)


def test_learning_rate_is_schedule_aware_and_settable():
    opt = optimizers.SGD(learning_rate=schedules.deserialize(EXP))
    w = np.ones(2)
    for _ in range(3):
        opt.apply([np.ones(2)], [w])
    assert opt.iterations == 3
    assert opt.learning_rate == pytest.approx(0.1 * 0.5 ** 0.3)
    with pytest.raises(TypeError, match="not settable"):
        opt.learning_rate = 0.5
    plain = optimizers.SGD(learning_rate=0.1)
    plain.learning_rate = 0.2
    assert plain.learning_rate == 0.2


def test_callable_learning_rate():
    opt = optimizers.SGD(learning_rate=lambda: 0.5)
    w = np.ones(2)
    opt.apply_gradients(zip([np.ones(2)], [w]))
    np.testing.assert_allclose(w, [0.5, 0.5])
    assert opt.get_config()["learning_rate"]["class_name"] == "function"


def test_apply_updates_in_place_and_counts():
    opt = optimizers.SGD(learning_rate=0.5)
    w, b = np.ones((2, 2)), np.zeros(2)
    ids = id(w), id(b)
    assert opt.apply_gradients(zip([np.ones((2, 2)), np.ones(2)], [w, b])) == 1
    assert (id(w), id(b)) == ids
    np.testing.assert_allclose(w, 0.5)
    np.testing.assert_allclose(b, -0.5)
    opt.apply([np.ones((2, 2)), np.ones(2)])  # the variables it was built with
    np.testing.assert_allclose(w, 0.0)


def test_gradient_accumulation_counts_optimizer_steps():
    opt = optimizers.SGD(learning_rate=1.0, gradient_accumulation_steps=2)
    w = np.zeros(1)
    opt.apply([np.array([1.0])], [w])
    np.testing.assert_allclose(w, 0.0)           # accumulated, not applied
    assert opt.iterations == 0
    opt.apply([np.array([3.0])], [w])
    np.testing.assert_allclose(w, -2.0)          # mean of the two gradients
    assert opt.iterations == 1


def test_variable_errors():
    opt = optimizers.Adam()
    with pytest.raises(ValueError, match="must already be built"):
        opt.apply([np.ones(2)])
    with pytest.raises(TypeError, match="numpy float arrays"):
        opt.apply([np.ones(2)], [[1.0, 2.0]])
    opt.apply([np.ones(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="Unknown variable"):
        opt.apply([np.ones(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="No gradients provided"):
        opt.apply([None])


def test_schedules_get_by_config_and_instance():
    schedule = schedules.get(EXP)
    assert isinstance(schedule, schedules.ExponentialDecay)
    assert schedules.get(schedule) is schedule
    assert schedules.get(None) is None


def test_schedules_names_are_exact_class_names():
    # Keras: deserialize("ExponentialDecay") finds the class, then fails for want of arguments.
    with pytest.raises(TypeError):
        schedules.get("ExponentialDecay")
    with pytest.raises(ValueError, match="Could not interpret schedule identifier"):
        schedules.get({"class_name": "exponentialdecay", "config": EXP["config"]})


@pytest.mark.parametrize("cls, kwargs", [
    (schedules.ExponentialDecay, {"initial_learning_rate": 0.1, "decay_steps": 0, "decay_rate": 0.5}),
    (schedules.CosineDecayRestarts, {"initial_learning_rate": 0.1, "first_decay_steps": 0}),
    (schedules.PiecewiseConstantDecay, {"boundaries": [1, 2], "values": [0.1]}),
])
def test_schedule_validation(cls, kwargs):
    with pytest.raises(ValueError):
        cls(**kwargs)
