"""The gradient check: central differences against backpropagation on user networks."""

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from nnsim.simulator import ACTIVATIONS, InitConfig, Network
from nnsim.simulator.fileformat import load_project
from nnsim.simulator.gradcheck import PER_PART, TOLERANCE, check_gradients, relative_difference

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def example_batch(path: Path, rows: int = 16):
    """The example's network and its first ``rows`` training rows, targets encoded; the
    MNIST example (its data is not bundled) gets random images."""
    project = load_project(path)
    net = project.network
    if "mnist" in path.name:
        rng = np.random.default_rng(0)
        return net, rng.random((rows, 784)), np.eye(10)[rng.integers(0, 10, rows)]
    train, _ = project.load_data()
    targets = train.targets_for(net.activations[-1], net.sizes[-1])
    return net, train.inputs[:rows], targets[:rows]


def random_network(sizes, hidden="tanh", output="sigmoid", seed=1):
    return Network(sizes, [hidden] * (len(sizes) - 2) + [output],
                   init=InitConfig(weights="uniform", uniform_range=1.0, biases="uniform",
                                   seed=seed))


def slope(net, x, y, index, h=1e-5):
    """An independent central difference of the loss at flat position ``index``."""
    probe = net.copy()
    probe.params[index] += h
    up = probe.loss_value(x, y)
    probe.params[index] -= 2 * h
    return (up - probe.loss_value(x, y)) / (2 * h)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.nnsim.json")), ids=lambda p: p.name)
def test_every_example_network_passes_below_1e_6(path):
    net, x, y = example_batch(path)
    result = check_gradients(net, x, y)
    assert result.passed and result.worst < 1e-6
    assert len(result.parts) == 2 * (net.n_layers - 1)
    assert result.samples == len(x) and result.loss == net.loss_value(x, y)
    assert all(p.checked == min(PER_PART, p.total) for p in result.parts)


def test_the_network_is_not_changed():
    net = random_network([3, 5, 2])
    net.set_connection(0, 1, 2, False)
    x, y = np.random.default_rng(2).normal(size=(4, 3)), np.random.default_rng(3).random((4, 2))
    net.compute_gradients(x, y)
    before = net.params.copy(), net.grads.copy(), [m.copy() for m in net.masks]
    check_gradients(net, x, y)
    assert np.array_equal(net.params, before[0]) and np.array_equal(net.grads, before[1])
    assert all(np.array_equal(m, b) for m, b in zip(net.masks, before[2]))


def test_the_worst_place_reports_both_derivatives_truly():
    net = random_network([3, 4, 2])
    x, y = np.random.default_rng(4).normal(size=(5, 3)), np.random.default_rng(5).random((5, 2))
    _, grad_w, grad_b = net.gradients(x, y)
    for part in check_gradients(net, x, y).parts:
        if part.part == "weights":
            i, j = part.where
            index, exact = net.weight_index(part.block, i, j), grad_w[part.block][i, j]
        else:
            (j,) = part.where
            index, exact = net.bias_index(part.block + 1, j), grad_b[part.block][j]
        assert part.backprop == exact
        everything = grad_w[part.block] if part.part == "weights" else grad_b[part.block]
        assert part.steepest == np.abs(everything).max()   # every parameter is checked
        assert part.numeric == pytest.approx(slope(net, x, y, index), rel=1e-7, abs=1e-12)


def test_a_wrong_derivative_is_caught_in_the_layers_it_feeds(monkeypatch):
    """tanh's derivative 0.1 % too large: every part below the output layer fails, the
    output layer's own weights and biases (which do not use it) still pass.  A gradient
    c times too large differs by (c − 1)/(c + 1): c = 1.001 through one tanh layer,
    1.001² through two."""
    tanh = ACTIVATIONS["tanh"]

    def backward(z, a, grad_a, out):
        tanh.backward(z, a, grad_a, out)
        out *= 1.001

    monkeypatch.setitem(ACTIVATIONS, "tanh", dataclasses.replace(tanh, backward=backward))
    net = random_network([3, 5, 4, 2])
    x, y = np.random.default_rng(6).normal(size=(6, 3)), np.random.default_rng(7).random((6, 2))
    result = check_gradients(net, x, y)
    assert not result.passed
    assert [p.passed for p in result.parts] == [False, False, False, False, True, True]
    through_two, through_one = 1.001 ** 2, 1.001
    expected = [(c - 1) / (c + 1) for c in (through_two, through_two, through_one, through_one)]
    assert [p.worst for p in result.parts[:4]] == pytest.approx(expected, rel=1e-4)


