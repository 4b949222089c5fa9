"""Issue 12: the update a parameter receives is the chosen optimiser's real one (the
inspector printed plain gradient descent whatever the optimiser)."""

import math
from dataclasses import replace

import numpy as np
import pytest

from nnsim.simulator.network import Network
from nnsim.simulator.training import TrainingConfig
from nnsim.simulator.updates import explain_step

X = np.array([0.3, -0.8])
Y = np.array([1.0])


def network() -> Network:
    net = Network([2, 3, 1], ["tanh", "sigmoid"])
    net.set_connection(0, 1, 2, False)   # a removed connection gets no update
    return net


def numerical_gradient(net: Network, h: float = 1e-6) -> np.ndarray:
    """Central differences of the loss on (X, Y), one parameter at a time."""
    grad = np.zeros_like(net.params)
    for k in range(len(net.params)):
        probe = net.copy()
        probe.params[k] += h
        up = probe.loss_value(X[None], Y[None])
        probe.params[k] -= 2 * h
        grad[k] = (up - probe.loss_value(X[None], Y[None])) / (2 * h)
    return grad


def test_the_sample_gradient_is_the_derivative_of_its_loss():
    net = network()
    explanation = explain_step(net, X, Y, TrainingConfig())
    numeric = numerical_gradient(net)
    mask = np.concatenate([m.ravel() for m in net.masks] + [np.ones(4)]).astype(bool)
    np.testing.assert_allclose(explanation.data_gradient[mask], numeric[mask], atol=1e-9)
    assert explanation.data_gradient[~mask].tolist() == [0.0]


def hand_step(config: TrainingConfig, w: np.ndarray, g: np.ndarray, n_weights: int,
              state: dict) -> np.ndarray:
    """torch.optim's rules written out per parameter, with L1/L2 on the weights."""
    g = g.copy()
    if config.clip_norm:
        g *= min(1.0, config.clip_norm / (math.sqrt(float(g @ g)) + 1e-6))
    g[:n_weights] += config.l1 * np.sign(w[:n_weights]) + config.l2 * w[:n_weights]
    eta, mu = config.learning_rate, config.momentum
    if config.optimizer == "sgd":
        return w - eta * g
    if config.optimizer in ("momentum", "nesterov"):
        b = mu * state["velocity"] + g
        return w - eta * (b if config.optimizer == "momentum" else g + mu * b)
    t = state["t"] + 1
    m = config.beta1 * state["m"] + (1 - config.beta1) * g
    v = config.beta2 * state["v"] + (1 - config.beta2) * g * g
    return w - eta / (1 - config.beta1 ** t) * m / (
        np.sqrt(v) / math.sqrt(1 - config.beta2 ** t) + config.epsilon)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "nesterov", "adam"])
@pytest.mark.parametrize("extras", [{}, {"l1": 0.01, "l2": 0.05}, {"clip_norm": 0.01}])
def test_the_update_is_the_optimisers_own_from_its_current_state(optimizer, extras):
    net = network()
    config = replace(TrainingConfig(optimizer=optimizer, learning_rate=0.3), **extras)
    rng = np.random.default_rng(4)
    n = len(net.params)
    state = {"velocity": rng.normal(size=n), "m": rng.normal(size=n) * 0.1,
             "v": rng.uniform(0.01, 0.1, size=n), "t": 7}
    wanted = {"sgd": ["t"], "momentum": ["velocity", "t"], "nesterov": ["velocity", "t"],
              "adam": ["m", "v", "t"]}[optimizer]
    given = {k: state[k] for k in wanted}
    explanation = explain_step(net, X, Y, config, given)
    expected = hand_step(config, net.params, explanation.data_gradient, net.n_weights,
                         given)
    mask = np.concatenate([m.ravel() for m in net.masks] + [np.ones(4)]).astype(bool)
    np.testing.assert_allclose(explanation.after[mask], expected[mask], rtol=1e-12,
                               atol=1e-15)
    assert np.array_equal(explanation.before, net.params)   # the network is untouched


def test_the_lines_end_with_the_new_value_and_name_the_rule():
    net = network()
    shown = "{:.6g}".format
    for optimizer, rule in [("sgd", "w ← w − η·g"), ("momentum", "b ← μ·b + g"),
                            ("nesterov", "w ← w − η·(g + μ·b)"), ("adam", "m ← β1·m")]:
        config = TrainingConfig(optimizer=optimizer, l2=0.1)
        explanation = explain_step(net, X, Y, config)
        index = net.weight_index(1, 2, 0)
        lines = explanation.lines(index, "w", shown)
        assert any(rule in line for line in lines)
        assert lines[-1].endswith(f"= {shown(explanation.after[index])}")
        assert lines[0].startswith("g = dE/dw + 0.1·w = ")
        bias = net.bias_index(2, 0)
        assert explanation.lines(bias, "b", shown)[0].startswith("g = dE/db = ")


def test_a_step_neuron_has_no_update_to_explain():
    net = Network([2, 1], ["step"])
    assert explain_step(net, X, Y, TrainingConfig()) is None


def test_the_callers_trace_gives_the_same_step_as_a_trace_of_its_own():
    net = network()
    config = TrainingConfig(optimizer="adam", l2=0.1)
    own = explain_step(net, X, Y, config)
    given = explain_step(net, X, Y, config, trace=net.trace(X[None], Y[None]))
    assert np.array_equal(own.data_gradient, given.data_gradient)
    assert np.array_equal(own.after, given.after)
