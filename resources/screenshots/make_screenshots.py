"""Regenerate the README's screenshots: run under a virtual screen, e.g.

    xvfb-run -a -s "-screen 0 1600x1000x24" \
        .venv/bin/python resources/screenshots/make_screenshots.py [chinese|light]

With ``chinese`` or ``light`` it takes only the main window in Chinese or in the light
theme (a language and a theme are chosen before the window is built, as at a start).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from nnsim.cli import use_one_blas_thread

use_one_blas_thread()  # as the app does, before numpy loads

import numpy as np  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnsim.session.variants import Variant  # noqa: E402
from nnsim.simulator import editing  # noqa: E402
from nnsim.simulator.network import Network  # noqa: E402
from nnsim.simulator.resources import resource_path  # noqa: E402
from nnsim.ui import theme  # noqa: E402
from nnsim.ui.mainwindow import MainWindow, apply_theme  # noqa: E402
from nnsim.ui.preferences import install_language  # noqa: E402

HERE = Path(__file__).resolve().parent


def show_worst_mistake(window: MainWindow):
    """Show the test data's confusion matrix and list its most crowded off-diagonal
    cell; grab the window."""
    window.confusion_view.part_box.setCurrentIndex(1)
    counts = window.confusion.shown[2].confusion.copy()
    counts[np.diag_indices_from(counts)] = -1
    true, predicted = np.unravel_index(counts.argmax(), counts.shape)
    window.confusion_view.table.setCurrentCell(true, predicted)
    window.confusion.list_cell(true, predicted)
    return window


def open_gradient_check(window: MainWindow):
    """Check the gradients on the inspector's sample; grab the dialog."""
    window.gradient_check.check_inspected_sample()
    return window.gradient_check.dialog


def show_gradient_view(window: MainWindow):
    """Colour the canvas by the gradients (the next shot switches them off); grab the
    window."""
    window.gradients_action.setChecked(True)
    window.network_view.set_gradient_view(True)
    return window


SHOTS = [
    # (file, example, epochs to train, neuron to inspect, dock to raise,
    #  what to do last, returning the widget to grab, or None for the window)
    ("main-window.png", "playground-circle", 60, (2, 0), "loss", None),
    ("digits.png", "digits-64-16-16-10", 12, (3, 3), "activations", None),
    ("single-neuron.png", "single-neuron", 0, (1, 0), "loss", None),
    ("perceptron.png", "festival-perceptron", 0, (1, 0), "perceptron", None),
    ("confusion-matrix.png", "digits-64-16-16-10", 6, (3, 3), "confusion",
     show_worst_mistake),
    ("gradient-check.png", "spiral", 20, (1, 0), "loss", open_gradient_check),
    ("gradients.png", "spiral", 40, (2, 14), "activations", show_gradient_view),
]


#: The main window's shot again, in another language or theme: (language, theme, file).
VARIANTS = {"chinese": ("zh_CN", "dark", "chinese.png"),
            "light": ("en", "light", "light-theme.png")}


def take(app: QApplication, window: MainWindow, shot, done) -> None:
    name, example, epochs, neuron, dock, last = shot
    session = window.session
    window.gradients_action.setChecked(False)
    window.network_view.set_gradient_view(False)
    session.open(resource_path("examples") / f"{example}.nnsim.json")
    session.forget_path()  # as an example opens: untitled
    window.docks[dock].raise_()

    def trained() -> bool:
        snap = session.latest
        return epochs == 0 or (snap is not None and snap.epoch >= epochs)

    def finish() -> None:
        if not trained():
            QTimer.singleShot(100, finish)
            return
        session.pause()
        window.inspection.select(("neuron", *neuron))
        shown = window if last is None else last(window)
        QTimer.singleShot(600, lambda: (shown.grab().save(str(HERE / name)), done()))

    if epochs:
        session.play()
    QTimer.singleShot(300, finish)


