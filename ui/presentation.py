"""Presentation mode, for a projector: full screen, large fonts, the lesson beside the
canvas and the other docks out of the way; leaving it (the same action or Esc) restores
the window exactly as it was."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut

from nnsim.simulator.i18n import translate

#: Fonts grow by this much; the lesson's text by LESSON_SCALE more.
FONT_SCALE = 1.5
LESSON_SCALE = 1.3
#: The lesson takes this share of the screen's width beside the canvas.
LESSON_SHARE = 0.32
#: Docks that stay: the lesson, and the walk-through's bar while a walk runs.
KEPT = ("lessons", "walkthrough")


class PresentationMode(QObject):
    """Enters and leaves presentation mode for ``window`` (``action`` toggles it)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.saved: tuple[QRect, QByteArray, Qt.WindowStates, QFont] | None = None
        self.action = window.make_action(
            translate("ui.presentation", "&Presentation Mode"), self.toggle, "F11",
            checkable=True,
            tip=translate("ui.presentation", "Full screen with large fonts and the lesson "
                                              "beside the canvas (Esc leaves)"))
        self.leave_key = QShortcut(QKeySequence(Qt.Key_Escape), window)
        self.leave_key.activated.connect(self.leave)
        self.leave_key.setEnabled(False)

    @property
    def active(self) -> bool:
        return self.saved is not None

    def toggle(self, on: bool) -> None:
        self.enter() if on else self.leave()

    def enter(self) -> None:
        if self.active:
            return
        window = self.window
        self.saved = (window.normalGeometry(), window.saveState(), window.windowState(),
                      QFont(window.font()))
        font = QFont(window.font())
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        window.setFont(font)
        window.lessons_panel.scale_fonts(LESSON_SCALE)
        for name, dock in window.docks.items():
            if name not in KEPT:
                dock.hide()
        lessons = window.docks["lessons"]
        window.removeDockWidget(lessons)
        window.addDockWidget(Qt.LeftDockWidgetArea, lessons)
        lessons.show()
        window.showFullScreen()
        width = window.screen().availableGeometry().width() if window.screen() else 1600
        window.resizeDocks([lessons], [int(width * LESSON_SHARE)], Qt.Horizontal)
        self.leave_key.setEnabled(True)
        self._check(True)

    def leave(self) -> None:
        if not self.active:
            return
        window = self.window
        geometry, state, window_state, font = self.saved
        self.saved = None
        self.leave_key.setEnabled(False)
        window.setWindowState(window_state)
        if not window_state & (Qt.WindowMaximized | Qt.WindowFullScreen):
            # The rectangle itself: restoreGeometry would fit it to the screen again.
            window.setGeometry(geometry)
        window.setFont(font)
        window.lessons_panel.scale_fonts(1.0)
        window.restoreState(state)
        # Once more when the window has its size back: dock sizes are kept relative to it.
        QTimer.singleShot(0, window, lambda: window.restoreState(state))
        self._check(False)

    def _check(self, on: bool) -> None:
        self.action.blockSignals(True)
        self.action.setChecked(on)
        self.action.blockSignals(False)
