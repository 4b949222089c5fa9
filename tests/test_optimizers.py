"""The optimisers equal torch.optim's SGD (momentum, Nesterov) and Adam, step by step.

Two independent checks of 50 steps with a learning-rate change half-way, a removed
connection, and with and without clipping and regularisation: a plain-numpy reference
written here from torch.optim's documented algorithms (always runs), and real PyTorch
when it is installed.
"""

from dataclasses import replace

import numpy as np
import pytest

from nnsim.simulator import InitConfig, Network
from nnsim.simulator.optimizers import OPTIMIZERS, all_finite, make_optimizer
from nnsim.simulator.training import Trainer, TrainingConfig

SIZES = (3, 5, 2)
BATCH, STEPS, CHANGE_AT = 5, 50, 25
DATA = np.random.default_rng(4)
X = DATA.normal(size=(20, 3))
Y = DATA.normal(size=(20, 2))
#: The learning rate before and after step CHANGE_AT.
RATES = {"sgd": (0.1, 0.03), "momentum": (0.1, 0.03), "nesterov": (0.1, 0.03),
         "adam": (0.01, 0.003)}
MU, BETA1, BETA2, EPSILON = 0.9, 0.9, 0.999, 1e-8
#: Clipping bites on some steps of every run, not on all (checked by the reference).
SETTINGS = {"plain": {}, "clip and L2": {"clip_norm": 1.2, "l2": 0.05},
            "clip, L1 and L2": {"clip_norm": 1.2, "l1": 0.01, "l2": 0.05}}
TOLERANCE = 1e-12


def make_network() -> Network:
    net = Network(list(SIZES), ["tanh", "linear"],
                  init=InitConfig(seed=3, biases="uniform"))
    net.set_connection(0, 1, 2, False)
    return net


def batch(step: int) -> slice:
    start = step * BATCH % len(X)
    return slice(start, start + BATCH)


def learning_rate(name: str, step: int) -> float:
    return RATES[name][step >= CHANGE_AT]


def nnsim_run(name: str, settings: dict) -> np.ndarray:
    """``(STEPS, n_params)``: nnsim's parameters after each step."""
    net = make_network()
    config = TrainingConfig(optimizer=name, learning_rate=RATES[name][0], batch_size=BATCH,
                            shuffle=False, epochs=None, momentum=MU, beta1=BETA1,
                            beta2=BETA2, epsilon=EPSILON, **settings)
    trainer = Trainer(net, X, Y, config)
    trajectory = []
    for step in range(STEPS):
        if step == CHANGE_AT:
            trainer.apply_config(replace(config, learning_rate=RATES[name][1]))
        trainer.step()
        trajectory.append(net.params.copy())
    return np.array(trajectory)


# ---------------------------------------------------------------------- numpy reference
def reference_gradients(params: list, x: np.ndarray, y: np.ndarray) -> list:
    """dE/d(W0, b0, W1, b1) of ½·Σ(ŷ − y)² averaged over the rows, tanh then linear."""
    w0, b0, w1, b1 = params
    hidden = np.tanh(x @ w0 + b0)
    d_out = (hidden @ w1 + b1 - y) / len(x)
    d_hidden = (d_out @ w1.T) * (1 - hidden ** 2)
    return [x.T @ d_hidden, d_hidden.sum(axis=0), hidden.T @ d_out, d_out.sum(axis=0)]


def reference_update(name, param, grad, state, lr, weight_decay):
    """One parameter's update as torch.optim's documentation writes the algorithm."""
    grad = grad + weight_decay * param
    if name == "adam":
        state["t"] = t = state.get("t", 0) + 1
        state["m"] = m = BETA1 * state.get("m", 0.0) + (1 - BETA1) * grad
        state["v"] = v = BETA2 * state.get("v", 0.0) + (1 - BETA2) * grad ** 2
        m_hat, v_hat = m / (1 - BETA1 ** t), v / (1 - BETA2 ** t)
        return param - lr * m_hat / (np.sqrt(v_hat) + EPSILON)
    if name in ("momentum", "nesterov"):
        state["b"] = b = MU * state["b"] + grad if "b" in state else grad
        grad = grad + MU * b if name == "nesterov" else b
    return param - lr * grad


