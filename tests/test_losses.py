"""Reported losses: exact for any logits, and the same on every path that reports them.

References are closed forms, the textbook formulas on moderate values, and log-sum-exp
evaluated in 50-digit decimal arithmetic (stdlib ``decimal``, independent of numpy).
"""

import tracemalloc
import warnings
from decimal import Decimal, localcontext

import numpy as np
import pytest

from nnsim.simulator import ACTIVATIONS, LOSSES, InitConfig, Network, evaluation
from nnsim.simulator.dataset import Dataset
from nnsim.simulator.losses import LossScratch
from nnsim.simulator.training import Trainer, TrainingConfig

DTYPES = [np.float64, np.float32]
FUSED = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}


def fused_loss(name, z, y):
    """The loss's batch mean for pre-activations ``z`` (n, m) and targets ``y``."""
    z = np.atleast_2d(z)
    a = np.empty_like(z)
    with np.errstate(over="ignore"):
        ACTIVATIONS[FUSED[name]].forward(z, a)
    return LOSSES[name].value(z, a, np.atleast_2d(y).astype(z.dtype))


def identity_network(loss, width, dtype):
    """One layer whose pre-activation is its input, exactly: W = I, b = 0."""
    net = Network([width, width], FUSED[loss], loss=loss, dtype=dtype,
                  init=InitConfig(weights="zeros"))
    net.weights[0][...] = np.eye(width)
    return net


# ---------------------------------------------------------------- closed forms
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("target,expected", [([0, 1, 0], 2000.0), ([0, 0, 1], 1000.0),
                                             ([1, 0, 0], 0.0), ([0, 0.5, 0.5], 1500.0)])
def test_cross_entropy_of_extreme_logits_is_exact(dtype, target, expected):
    # E = Σ y_k·(lse − z_k) with lse = 1000 + ln(1 + e^−1000 + e^−2000) = 1000.
    loss = fused_loss("cross_entropy", np.array([1000, -1000, 0], dtype=dtype), target)
    assert abs(loss - expected) <= np.spacing(dtype(expected))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("z,y,expected", [(1000, 0, 1000.0), (-1000, 1, 1000.0),
                                          (1000, 1, 0.0), (-1000, 0, 0.0),
                                          (1000, 0.25, 750.0)])
def test_binary_cross_entropy_of_extreme_logits_is_exact(dtype, z, y, expected):
    # E = logaddexp(0, z) − y·z; e^−1000 vanishes in both float types.
    loss = fused_loss("binary_cross_entropy", np.array([z], dtype=dtype), [y])
    assert abs(loss - expected) <= np.spacing(dtype(expected))


def test_float32_binary_cross_entropy_is_not_capped():
    # Clipping σ(z) at float32's 1 − 2⁻²⁴ capped this at −ln 2⁻²⁴ = 16.64.
    for z in (20.0, 30.0, 80.0):
        loss = fused_loss("binary_cross_entropy", np.array([z], dtype=np.float32), [0])
        exact = z + np.log1p(np.exp(-z))
        assert loss == pytest.approx(exact, rel=float(np.finfo(np.float32).eps))


@pytest.mark.parametrize("dtype", DTYPES)
def test_confidently_right_binary_cross_entropy_keeps_its_tiny_value(dtype):
    # ln(1 + e^−30) = 9.36e-14: far below one rounding of 30, kept to the last bits.
    loss = fused_loss("binary_cross_entropy", np.array([30.0, -40.0], dtype=dtype), [1, 0])
    exact = np.log1p(np.exp(-30.0)) + np.log1p(np.exp(-40.0))
    assert loss == pytest.approx(exact, rel=4 * float(np.finfo(dtype).eps))


# ---------------------------------------------------------------- textbook formulas
def textbook_cross_entropy(z, y):
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    return -np.sum(y * np.log(p), axis=1)


def textbook_binary_cross_entropy(z, y):
    s = 1.0 / (1.0 + np.exp(-z))
    return -np.sum(y * np.log(s) + (1 - y) * np.log(1 - s), axis=1)


@pytest.mark.parametrize("soft", [False, True])
def test_moderate_values_match_the_textbook_formulas(soft):
    rng = np.random.default_rng(11)
    z = rng.normal(size=(300, 4))
    y = rng.dirichlet(np.ones(4), size=300) if soft else np.eye(4)[rng.integers(0, 4, 300)]
    for row in range(len(z)):
        ce = fused_loss("cross_entropy", z[row], y[row])
        assert ce == pytest.approx(textbook_cross_entropy(z[row:row + 1], y[row:row + 1])[0],
                                   rel=2e-15)
    yb = rng.random((300, 3)) if soft else (rng.random((300, 3)) < 0.5).astype(float)
    zb = rng.uniform(-2.0, 2.0, size=(300, 3))
    for row in range(len(zb)):
        bce = fused_loss("binary_cross_entropy", zb[row], yb[row])
        assert bce == pytest.approx(
            textbook_binary_cross_entropy(zb[row:row + 1], yb[row:row + 1])[0], rel=2e-15)


