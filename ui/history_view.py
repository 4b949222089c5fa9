"""The Undo history dock: every step of the session's history, the present marked; a
click goes to any step (as Qt's QUndoView does for a QUndoStack)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from nnsim.session import Session
from nnsim.simulator.i18n import translate

from .plaintext import name


class UndoHistoryView(QListWidget):
    """Row 0 is the opened state, row k the state after k steps; the current row is the
    present."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("undoHistory")
        self.setStyleSheet("QListWidget#undoHistory::item { padding: 3px 6px; }")
        session.history.events.changed.connect(self.refresh)
        self.currentRowChanged.connect(self._jump)
        self.refresh()

    def refresh(self) -> None:
        history = self.session.history
        with QSignalBlocker(self):
            self.clear()
            #: The first row: the state the project was opened (or created) in.
            for text in [translate("ui.history_view", "Opened"), *history.texts]:
                item = QListWidgetItem(name(text, 120))  # texts name neurons: printable
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                self.addItem(item)
            self.setCurrentRow(history.index)

    def _jump(self, row: int) -> None:
        if row >= 0 and row != self.session.history.index:
            self.session.jump(row)
            self.refresh()  # a refused step leaves the history short of the row