def test_removed_connections_are_never_nudged():
    net = random_network([4, 6, 3], seed=3)
    removed = [(0, 0, 0), (0, 3, 5), (0, 2, 1), (1, 4, 2), (1, 0, 0)]
    for block, i, j in removed:
        net.set_connection(block, i, j, False)
    x, y = np.random.default_rng(8).normal(size=(3, 4)), np.random.default_rng(9).random((3, 3))
    result = check_gradients(net, x, y, per_part=100)
    weights = [p for p in result.parts if p.part == "weights"]
    assert [p.total for p in weights] == [24 - 3, 18 - 2]
    assert [p.checked for p in weights] == [21, 16] and result.passed


def test_a_bounded_subset_of_a_large_network():
    net = Network([784, 128, 64, 10], ["relu", "relu", "softmax"], loss="cross_entropy")
    rng = np.random.default_rng(0)
    result = check_gradients(net, rng.random((2, 784)), np.eye(10)[[3, 7]])
    assert [p.checked for p in result.parts] == [40, 40, 40, 40, 40, 10]
    assert [p.total for p in result.parts] == [784 * 128, 128, 128 * 64, 64, 640, 10]
    assert result.checked == 210 and result.passed


def test_a_nudge_across_a_relu_kink_is_skipped_not_compared():
    """z = 0 exactly at the first hidden neuron: its bias's ±h lands on both slopes."""
    net = random_network([1, 3, 1], hidden="relu", output="linear")
    net.set_bias(1, 0, 0.0)
    net.set_bias(1, 1, 0.5)
    net.set_bias(1, 2, -0.5)
    result = check_gradients(net, np.zeros((1, 1)), np.ones((1, 1)))
    biases = result.parts[1]
    assert (biases.checked, biases.skipped, biases.compared) == (3, 1, 2)
    assert result.skipped == 1 and result.passed


def test_step_neurons_give_zero_both_ways():
    net = random_network([2, 3, 1], hidden="step", output="sigmoid", seed=4)
    x = np.array([[0.3, -0.7], [1.2, 0.4]])
    result = check_gradients(net, x, np.array([[1.0], [0.0]]))
    first = result.parts[:2]
    assert all(p.backprop == 0.0 and p.numeric == 0.0 and p.worst == 0.0 for p in first)
    assert all(p.steepest == 0.0 for p in first) and result.parts[2].steepest > 0
    assert result.passed and not result.all_flat


def test_float32_networks_are_checked_in_float64():
    net = random_network([3, 4, 2]).astype("float32")
    x, y = np.random.default_rng(10).normal(size=(3, 3)), np.random.default_rng(11).random((3, 2))
    assert check_gradients(net, x, y).worst < TOLERANCE
    assert net.dtype == np.float32


@pytest.mark.parametrize("sizes,x,y,message", [
    ([2], np.zeros((1, 2)), np.zeros((1, 2)), "only an input layer"),
    ([2, 1], np.zeros((2, 2)), np.zeros((1, 1)), "2 input rows and 1 target rows"),
    ([2, 1], np.zeros((1, 3)), np.zeros((1, 1)), "inputs must have 2 columns"),
])
def test_bad_inputs_are_refused_in_one_line(sizes, x, y, message):
    with pytest.raises(ValueError, match=message):
        check_gradients(Network(sizes, "sigmoid"), x, y)


def test_an_overflowing_network_fails_instead_of_passing_quietly():
    net = random_network([2, 3, 1], hidden="linear", output="linear")
    result = check_gradients(net, np.full((1, 2), 1e300), np.zeros((1, 1)))
    assert not result.passed and result.worst == float("inf")


def test_a_saturated_neurons_tiny_slope_is_judged_against_the_rounding_noise():
    """tanh at z = 1·1 + 10: dE/dw = (ŷ − y)·g′(z)·x ≈ 1.1e-9, below what
    (E(w+h) − E(w−h))/2h can resolve (its rounding is ~1e-10 here).  Taken plainly the
    two differ by 0.25 %; against the estimate's noise they agree."""
    net = Network([1, 1, 1], ["tanh", "linear"])
    net.set_weight(0, 0, 0, 1.0)
    net.set_bias(1, 0, 10.0)
    net.set_weight(1, 0, 0, 1.0)
    net.set_bias(2, 0, 0.0)
    result = check_gradients(net, np.array([[1.0]]), np.array([[0.0]]))
    weight = result.parts[0]
    a = np.tanh(11.0)
    assert weight.backprop == pytest.approx(a * (1 - a ** 2), rel=1e-6, abs=0)
    assert relative_difference(weight.backprop, weight.numeric, 0.0) > 1e-3
    assert weight.passed and result.passed
