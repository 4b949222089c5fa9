"""The welcome page shown when no network is open: example networks and recent files."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.i18n import translate
from nnsim.simulator.resources import resource_path
from nnsim.simulator.safetext import PATH_LIMIT, shorten

from . import theme
from .example_texts import example_text
from .plaintext import DESCRIPTION_LIMIT, html_name, plain_label

CARD_WIDTH = 220
RECENT_LINK = "recent:"


def card_style() -> str:
    """The example cards' style, in the current theme's colours."""
    return f"""
QFrame#exampleCard {{ background: {theme.SURFACE_RAISED}; border: 1px solid {theme.BORDER};
                     border-radius: 8px; }}
QFrame#exampleCard:hover {{ border-color: {theme.ACCENT}; }}
"""


def example_files() -> list[tuple[Path, str]]:
    """(path, title) of every bundled example, in file-name order; the title in the
    interface's language."""
    folder = resource_path("examples")
    found = []
    for path in sorted(folder.glob("*.nnsim.json")):
        found.append((path, _header_text(_read_header(path), "title", path.stem)))
    return found


def _read_header(path: Path) -> dict:
    """Title and description of an example; bundled files are trusted but may be absent."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _header_text(header: dict, key: str, default: str) -> str:
    """A text field of a file's header, printable and bounded (a bundled example's
    translated: see ``example_texts``); ``default`` when it is missing or not a string."""
    value = header.get(key)
    return shorten(example_text(value) if isinstance(value, str) else default,
                   DESCRIPTION_LIMIT)


def recent_files(settings: QSettings) -> list[str]:
    """The recently opened files, newest first (QSettings gives one as a plain str)."""
    value = settings.value("recentFiles", [])
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [path for path in values if isinstance(path, str)]


def _shape(header: dict) -> str:
    """The layer sizes a file's header gives, as "2 – 4 – 1"."""
    network = header.get("network")
    layers = network.get("layers") if isinstance(network, dict) else None
    if not isinstance(layers, list):
        return ""
    sizes = [layer.get("size") for layer in layers if isinstance(layer, dict)]
    return shorten(" – ".join(str(s) for s in sizes if type(s) is int and s > 0),
                   DESCRIPTION_LIMIT)


class ExampleCard(QFrame):
    """A clickable card: title, description, the network's shape."""

    clicked = Signal(object)

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.path = path
        self.setObjectName("exampleCard")
        self.setCursor(Qt.PointingHandCursor)
        header = _read_header(path)
        title = plain_label(_header_text(header, "title", path.stem))
        title.setStyleSheet(f"font-size: 15px; font-weight: 600; color: {theme.TEXT};")
        title.setWordWrap(True)  # a long title takes two lines rather than being cut
        shape = plain_label(_shape(header))
        shape.setStyleSheet(f"color: {theme.ACCENT}; font-family: monospace;")
        text = plain_label(_header_text(header, "description", ""))
        text.setWordWrap(True)
        text.setStyleSheet(f"color: {theme.MUTED};")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(shape)
        layout.addWidget(text, 1)
        self.setMinimumSize(CARD_WIDTH, 130)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.path)
        super().mouseReleaseEvent(event)


class WelcomePage(QScrollArea):
    """Shown in the centre when nothing is open."""

    exampleRequested = Signal(object)
    openRequested = Signal(object)
    browseRequested = Signal()

    def __init__(self, settings: QSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setStyleSheet(card_style())
        body = QWidget()
        self.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(32, 28, 32, 28)
        title = QLabel("nnsim")
        title.setStyleSheet(f"font-size: 34px; font-weight: 700; color: {theme.TEXT};")
        subtitle = QLabel(translate("ui.welcome", "Build a neural network, press Play, "
                                    "and watch it learn. Start from an example:"))
        subtitle.setStyleSheet(f"font-size: 15px; color: {theme.MUTED};")
        subtitle.setWordWrap(True)
        self.layout_.addWidget(title)
        self.layout_.addWidget(subtitle)
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        self.layout_.addLayout(self.grid)
        buttons = QHBoxLayout()
        open_button = QPushButton(translate("ui.welcome", "Open a network file…"))
        open_button.clicked.connect(self.browseRequested)
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        self.layout_.addSpacing(12)
        self.layout_.addLayout(buttons)
        self.recent_label = QLabel()
        self.recent_label.setTextFormat(Qt.RichText)
        self.recent_label.linkActivated.connect(self._open_recent)
        self.layout_.addWidget(self.recent_label)
        self.layout_.addStretch(1)
        self._fill_examples()
        self.refresh()

    def _fill_examples(self) -> None:
        self.cards = []
        for path, _title in example_files():
            card = ExampleCard(path)
            card.clicked.connect(self.exampleRequested)
            self.cards.append(card)
        self._columns = 0
        self._arrange(3)

    def _arrange(self, columns: int) -> None:
        """Lay the cards out in as many columns as fit (the docks leave varying room)."""
        if columns == self._columns:
            return
        self._columns = columns
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        margins = self.layout_.contentsMargins()
        room = self.viewport().width() - margins.left() - margins.right()
        self._arrange(max(1, min(3, (room + self.grid.spacing())
                                 // (CARD_WIDTH + self.grid.spacing()))))

    def refresh(self) -> None:
        """Re-read the recent-files list.  A link names its file by its place in the
        list, never by the path itself: paths are text, escaped to show literally."""
        self.recent = [p for p in recent_files(self.settings) if Path(p).exists()]
        links = [f'<a style="color:{theme.ACCENT}" href="{RECENT_LINK}{index}">'
                 f'{html_name(Path(p).name, PATH_LIMIT)}</a> <span style="color:'
                 f'{theme.MUTED}">— {html_name(Path(p).parent, PATH_LIMIT)}</span>'
                 for index, p in enumerate(self.recent)]
        heading = translate("ui.welcome", "Recent")
        self.recent_label.setText("<br>".join([f"<b>{heading}</b>"] + links) if links else "")

    def _open_recent(self, link: str) -> None:
        index = link.removeprefix(RECENT_LINK)
        if index.isdigit() and int(index) < len(self.recent):
            self.openRequested.emit(self.recent[int(index)])
