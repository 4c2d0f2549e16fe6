"""The per-step shortcuts give the numbers of the slow, general route: the fused softmax +
crossentropy head (value equal to the numerics Loss, gradient equal to loss gradient +
softmax backward, Keras's epsilon clipping included), the direct accuracy metrics, and the
chunked batch gathering."""
import numpy as np
import pytest

from compilecli.numerics import losses, metrics
from compilecli.smoke import gradients, trainer
from compilecli.smoke.activations import activate, activation_backward
from compilecli.smoke.fused import fused_head
from compilecli.smoke.heads import direct, measure

RNG = np.random.default_rng(11)
N, K = 40, 6


def softmax_batch(spread):
    """Logits and softmax outputs; a large spread pushes some probabilities past the clip."""
    z = RNG.standard_normal((N, K)) * spread
    z[:4, 0] = 40.0        # p ~ 1 - 1e-17 and ~ 1e-18: clipped on both sides
    return z, activate("softmax", z)


SPARSE = RNG.integers(0, K, size=N)
ONEHOT = np.eye(K)[SPARSE]
FUSED = [
    ("sparse_categorical_crossentropy", SPARSE),
    ({"class_name": "SparseCategoricalCrossentropy", "config": {"reduction": "sum"}}, SPARSE),
    ("categorical_crossentropy", ONEHOT),
    ({"class_name": "CategoricalCrossentropy", "config": {"label_smoothing": 0.2}}, ONEHOT),
    ({"class_name": "CategoricalCrossentropy", "config": {"reduction": "mean"}}, RNG.dirichlet(np.ones(K), N)),
]


