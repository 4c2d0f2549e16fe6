"""The hand-written pieces: analytic gradients vs central differences, network backward
vs a numerical gradient, and the synthetic data's label formats."""
import numpy as np
import pytest

from compilecli.numerics import losses
from compilecli.smoke import gradients
from compilecli.smoke.data import Teacher, make_data
from compilecli.smoke.activations import ACTIVATIONS, activate, activation_backward
from compilecli.smoke.network import Network

RNG = np.random.default_rng(3)
N, K = 6, 4
PROBS = RNG.dirichlet(np.ones(K), size=N)
LOGITS = RNG.standard_normal((N, K))
SPARSE = RNG.integers(0, K, size=N)
ONEHOT = np.eye(K)[SPARSE]
BINARY = (RNG.random((N, K)) > 0.5).astype(float)
REAL = RNG.standard_normal((N, K))

CASES = [
    ("sparse_categorical_crossentropy", SPARSE, PROBS),
    ({"class_name": "SparseCategoricalCrossentropy", "config": {"from_logits": True}}, SPARSE, LOGITS),
    ("categorical_crossentropy", ONEHOT, PROBS),
    ({"class_name": "CategoricalCrossentropy", "config": {"from_logits": True, "label_smoothing": 0.1}},
     ONEHOT, LOGITS),
    ("binary_crossentropy", BINARY, PROBS),
    ({"class_name": "BinaryCrossentropy", "config": {"from_logits": True, "reduction": "sum"}}, BINARY, LOGITS),
    ("mse", REAL, LOGITS),
    ("mae", REAL, LOGITS),
]


@pytest.mark.parametrize("identifier, y_true, y_pred", CASES, ids=lambda v: str(v)[:40])
def test_analytic_gradient_matches_central_differences(identifier, y_true, y_pred):
    loss = gradients.as_loss(losses.get(identifier))
    value, fast = gradients.loss_and_grad(loss, y_true, y_pred.copy())
    same, slow = gradients.loss_and_grad(loss, y_true, y_pred.copy(), numeric=True)
    assert value == same == pytest.approx(float(loss(y_true, y_pred)))
    np.testing.assert_allclose(fast, slow, rtol=1e-5, atol=1e-7)


def test_numeric_gradient_of_a_loss_without_analytic_form():
    loss = gradients.as_loss(losses.get("huber"))
    _, grad = gradients.loss_and_grad(loss, REAL, LOGITS)
    err = LOGITS - REAL
    expected = np.where(np.abs(err) <= 1.0, err, np.sign(err)) / K / N
    np.testing.assert_allclose(grad, expected, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("name", [a for a in ACTIVATIONS if a != "glu"])
def test_activation_backward_matches_central_differences(name):
    z = RNG.standard_normal((5, 4)) * 2 + 0.05   # keep away from relu-like kinks at exactly 0
    dy = RNG.standard_normal((5, 4))
    analytic = activation_backward(name, z, activate(name, z), dy)
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[idx] += 1e-6
        down[idx] -= 1e-6
        numeric[idx] = np.sum(dy * (activate(name, up) - activate(name, down))) / 2e-6
    np.testing.assert_allclose(analytic, numeric, rtol=1e-4, atol=1e-5)


def test_network_backward_matches_numerical_gradient():
    net = Network(5, 7, [(3, "softmax"), (2, "sigmoid")], np.random.default_rng(0))
    x = RNG.standard_normal((4, 5))
    targets = [RNG.standard_normal((4, 3)), RNG.standard_normal((4, 2))]

    def total():
        ys, _ = net.forward(x)
        return sum(np.sum(y * t) for y, t in zip(ys, targets))

    _, cache = net.forward(x)
    grads = net.backward(cache, targets)
    for param, grad in zip(net.params, grads):
        flat, numeric = param.reshape(-1), np.zeros(param.size)
        for i in range(param.size):
            keep = flat[i]
            flat[i] = keep + 1e-6
            up = total()
            flat[i] = keep - 1e-6
            numeric[i] = (up - total()) / 2e-6
            flat[i] = keep
        np.testing.assert_allclose(grad.reshape(-1), numeric, rtol=1e-5, atol=1e-7)


def test_label_formats():
    rng = np.random.default_rng(0)
    teacher = Teacher(6, [5, 5, 1, 4, 3], rng)
    x, (sparse, onehot, binary, multi, real) = make_data(
        teacher, ["sparse", "onehot", "binary", "multilabel", "real"], 400, rng)
    assert x.shape == (400, 6)
    assert sparse.shape == (400,) and sparse.dtype.kind == "i" and len(set(sparse)) == 5
    assert onehot.shape == (400, 5) and set(onehot.sum(axis=1)) == {1.0}
    assert binary.shape == (400, 1) and 0.3 < binary.mean() < 0.7
    assert multi.shape == (400, 4) and set(np.unique(multi)) == {0.0, 1.0}
    assert real.shape == (400, 3) and abs(real.mean()) < 0.2


def test_data_is_a_function_of_the_seed():
    def draw(seed):
        rng = np.random.default_rng(seed)
        return make_data(Teacher(4, [3], rng), ["sparse"], 50, rng)
    a, b, c = draw(1), draw(1), draw(2)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1][0], b[1][0])
    assert not np.array_equal(a[0], c[0])


def test_glu_backward_matches_central_differences():
    z, dy = RNG.standard_normal((3, 4)), RNG.standard_normal((3, 2))
    analytic = activation_backward("glu", z, activate("glu", z), dy)
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[idx] += 1e-6
        down[idx] -= 1e-6
        numeric[idx] = np.sum(dy * (activate("glu", up) - activate("glu", down))) / 2e-6
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("optimizer", ["nadam", "lion",
                                       {"class_name": "AdamW", "config": {"learning_rate": 0.01, "global_clipnorm": 1.0}}])
def test_one_flat_optimizer_call_equals_one_call_per_array(tmp_path, optimizer):
    from compilecli.smoke.api import prepare
    from compilecli.smoke.trainer import Run
    spec = tmp_path / "s.yaml"
    spec.write_text("model: {inputs: [6], outputs: [{name: o, units: 3, activation: softmax, labels: sparse}]}\n"
                    "compile: {optimizer: adam, loss: sparse_categorical_crossentropy}\n")
    _, _, plan = prepare(str(spec), None, 30, 8, 5)
    plan.optimizer = optimizer
    flat, split = Run(plan, 0, 8, 30), Run(plan, 0, 8, 30)
    split.flat = False
    flat.train(), split.train()
    assert flat.flat and np.allclose(flat.net.flat, split.net.flat, rtol=0, atol=1e-12)
