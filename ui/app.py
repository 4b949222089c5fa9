"""Start the desktop application."""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from . import theme
from .mainwindow import MainWindow, apply_theme
from .preferences import chosen_language, chosen_theme, install_language


def run(path: str | None = None) -> int:
    """Open the main window (with ``path`` if given) and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("nnsim")
    app.setOrganizationName("nnsim")
    settings = QSettings()
    install_language(app, chosen_language(settings))
    theme.use(chosen_theme(settings))   # before any widget is built in its colours
    apply_theme(app)
    window = MainWindow()
    window.show()
    if path:
        QTimer.singleShot(0, lambda: window.files.open_path(path) or None)
    # Let Ctrl-C in the terminal close the window like the Quit action does.
    signal.signal(signal.SIGINT, lambda *_: window.close())
    tick = QTimer()
    tick.start(200)
    tick.timeout.connect(lambda: None)
    return app.exec()