@pytest.mark.parametrize("spread", [1.0, 12.0])
@pytest.mark.parametrize("identifier, y", FUSED, ids=lambda v: str(v)[:50])
def test_fused_head_equals_loss_and_generic_gradient(identifier, y, spread):
    loss = gradients.as_loss(losses.get(identifier))
    z, p = softmax_batch(spread)
    if spread > 1:   # the clip really is active on both sides
        q = p / p.sum(axis=-1, keepdims=True)
        assert (q < 1e-7).any() and (q > 1 - 1e-7).any()
    value, dz = fused_head(loss, "softmax")(y, p, 0.7)
    assert value == pytest.approx(float(loss(y, p)), rel=1e-12, abs=0)   # Loss.__call__: the numerics
    generic_value, grad = gradients.loss_and_grad(loss, y, p)
    assert value == pytest.approx(generic_value, rel=1e-12, abs=0)
    np.testing.assert_allclose(dz, activation_backward("softmax", z, p, 0.7 * grad), rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("identifier, activation", [
    ({"class_name": "SparseCategoricalCrossentropy", "config": {"from_logits": True}}, "softmax"),
    ({"class_name": "SparseCategoricalCrossentropy", "config": {"ignore_class": 0}}, "softmax"),
    ("sparse_categorical_crossentropy", "sigmoid"),
    ("mse", "softmax"),
])
def test_what_the_fusion_does_not_cover_takes_the_generic_path(identifier, activation):
    assert fused_head(gradients.as_loss(losses.get(identifier)), activation) is None


def test_fused_head_declines_labels_of_another_shape():
    fused = fused_head(gradients.as_loss(losses.get("sparse_categorical_crossentropy")), "softmax")
    assert fused(SPARSE.reshape(-1, 1).astype(float), softmax_batch(1.0)[1], 1.0) is None


PROBS = RNG.dirichlet(np.ones(K), N)
PROBS[3] = np.nan                  # a NaN row: argmax and comparisons must agree too
PROBS[5] = 1.0 / K                 # a tie
BINARY = (RNG.random((N, 3)) > 0.5).astype(float)
METRICS = [
    ("sparse_categorical_accuracy", SPARSE, PROBS),
    ("categorical_accuracy", ONEHOT, PROBS),
    ("binary_accuracy", BINARY, RNG.random((N, 3))),
    ({"class_name": "BinaryAccuracy", "config": {"threshold": 0.7}}, BINARY, RNG.random((N, 3))),
    ("binary_accuracy", BINARY[:, :1], RNG.random((N, 1))),
]


@pytest.mark.parametrize("identifier, y, pred", METRICS, ids=lambda v: str(v)[:40])
def test_direct_accuracy_equals_the_metric_object(identifier, y, pred):
    metric = metrics.get(identifier)
    fast = direct(metric)
    assert fast is not None
    expected = float(metrics.get(identifier)(y, pred))
    assert fast(y, pred) == expected == measure(metric, None, y, pred)


def test_chunked_batches_are_the_batches_of_one_gather_each(tmp_path, monkeypatch):
    from compilecli.smoke.api import prepare
    spec = tmp_path / "s.yaml"
    spec.write_text("model: {inputs: [3], outputs: [{name: o, units: 3, activation: softmax, labels: sparse}]}\n"
                    "compile: {optimizer: adam, loss: sparse_categorical_crossentropy}\n")
    _, _, plan = prepare(str(spec), None, 10, 4, 5)
    monkeypatch.setattr(trainer, "GATHER_BATCHES", 3)   # chunk boundaries inside each pass
    run = trainer.Run(plan, 0, 4, 10)
    run.x, run.ys = run.x[:30], [y[:30] for y in run.ys]   # a partial batch at the end of each pass
    rng = np.random.default_rng(123)
    run.rng = np.random.default_rng(123)
    batches = run.batches()
    for _ in range(3):   # three passes of 7 batches
        order = rng.permutation(30)
        for start in range(0, 28, 4):
            x, (y,) = next(batches)
            idx = order[start:start + 4]
            assert np.array_equal(x, run.x[idx]) and np.array_equal(y, run.ys[0][idx])


def test_the_data_pool_is_fixed_whatever_the_number_of_steps(tmp_path):
    from compilecli.smoke.api import prepare
    spec = tmp_path / "s.yaml"
    spec.write_text("model: {inputs: [4], outputs: [{name: o, units: 3, activation: softmax, labels: sparse}]}\n"
                    "compile: {optimizer: adam, loss: sparse_categorical_crossentropy}\n")
    sizes = []
    for steps in (10, 1000, 100000):
        _, _, plan = prepare(str(spec), None, steps, 32, 5)
        sizes.append(len(trainer.Run(plan, 0, 32, steps).x))
    assert sizes == [320, trainer.POOL_SAMPLES, trainer.POOL_SAMPLES]


def test_a_multi_optimizer_map_reads_keras_variable_paths(tmp_path):
    """The head's variables are "<output>/kernel" and "<output>/bias", the hidden layer's
    "dense/...": an OptimizerMap keyed on them routes each to its optimizer."""
    from compilecli.smoke.api import prepare
    spec = tmp_path / "s.yaml"
    spec.write_text("model: {inputs: [4], outputs: [{name: out, units: 3, activation: softmax, labels: sparse}]}\n"
                    "compile: {optimizer: adam, loss: sparse_categorical_crossentropy}\n")
    _, _, plan = prepare(str(spec), None, 10, 8, 5)
    nested = lambda name, lr: {"module": "keras.optimizers", "class_name": name, "config": {"learning_rate": lr}}  # noqa: E731
    plan.optimizer = {"class_name": "MultiOptimizer", "config": {"optimizer_map": {
        "module": "keras.optimizers", "class_name": "OptimizerMap",
        "config": {"default_optimizer": nested("Adam", 0.01), "optimizer_map": {"out/.*": nested("SGD", 0.0)}}}}}
    run = trainer.Run(plan, 0, 8, 10)
    before = [p.copy() for p in run.net.params]
    run.train()
    moved = [not np.array_equal(a, b) for a, b in zip(before, run.net.params)]
    assert run.net.names == ["dense/kernel", "dense/bias", "out/kernel", "out/bias"]
    assert moved == [True, True, False, False]