# ---------------------------------------------------------------- 50-digit reference
def decimal_cross_entropy(z, y):
    with localcontext() as ctx:
        ctx.prec = 50
        logits = [Decimal(float(v)) for v in z]
        top = max(logits)
        lse = top + sum((v - top).exp() for v in logits).ln()
        return float(sum(Decimal(float(t)) * (lse - v) for t, v in zip(y, logits)))


def decimal_binary_cross_entropy(z, y):
    with localcontext() as ctx:
        ctx.prec = 50
        total = Decimal(0)
        for v, t in zip(z, y):
            v, t = Decimal(float(v)), Decimal(float(t))
            softplus = v + (1 + (-v).exp()).ln() if v > 0 else (1 + v.exp()).ln()
            total += softplus - t * v
        return float(total)


def random_logits(rng, n_outputs, dtype):
    """Logits from ±0.01 to ±2000: the softmax and sigmoid saturate in many rows."""
    magnitude = 10.0 ** rng.uniform(-2, np.log10(2000), size=n_outputs)
    return (magnitude * rng.choice([-1.0, 1.0], size=n_outputs)).astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name,reference", [("cross_entropy", decimal_cross_entropy),
                                            ("binary_cross_entropy",
                                             decimal_binary_cross_entropy)])
def test_losses_match_a_50_digit_log_sum_exp_for_any_logits(dtype, name, reference):
    """Within 4 ulps, relative, or 4 ulps of 1 for losses below 1 (cross-entropy's ln S,
    S = 1 + Σ e^(z_k − max z), rounds S to that absolute size, as the textbook does)."""
    rng = np.random.default_rng(5)
    eps = float(np.finfo(dtype).eps)
    for _ in range(300):
        m = int(rng.integers(2 if name == "cross_entropy" else 1, 6))
        z = random_logits(rng, m, dtype)
        y = rng.dirichlet(np.ones(m)) if rng.random() < 0.3 else \
            np.eye(m)[rng.integers(0, m)] if name == "cross_entropy" else \
            rng.integers(0, 2, m).astype(float)
        y = y.astype(dtype)
        exact = reference(z, y)
        assert abs(fused_loss(name, z, y) - exact) <= 4 * eps * max(exact, 1.0), (z, y)


