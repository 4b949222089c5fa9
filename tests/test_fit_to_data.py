"""Fit layers to the data: the outputs become what the refusal promised, and the input
and output neurons are named after the data (issue 13)."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnsim.simulator.datafit import fit_to_data, needed_sizes
from nnsim.simulator.dataset import CLASSIFICATION, REGRESSION, Dataset
from nnsim.simulator.network import Network
from nnsim.simulator.project import DatasetRef
from nnsim.simulator.resources import resource_path

SPECIES = ("setosa", "versicolor", "virginica")
FEATURES = ("petal", "sepal", "stem")


def three_classes() -> Dataset:
    inputs = np.arange(18.0).reshape(6, 3) / 10
    targets = np.eye(3)[[0, 1, 2, 0, 1, 2]]
    return Dataset("flowers", inputs, targets, CLASSIFICATION, SPECIES, FEATURES)


def festival_like() -> Network:
    net = Network([2, 4, 1], ["tanh", "sigmoid"], names=[["favourite singer", "friend comes"],
                                                           ["h1", "h2", "h3", "h4"], ["go"]])
    net.set_loss("binary_cross_entropy")   # sigmoid's own loss: it cannot pair with softmax
    return net


def test_a_refused_output_layer_promises_softmax_with_cross_entropy():
    with pytest.raises(ValueError, match=r"use 3 outputs \(softmax, with cross-entropy\)"):
        three_classes().targets_for("sigmoid", 1)


def test_fitting_classes_gives_softmax_cross_entropy_and_the_datas_names():
    net, data = festival_like(), three_classes()
    hidden_in, hidden_out = net.weights[0].copy(), net.weights[1].copy()
    assert needed_sizes(net, data) == (3, 3)
    fit_to_data(net, data)
    assert net.sizes == [3, 4, 3]
    assert net.activations == ["tanh", "softmax"] and net.loss_name == "cross_entropy"
    assert net.names == [list(FEATURES), ["h1", "h2", "h3", "h4"], list(SPECIES)]
    # Kept connections keep their weights bit for bit.
    assert np.array_equal(net.weights[0][:2], hidden_in)
    assert np.array_equal(net.weights[1][:, :1], hidden_out)
    assert needed_sizes(net, data) is None
    # The outputs are probabilities now: each row sums to 1.
    outputs = net.forward(data.inputs)
    assert np.allclose(outputs.sum(axis=1), 1.0)


def test_a_softmax_output_fitted_to_regression_becomes_linear():
    net = Network([2, 3], ["softmax"], loss="cross_entropy")
    data = Dataset("sums", np.ones((4, 3)), np.ones((4, 1)), REGRESSION)
    fit_to_data(net, data)
    assert net.sizes == [3, 1] and net.activations == ["linear"]
    assert net.loss_name == "squared_error"
    assert net.names == [["x1", "x2", "x3"], ["y1"]]   # no names in the data: defaults


def test_a_refused_fit_leaves_the_network_as_it_was():
    net = Network([1], [])
    with pytest.raises(ValueError):
        fit_to_data(net, three_classes())
    assert net.sizes == [1]


def test_fit_layers_in_the_window_does_what_the_message_says_in_one_undo_step(
        qtbot, window, tmp_path):
    rows = [f"{a},{b},{c},{SPECIES[k % 3]}" for k, (a, b, c) in
            enumerate(np.arange(27).reshape(9, 3) / 10)]
    csv = tmp_path / "flowers.csv"
    csv.write_text("petal,sepal,stem,species\n" + "\n".join(rows) + "\n")
    assert window.files.open_path(resource_path("examples") / "festival-perceptron.nnsim.json",
                                  example=True)
    session, panel = window.session, window.training_panel
    session.set_dataset(DatasetRef("csv", {"target_column": "species"}, paths=(str(csv),)))
    assert "use 3 outputs (softmax, with cross-entropy)" in panel.problem_label.text()
    assert panel.fit_button.isVisible()
    steps = len(session.history.texts)
    qtbot.mouseClick(panel.fit_button, Qt.LeftButton)
    net = session.network
    assert net.sizes == [3, 3] and net.activations == ["softmax"]
    assert net.loss_name == "cross_entropy" and net.names == [list(FEATURES), list(SPECIES)]
    assert window.statusBar().currentMessage() == (
        "Fitted the layers to the data: 3 inputs, 3 Softmax outputs with cross-entropy, "
        "named after the data")
    assert session.trainer is not None and not panel.problem_label.isVisible()
    assert not panel.fit_button.isVisible()
    assert panel.loss.currentData() == "cross_entropy"
    assert len(session.history.texts) == steps + 1
    session.undo()
    net = session.network
    assert net.sizes == [2, 1] and net.activations == ["step"]
    assert net.names == [["favourite singer", "friend comes"], ["go"]]
