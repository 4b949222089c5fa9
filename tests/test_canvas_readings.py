"""What the canvas reads off the network besides weights and glow, through the real
window: class names and probability bars beside the outputs, the gradient view, and the
marks on dead and saturated neurons."""

import re

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from nnsim.simulator.network import Network
from nnsim.simulator.resources import resource_path
from nnsim.ui import theme
from nnsim.ui.canvas.outputs import BAR_PX, GAP_PX, MIN_ROW_PX, OutputReading
from nnsim.ui.canvas.targets import NeuronRef
from nnsim.ui.network_readings import fitting_targets

EXAMPLES = resource_path("examples")


def open_example(qtbot, window, name):
    assert window.files.open_path(EXAMPLES / f"{name}.nnsim.json", example=True)
    qtbot.wait(50)  # the deferred fit-to-view
    return window.session


def pixel(canvas, view_point: QPointF) -> QColor:
    return canvas.viewport().grab().toImage().pixelColor(view_point.toPoint())


def test_softmax_bars_name_the_classes_sum_to_one_and_follow_the_inspectors_sample(
        qtbot, window):
    session = open_example(qtbot, window, "digits-64-16-16-10")
    canvas, data = window.canvas, session.train_data
    for index in (0, 7):
        window.inspector.sample_spin.setValue(index)
        reading = canvas.output_panel.reading
        assert canvas.output_panel.isVisible()
        assert reading.names == [str(d) for d in range(10)]
        expected = session.network.forward(data.inputs[index][None, :])[0]
        np.testing.assert_array_equal(reading.probabilities, expected)
        assert abs(reading.probabilities.sum() - 1.0) < 1e-12
        assert "Σ = 1" in reading.heading
        assert reading.target == int(np.argmax(data.targets[index]))
    winner = int(np.argmax(reading.probabilities))
    assert f"class {winner} · p = " in canvas.describe(NeuronRef(3, winner))
    assert session.network.names[3][winner] == f"y{winner + 1}"  # a label, not a rename


def test_the_winning_bar_is_painted_to_its_probability(qtbot, window):
    session = open_example(qtbot, window, "digits-64-16-16-10")
    canvas = window.canvas
    reading = canvas.output_panel.reading
    winner = int(np.argmax(reading.probabilities))
    center = canvas.mapFromScene(canvas.neuron_position(3, winner))
    right = canvas.mapFromScene(QPointF(canvas.output_panel.geometry.bounds[2], 0)).x()
    bar_x = right + GAP_PX + canvas.output_panel.label_px + 6
    filled = BAR_PX * reading.probabilities[winner]
    inside, beyond = (pixel(canvas, QPointF(bar_x + x, center.y())) for x in
                      (filled / 2, filled + (BAR_PX - filled) / 2))
    assert inside == QColor(theme.GLOW_HIGH)
    assert beyond == QColor(theme.SURFACE_RAISED)
    assert session.network.sizes[-1] == 10


def test_sigmoid_outputs_are_independent_and_regression_has_no_bars(qtbot, window):
    session = open_example(qtbot, window, "xor-2-4-1")
    reading = window.canvas.output_panel.reading
    assert reading.names == ["1 (not 0)"] and "no sum" in reading.heading
    x = session.train_data.inputs[0]
    np.testing.assert_array_equal(reading.probabilities, session.network.forward(x[None])[0])
    open_example(qtbot, window, "sine")
    assert not window.canvas.output_panel.isVisible()
    assert window.canvas.output_room_px == 0


def expected_gradients(network, inputs, targets):
    trace = network.trace(inputs, targets)
    return trace.dE_dw, [d.sum(axis=0) for d in trace.dE_dz]


def assert_canvas_shows(canvas, dE_dw, dE_dz):
    """Every drawn line's colour bucket is its dE/dw's, every neuron's fill its dE/dz's."""
    for block, g in zip(canvas.blocks, dE_dw):
        values = g[block.i[block.drawn_connections], block.j[block.drawn_connections]]
        scale = np.abs(g[block.i, block.j]).max()
        np.testing.assert_array_equal(block.drawn_buckets, theme.weight_buckets(values, scale))
    for item, d in zip(canvas.layers[1:], dE_dz[1:]):
        assert item.signed
        np.testing.assert_array_equal(item.buckets, theme.weight_buckets(d, np.abs(d).max()))