def build_drop(window: MainWindow, done) -> None:
    """A 2-3-1 network being built, with a hidden neuron dragged over Hidden 1."""
    window.session.new_empty()
    window.docks["palette"].raise_()
    edit = window.session.edit_network
    edit("Add input layer", lambda _net: Network([2], []))
    edit("Add output layer", lambda net: editing.insert_layer(net, 1, 1, "sigmoid"))
    edit("Add hidden layer", lambda net: editing.insert_layer(net, 1, 3, "tanh"))

    def drag() -> None:
        palette = window.editor.palette.palette
        row = next(k for k in range(palette.count())
                   if palette.item(k).text() == "Hidden neuron")
        palette.setCurrentRow(row)
        window._drag_mime = palette.mimeData([palette.item(row)])  # must outlive events
        canvas = window.canvas
        pos = canvas.mapFromScene((canvas.neuron_position(1, 0)
                                   + canvas.neuron_position(1, 1)) / 2)
        for kind in (QDragEnterEvent, QDragMoveEvent):
            QApplication.sendEvent(canvas.viewport(), kind(
                pos, Qt.CopyAction, window._drag_mime, Qt.LeftButton, Qt.NoModifier))
        QTimer.singleShot(300, lambda: (window.grab().save(str(HERE / "build-drop.png")),
                                        done()))

    QTimer.singleShot(300, drag)


def walk_through(window: MainWindow, done) -> None:
    """XOR after 300 epochs, walked to the backward step of its output layer."""
    session = window.session
    session.open(resource_path("examples") / "xor-2-4-1.nnsim.json")
    session.forget_path()
    session.play()

    def walk() -> None:
        if session.latest is None or session.latest.epoch < 300:
            QTimer.singleShot(100, walk)
            return
        session.pause()
        window.inspector.sample_spin.setValue(2)
        window.walkthrough.start()
        for _ in range(6):
            window.walkthrough.move(1)
        QTimer.singleShot(400, lambda: (window.grab().save(str(HERE / "walkthrough.png")),
                                        window.walkthrough.stop(), done()))

    QTimer.singleShot(300, walk)


def time_travel(window: MainWindow, done) -> None:
    """The circle run looked back at epoch 12 of 60 on the timeline under the loss plot."""
    session = window.session
    session.open(resource_path("examples") / "playground-circle.nnsim.json")
    session.forget_path()
    session.set_speed(3)  # a moment recorded at about every epoch's end
    window.docks["loss"].raise_()
    session.play()

    def finish() -> None:
        if session.latest is None or session.latest.epoch < 60:
            QTimer.singleShot(100, finish)
            return
        session.pause()
        session.set_speed(0)
        session.view_past(session.timeline.at_or_before(12))
        window.inspection.select(("neuron", 2, 0))
        QTimer.singleShot(600, lambda: (window.grab().save(str(HERE / "time-travel.png")),
                                        done()))

    QTimer.singleShot(300, finish)


def draw_digit(window: MainWindow, done) -> None:
    """The digits network trained its 40 epochs, a 7 drawn on the pad, the canvas glowing
    with it.  The pad is a window of its own: it is painted onto the main window's
    picture where it stands."""
    session = window.session
    session.open(resource_path("examples") / "digits-64-16-16-10.nnsim.json")
    session.forget_path()
    window.docks["training"].raise_()
    session.play()

    def draw() -> None:
        if session.busy:  # until training stops after its 40 epochs
            QTimer.singleShot(100, draw)
            return
        window.digit_pad.open()
        area = window.digit_pad.pad.area
        square = area.square()
        corners = [(0.28, 0.2), (0.72, 0.2), (0.42, 0.85)]
        points = [QPoint(round(square.left() + (x0 + t * (x1 - x0)) * square.width()),
                         round(square.top() + (y0 + t * (y1 - y0)) * square.height()))
                  for (x0, y0), (x1, y1) in zip(corners, corners[1:])
                  for t in (k / 20 for k in range(21))]
        QTest.mousePress(area, Qt.LeftButton, Qt.NoModifier, points[0])
        for point in points[1:]:
            QTest.mouseMove(area, point)
        QTest.mouseRelease(area, Qt.LeftButton, Qt.NoModifier, points[-1])
        QTimer.singleShot(600, save)

    def save() -> None:
        picture = window.grab()
        pad = window.digit_pad.pad
        painter = QPainter(picture)
        painter.drawPixmap(pad.frameGeometry().topLeft() - window.frameGeometry().topLeft(),
                           pad.grab())
        painter.end()
        picture.save(str(HERE / "digit-pad.png"))
        pad.close()
        done()

    QTimer.singleShot(300, draw)


