"""The network canvas: layout, colours on screen, clicks, top-K, zoom.

Pixel tests read the viewport's rendering (offscreen raster, deterministic) at scene
points mapped to the view, so they check what a user would see.
"""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QNativeGestureEvent, QPointingDevice, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from nnsim.simulator import editing
from nnsim.simulator.network import Network
from nnsim.simulator.resources import resource_path
from nnsim.ui import theme
from nnsim.ui.canvas import NetworkCanvas
from nnsim.ui.canvas.mapping import TOP_K
from nnsim.ui.canvas.targets import ConnectionRef, NeuronRef


def tiny() -> Network:
    """2-2-1: the top connection x1→h1_1 is horizontal and crosses no other line at its
    midpoint, so the pixel there is that connection's colour."""
    return Network([2, 2, 1], ["tanh", "sigmoid"])


def pixel(view: NetworkCanvas, scene_point: QPointF) -> QColor:
    return view.viewport().grab().toImage().pixelColor(view.mapFromScene(scene_point))


def distance(a: QColor, b: QColor) -> float:
    return float(np.linalg.norm(np.subtract(a.getRgb()[:3], b.getRgb()[:3])))


def weights_with(net: Network, block: int, i: int, j: int, value: float):
    weights = [np.full_like(w, 0.05) for w in net.weights]
    weights[block][i, j] = value
    return weights


def test_one_column_per_layer_ordered_top_to_bottom(canvas):
    net = Network([3, 5, 2], ["relu", "sigmoid"])
    canvas.set_network(net)
    assert [len(item.geometry.positions) for item in canvas.layers] == [3, 5, 2]
    columns = [[canvas.neuron_position(layer, n) for n in range(size)]
               for layer, size in enumerate(net.sizes)]
    xs = [{p.x() for p in column} for column in columns]
    assert all(len(x) == 1 for x in xs)
    assert xs[0].pop() < xs[1].pop() < xs[2].pop()
    for column in columns:
        ys = [p.y() for p in column]
        assert ys == sorted(ys) and len(set(ys)) == len(ys)


def test_image_shaped_input_is_a_row_major_grid(canvas):
    canvas.set_network(Network([784, 16, 10], ["relu", "sigmoid"]))
    first, right, below = (canvas.neuron_position(0, n) for n in (0, 1, 28))
    assert right.y() == first.y() and right.x() > first.x()
    assert below.x() == first.x() and below.y() > first.y()
    assert canvas.neuron_position(0, 783).x() < canvas.neuron_position(1, 0).x()


def test_connection_colour_follows_the_weight_sign(canvas):
    net = tiny()
    canvas.set_network(net)
    middle = canvas.connection_midpoint(0, 0, 0)
    canvas.show_state(weights_with(net, 0, 0, 0, 3.0), None)
    positive = pixel(canvas, middle)
    canvas.show_state(weights_with(net, 0, 0, 0, -3.0), None)
    negative = pixel(canvas, middle)
    blue, orange = QColor(theme.POSITIVE), QColor(theme.NEGATIVE)
    assert distance(positive, blue) < 40 < distance(positive, orange)
    assert distance(negative, orange) < 40 < distance(negative, blue)


def test_node_brightness_rises_with_activation(canvas):
    net = tiny()
    canvas.set_network(net)
    centre = canvas.neuron_position(2, 0)
    lightness = []
    for output in (0.05, 0.5, 0.95):
        canvas.show_state(net.weights, [np.zeros(2), np.zeros(2), np.array([output])])
        lightness.append(pixel(canvas, centre).lightness())
    assert lightness[0] + 40 < lightness[1] < lightness[2] - 40


def test_overridden_neuron_glows_on_its_own_range(canvas):
    """At a = 0 a tanh neuron is mid-range, a sigmoid-overridden one at its bottom."""
    net = tiny()
    net.set_neuron_activation(1, 0, "sigmoid")
    canvas.set_network(net)
    canvas.show_state(net.weights, [np.zeros(2), np.zeros(2), np.zeros(1)])
    sigmoid_node = pixel(canvas, canvas.neuron_position(1, 0))
    tanh_node = pixel(canvas, canvas.neuron_position(1, 1))
    assert sigmoid_node.lightness() + 40 < tanh_node.lightness()


def test_masked_connection_is_not_drawn(canvas):
    net = tiny()
    canvas.set_network(net)
    middle = canvas.connection_midpoint(0, 0, 0)
    background = QColor(theme.BACKGROUND)
    assert distance(pixel(canvas, middle), background) > 30
    net.set_connection(0, 0, 0, False)
    canvas.set_network(net)
    assert pixel(canvas, middle) == background


