"""Backpropagation checked against central differences (float64, relative error < 1e-6)."""

import itertools

import numpy as np
import pytest

from nnsim.simulator import ACTIVATIONS, InitConfig, Network
from nnsim.simulator.training import Trainer, TrainingConfig

SMOOTH = [name for name, act in ACTIVATIONS.items() if act.has_gradient and act.per_neuron]
ARCHITECTURES = [[3, 4, 2], [2, 5, 3, 3], [4, 3, 3, 2, 3]]


def numeric_gradient(net, x, y, objective=None, eps=1e-6):
    objective = objective or (lambda: net.loss_value(x, y))
    grad = np.zeros_like(net.params)
    for i in range(net.params.size):
        keep = net.params[i]
        net.params[i] = keep + eps
        up = objective()
        net.params[i] = keep - eps
        down = objective()
        net.params[i] = keep
        grad[i] = (up - down) / (2 * eps)
    return grad


def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12)


def random_case(sizes, hidden, output, loss, seed, mask_fraction=0.25):
    rng = np.random.default_rng(seed)
    net = Network(sizes, [hidden] * (len(sizes) - 2) + [output], loss=loss,
                  init=InitConfig(weights="uniform", uniform_range=1.0, biases="uniform",
                                  seed=seed))
    for k, m in enumerate(net.masks):
        for i, j in zip(*np.nonzero(rng.random(m.shape) < mask_fraction)):
            net.set_connection(k, i, j, False)
    x = rng.normal(size=(5, sizes[0]))
    if output in ("softmax",):
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], 5)]
    else:
        y = rng.random((5, sizes[-1]))
    return net, x, y


def assert_masked_gradients_zero(net):
    for g, m in zip(net.grad_weights, net.masks):
        assert np.all(g[~m] == 0.0)


COMBOS = [(h, o, "squared_error") for h, o in itertools.product(SMOOTH, SMOOTH + ["softmax"])]
COMBOS += [(h, "softmax", "cross_entropy") for h in SMOOTH]
COMBOS += [(h, "sigmoid", "binary_cross_entropy") for h in SMOOTH]


@pytest.mark.parametrize("hidden,output,loss", COMBOS)
@pytest.mark.parametrize("arch", range(len(ARCHITECTURES)))
def test_backprop_matches_central_differences(hidden, output, loss, arch):
    net, x, y = random_case(ARCHITECTURES[arch], hidden, output, loss, seed=arch)
    analytic = net.gradients(x, y)
    flat = np.concatenate([w.ravel() for w in analytic[1]] + list(analytic[2]))
    numeric = numeric_gradient(net, x, y)
    numeric *= net._grad_mask if net.has_masks else 1.0
    assert relative_error(flat, numeric) < 1e-6
    net.compute_gradients(x, y)
    assert_masked_gradients_zero(net)
    # The inspector's trace computes in buffers of its own: the same gradients.
    trace = net.trace(x, y)
    traced = np.concatenate([w.ravel() for w in trace.dE_dw] + list(trace.dE_db))
    np.testing.assert_allclose(traced, flat, rtol=1e-13, atol=1e-16)
    assert relative_error(traced, numeric) < 1e-6


@pytest.mark.parametrize("output,loss", [("softmax", "cross_entropy"),
                                         ("sigmoid", "binary_cross_entropy")])
def test_fused_gradients_match_differences_of_the_loss_at_saturated_outputs(output, loss):
    """Output weights ×300 put |z| in the hundreds: probabilities round to 0 and 1, yet
    the loss keeps growing linearly in z, and (ŷ − y)/n is its slope (a loss computed
    from clipped probabilities would be flat there, its differences 0)."""
    net, x, y = random_case([3, 4, 3], "tanh", output, loss, seed=6, mask_fraction=0)
    net.weights[-1] *= 300.0
    z = net.trace(x).z[-1]
    assert np.abs(z).max() > 200
    flat = net.gradients(x, y)
    analytic = np.concatenate([w.ravel() for w in flat[1]] + list(flat[2]))
    assert net.loss_value(x, y) > 50
    assert relative_error(analytic, numeric_gradient(net, x, y)) < 1e-6


def test_per_neuron_overrides_backprop_matches_central_differences():
    net, x, y = random_case([3, 5, 4, 2], "tanh", "sigmoid", "squared_error", seed=7)
    net.set_neuron_activation(1, 0, "relu")
    net.set_neuron_activation(1, 3, "elu")
    net.set_neuron_activation(2, 2, "softplus")
    net.set_neuron_activation(3, 1, "linear")
    net.compute_gradients(x, y)
    analytic = net.grads.copy()
    numeric = numeric_gradient(net, x, y) * net._grad_mask
    assert relative_error(analytic, numeric) < 1e-6
    assert net.activation_of(1, 0).name == "relu" and net.activation_of(1, 1).name == "tanh"


@pytest.mark.parametrize("l1,l2", [(0.0, 0.3), (0.05, 0.0), (0.02, 0.1)])
def test_regularised_step_descends_the_regularised_objective(l1, l2):
    net, x, y = random_case([3, 4, 2], "tanh", "sigmoid", "squared_error", seed=3)
    n_w = net.n_weights

    def objective():
        w = net.params[:n_w]
        return net.loss_value(x, y) + l1 * np.abs(w).sum() + 0.5 * l2 * np.dot(w, w)

    numeric = numeric_gradient(net, x, y, objective) * net._grad_mask
    before = net.params.copy()
    trainer = Trainer(net, x, y, TrainingConfig(learning_rate=0.1, batch_size=0, l1=l1,
                                                l2=l2, shuffle=False))
    trainer.step()
    step_gradient = (before - net.params) / 0.1
    assert relative_error(step_gradient, numeric) < 1e-6


def test_clipping_rescales_the_gradient_to_the_limit():
    net, x, y = random_case([3, 4, 2], "tanh", "linear", "squared_error", seed=4, mask_fraction=0)
    full = net.gradients(x, y)
    norm = np.sqrt(sum((w ** 2).sum() for w in full[1]) + sum((b ** 2).sum() for b in full[2]))
    before = net.params.copy()
    Trainer(net, x, y, TrainingConfig(learning_rate=1.0, batch_size=0, shuffle=False,
                                      clip_norm=norm / 4)).step()
    # torch.nn.utils.clip_grad_norm_'s factor: max_norm / (norm + 1e-6)
    expected = norm * (norm / 4) / (norm + 1e-6)
    assert np.linalg.norm(before - net.params) == pytest.approx(expected, rel=1e-12)


def test_softmax_outputs_are_probabilities():
    net = Network([3, 4, 5], ["relu", "softmax"], loss="cross_entropy")
    out = net.forward(np.random.default_rng(0).normal(size=(7, 3)) * 50)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-12)
    assert np.all(out >= 0)


def test_derivative_helper_matches_finite_differences():
    z = np.linspace(-3, 3, 13).reshape(1, -1) + 0.05
    for name in SMOOTH:
        act = ACTIVATIONS[name]
        numeric = (act(z + 1e-6) - act(z - 1e-6)) / 2e-6
        np.testing.assert_allclose(act.derivative(z), numeric, rtol=1e-6, atol=1e-9)
