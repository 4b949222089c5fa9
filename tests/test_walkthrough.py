"""Issue 12: one sample walked through the network — every number in a step is the
engine's (``Network.trace`` and the optimiser's real step)."""

import numpy as np

from nnsim.simulator.network import Network
from nnsim.simulator.training import TrainingConfig
from nnsim.simulator.updates import explain_step
from nnsim.simulator.walkthrough import BACKWARD, ERROR, FORWARD, UPDATE, walk

X = np.array([1.0, 0.0])
Y = np.array([1.0])


def xor_221() -> Network:
    net = Network([2, 2, 1], ["sigmoid", "sigmoid"])
    net.weights[0][...] = [[5.0, -3.0], [4.0, 6.0]]
    net.biases[0][...] = [-2.0, 1.0]
    net.weights[1][...] = [[7.0], [-8.0]]
    net.biases[1][...] = [0.5]
    return net


MOMENTUM = TrainingConfig(optimizer="momentum", learning_rate=0.5)


def steps_of(net, config=MOMENTUM):
    trace = net.trace(X[None], Y[None])
    update = explain_step(net, X, Y, config)
    return trace, update, walk(net, trace, Y, update, repr)


def test_the_walk_goes_forward_neuron_by_neuron_then_error_backward_and_update():
    _, _, steps = steps_of(xor_221())
    assert [(s.kind, s.layer, s.neuron) for s in steps] == [
        (FORWARD, 1, 0), (FORWARD, 1, 1), (FORWARD, 2, 0), (ERROR, 2, None),
        (BACKWARD, 2, None), (BACKWARD, 1, None), (UPDATE, 2, None), (UPDATE, 1, None)]


def test_forward_callouts_are_the_traces_weighted_sums_and_activations():
    net = xor_221()
    trace, _, steps = steps_of(net)
    hidden = steps[0]
    # z = 5·1 + 4·0 − 2 = 3 by hand; a = σ(3)
    assert hidden.lines[0] == "z = Σ wᵢ·xᵢ + b = 5.0·1.0 + 4.0·0.0 − 2.0 = 3.0"
    assert hidden.lines[1] == f"a = sigmoid(3.0) = {float(trace.a[1][0, 0])!r}"
    assert hidden.connections == [(0, 0, 0), (0, 1, 0)]
    out = steps[2]
    assert out.lines[0].endswith(f"= {float(trace.z[2][0, 0])!r}")
    assert out.lines[1].endswith(f"= {float(trace.a[2][0, 0])!r}")
    assert out.neuron_labels == {(2, 0): f"a = {float(trace.a[2][0, 0])!r}"}


def test_error_and_backward_steps_carry_the_traces_gradients():
    net = xor_221()
    trace, _, steps = steps_of(net)
    error, back_out, back_hidden = steps[3], steps[4], steps[5]
    assert error.lines[0].endswith(f"= {float(trace.loss)!r}")
    a = trace.a[2][0, 0]
    assert error.neuron_labels == {(2, 0): f"ŷ − y = {float(a - 1.0)!r}"}
    for step, layer in ((back_out, 2), (back_hidden, 1)):
        assert step.neuron_labels == {(layer, j): f"δ = {float(trace.dE_dz[layer][0, j])!r}"
                                      for j in range(net.sizes[layer])}
        block = layer - 1
        assert step.connection_labels == {
            (block, i, j): f"dE/dw = {float(trace.dE_dw[block][i, j])!r}"
            for i in range(net.sizes[block]) for j in range(net.sizes[layer])}
    dg = a * (1 - a)   # σ′ by hand
    da, dz = float(trace.dE_da[2][0, 0]), float(trace.dE_dz[2][0, 0])
    assert back_out.lines[0] == f"y1: dE/dz = dE/da·g′(z) = {da!r}·{float(dg)!r} = {dz!r}"


def test_update_steps_show_each_weights_real_move_and_the_rule():
    net = xor_221()
    _, update, steps = steps_of(net)
    last = steps[6]
    for (block, i, j), text in last.connection_labels.items():
        k = net.weight_index(block, i, j)
        assert text == f"{float(update.before[k])!r} → {float(update.after[k])!r}"
    assert any(line.startswith("b ← μ·b + g") for line in last.lines)   # momentum's rule
    moves = {k: abs(update.after[k] - update.before[k])
             for k in (net.weight_index(1, 0, 0), net.weight_index(1, 1, 0))}
    largest = max(moves, key=moves.get)
    assert last.lines[-1].endswith(f"= {float(update.after[largest])!r}")


def test_large_layers_show_the_strongest_terms_and_count_the_rest():
    net = Network([20, 3, 2], ["relu", "softmax"], loss="cross_entropy")
    x = np.linspace(-1, 1, 20)
    trace = net.trace(x[None], np.array([[0.0, 1.0]]))
    steps = walk(net, trace, np.array([0.0, 1.0]), None, repr)
    first = steps[0]
    assert len(first.connections) == 6 and "(14 more, together " in first.lines[0]
    products = net.weights[0][:, 0] * x
    kept = sorted(abs(products), reverse=True)[:6]
    assert sorted(abs(products[[i for _, i, _ in first.connections]]), reverse=True) == kept
    assert not any(s.kind == UPDATE for s in steps)   # no update asked for
