"""Issue 12: the articles' perceptron tuned by hand — sliders for the weights and the
bias, the decision line over the four cases, a live truth table."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnsim.simulator.network import Network
from nnsim.simulator.perceptron import cases, decision_line, distinct_rows, positive_region
from nnsim.simulator.resources import resource_path

EXAMPLES = resource_path("examples")
BOX = (-1.0, 2.0, -1.0, 2.0)


def festival_like(w=(7.0, 3.0), b=-5.0) -> Network:
    net = Network([2, 1], ["step"])
    net.set_weight(0, 0, 0, w[0])
    net.set_weight(0, 1, 0, w[1])
    net.set_bias(1, 0, b)
    return net


def test_the_decision_line_is_where_w_x_plus_b_is_zero():
    # 7x + 3y = 5 leaves the box at y = −1 (x = 8/7) and y = 2 (x = −1/7).
    ends = decision_line(np.array([7.0, 3.0]), -5.0, BOX)
    assert sorted(map(tuple, np.round(ends, 12))) == sorted(
        [(round(8 / 7, 12), -1.0), (round(-1 / 7, 12), 2.0)])
    assert decision_line(np.array([0.0, 0.0]), 1.0, BOX) is None
    assert decision_line(np.array([1.0, 0.0]), -5.0, BOX) is None   # x = 5: outside


def shoelace(polygon: np.ndarray) -> float:
    x, y = polygon.T
    return abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2


def test_the_yes_side_is_the_box_clipped_by_the_half_plane():
    # 7x + 3y ≥ 5 in the 3×3 box: the trapezoid right of the line, 2 − 8/7 wide at
    # the bottom (y = −1) and 2 + 1/7 at the top (y = 2), 3 high.
    by_hand = sum(2 - (5 - 3 * y) / 7 for y in (-1, 2)) / 2 * 3
    assert shoelace(positive_region(np.array([7.0, 3.0]), -5.0, BOX)) == pytest.approx(by_hand)
    assert len(positive_region(np.array([1.0, 1.0]), -100.0, BOX)) == 0
    assert shoelace(positive_region(np.array([1.0, 1.0]), 100.0, BOX)) == pytest.approx(9)


def test_the_cases_are_the_distinct_inputs_with_their_z_and_decision():
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [0, 1], [1, 1]], dtype=float)
    targets = np.array([[0], [0], [1], [1], [0], [1]], dtype=float)
    rows, distinct = distinct_rows(inputs)
    shown = cases(festival_like(), inputs, targets, rows)
    assert distinct == 4 and [tuple(c.x) for c in shown] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert [c.z for c in shown] == [-5.0, -2.0, 2.0, 5.0]
    assert [c.decides_one() for c in shown] == [False, False, True, True]
    assert [c.output for c in shown] == [0.0, 0.0, 1.0, 1.0]
    assert [c.target for c in shown] == [0.0, 0.0, 1.0, 1.0]


def decisions(panel) -> list[str]:
    column = [panel.table.horizontalHeaderItem(c).text()
              for c in range(panel.table.columnCount())].index("decides")
    return [panel.table.item(r, column).text() for r in range(panel.table.rowCount())]


def press(qtbot, widget, key, times: int) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key)


def test_the_festival_decision_changes_as_the_bias_crosses_minus_7_and_minus_3(window, qtbot):
    assert window.files.open_path(EXAMPLES / "festival-perceptron.nnsim.json", example=True)
    session, panel = window.session, window.perceptron
    assert window.docks["perceptron"].isVisible() and panel.body.isVisible()
    bias = panel.bias_row.slider
    assert decisions(panel) == ["0", "0", "1", "1"]    # (0,0) (0,1) (1,0) (1,1) at b = −5
    bias.setFocus()
    press(qtbot, bias, Qt.Key_Left, 21)                # −7.1: the singer alone is not enough
    assert session.network.biases[0][0] == pytest.approx(-7.1)
    assert decisions(panel) == ["0", "0", "0", "1"]
    press(qtbot, bias, Qt.Key_Right, 1)                # −7: z = 0 for the singer, step says 1
    assert decisions(panel) == ["0", "0", "1", "1"]
    press(qtbot, bias, Qt.Key_Right, 40)               # −3: the friend alone is enough
    assert session.network.biases[0][0] == pytest.approx(-3.0)
    assert decisions(panel) == ["0", "1", "1", "1"]
    press(qtbot, bias, Qt.Key_Left, 1)                 # −3.1
    assert decisions(panel) == ["0", "0", "1", "1"]
    assert panel.bias_row.field.value() == pytest.approx(-3.1)
    x, y = panel.line.getData()
    assert np.allclose(7 * x + 3 * y - 3.1, 0)         # the line drawn is z = 0
    session.undo()                                     # the whole drag is one step
    assert session.network.biases[0][0] == -5.0 and decisions(panel) == ["0", "0", "1", "1"]


def test_typing_a_weight_moves_its_slider_and_the_line(window, qtbot):
    assert window.files.open_path(EXAMPLES / "festival-perceptron.nnsim.json", example=True)
    panel, row = window.perceptron, window.perceptron.weight_rows[1]
    row.field.lineEdit().selectAll()
    qtbot.keyClicks(row.field.lineEdit(), "8")
    qtbot.keyClick(row.field.lineEdit(), Qt.Key_Return)
    assert window.session.network.weights[0][1, 0] == 8.0 and row.slider.value() == 80
    assert decisions(panel) == ["0", "1", "1", "1"]    # 8 > threshold 5: the friend suffices
    x, y = panel.line.getData()
    assert np.allclose(7 * x + 8 * y - 5, 0)


def test_a_network_of_more_neurons_gets_a_sentence_instead(window):
    assert window.files.open_path(EXAMPLES / "xor-2-4-1.nnsim.json", example=True)
    panel = window.perceptron
    assert not panel.body.isVisibleTo(panel) and "5 neurons" in panel.message.text()


def test_a_step_network_glows_draws_its_decision_surface_and_scores(window, qtbot):
    """Issue 12: the festival perceptron showed no glow and no decision surface (step
    neurons cannot be trained, so nothing was drawn)."""
    assert window.files.open_path(EXAMPLES / "festival-perceptron.nnsim.json", example=True)
    session, canvas = window.session, window.canvas
    assert session.trainer is None                      # a step neuron: not trainable
    rows = session.train_data.inputs
    # The canvas glows with the mean over the samples: the output is 1 for two of four.
    expected = session.network.forward_all(rows)
    for layer, item in enumerate(canvas.layers):
        np.testing.assert_allclose(item.values, expected[layer].mean(axis=0))
    surface = window.data_view.surface
    grid = window.data_view.grid_inputs()
    outputs, _ = surface.shown
    np.testing.assert_array_equal(outputs, session.network.forward(grid))
    assert set(np.unique(outputs)) == {0.0, 1.0}
    assert window.status.labels["accuracy"].text() == "Accuracy 100.0%"
    panel = window.perceptron                           # moving the bias redraws it
    panel.bias_row.field.lineEdit().selectAll()
    qtbot.keyClicks(panel.bias_row.field.lineEdit(), "-8")
    qtbot.keyClick(panel.bias_row.field.lineEdit(), Qt.Key_Return)
    outputs, _ = surface.shown
    np.testing.assert_array_equal(outputs, session.network.forward(grid))
    assert window.status.labels["accuracy"].text() == "Accuracy 75.0%"


def test_the_rule_says_a_step_outputs_1_and_a_sigmoid_only_decides_1(window):
    """A sigmoid's output at z = 0 is 0.5, not 1: the panel must not say it outputs 1."""
    assert window.files.open_path(EXAMPLES / "festival-perceptron.nnsim.json", example=True)
    rule = window.perceptron.rule.text().splitlines()[1]
    assert rule == "go = step(z): 1 when z ≥ 0, i.e. when Σ w·x reaches the threshold 5"
    assert window.files.open_path(EXAMPLES / "and.nnsim.json", example=True)
    rule = window.perceptron.rule.text().splitlines()[1]
    assert " = sigmoid(z) decides 1 when z ≥ 0, i.e. when Σ w·x reaches the threshold " in rule
