"""A hidden neuron's response over the input plane, large in the data view: shown while
the neuron is selected or hovered on the canvas, with a way back to the output."""

import numpy as np
from PySide6.QtCore import QPoint, Qt

from nnsim.simulator.resources import resource_path

EXAMPLES = resource_path("examples")


def open_circle(qtbot, window):
    assert window.files.open_path(EXAMPLES / "playground-circle.nnsim.json", example=True)
    qtbot.wait(50)  # the deferred fit-to-view
    return window.session


def shown_map(window) -> np.ndarray:
    return window.data_view.surface.image.image


def response(window, layer: int, neuron: int) -> np.ndarray:
    """The neuron's activation over the data view's grid, computed here, as (G, G)."""
    grid = window.data_view.grid_inputs()
    g = window.data_view.surface.resolution
    return window.session.network.forward_all(grid)[layer][:, neuron].reshape(g, g)


def title(window) -> str:
    return window.data_view.surface.view.title.text()


def test_selecting_a_hidden_neuron_shows_its_response_until_the_selection_clears(
        qtbot, window):
    open_circle(qtbot, window)
    output = shown_map(window).copy()
    window.inspection.select(("neuron", 2, 1))
    np.testing.assert_allclose(shown_map(window), response(window, 2, 1), rtol=1e-12, atol=0)
    assert "h2_2 · Hidden 2 · Tanh" in title(window)
    assert window.data_view.output_button.isVisible()
    window.inspection.select(("neuron", 1, 3))
    np.testing.assert_allclose(shown_map(window), response(window, 1, 3), rtol=1e-12, atol=0)
    qtbot.keyClick(window.canvas, Qt.Key_Escape)
    assert window.canvas.selection is None
    np.testing.assert_array_equal(shown_map(window), output)
    assert "network output" in title(window)
    assert not window.data_view.output_button.isVisible()


def test_the_back_button_returns_to_the_output_and_hovering_shows_a_neuron(qtbot, window):
    open_circle(qtbot, window)
    output = shown_map(window).copy()
    window.inspection.select(("neuron", 1, 0))
    qtbot.mouseClick(window.data_view.output_button, Qt.LeftButton)
    np.testing.assert_array_equal(shown_map(window), output)
    assert window.canvas.selection is not None   # the inspector keeps its neuron
    canvas = window.canvas
    qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(canvas.neuron_position(1, 2)))
    qtbot.waitUntil(lambda: "h1_3" in title(window), timeout=2000)
    np.testing.assert_allclose(shown_map(window), response(window, 1, 2), rtol=1e-12, atol=0)
    qtbot.mouseMove(canvas.viewport(), canvas.viewport().rect().bottomRight() - QPoint(5, 5))
    qtbot.waitUntil(lambda: "network output" in title(window), timeout=2000)
    np.testing.assert_array_equal(shown_map(window), output)   # h1_1 was sent back


def test_a_lone_output_and_the_inputs_keep_the_network_output(qtbot, window):
    open_circle(qtbot, window)
    output = shown_map(window).copy()
    for layer, neuron in ((0, 0), (3, 0)):
        window.inspection.select(("neuron", layer, neuron))
        np.testing.assert_array_equal(shown_map(window), output)
