"""The session's thread reports, delivered on the GUI thread.

The training thread must never touch a widget; the session hands each report to
``post``, and this poster emits it through a Qt signal, which Qt queues to the thread
the poster lives in (the GUI thread), where the session then announces it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot


class QtPoster(QObject):
    """``post(call)`` from any thread runs ``call()`` in this object's (the GUI) thread."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._posted.connect(self._run)

    def post(self, call: Callable[[], None]) -> None:
        self._posted.emit(call)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        call()