def test_the_gradient_view_colours_by_dE_dw_over_the_probe_then_the_inspected_sample(
        qtbot, window):
    session = open_example(qtbot, window, "playground-circle")
    canvas, network, data = window.canvas, session.network, session.train_data
    window.gradients_action.trigger()
    assert canvas.show_gradients and canvas.view_switch.isChecked()
    n = session.config.probe_size
    targets = fitting_targets(network, data)
    dE_dw, dE_dz = expected_gradients(network, data.inputs[:n], targets[:n])
    assert_canvas_shows(canvas, dE_dw, dE_dz)
    assert ("", f"E over the first {n} training samples (mean)") in canvas.legend.rows
    # dE/dz summed over the rows is dE/db, the derivative of the same mean loss
    np.testing.assert_allclose(dE_dz[1], network.trace(data.inputs[:n], targets[:n]).dE_db[0])
    window.inspector.sample_spin.setValue(3)
    window.inspection.select(("neuron", 1, 0))
    dE_dw, dE_dz = expected_gradients(network, data.inputs[3:4], targets[3:4])
    assert_canvas_shows(canvas, dE_dw, dE_dz)
    assert ("", "E over the inspector's sample") in canvas.legend.rows
    window.gradients_action.trigger()
    block = canvas.blocks[0]
    w = network.weights[0]
    np.testing.assert_array_equal(block.drawn_buckets, theme.weight_buckets(
        w[block.i[block.drawn_connections], block.j[block.drawn_connections]],
        np.abs(w[block.i, block.j]).max()))
    assert not canvas.layers[1].signed


def test_a_dead_relu_is_marked_with_a_reason_and_unmarked_when_fixed(qtbot, window):
    session = open_example(qtbot, window, "spiral")
    canvas = window.canvas
    assert canvas.health_of(1, 2) == "" and session.network.biases[0][2] == 0.0
    session.set_bias(1, 2, -1e3)
    assert canvas.health_of(1, 2) == "dead"
    assert (canvas.neuron_position(1, 2), True) in [(c, dead) for c, _, dead in
                                                    canvas.health_item.marks]
    assert "dead ReLU: outputs 0 for all 64 probe samples" in canvas.describe(NeuronRef(1, 2))
    assert any(kind == "dead" for kind, _ in canvas.legend.rows)
    session.step(1)   # the Activations dock counts on training frames
    qtbot.waitUntil(lambda: not session.busy, timeout=5000)
    histogram = window.activation_plot.histograms[0]
    qtbot.waitUntil(lambda: "dead" in histogram.title.text(), timeout=5000)
    title = histogram.title.text()
    assert canvas.health_of(1, 2) == "dead"
    marked = sum(canvas.health_of(1, j) == "dead" for j in range(session.network.sizes[1]))
    assert re.search(r"dead: (\d+)/", title).group(1) == str(marked)
    session.set_bias(1, 2, 0.0)   # fixed by hand
    assert canvas.health_of(1, 2) == "" and not any(
        kind == "dead" for kind, _ in canvas.legend.rows)


def test_a_saturated_tanh_is_marked(qtbot, window):
    session = open_example(qtbot, window, "playground-circle")
    session.set_bias(1, 0, 50.0)
    assert window.canvas.health_of(1, 0) == "saturated"
    assert "saturated" in window.canvas.describe(NeuronRef(1, 0))
    session.undo()
    assert window.canvas.health_of(1, 0) == ""


def test_ten_classes_stay_legible_at_the_fitted_zoom_and_a_grid_gets_no_panel(canvas):
    for sizes in ([64, 16, 16, 10], [784, 16, 16, 10]):
        canvas.set_network(Network(sizes, ["sigmoid", "sigmoid", "softmax"]))
        p = np.full(10, 0.1)
        canvas.set_output_reading(OutputReading([str(d) for d in range(10)], p, "Σ = 1"))
        assert canvas.output_panel.isVisible()
        rows = [canvas.mapFromScene(canvas.neuron_position(3, k)).y() for k in range(10)]
        assert min(np.diff(rows)) >= MIN_ROW_PX   # the names and values are written
        right = canvas.mapFromScene(QPointF(canvas.output_panel.geometry.bounds[2], 0)).x()
        assert right + canvas.output_room_px <= canvas.viewport().width()
    canvas.set_network(Network([2, 3, 100], ["tanh", "softmax"]))
    canvas.set_output_reading(OutputReading([str(d) for d in range(100)], np.full(100, 0.01)))
    assert not canvas.output_panel.isVisible() and canvas.output_room_px == 0


def test_the_gradient_view_follows_training(qtbot, window):
    session = open_example(qtbot, window, "xor-2-4-1")
    window.gradients_action.trigger()
    session.play()
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.epoch >= 30,
                    timeout=20000)
    session.pause()
    qtbot.waitUntil(lambda: not session.busy, timeout=5000)
    qtbot.wait(50)
    network, data = session.network, session.train_data
    n = min(session.config.probe_size, data.n_samples)
    targets = fitting_targets(network, data)
    assert_canvas_shows(window.canvas, *expected_gradients(network, data.inputs[:n],
                                                           targets[:n]))
