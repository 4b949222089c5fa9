"""Text from files and users, made safe for each kind of Qt widget that shows it.

Qt guesses whether a string is HTML (``Qt.AutoText``): a neuron name or file name
such as ``<h1 style="color:red">FAKE</h1>`` would be rendered as a red heading.  Every
such text is shown as plain text, or escaped where the widget must be rich text, and
always printable (control characters and terminal escapes as ``\\x1b``) and bounded,
so a 10 MB name or message can neither flood nor freeze the window.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget

from nnsim.simulator.safetext import PATH_LIMIT, one_line, shorten

#: Characters of a name (neuron, class, feature) shown before it is cut with "…".
NAME_LIMIT = 60
#: Characters of a description or a title shown on the welcome page.
DESCRIPTION_LIMIT = 400


def name(text: str, limit: int = NAME_LIMIT) -> str:
    """A name from a file, printable and at most ``limit`` characters, as plain text."""
    return shorten(str(text), limit)


def html_name(text: str, limit: int = NAME_LIMIT) -> str:
    """A name from a file inside rich text: printable, bounded and HTML-escaped."""
    return escape(name(text, limit))


def path_text(path) -> str:
    """A file name or path as plain text: printable and bounded."""
    return shorten(str(path), PATH_LIMIT)


def menu_text(text: str) -> str:
    """Text for a menu entry: printable, bounded, and ``&`` shown as itself rather than
    taken as a keyboard mnemonic."""
    return name(text, PATH_LIMIT).replace("&", "&&")


def window_title_name(text: str) -> str:
    """A file name inside a window title that holds a ``[*]`` modified mark: Qt turns
    every lone ``[*]`` into that mark, and shows a doubled one as ``[*]``."""
    return path_text(text).replace("[*]", "[*][*]")


def status_text(text: str) -> str:
    """A status-bar message: one printable line of bounded length."""
    return one_line(str(text))


def tooltip_html(text: str) -> str:
    """``text`` (already printable, lines separated by newlines) as a tooltip that Qt
    shows literally: tooltips guess rich text like labels do and cannot be told not to."""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpacePre)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.PlainText)
    label.setText(text)
    return label