def test_neuron_images_are_drawn_inside_the_nodes(canvas):
    net = tiny()
    canvas.set_network(net)
    bright_top = np.full((2, 16, 16), -1.0)   # tanh: −1 is dark, 1 bright
    bright_top[:, :8] = 1.0
    canvas.set_neuron_images([None, bright_top, None])
    centre, radius = canvas.neuron_position(1, 0), canvas.layers[1].geometry.radius
    top = pixel(canvas, centre - QPointF(0, radius * 0.4))
    bottom = pixel(canvas, centre + QPointF(0, radius * 0.4))
    assert top.lightness() > bottom.lightness() + 80
    canvas.set_neuron_images(None)
    assert abs(pixel(canvas, centre - QPointF(0, radius * 0.4)).lightness()
               - pixel(canvas, centre + QPointF(0, radius * 0.4)).lightness()) < 10


def test_values_are_printed_beside_the_nodes(canvas):
    """An output's value is on its left: the output panel takes its right."""
    net = tiny()
    canvas.set_network(net)
    canvas.show_state(net.weights, [np.zeros(2), np.zeros(2), np.array([0.75])])
    node = canvas.mapFromScene(canvas.neuron_position(2, 0))
    radius_px = canvas.layers[2].geometry.radius * canvas.transform().m11()
    left = QRect(node.x() - int(radius_px * 1.2) - 34, node.y() - 7, 32, 14)

    def text_pixels() -> int:   # as light as the text: the halo and the lines are darker
        image = canvas.viewport().grab(left).toImage()
        return sum(QColor(image.pixel(x, y)).lightness() > 170
                   for x in range(image.width()) for y in range(image.height()))

    assert text_pixels() == 0
    canvas.show_values = True
    assert text_pixels() > 20


def shown_values(canvas, layer: int) -> list[tuple[QRect, float]]:
    """The value labels of ``layer`` at the canvas's zoom: (viewport rect, value)."""
    labels = canvas.layers[layer].value_labels(canvas.viewportTransform())
    return [(rect.toAlignedRect(), float(text.replace("−", "-"))) for rect, text in labels]


def test_show_values_prints_the_digits_networks_numbers_once_zoomed_in(qtbot, window):
    """View › Show Values showed nothing on digits-64-16-16-10, even zoomed in."""
    path = resource_path("examples") / "digits-64-16-16-10.nnsim.json"
    assert window.files.open_path(path, example=True)
    session, canvas = window.session, window.canvas
    qtbot.wait(20)   # the first fit
    net, data = session.network, session.train_data
    probe = data.inputs[:min(session.config.probe_size, data.n_samples)]
    expected = [a.mean(axis=0) for a in net.forward_all(probe)]   # the glow's numbers
    window.values_action.trigger()
    assert canvas.show_values
    # At the fitted zoom the 16-neuron columns are closer together than a line of text.
    assert shown_values(canvas, 1) == [] and shown_values(canvas, 2) == []
    viewport = canvas.viewport().rect()
    for layer, clicks in ((1, 4), (0, 4)):   # zoom in at a hidden neuron, then the image
        wheel(canvas, QPointF(canvas.mapFromScene(canvas.neuron_position(layer, 8))), clicks)
        labels = shown_values(canvas, layer)
        assert len(labels) == net.sizes[layer]
        np.testing.assert_allclose([value for _, value in labels], expected[layer],
                                   rtol=5e-3, atol=1e-9)   # three significant digits
        on_screen = [rect for rect, _ in labels if viewport.contains(rect)]
        assert on_screen
        rect = on_screen[0]
        window.values_action.trigger()   # off: the label's place shows no value
        before = canvas.viewport().grab(rect).toImage()
        window.values_action.trigger()
        after = canvas.viewport().grab(rect).toImage()
        changed = sum(before.pixel(x, y) != after.pixel(x, y)
                      for x in range(rect.width()) for y in range(rect.height()))
        assert changed > 20


def click(qtbot, view: NetworkCanvas, scene_point: QPointF) -> None:
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(scene_point))


def test_clicking_a_neuron_selects_it(canvas, qtbot):
    canvas.set_network(tiny())
    with qtbot.waitSignal(canvas.neuronClicked) as signal:
        click(qtbot, canvas, canvas.neuron_position(1, 1))
    assert signal.args == [1, 1]
    assert canvas.selection == NeuronRef(1, 1)


def test_clicking_a_connection_selects_it(canvas, qtbot):
    canvas.set_network(tiny())
    for block, i, j in ((0, 0, 0), (1, 1, 0)):
        with qtbot.waitSignal(canvas.connectionClicked) as signal:
            click(qtbot, canvas, canvas.connection_midpoint(block, i, j))
        assert signal.args == [block, i, j]
        assert canvas.selection == ConnectionRef(block, i, j)


