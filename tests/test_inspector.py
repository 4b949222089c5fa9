"""NeuronInspector: the article's neuron, the chain rule and a connection, checked against
independent numpy arithmetic and against Network.trace."""

import numpy as np
import pytest

from nnsim.simulator.network import Network
from nnsim.simulator.resources import resource_path
from nnsim.simulator.training import TrainingConfig
from nnsim.simulator.updates import explain_step
from nnsim.ui.arithmetic import format_number
from nnsim.ui.inspector import NeuronInspector

X, Y = np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0])


@pytest.fixture
def inspector(qtbot):
    widget = NeuronInspector()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def article_net():
    net = Network([4, 1], "sigmoid")
    net.weights[0][:, 0] = [0.2, 0.5, 0.9, 0.1]
    net.biases[0][0] = 2.0
    return net


@pytest.fixture
def small_net():
    """2-3-2 with fixed weights: sigmoid hidden layer, sigmoid outputs, squared error."""
    net = Network([2, 3, 2], "sigmoid")
    net.weights[0][...] = [[0.5, -1.0, 0.25], [0.75, 0.5, -0.5]]
    net.biases[0][...] = [0.1, -0.2, 0.3]
    net.weights[1][...] = [[1.0, -0.5], [0.5, 0.25], [-1.5, 2.0]]
    net.biases[1][...] = [0.05, -0.05]
    return net


def by_hand(net, x, y):
    """Forward and backward pass of ``small_net`` written out with numpy."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    z1 = x @ net.weights[0] + net.biases[0]
    a1 = sig(z1)
    z2 = a1 @ net.weights[1] + net.biases[1]
    a2 = sig(z2)
    dz2 = (a2 - y) * a2 * (1 - a2)
    return a1, dz2


def test_format_number_keeps_four_to_six_significant_digits():
    assert format_number(6.300000000000001) == "6.3"
    assert format_number(0.9981670610575072) == "0.998167"
    assert format_number(1.6798325834533343e-06) == "1.6798e-06"
    assert format_number(-3.353507105788509e-06) == "-3.3535e-06"
    assert format_number(-0.0) == "0" and format_number(2.0) == "2"
    assert format_number(6.300000000000001, full=True) == "6.300000000000001"


def test_article_neuron(inspector, article_net):
    inspector.show_neuron(article_net, 1, 0, X, Y)
    text = inspector.text()
    assert "z = Σ wi·xi + b = 0.2 + 1 + 2.7 + 0.4 + 2 = 6.3" in text
    assert "a = g(z) = sigmoid(6.3) = 0.998167" in text
    assert "= 1.6798e-06" in text
    trace = article_net.trace(X[None], Y[None])
    for i in range(4):
        assert format_number(trace.dE_dw[0][i, 0]) in text
    assert f"dE/db = dE/dz = {format_number(trace.dE_db[0][0])}" in text
    assert "dE/dz = dE/da · g′(z) = -0.00183294 · 0.00182958 = -3.3535e-06" in text
    assert "1 / (1 + e^(−z))" in text


def test_full_precision_shows_every_digit(inspector, article_net):
    inspector.show_neuron(article_net, 1, 0, X, Y)
    inspector.precision_checkbox.setChecked(True)
    text = inspector.text()
    # The z the engine computed, whichever way this machine's BLAS kernel rounds it.
    z = article_net.trace(X[None], Y[None]).z[1][0, 0]
    assert f"= {float(z)!r}" in text and "0.9981670610575072" in text
    assert "1.6798325834533343e-06" in text


def plain_descent(eta: float):
    """The inspector's update source for plain gradient descent at ``eta``."""
    config = TrainingConfig(optimizer="sgd", learning_rate=eta)
    return lambda net, x, y, trace: explain_step(net, x, y, config, trace=trace)


def test_update_at_the_learning_rate(inspector, article_net):
    inspector.set_update_source(plain_descent(0.5))
    inspector.show_neuron(article_net, 1, 0, X, Y)
    db = article_net.trace(X[None], Y[None]).dE_db[0][0]
    assert "at η = 0.5" in inspector.text()
    assert f"{2 - 0.5 * db:.9g}" in inspector.text()   # enough digits to see the step


def test_hidden_neuron_spells_out_the_chain_rule(inspector, small_net):
    x, y = np.array([0.8, -0.4]), np.array([1.0, 0.0])
    a1, dz2 = by_hand(small_net, x, y)
    j = 2
    inspector.show_neuron(small_net, 1, j, x, y)
    text = inspector.text()
    products = small_net.weights[1][j] * dz2
    for w, d, p in zip(small_net.weights[1][j], dz2, products):
        assert f"{format_number(w)}\n{format_number(d)}\n{format_number(p)}" in text
    assert f"dE/da = Σk wk·dE/dzk = {format_number(products.sum())}" in text
    dz1 = products.sum() * a1[j] * (1 - a1[j])
    assert f"= {format_number(dz1)}\n" in text
    for i in range(2):
        assert format_number(dz1 * x[i]) in text


