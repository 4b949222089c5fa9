"""The first-run dock layout at 1600×1000: every training control within reach without
scrolling, every tab title whole (issue 13)."""

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QSlider,
    QTabBar,
    QWidget,
)

from nnsim.simulator.resources import resource_path

CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QSlider)


def test_every_training_control_shows_without_scrolling_at_1600_by_1000(qtbot, window):
    assert window.size().width() == 1600 and window.size().height() == 1000
    assert window.files.open_path(resource_path("examples") / "digits-64-16-16-10.nnsim.json",
                                  example=True)
    panel = window.training_panel
    qtbot.mouseClick(panel.epoch_button, Qt.LeftButton)   # four-digit counters
    qtbot.waitUntil(lambda: window.session.latest is not None
                    and window.session.latest.epoch == 1 and not window.session.busy,
                    timeout=10_000)
    panel.fit_button.show()   # a message line too: what a mismatched network shows
    qtbot.wait(50)   # the first-run dock sizes are set once the event loop turns
    area = window.docks["training"].widget()
    assert window.docks["training"].isVisible()
    assert area.verticalScrollBar().maximum() == 0
    assert area.horizontalScrollBar().maximum() == 0
    viewport = area.viewport().rect()
    controls = [w for w in panel.findChildren(QWidget)
                if isinstance(w, CONTROLS) and w.isVisible()]
    assert len(controls) >= 14   # 4 buttons, 5 choices and numbers, seeds, lock, speed...
    for control in controls:
        box = QRect(control.mapTo(area.viewport(), QPoint(0, 0)), control.size())
        assert viewport.contains(box), (control, box, viewport)


def test_no_dock_tab_title_is_cut_short_at_1600_by_1000(qtbot, window):
    """The right-hand tabs read "Loss and accur…" at the default width."""
    qtbot.wait(50)   # the first-run dock sizes
    bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible()]
    titles = {bar.tabText(i) for bar in bars for i in range(bar.count())}
    assert {"Loss and accuracy", "Activations and gradients", "Confusion matrix",
            "Neuron inspector"} <= titles
    for bar in bars:
        for i in range(bar.count()):
            assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), bar.tabText(i)