def compare_runs(window: MainWindow, done) -> None:
    """The circle network against η = 0.3, batch 64 and Adam, 40 epochs in lockstep,
    the fourth run selected and the plot hovered at epoch 10; grab the comparison."""
    epochs = 40
    window.session.open(resource_path("examples") / "playground-circle.nnsim.json")
    window.session.forget_path()
    window.compare.start([Variant.make("learning_rate", 0.3),
                          Variant.make("batch_size", 64), Variant.make("optimizer", "adam")])
    view = window.compare.view

    def trained() -> None:
        for _ in range(epochs):  # whole epochs: the same picture every time
            view.comparison.step_epoch()
            view.comparison.wait_idle()
        QApplication.processEvents()  # the frames the worker posted
        view.table.selectRow(3)
        QTimer.singleShot(400, hover)  # once the plot has its new range

    def hover() -> None:
        box = view.plot.plot.vb
        low, high = box.viewRange()[1]
        view.plot.hover(box.mapViewToScene(QPointF(epochs / 4, (low + high) / 2)))
        QTimer.singleShot(400, shoot)

    def shoot() -> None:
        view.grab().save(str(HERE / "compare-runs.png"))
        window.compare.close_view()
        done()

    QTimer.singleShot(300, trained)


def lesson(window: MainWindow, done) -> None:
    """Lesson 4 at its task: the bias at −3 fires for the friend alone, so Check says
    what it found and gives the hint."""
    lessons, row = window.lessons, 3
    window.session.close()  # nothing to save: no "save changes?" box as the lesson opens
    window.docks["lessons"].show()
    window.docks["lessons"].raise_()
    window.lessons_panel.list.setCurrentRow(row)
    lessons.choose(row)
    lessons.go(1)
    lessons.answer(0)
    lessons.go(1)
    window.session.set_bias(1, 0, -3.0)
    lessons.check()
    QTimer.singleShot(500, lambda: (window.grab().save(str(HERE / "lesson.png")), done()))


def presentation(window: MainWindow, done) -> None:
    """Lesson 1's last step in presentation mode, its question answered."""
    lessons, row = window.lessons, 0
    window.session.close()
    window.lessons_panel.list.setCurrentRow(row)
    lessons.choose(row)
    lessons.go(1)
    window.inspection.select(("neuron", 1, 0))
    lessons.follow()
    lessons.go(1)
    lessons.answer(1)
    lessons.go(1)
    window.presentation.enter()
    window.resize(1600, 1000)   # a virtual screen has no window manager to fill it

    def shoot() -> None:
        window.grab().save(str(HERE / "presentation.png"))
        window.presentation.leave()
        done()

    QTimer.singleShot(800, shoot)


def main(variant: str | None = None) -> int:
    app = QApplication(sys.argv[:1])
    if variant:
        language, theme_name, name = VARIANTS[variant]
        install_language(app, language)
        theme.use(theme_name)
    apply_theme(app)
    scratch = Path(tempfile.mkdtemp())
    window = MainWindow(QSettings(str(scratch / "s.ini"), QSettings.IniFormat),
                        recovery_folder=scratch / "recovery")
    window.resize(1600, 1000)
    window.show()
    queue = [(name, *SHOTS[0][1:])] if variant else list(SHOTS)

    def finish() -> None:
        window.session.close()  # nothing left to save: no "save changes?" box
        window.close()
        app.quit()

    def next_shot() -> None:
        if not queue and variant:
            finish()
            return
        if not queue:
            window.gradients_action.setChecked(False)   # the shots below show weights
            window.network_view.set_gradient_view(False)
            walk_through(window, lambda: build_drop(window, lambda: time_travel(
                window, lambda: draw_digit(window, lambda: compare_runs(
                    window, lambda: lesson(window, lambda: presentation(window, finish)))))))
            return
        take(app, window, queue.pop(0), next_shot)

    QTimer.singleShot(300, next_shot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