def reference_run(name: str, settings: dict) -> tuple[np.ndarray, list[bool]]:
    """The reference's trajectory laid out like nnsim's ``params``, and per step
    whether clipping scaled the gradient."""
    net = make_network()
    params = [net.weights[0].copy(), net.biases[0].copy(), net.weights[1].copy(),
              net.biases[1].copy()]
    masks = [net.masks[0], None, net.masks[1], None]
    is_weight = [True, False, True, False]
    states = [{} for _ in params]
    trajectory, clipped = [], []
    for step in range(STEPS):
        grads = reference_gradients(params, X[batch(step)], Y[batch(step)])
        grads = [g if m is None else g * m for g, m in zip(grads, masks)]
        if settings.get("clip_norm"):
            total = np.sqrt(sum(np.sum(g ** 2) for g in grads))
            coefficient = settings["clip_norm"] / (total + 1e-6)
            clipped.append(coefficient < 1)
            grads = [g * min(coefficient, 1.0) for g in grads]
        l1, l2 = settings.get("l1", 0.0), settings.get("l2", 0.0)
        grads = [g + l1 * np.sign(p) if w else g for g, p, w in zip(grads, params, is_weight)]
        params = [reference_update(name, p, g, s, learning_rate(name, step), l2 if w else 0.0)
                  for p, g, s, w in zip(params, grads, states, is_weight)]
        trajectory.append(np.concatenate([params[0].ravel(), params[2].ravel(),
                                          params[1], params[3]]))
    return np.array(trajectory), clipped


@pytest.mark.parametrize("settings", SETTINGS, ids=list(SETTINGS))
@pytest.mark.parametrize("name", OPTIMIZERS)
def test_fifty_steps_equal_the_documented_torch_algorithms(name, settings):
    expected, clipped = reference_run(name, SETTINGS[settings])
    if clipped:
        assert any(clipped) and not all(clipped)
    actual = nnsim_run(name, SETTINGS[settings])
    assert np.max(np.abs(actual - expected)) <= TOLERANCE
    assert np.all(actual[:, 1 * SIZES[1] + 2] == 0.0)  # the removed connection
    assert np.max(np.abs(actual[-1] - actual[0])) > 0.05  # the runs really train


# ---------------------------------------------------------------------- real PyTorch
def torch_run(name: str, settings: dict) -> np.ndarray:
    """The same 50 steps as a PyTorch user writes them, float64."""
    torch = pytest.importorskip("torch")
    net = make_network()
    model = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(),
                                torch.nn.Linear(5, 2)).double()
    layers = (model[0], model[2])
    with torch.no_grad():
        for layer, w, b in zip(layers, net.weights, net.biases):
            layer.weight.copy_(torch.from_numpy(w.T.copy()))
            layer.bias.copy_(torch.from_numpy(b.copy()))
    weights, biases = [layer.weight for layer in layers], [layer.bias for layer in layers]
    masks = [torch.from_numpy(m.T.astype(np.float64)) for m in net.masks]
    # L2 is weight decay on the weights only: two parameter groups.
    groups = [{"params": weights, "weight_decay": settings.get("l2", 0.0)},
              {"params": biases, "weight_decay": 0.0}]
    lr = RATES[name][0]
    if name == "adam":
        optimizer = torch.optim.Adam(groups, lr=lr, betas=(BETA1, BETA2), eps=EPSILON)
    else:
        optimizer = torch.optim.SGD(groups, lr=lr, momentum=0.0 if name == "sgd" else MU,
                                    nesterov=name == "nesterov")
    trajectory = []
    for step in range(STEPS):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(name, step)
        x, y = torch.from_numpy(X[batch(step)]), torch.from_numpy(Y[batch(step)])
        optimizer.zero_grad()
        loss = 0.5 * ((model(x) - y) ** 2).sum() / len(x)
        loss.backward()
        with torch.no_grad():
            for w, mask in zip(weights, masks):
                w.grad.mul_(mask)  # the removed connection
            if settings.get("clip_norm"):
                torch.nn.utils.clip_grad_norm_(model.parameters(), settings["clip_norm"])
            if settings.get("l1"):  # torch has no L1 option: by hand, before the step
                for w in weights:
                    w.grad.add_(torch.sign(w), alpha=settings["l1"])
        optimizer.step()
        with torch.no_grad():
            trajectory.append(np.concatenate([w.numpy().T.ravel() for w in weights]
                                             + [b.numpy().copy() for b in biases]))
    return np.array(trajectory)


@pytest.mark.parametrize("settings", SETTINGS, ids=list(SETTINGS))
@pytest.mark.parametrize("name", OPTIMIZERS)
def test_fifty_steps_equal_torch_optim(name, settings):
    expected = torch_run(name, SETTINGS[settings])
    actual = nnsim_run(name, SETTINGS[settings])
    assert np.max(np.abs(actual - expected)) <= TOLERANCE