# ---------------------------------------------------------------- every reporting path
def saturating_batch(loss, dtype):
    """Inputs (= logits of the identity network) and targets with a closed-form loss."""
    if loss == "cross_entropy":
        x = np.array([[1000, -1000, 0], [0, 0, 0], [-1000, 1000, 0], [2, 1, -3]], dtype=dtype)
        y = np.array([[0, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=dtype)
        per_sample = [2000.0, np.log(3.0), 0.0, 5.0 + np.log1p(np.exp(-1.0) + np.exp(-5.0))]
    else:
        x = np.array([[1000, -30], [30, 0], [-1000, 2]], dtype=dtype)
        y = np.array([[0, 0], [0, 1], [1, 1]], dtype=dtype)
        per_sample = [1000.0 + np.log1p(np.exp(-30.0)), 30.0 + np.log1p(np.exp(-30.0)) +
                      np.log(2.0), 1000.0 + np.log1p(np.exp(-2.0))]
    return x, y, float(np.mean(per_sample))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("loss", FUSED)
def test_every_path_reports_the_same_exact_loss(dtype, loss):
    x, y, expected = saturating_batch(loss, dtype)
    net = identity_network(loss, x.shape[1], dtype)
    task = "classification" if loss == "cross_entropy" else "regression"
    data = Dataset("saturating", x, y, task)
    trainer = Trainer.from_dataset(net, data, TrainingConfig(batch_size=0, shuffle=False),
                                   test=data)
    metrics = trainer.evaluate()
    reported = {
        "Network.loss_value": net.loss_value(x, y),
        "Network.trace": net.trace(x, y).loss,
        "Network.compute_gradients": net.compute_gradients(x, y),
        "evaluation.evaluate": evaluation.evaluate(net, data).loss,
        "Trainer.evaluate (train)": metrics.train_loss,
        "Trainer.evaluate (test)": metrics.test_loss,
        "Trainer.step": trainer.step(),   # the loss before its own update: comes last
    }
    assert len(set(reported.values())) == 1, reported
    assert reported["Trainer.step"] == pytest.approx(expected, rel=4 * float(np.finfo(dtype).eps))


def test_evaluation_in_chunks_weights_each_chunk_by_its_rows(monkeypatch):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(23, 3)) * 400
    y = np.eye(3)[rng.integers(0, 3, 23)]
    net = identity_network("cross_entropy", 3, np.float64)
    monkeypatch.setattr(evaluation, "CHUNK_ROWS", 5)
    result = evaluation.evaluate(net, Dataset("big logits", x, y, "classification"))
    assert result.loss == pytest.approx(net.loss_value(x, y), rel=1e-15)
    assert result.loss == pytest.approx(np.mean([decimal_cross_entropy(z, t)
                                                 for z, t in zip(x, y)]), rel=1e-14)
    assert result.accuracy == np.mean(x.argmax(axis=1) == y.argmax(axis=1))


# ---------------------------------------------------------------- gradients for display
@pytest.mark.parametrize("dtype", DTYPES)
def test_displayed_dE_da_of_saturated_outputs_is_finite_and_silent(dtype):
    info, eps = np.finfo(dtype), float(np.finfo(dtype).eps)
    below_one = np.nextafter(dtype(1), dtype(0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ce = identity_network("cross_entropy", 3, dtype).trace(
            np.array([[1000, -1000, 0]], dtype=dtype), np.array([[0, 1, 0]], dtype=dtype))
        bce = identity_network("binary_cross_entropy", 2, dtype).trace(
            np.array([[1000, -1000]], dtype=dtype), np.array([[0, 1]], dtype=dtype))
        # A target far outside [0, 1] overflows to inf there, still silently.
        zero, five = np.zeros((1, 1), dtype=dtype), np.full((1, 1), 5, dtype=dtype)
        assert LOSSES["cross_entropy"].grad_output(zero, five)[0, 0] == -np.inf
        assert LOSSES["binary_cross_entropy"].grad_output(zero, five)[0, 0] == -np.inf
    # −y/a at the smallest normal a; (a − y)/(a(1 − a)) at the nearest a inside (0, 1).
    assert ce.dE_da[1][0, 1] == -1 / info.tiny
    assert ce.dE_da[1][0, 0] == 0 and ce.dE_da[1][0, 2] == 0
    assert bce.dE_da[1][0, 0] == pytest.approx(1 / (1 - below_one), rel=4 * eps)
    assert bce.dE_da[1][0, 1] == pytest.approx(-1 / info.tiny, rel=4 * eps)
    assert np.all(np.isfinite(ce.dE_da[1])) and np.all(np.isfinite(bce.dE_da[1]))
    # dE/dz is the fused (a − y)/n, untouched by the display clamp.
    np.testing.assert_array_equal(ce.dE_dz[1], [[1, -1, 0]])
    np.testing.assert_array_equal(bce.dE_dz[1], [[1, -1]])


def test_displayed_dE_da_is_the_plain_formula_where_nothing_saturates():
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=(6, 3)), np.eye(3)[rng.integers(0, 3, 6)]
    trace = identity_network("cross_entropy", 3, np.float64).trace(x, y)
    np.testing.assert_array_equal(trace.dE_da[1], -y / trace.a[1] / 6)
    trace = identity_network("binary_cross_entropy", 3, np.float64).trace(x, y)
    a = trace.a[1]
    np.testing.assert_array_equal(trace.dE_da[1], (a - y) / (a * (1 - a)) / 6)


# ---------------------------------------------------------------- the hot path
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("scale", [3.0, 500.0])
def test_the_training_loss_allocates_no_batch_sized_array(dtype, loss, scale):
    """A 1024×10 batch, moderate or saturated (softmax probabilities underflow): any
    temporary of its shape, or one number per row, would need ≥ 4 kB."""
    net = Network([10, 10], FUSED.get(loss, "sigmoid"), loss=loss, dtype=dtype)
    rng = np.random.default_rng(0)
    x = (rng.normal(size=(1024, 10)) * scale).astype(dtype)
    y = np.eye(10, dtype=dtype)[rng.integers(0, 10, 1024)]
    ws = net.workspace(1024)
    with np.errstate(over="ignore"):
        ws.forward_backward(x, y)
    z, a, da, dz = ws.zs[-1], ws.acts[-1], ws.das[-1], ws.dzs[-1]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        net.loss.output_delta(z, a, y, ws.kernels[-1], da, dz, ws.loss_scratch)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert peak < 2048


def test_loss_value_refuses_targets_of_another_shape_and_empty_batches():
    z = np.zeros((4, 3))
    with pytest.raises(ValueError, match=r"targets of shape \(4, 2\)"):
        LOSSES["cross_entropy"].value(z, z, np.zeros((4, 2)))
    empty = np.zeros((0, 3))
    with pytest.raises(ValueError, match="at least one sample"):
        LOSSES["binary_cross_entropy"].value(empty, empty, empty)
    with pytest.raises(ValueError, match="no samples"):
        evaluation.evaluate(identity_network("cross_entropy", 3, np.float64),
                            Dataset("empty", empty, empty, "classification"))


def test_a_float32_loss_is_computed_in_float32():
    """Scratch follows the network's dtype, and so does the arithmetic: the same float32
    logits computed in float64 would give the float64 value, not a float32 number."""
    scratch = LossScratch.like(np.zeros((2, 3), dtype=np.float32))
    assert all(w.dtype == np.float32 for w in scratch.wide)
    assert scratch.tiny == np.finfo(np.float32).tiny
    z = np.array([[0.1, -0.2, 0.3]], dtype=np.float32)
    y = np.array([[0.0, 1.0, 0.0]], dtype=np.float32)
    single = fused_loss("cross_entropy", z, y)
    double = fused_loss("cross_entropy", z.astype(np.float64), y)
    assert single == np.float32(single) and single != double
    assert single == pytest.approx(double, rel=float(np.finfo(np.float32).eps))
