"""The "Draw a digit" pad driven like a user: drawn with the mouse on a trained digits
network, its input, bars and the canvas's glow checked against the engine."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from nnsim.session import DataState
from nnsim.simulator.dataset import Dataset
from nnsim.simulator.drawing import to_sample
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.resources import resource_path
from nnsim.simulator.trainingtypes import SAMPLES


def open_example(window, name):
    assert window.files.open_path(resource_path("examples") / f"{name}.nnsim.json",
                                  example=True)
    return window.session


@pytest.fixture
def trained_digits(qtbot, window):
    """The digits example trained 15 epochs (fixed seeds: the same weights each run)."""
    session = open_example(window, "digits-64-16-16-10")
    session.set_config(replace(session.config, epochs=15))
    session.play()
    qtbot.waitUntil(lambda: not session.busy, timeout=60_000)
    assert session.trainer.step_count == 15 * 45
    assert session.trainer.evaluate().test_accuracy > 0.9
    return window


def open_pad(qtbot, window):
    button = window.data_panel.draw_button
    assert button.isVisible() and window.digit_pad.action.isEnabled()
    qtbot.mouseClick(button, Qt.LeftButton)
    pad = window.digit_pad.pad
    qtbot.waitExposed(pad)
    return pad


def draw(qtbot, pad, *points):
    """One stroke through ``points`` (fractions of the drawing square), with the mouse."""
    area = pad.area
    square = area.square()

    def at(x, y):
        return QPoint(round(square.left() + x * square.width()),
                      round(square.top() + y * square.height()))

    qtbot.mousePress(area, Qt.LeftButton, pos=at(*points[0]))
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for t in np.linspace(0.1, 1.0, 10):
            qtbot.mouseMove(area, at(x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
    qtbot.mouseRelease(area, Qt.LeftButton, pos=at(*points[-1]))


def circle():
    return [(0.5 + 0.25 * np.sin(a), 0.5 - 0.35 * np.cos(a))
            for a in np.linspace(0, 2 * np.pi, 25)]


def canvas_values(window, layer):
    return window.canvas.layers[layer].values


def wait_for_glow(qtbot, window, sample):
    """The canvas follows a drawing a few times a second: wait for the last state."""
    qtbot.waitUntil(lambda: np.array_equal(canvas_values(window, 0), sample), timeout=2000)


def test_drawing_a_one_moves_the_probability_of_1_to_the_top(qtbot, trained_digits):
    window = trained_digits
    pad = open_pad(qtbot, window)
    names = window.session.train_data.class_names
    draw(qtbot, pad, *circle())
    assert names[pad.bars.top()] == "0"
    qtbot.mouseClick(pad.clear_button, Qt.LeftButton)
    draw(qtbot, pad, (0.5, 0.15), (0.5, 0.85))                 # a vertical stroke
    assert names[pad.bars.top()] == "1"
    assert pad.bars.values[pad.bars.top()] > 0.5
    assert "“1”" in pad.verdict.text()


def test_the_bars_are_the_networks_softmax_of_the_drawn_input(qtbot, trained_digits):
    window = trained_digits
    pad = open_pad(qtbot, window)
    draw(qtbot, pad, (0.3, 0.2), (0.7, 0.2), (0.45, 0.85))   # a seven
    sample = window.digit_pad.sample
    assert np.array_equal(sample, to_sample(pad.area.drawing(), (8, 8)))
    network = window.session.display_network()
    assert np.array_equal(pad.bars.values, network.forward(sample[None, :])[0])
    assert pad.bars.values.sum() == pytest.approx(1.0, abs=1e-12)
    assert pad.bars.names == tuple(str(k) for k in range(10))
    assert "sum to 1" in pad.bars_caption.text()
    pixels = pad.preview.image
    assert (pixels.width(), pixels.height()) == (8, 8)
    assert pixels.pixelColor(3, 4).value() == round(sample[4 * 8 + 3] * 255)


def test_the_canvas_glows_with_the_drawing_until_cleared_or_closed(qtbot, trained_digits):
    window = trained_digits
    session = window.session
    probe_mean = session.frame().probes[SAMPLES][0].mean(axis=0)
    assert np.allclose(canvas_values(window, 0), probe_mean)
    pad = open_pad(qtbot, window)
    draw(qtbot, pad, (0.5, 0.15), (0.5, 0.85))
    wait_for_glow(qtbot, window, window.digit_pad.sample)
    assert np.array_equal(canvas_values(window, 3), pad.bars.values)
    # The bars beside the output layer read the drawing too, not the inspector's sample.
    qtbot.waitUntil(lambda: np.array_equal(window.canvas.output_panel.reading.probabilities,
                                           pad.bars.values))
    qtbot.mouseClick(pad.clear_button, Qt.LeftButton)
    assert pad.area.is_empty() and not pad.bars.values.any() and pad.verdict.text() == ""
    assert np.allclose(canvas_values(window, 0), probe_mean)
    draw(qtbot, pad, (0.5, 0.15), (0.5, 0.85))
    wait_for_glow(qtbot, window, window.digit_pad.sample)
    pad.close()
    assert np.allclose(canvas_values(window, 0), probe_mean)


def test_the_pad_is_offered_for_image_data_only(qtbot, window):
    open_example(window, "xor-2-4-1")
    assert not window.data_panel.draw_button.isVisible()
    assert not window.digit_pad.action.isEnabled()
    session = open_example(window, "digits-64-16-16-10")
    pad = open_pad(qtbot, window)
    draw(qtbot, pad, (0.5, 0.15), (0.5, 0.85))
    session.set_dataset(DatasetRef("xor", {}))                 # data a drawing cannot be
    assert not pad.isVisible() and not window.data_panel.draw_button.isVisible()
    assert window.inspection.drawn_sample is None


def synthetic_mnist(rows: int, seed: int, n_classes: int) -> Dataset:
    rng = np.random.default_rng(seed)
    return Dataset("synthetic", rng.uniform(0.0, 1.0, (rows, 784)),
                   np.eye(n_classes)[rng.integers(0, n_classes, rows)], "classification",
                   image_shape=(28, 28))


def test_a_drawing_on_28x28_data_is_made_as_mnist_was(qtbot, window):
    project = Project.new([784, 16, 10], "sigmoid", "sigmoid")
    window.session.open_project(project, DataState(None, synthetic_mnist(64, 1, 10),
                                                   synthetic_mnist(8, 2, 10)))
    pad = open_pad(qtbot, window)
    draw(qtbot, pad, (0.3, 0.3), (0.6, 0.35), (0.4, 0.8))
    sample = window.digit_pad.sample
    assert sample.shape == (784,)
    assert np.array_equal(sample, to_sample(pad.area.drawing(), (28, 28)))
    wait_for_glow(qtbot, window, sample)
    assert (pad.preview.image.width(), pad.preview.image.height()) == (28, 28)
    assert "not" in pad.bars_caption.text() and "sum to 1" in pad.bars_caption.text()


def test_the_bars_follow_training(qtbot, window):
    """Drawn on the untrained network, then an epoch trained: the bars show what the
    trained network answers, without drawing again."""
    session = open_example(window, "digits-64-16-16-10")
    pad = open_pad(qtbot, window)
    draw(qtbot, pad, (0.5, 0.15), (0.5, 0.85))
    before = pad.bars.values.copy()
    session.step_epoch()
    qtbot.waitUntil(lambda: not session.busy, timeout=10_000)
    sample = window.digit_pad.sample
    after = session.display_network().forward(sample[None, :])[0]
    qtbot.waitUntil(lambda: np.array_equal(pad.bars.values, after), timeout=2000)
    assert not np.allclose(before, after)


def test_of_many_classes_the_largest_have_bars(qtbot, window):
    """IDX labels may run to 255: the pad shows the 12 largest outputs, in class order,
    and says so."""
    project = Project.new([784, 8, 40], "sigmoid", "softmax")
    window.session.open_project(project, DataState(None, synthetic_mnist(80, 1, 40),
                                                   synthetic_mnist(8, 2, 40)))
    pad = open_pad(qtbot, window)
    draw(qtbot, pad, (0.5, 0.15), (0.5, 0.85))
    values = pad.bars.values
    assert len(values) == 40 and len(pad.bars.shown) == 12
    assert np.array_equal(pad.bars.shown, np.sort(np.argsort(-values)[:12]))
    assert pad.bars.height() == 12 * pad.bars.ROW + 4
    assert "The 12 largest of 40 are shown." in pad.bars_caption.text()