# ---------------------------------------------------------------------- hand-derived steps
def test_a_new_learning_rate_applies_to_momentum_from_the_next_step():
    optimizer = make_optimizer("momentum", 1, np.float64, 0.1, momentum=0.9)
    w, g = np.zeros(1), np.ones(1)
    optimizer.step(w, g)  # b = 1, w = −0.1
    optimizer.step(w, g)  # b = 1.9, w = −0.29
    optimizer.learning_rate = 0.01
    optimizer.step(w, g)  # b = 2.71, w = −0.29 − 0.0271
    assert optimizer.velocity[0] == pytest.approx(2.71, abs=1e-15)
    assert w[0] == pytest.approx(-0.3171, abs=1e-15)


def test_nesterov_steps_by_the_gradient_plus_mu_times_the_new_buffer():
    optimizer = make_optimizer("nesterov", 1, np.float64, 0.5, momentum=0.5)
    w = np.zeros(1)
    optimizer.step(w, np.array([2.0]))  # b = 2, w = −0.5·(2 + 1)
    optimizer.step(w, np.array([-4.0]))  # b = −3, w = −1.5 − 0.5·(−4 − 1.5)
    assert optimizer.velocity[0] == -3.0 and w[0] == 1.25


def test_adam_adds_epsilon_after_the_bias_correction():
    # First step from zero moments: m̂ = g and v̂ = g², so w = −η·g/(|g| + ε) exactly.
    optimizer = make_optimizer("adam", 2, np.float64, 0.3, epsilon=0.5)
    w = np.zeros(2)
    optimizer.step(w, np.array([1.0, -2.0]))
    np.testing.assert_allclose(w, [-0.3 / 1.5, 0.3 * 2 / 2.5], rtol=1e-15)
    assert optimizer.t == 1


def test_adam_survives_any_step_count_without_overflow():
    # β ** t would raise OverflowError for t = 10**400; by then the corrections are 1.
    optimizer = make_optimizer("adam", 1, np.float64, 0.1, epsilon=1e-8)
    optimizer.load_state({"m": np.array([0.5]), "v": np.array([0.25]), "t": 10 ** 400})
    w = np.zeros(1)
    optimizer.step(w, np.array([1.0]))
    m, v = 0.9 * 0.5 + 0.1, 0.999 * 0.25 + 0.001
    assert w[0] == pytest.approx(-0.1 * m / (np.sqrt(v) + 1e-8), rel=1e-15)
    assert optimizer.t == 10 ** 400 + 1


def test_forget_outside_zeroes_the_state_where_kept_is_false():
    optimizer = make_optimizer("adam", 4, np.float64, 0.1)
    optimizer.load_state({"m": np.arange(1.0, 5.0), "v": np.full(4, 2.0), "t": 3})
    optimizer.forget_outside(np.array([True, False, True, False]))
    assert optimizer.m.tolist() == [1.0, 0.0, 3.0, 0.0]
    assert optimizer.v.tolist() == [2.0, 0.0, 2.0, 0.0]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_all_finite_finds_every_nan_and_infinity_even_when_the_sum_overflows(dtype):
    big = np.finfo(dtype).max / 2
    with np.errstate(over="ignore"):  # as in Trainer.step
        assert all_finite(np.array([], dtype=dtype))
        assert all_finite(np.array([big, -big, big], dtype=dtype))  # Σx² overflows
        for bad in (np.nan, np.inf, -np.inf):
            for values in ([bad, 1.0], [big, bad], [1.0, 2.0, bad]):
                assert not all_finite(np.array(values, dtype=dtype))


# ---------------------------------------------------------------------- clipping
def clip(grads: list[float], max_norm: float) -> np.ndarray:
    """``grads`` (a weight's and a bias's) after nnsim's clipping."""
    net = Network([1, 1], "linear")
    trainer = Trainer(net, np.zeros((1, 1)), np.zeros((1, 1)), TrainingConfig())
    net.grads[:] = grads
    with np.errstate(over="ignore"):  # as in Trainer.step
        trainer._clip(max_norm)
    return net.grads.copy()


def test_clipping_scales_by_max_norm_over_norm_plus_1e_6_like_torch():
    assert clip([3.0, 4.0], 1.0).tolist() == [3.0 / (5.0 + 1e-6), 4.0 / (5.0 + 1e-6)]
    assert clip([3.0, 4.0], 5.0).tolist() == [3.0 * (5 / (5 + 1e-6)), 4.0 * (5 / (5 + 1e-6))]
    assert clip([3.0, 4.0], 6.0).tolist() == [3.0, 4.0]  # below the limit: untouched


def test_clipping_a_gradient_whose_squares_overflow_still_gives_max_norm():
    clipped = clip([3e200, -4e200], 2.0)  # Σg² is inf; torch would scale by 0
    assert np.allclose(clipped, [1.2, -1.6], rtol=1e-15, atol=0)