def test_clicking_empty_space_clears_the_selection(canvas, qtbot):
    canvas.set_network(tiny())
    canvas.select_neuron(2, 0)
    corner = QPoint(canvas.viewport().width() - 3, canvas.viewport().height() - 3)
    assert canvas.target_at(corner) is None
    with qtbot.waitSignal(canvas.selectionCleared):
        qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, pos=corner)
    assert canvas.selection is None


def test_tooltips_name_the_value(canvas):
    net = tiny()
    canvas.set_network(net)
    canvas.show_state(weights_with(net, 0, 0, 1, -0.1234), [np.zeros(2), np.array([0.5, 0.25]),
                                                            np.array([0.75])])
    assert canvas.describe(ConnectionRef(0, 0, 1)) == "w = −0.1234 from x1 to h1_2"
    text = canvas.describe(NeuronRef(1, 1))
    assert "h1_2" in text and "Tanh" in text and "0.25" in text


def test_a_connection_tooltip_keeps_the_hyphens_of_neuron_names(canvas):
    net = tiny()
    editing.rename_neuron(net, 0, 0, "x-ray")
    canvas.set_network(net)
    canvas.show_state(weights_with(net, 0, 0, 1, -0.5), None)
    assert canvas.describe(ConnectionRef(0, 0, 1)) == "w = −0.5000 from x-ray to h1_2"


def test_big_blocks_draw_only_their_strongest_connections(canvas):
    net = Network([784, 128, 64, 10], ["relu", "relu", "sigmoid"])
    canvas.set_network(net)
    assert [b.drawn_segments for b in canvas.blocks] == [TOP_K, TOP_K, 640]
    labels = [item.text for item in canvas.scene().items() if hasattr(item, "text")]
    assert f"showing the {TOP_K:,} strongest of 100,352 connections" in labels
    assert f"showing the {TOP_K:,} strongest of 8,192 connections" in labels
    block = canvas.blocks[0]
    magnitudes = np.abs(net.weights[0][block.i, block.j])
    drawn = np.zeros(block.total, dtype=bool)
    drawn[block.drawn_connections] = True
    assert magnitudes[drawn].min() >= magnitudes[~drawn].max()


def test_zoom_in_and_out_change_the_scale_within_limits(canvas):
    canvas.set_network(tiny())
    fitted = canvas.transform().m11()
    canvas.zoom_in()
    assert canvas.transform().m11() > fitted
    for _ in range(50):
        canvas.zoom_out()
    smallest = canvas.transform().m11()
    assert 0 < smallest < fitted
    canvas.zoom_out()
    assert canvas.transform().m11() == smallest