def test_connection_shows_weight_gradient_and_update(inspector, small_net):
    x, y = np.array([0.8, -0.4]), np.array([1.0, 0.0])
    a1, dz2 = by_hand(small_net, x, y)
    inspector.set_update_source(plain_descent(0.1))
    inspector.show_connection(small_net, 1, 2, 1, x, y)
    text = inspector.text()
    w, grad = small_net.weights[1][2, 1], dz2[1] * a1[2]
    assert f"w = {format_number(w)}" in text
    assert f"= {format_number(grad)}" in text
    assert format_number(w - 0.1 * grad) in text
    assert "h1_3 → y2" in inspector.header.text()


def test_removed_connection_says_so(inspector, small_net):
    small_net.set_connection(0, 1, 2, False)
    inspector.show_connection(small_net, 0, 1, 2, np.zeros(2), None)
    assert "removed" in inspector.text()


def test_input_neuron_shows_its_value(inspector, small_net):
    inspector.show_neuron(small_net, 0, 1, np.array([0.8, -0.4]), None)
    assert "x2 = -0.4" in inspector.text()


def test_without_a_target_only_the_forward_pass(inspector, article_net):
    inspector.show_neuron(article_net, 1, 0, X, None)
    text = inspector.text()
    assert "0.998167" in text and "dE/dz" not in text and "target" in text


def test_softmax_with_cross_entropy_shows_a_minus_y(inspector):
    net = Network([2, 3], "softmax", loss="cross_entropy")
    x, y = np.array([0.5, -1.0]), np.array([0.0, 1.0, 0.0])
    inspector.show_neuron(net, 1, 1, x, y)
    a = net.forward(x[None])[0, 1]
    expected = f"dE/dz = a − y = {format_number(a)} − 1 = {format_number(a - 1)}"
    assert expected in inspector.text()
    assert inspector.activation_plot.isHidden()    # softmax has no g(z) of one z


def test_stepping_samples_recomputes_and_signals(inspector, qtbot, article_net):
    inputs = np.array([[1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, 0.0]])
    inspector.set_samples(inputs, np.array([[1.0], [0.0]]))
    inspector.show_neuron(article_net, 1, 0, *inspector.current_sample())
    with qtbot.waitSignal(inspector.sampleChanged) as signal:
        inspector.sample_spin.setValue(1)
    assert signal.args == [1]
    assert "= 0 + 0 + 0 + 0 + 2 = 2" in inspector.text()


def test_plot_marks_the_neuron_on_g_and_its_derivative(inspector, article_net):
    inspector.show_neuron(article_net, 1, 0, X, Y)
    xs, ys = inspector.z_marker.getData()
    np.testing.assert_allclose(xs, [6.3, 6.3])
    a = 0.9981670610575072
    np.testing.assert_allclose(ys, [a, a * (1 - a)])


def test_clear_empties(inspector, article_net):
    inspector.show_neuron(article_net, 1, 0, X, Y)
    inspector.clear()
    assert inspector.text() == "" and inspector.activation_plot.isHidden()


def test_wide_layers_fold_the_smallest_terms(inspector):
    net = Network([20, 1], "sigmoid")
    x = np.linspace(-1.0, 1.0, 20)
    inspector.show_neuron(net, 1, 0, x, np.array([1.0]))
    products = net.weights[0][:, 0] * x
    smallest = np.argsort(np.abs(products))[:8]
    text = inspector.text()
    assert f"… and 8 smaller terms, together {format_number(products[smallest].sum())}" in text
    assert f"+ b = {format_number(products.sum())} + 0 = " in text


def test_the_update_is_the_chosen_optimisers_from_its_state(qtbot, window):
    """Issue 12: the inspector printed w ← w − η·dE/dw whatever the optimiser."""
    from dataclasses import replace

    from PySide6.QtCore import Qt
    assert window.files.open_path(resource_path("examples", "xor-2-4-1.nnsim.json"),
                                  example=True)
    session = window.session
    session.set_config(replace(session.config, optimizer="momentum", learning_rate=0.3))
    session.step(3)
    qtbot.waitUntil(lambda: not session.busy and session.trainer.step_count == 3)
    canvas = window.canvas
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton,
                     pos=canvas.mapFromScene(canvas.connection_midpoint(1, 2, 0)))
    assert window.inspection.selected == ("connection", 1, 2, 0)
    x, y = window.inspector.current_sample()
    net = session.network
    k = net.weight_index(1, 2, 0)
    g = net.trace(x[None], y[None]).dE_dw[1][2, 0]
    mu, eta = session.config.momentum, 0.3
    b = mu * session.trainer.optimizer.velocity[k] + g          # torch's rule, by hand
    text = window.inspector.text()
    assert "Momentum step at η = 0.3" in text and "b ← μ·b + g" in text
    assert "w ← w − η·dE/dw" not in text
    assert f"= {format_number(b)}" in text
    assert format_number(net.params[k] - eta * b) in text
