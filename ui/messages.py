"""Message boxes whose text is shown exactly as written: plain, one line, bounded.

A message often carries text from a file (a name, a path, a value).  QMessageBox guesses
HTML like QLabel does, and lays out any length of text: a 10 MB message froze the window
for minutes.  Every box of the app is built here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from nnsim.simulator.safetext import ECHO_LIMIT, one_line

Icon = QMessageBox.Icon
Button = QMessageBox.StandardButton


def message_box(parent: QWidget | None, icon: Icon, title: str, text: str,
                buttons: Button = QMessageBox.Ok) -> QMessageBox:
    """A box showing ``text`` as one plain, printable line of bounded length."""
    box = QMessageBox(icon, one_line(str(title), ECHO_LIMIT), one_line(str(text)),
                      buttons, parent)
    box.setTextFormat(Qt.PlainText)
    return box


def inform(parent: QWidget | None, title: str, text: str,
           icon: Icon = QMessageBox.Information) -> None:
    """Show a message and wait until the user closes it."""
    message_box(parent, icon, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    inform(parent, title, text, QMessageBox.Warning)


def fail(parent: QWidget | None, title: str, text: str) -> None:
    inform(parent, title, text, QMessageBox.Critical)


def ask(parent: QWidget | None, title: str, text: str, buttons: Button,
        default: Button) -> Button:
    """A question; the standard button the user chose (Escape gives the cancel one)."""
    box = message_box(parent, QMessageBox.Question, title, text, buttons)
    box.setDefaultButton(default)
    return Button(box.exec())
