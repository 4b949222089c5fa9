"""The gradient check in the window: Train ▸ Check Gradients… and the inspector's button."""

import dataclasses

import numpy as np
from PySide6.QtCore import Qt

from nnsim.simulator import ACTIVATIONS
from nnsim.simulator.gradcheck import check_gradients
from nnsim.simulator.resources import resource_path

EXAMPLES = resource_path("examples")
RESULT, WHERE = 4, 5


def open_example(window, name):
    assert window.files.open_path(EXAMPLES / f"{name}.nnsim.json", example=True)
    return window.session


def train_menu_action(window, text):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Train")
    return next(a for a in menu.actions() if a.text() == text)


def table(dialog):
    rows = dialog.table.rowCount()
    return [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(rows)]


def encoded(session):
    net, data = session.network, session.train_data
    return data.inputs, data.targets_for(net.activations[-1], net.sizes[-1])


def test_the_train_menu_checks_the_first_samples(qtbot, window):
    session = open_example(window, "digits-64-16-16-10")
    train_menu_action(window, "Check &Gradients…").trigger()
    dialog = window.gradient_check.dialog
    qtbot.waitUntil(dialog.isVisible)
    x, y = encoded(session)
    expected = check_gradients(session.network, x[:16], y[:16])
    rows = table(dialog)
    assert [r[:3] for r in rows] == [
        ["Hidden 1", "weights", "40 of 1,024"], ["Hidden 1", "biases", "16 of 16"],
        ["Hidden 2", "weights", "40 of 256"], ["Hidden 2", "biases", "16 of 16"],
        ["Output", "weights", "40 of 160"], ["Output", "biases", "10 of 10"]]
    assert [r[3] for r in rows] == [f"{p.worst:.1e}" for p in expected.parts]
    assert all(r[RESULT] == "pass" for r in rows)
    assert "first 16 training samples" in dialog.header.text()
    assert "162 of 1,482 parameters" in dialog.header.text()
    assert "agrees" in dialog.verdict.text() and "chain rule" in dialog.explanation.text()


def test_the_inspectors_button_checks_its_sample(qtbot, window):
    session = open_example(window, "xor-2-2-1")
    window.inspector.sample_spin.setValue(2)
    qtbot.mouseClick(window.inspector.gradient_check_button, Qt.LeftButton)
    dialog = window.gradient_check.dialog
    qtbot.waitUntil(dialog.isVisible)
    x, y = encoded(session)
    expected = check_gradients(session.network, x[2], y[2])
    assert "sample #2" in dialog.header.text()
    assert [r[3] for r in table(dialog)] == [f"{p.worst:.1e}" for p in expected.parts]
    names = session.network.names
    worst = expected.parts[0]
    i, j = worst.where
    assert table(dialog)[0][WHERE] == f"{names[0][i]} → {names[1][j]}"


def test_a_wrong_derivative_shows_fail(qtbot, window, monkeypatch):
    tanh = ACTIVATIONS["tanh"]

    def backward(z, a, grad_a, out):
        tanh.backward(z, a, grad_a, out)
        out *= 1.01

    session = open_example(window, "xor-2-2-1")
    monkeypatch.setitem(ACTIVATIONS, "tanh", dataclasses.replace(tanh, backward=backward))
    session.network.set_activation(1, "tanh")   # its kernels are rebuilt with the patch
    train_menu_action(window, "Check &Gradients…").trigger()
    rows = table(window.gradient_check.dialog)
    assert [r[RESULT] for r in rows] == ["FAIL", "FAIL", "pass", "pass"]
    assert "disagree" in window.gradient_check.dialog.verdict.text()


def test_the_check_reads_the_shown_network_while_training(qtbot, window):
    session = open_example(window, "spiral")
    session.toggle_play()
    qtbot.waitUntil(lambda: session.latest is not None, timeout=10_000)
    train_menu_action(window, "Check &Gradients…").trigger()
    rows = table(window.gradient_check.dialog)
    session.toggle_play()
    qtbot.waitUntil(lambda: not session.busy, timeout=10_000)
    assert len(rows) == 8 and all(r[RESULT] == "pass" for r in rows)


def test_without_a_project_the_menu_entry_is_off(window):
    assert not train_menu_action(window, "Check &Gradients…").isEnabled()


def test_a_network_without_data_is_refused_in_a_message(qtbot, window, messages):
    session = open_example(window, "xor-2-2-1")
    window.inspector.set_samples(np.zeros((0, 0)))
    qtbot.mouseClick(window.inspector.gradient_check_button, Qt.LeftButton)
    assert messages[-1][:2] == ("warning", "Gradient check")
    assert session.network is not None


def test_opening_another_network_closes_the_old_check(qtbot, window):
    open_example(window, "xor-2-2-1")
    train_menu_action(window, "Check &Gradients…").trigger()
    dialog = window.gradient_check.dialog
    qtbot.waitUntil(dialog.isVisible)
    open_example(window, "and")
    assert not dialog.isVisible()


def test_a_perceptron_of_step_neurons_is_said_to_have_no_slope(qtbot, window):
    open_example(window, "festival-perceptron")
    qtbot.mouseClick(window.inspector.gradient_check_button, Qt.LeftButton)
    dialog = window.gradient_check.dialog
    assert [r[3] for r in table(dialog)] == ["0", "0"]
    assert dialog.verdict.text().startswith("Every checked slope is exactly 0")
    assert "Step neurons have no slope" in dialog.explanation.text()
