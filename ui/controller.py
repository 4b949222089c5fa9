"""What every dock's controller shares: its window, the session, and a way to listen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from nnsim.session import Session


class Controller(QObject):
    """Binds a widget of ``window`` to ``window.session``; lives as long as the window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session: Session = window.session

    def on(self, callback: Callable, *events: str) -> None:
        """Call ``callback`` on each of the session's ``events`` (names)."""
        for name in events:
            getattr(self.session.events, name).connect(callback)
