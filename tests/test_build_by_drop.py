"""A learner's whole session: build XOR 2-2-1 on an empty canvas from the palette, wire a
connection by dragging, train to 100%, save, reopen, and undo the build to nothing.

It follows the README's "Build your first network" as written: the layer sizes, the
hidden activation, the learning rate, the batch size and the epochs it promises are read
from the README, so the two cannot drift apart."""

import pathlib
import re

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from nnsim.ui.mainwindow import MainWindow

README = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
WALKTHROUGH = README.split("### Build your first network", 1)[1].split("\n### ", 1)[0]


def readme_says(pattern: str) -> str:
    found = re.search(pattern, WALKTHROUGH, re.S)
    assert found, f"the README walkthrough no longer says {pattern!r}"
    return found.group(1)


@pytest.fixture
def make_window(qtbot, tmp_path, messages):
    windows = []

    def make():
        win = MainWindow(QSettings(str(tmp_path / f"s{len(windows)}.ini"),
                                   QSettings.IniFormat),
                         recovery_folder=tmp_path / "recovery")
        qtbot.addWidget(win)
        win.resize(1600, 1000)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.session.shutdown()


def drop(qtbot, window, label: str, scene_point: QPointF, size: int | None = None,
         activation: str | None = None):
    """Drag a palette entry onto the canvas and drop it, as Qt delivers a real drag."""
    palette = window.editor.palette
    row = next(k for k in range(palette.palette.count())
               if palette.palette.item(k).text() == label)
    palette.palette.setCurrentRow(row)
    if size is not None:
        palette.size_spin.setValue(size)
    if activation is not None:
        combo = palette.activation_combo
        assert combo.findData(activation) >= 0, f"no {activation} in the palette"
        combo.setCurrentIndex(combo.findData(activation))
    mime = palette.palette.mimeData([palette.palette.item(row)])
    canvas = window.canvas
    pos = QPointF(canvas.mapFromScene(scene_point))
    for event in (QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton,
                                  Qt.NoModifier),
                  QDragMoveEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton,
                                 Qt.NoModifier),
                  QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)):
        QApplication.sendEvent(canvas.viewport(), event)
    qtbot.wait(30)  # the rebuilt canvas refits on the next turn of the event loop


def mouse_drag(qtbot, canvas, start: QPointF, end: QPointF) -> None:
    viewport, a, b = canvas.viewport(), canvas.mapFromScene(start), canvas.mapFromScene(end)
    qtbot.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, a)
    qtbot.mouseMove(viewport, (a + b) / 2)
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, b)


def build_xor(qtbot, window):
    window.editor.new_action.trigger()
    canvas = window.canvas
    assert window.session.network is None
    centre = canvas.mapToScene(canvas.viewport().rect().center())
    drop(qtbot, window, "Input layer", centre, size=2)
    assert window.session.network.sizes == [2]
    right_of_inputs = canvas.neuron_position(0, 0) + QPointF(300, 0)
    drop(qtbot, window, "Output layer", right_of_inputs, size=1)
    assert window.session.network.sizes == [2, 1]
    gap = (canvas.neuron_position(0, 0) + canvas.neuron_position(1, 0)) / 2
    hidden = int(readme_says(r"Select \*Hidden layer\*, set (\d+) neurons"))
    activation = readme_says(r"Select \*Hidden layer\*, set \d+ neurons and (\w+)")
    drop(qtbot, window, "Hidden layer", QPointF(gap.x(), 0), size=hidden,
         activation=activation)
    net = window.session.network
    assert net.sizes == [2, 2, 1] and net.activations == ["tanh", "sigmoid"]


def choose_data_and_settings(qtbot, window):
    panel = window.data_panel
    index = panel.choice.findData("xor")
    panel.choice.setCurrentIndex(index)
    panel.choice.activated.emit(index)
    training = window.training_panel
    training.learning_rate.lineEdit().selectAll()
    qtbot.keyClicks(training.learning_rate, readme_says(r"learning rate to (\d+)"))
    qtbot.keyClick(training.learning_rate, Qt.Key_Return)
    training.batch_size.setValue(int(readme_says(r"batch size to (\d+)")))
    assert window.session.config.learning_rate == 1.0
    assert window.session.config.batch_size == 4
    # A logic gate keeps all four rows for training (no test split to lose two of them).
    assert window.session.train_data.n_samples == 4 and window.session.test_data.n_samples == 0
    training.epoch_limit.setValue(3000)


def rewire_one_connection(qtbot, window):
    """Remove x1 → h1_1 (click it, press Del), then drag it back from x1 to h1_1.
    (Not a diagonal: in a 2×2 block the two diagonals cross at their midpoints.)"""
    canvas = window.canvas
    point = canvas.mapFromScene(canvas.connection_midpoint(0, 0, 0))
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, pos=point)
    qtbot.keyClick(canvas.viewport(), Qt.Key_Delete)
    assert not window.session.network.masks[0][0, 0]
    mouse_drag(qtbot, canvas, canvas.neuron_position(0, 0), canvas.neuron_position(1, 0))
    net = window.session.network
    assert net.masks[0][0, 0] and net.weights[0][0, 0] != 0.0


def train_to_full_accuracy(qtbot, window):
    document = window.session
    qtbot.mouseClick(window.training_panel.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: document.trainer.last_metrics is not None
                    and document.trainer.last_metrics.train_accuracy == 1.0
                    and document.trainer.last_metrics.train_loss < 0.02, timeout=30_000)
    document.pause()


def test_build_train_save_reopen_and_undo_everything(qtbot, make_window, tmp_path):
    window = make_window()
    build_xor(qtbot, window)
    choose_data_and_settings(qtbot, window)
    rewire_one_connection(qtbot, window)
    train_to_full_accuracy(qtbot, window)
    trained = window.session.network.params.copy()

    path = tmp_path / "xor.nnsim.json"
    assert window.files.save_to(path)
    other = make_window()
    assert other.files.open_path(path)
    assert np.array_equal(other.session.network.params, trained)
    assert other.session.network.sizes == [2, 2, 1]

    steps = len(window.session.history.changes)
    for _ in range(steps):
        window.editor.undo_action.trigger()
    assert window.session.network is None
    for _ in range(steps):
        window.editor.redo_action.trigger()
    assert np.array_equal(window.session.network.params, trained)
    assert window.session.trainer.last_metrics.train_accuracy == 1.0


def test_the_readme_walkthrough_as_written(qtbot, make_window):
    """Steps 1-5 of the README, nothing else: 100% in 'a few hundred epochs'."""
    window = make_window()
    build_xor(qtbot, window)
    choose_data_and_settings(qtbot, window)
    assert window.session.config.learning_rate == float(readme_says(r"learning rate to (\d+)"))
    train_to_full_accuracy(qtbot, window)
    promised = readme_says(r"reaches 100% in (a few hundred) epochs")
    assert promised and window.session.trainer.epoch < 1000
    data = window.session.train_data
    outputs = window.session.display_network().forward(data.inputs)
    assert np.array_equal(outputs.round().ravel(), data.targets.argmax(axis=1))