def test_wheel_zooms(canvas):
    canvas.set_network(tiny())
    before = canvas.transform().m11()
    centre = QPointF(canvas.viewport().rect().center())
    event = QWheelEvent(centre, canvas.viewport().mapToGlobal(centre), QPoint(),
                        QPoint(0, 120), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(canvas.viewport(), event)
    assert canvas.transform().m11() > before


def wheel(canvas, at: QPointF, clicks: int) -> None:
    """A real wheel turn of ``clicks`` notches (120 each) with the mouse at ``at``."""
    event = QWheelEvent(at, canvas.viewport().mapToGlobal(at), QPoint(), QPoint(0, 120 * clicks),
                        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(canvas.viewport(), event)


def scene_at(canvas, at: QPointF) -> QPointF:
    return canvas.viewportTransform().inverted()[0].map(at)


@pytest.mark.parametrize("clicks", [2, -2])
def test_the_wheel_zooms_about_the_point_under_the_mouse(canvas, clicks):
    canvas.set_network(Network([4, 6, 3], ["tanh", "sigmoid"]))
    rect = canvas.viewport().rect()
    for at in (QPointF(rect.width() * 0.2, rect.height() * 0.3),
               QPointF(rect.width() * 0.75, rect.height() * 0.8)):
        before_scale, before = canvas.transform().m11(), scene_at(canvas, at)
        wheel(canvas, at, clicks)
        assert canvas.transform().m11() == pytest.approx(before_scale * 1.2 ** clicks)
        # The same scene point is still under the mouse, to within a pixel.
        drift = canvas.mapFromScene(before) - at.toPoint()
        assert abs(drift.x()) <= 1 and abs(drift.y()) <= 1, drift


def test_trackpad_pinch_zooms(canvas):
    canvas.set_network(tiny())
    before = canvas.transform().m11()
    centre = QPointF(canvas.viewport().rect().center())
    event = QNativeGestureEvent(Qt.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(),
                                2, centre, centre, canvas.viewport().mapToGlobal(centre),
                                0.2, QPointF())
    QApplication.sendEvent(canvas.viewport(), event)
    assert canvas.transform().m11() == pytest.approx(before * 1.2)


def test_every_paint_is_announced(canvas, qtbot):
    canvas.set_network(tiny())
    with qtbot.waitSignal(canvas.painted, timeout=1000):
        canvas.viewport().update()


def test_hovering_shows_a_tooltip(canvas, qtbot):
    net = tiny()
    canvas.set_network(net)
    canvas.show_state(weights_with(net, 1, 1, 0, 0.5), None)
    qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(canvas.connection_midpoint(1, 1, 0)))
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    shown = QTextDocument()
    shown.setHtml(QToolTip.text())   # a tooltip is rich text (escaped names, see test_text_safety)
    assert shown.toPlainText() == "w = 0.5000 from h1_2 to y1"


def drag(qtbot, widget, button, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(widget, button, pos=start)
    qtbot.mouseMove(widget, end)
    qtbot.mouseRelease(widget, button, pos=end)


def test_middle_dragging_pans_without_clearing(canvas, qtbot):
    """Left-dragging the background draws a rubber band instead (test_canvas_editing)."""
    canvas.set_network(tiny())
    canvas.select_neuron(2, 0)
    start = QPoint(canvas.viewport().width() - 5, canvas.viewport().height() - 5)
    before = canvas.mapToScene(start)
    drag(qtbot, canvas.viewport(), Qt.MiddleButton, start, start - QPoint(60, 40))
    moved = canvas.mapToScene(start) - before
    assert moved.x() > 20 and moved.y() > 10
    assert canvas.selection == NeuronRef(2, 0)


def test_space_and_left_drag_pans(canvas, qtbot):
    canvas.set_network(tiny())
    start = QPoint(canvas.viewport().width() - 5, canvas.viewport().height() - 5)
    before = canvas.mapToScene(start)
    qtbot.keyPress(canvas, Qt.Key_Space)
    drag(qtbot, canvas.viewport(), Qt.LeftButton, start, start - QPoint(60, 40))
    qtbot.keyRelease(canvas, Qt.Key_Space)
    assert (canvas.mapToScene(start) - before).x() > 20


@pytest.mark.parametrize("sizes, window", [([784, 128, 64, 10], (700, 450)),
                                           ([40, 40], (700, 700))])
def test_fit_shows_every_node_clear_of_the_legend(canvas, sizes, window):
    """Wide and tall networks; the window shrinks after set_network, so the picture is
    refitted on resize."""
    net = Network(sizes, "sigmoid")
    canvas.set_network(net)
    canvas.resize(*window)
    legend = canvas.legend.size()
    view = canvas.viewport().rect()
    for layer, size in enumerate(net.sizes):
        for neuron in range(size):
            p = canvas.mapFromScene(canvas.neuron_position(layer, neuron))
            assert view.contains(p)
            assert p.x() > legend.width() or p.y() > legend.height()


def test_legend_explains_thickness_only_when_it_is_drawn(canvas):
    canvas.set_network(tiny())
    assert any("thickness" in text for _, text in canvas.legend.rows)
    canvas.set_network(Network([30, 40, 40, 10], ["relu", "relu", "sigmoid"]))
    assert not any("thickness" in text for _, text in canvas.legend.rows)
    assert any("positive weight" in text for _, text in canvas.legend.rows)


def test_layout_positions_place_neurons_by_hand(canvas):
    layout = {"positions": [None, [[500.0, 10.0], [520.0, 90.0]], None]}
    canvas.set_network(Network([2, 2, 1], ["tanh", "sigmoid"], layout=layout))
    assert canvas.neuron_position(1, 1) == QPointF(520.0, 90.0)
    assert canvas.neuron_position(0, 0).x() < 500.0


def test_image_input_grid_is_rebuilt_only_when_its_glow_changes(canvas):
    """The 784-pixel grid's picture is converted once per change of glow, not per frame
    (its inputs do not change while training), and still follows a change."""
    net = Network([784, 16, 10], ["relu", "sigmoid"])
    canvas.set_network(net)
    grid, first = canvas.layers[0], canvas.neuron_position(0, 0)
    activations = [np.full(n, 0.1) for n in net.sizes]
    activations[0][0] = 1.0
    canvas.show_state(net.weights, activations)
    lit, picture = pixel(canvas, first).lightness(), grid._dot_image
    canvas.show_state(net.weights, activations)
    assert grid._dot_image is picture
    activations[0][0] = 0.0
    canvas.show_state(net.weights, activations)
    assert grid._dot_image is not picture
    assert pixel(canvas, first).lightness() < lit - 60
