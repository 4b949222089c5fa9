"""A dock's fields leave the mouse wheel to the dock until they are clicked or tabbed into.

The docks' settings sit in scroll areas, and Qt gives a wheel event to the field under
the pointer: scrolling down the Training dock changed the loss, the optimiser or the
regularisation on the way.  As in most desktop applications, a field now takes the
wheel only while it has the keyboard focus; otherwise the wheel scrolls the dock.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QSlider,
    QWidget,
)

#: Widgets whose value a wheel turn changes.
VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QSlider)


class WheelGuard(QObject):
    """Installed on every value widget inside ``area`` when it is made (the docks make
    all their fields up front)."""

    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self.area = area
        for widget in area.widget().findChildren(QWidget):
            if isinstance(widget, VALUE_WIDGETS):
                widget.setFocusPolicy(Qt.StrongFocus)   # a wheel turn gives no focus
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Wheel or watched.hasFocus():
            return False
        QApplication.sendEvent(self.area.verticalScrollBar(), event)
        return True
