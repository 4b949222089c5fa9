"""Small multiples of compared runs: each run's network and what it makes of the data.

A :class:`RunCard` shows one run: a read-only network canvas (weights, and the neurons'
mean activation over the first training samples) and the data view (a decision surface
for two inputs, else the data's own page).  :class:`RunCards` lays them out side by
side, or shows one at a time with a switch.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.session.comparison import RunFrame
from nnsim.session.state import DataState
from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network
from nnsim.ui import theme
from nnsim.ui.canvas import NetworkCanvas
from nnsim.ui.compare_table import epochs_text
from nnsim.ui.data_pages import CurvePage, SurfacePage
from nnsim.ui.dataview import CURVE, IMAGES, SUMMARY, SURFACE, view_kind
from nnsim.ui.sample_pages import ImagePage, SummaryPage

#: Training rows whose mean activation makes the neurons glow (as the main canvas).
GLOW_ROWS = 64
#: Grid points along each side of a card's decision surface or curve.
RESOLUTION = 40
#: The page each kind of data shows on, as in the Data dock.
PAGES = {SURFACE: lambda: SurfacePage(RESOLUTION), CURVE: lambda: CurvePage(RESOLUTION),
         IMAGES: ImagePage, SUMMARY: SummaryPage}


class RunCard(QFrame):
    """One run's network and data page; ``draw(frame)`` draws a frame of it."""

    def __init__(self, color: str, network: Network, data: DataState,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.color = color
        self.network = network.copy()
        self.glow_rows = data.train.inputs[:GLOW_ROWS]
        self.setObjectName("runCard")
        self.setStyleSheet(f"#runCard {{ border: 1px solid {theme.BORDER}; "
                           f"border-radius: 4px; background: {theme.SURFACE}; }}")
        self.title = QLabel(textFormat=Qt.RichText)
        self.canvas = NetworkCanvas()
        self.canvas.setInteractive(False)
        self.canvas.set_network(self.network)
        self.canvas.legend.clear()  # the main window's canvas explains the colours
        self.canvas.view_switch.hide()   # the gradient view is the main window's
        for header in self.canvas.headers:
            header.hide()   # a small multiple has no room: they ran into each other
        self.canvas.setMinimumSize(160, 110)
        test = data.test if data.test is not None and data.test.n_samples else None
        self.page = PAGES[view_kind(data.train)]()
        self.page.set_dataset(data.train, test)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        # A splitter shares the height evenly: in a box layout the page's wrapping title
        # (height for width) would take most of it.
        split = QSplitter(Qt.Vertical)
        split.setChildrenCollapsible(False)
        for widget in (self.canvas, self.page):
            widget.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Ignored)
            split.addWidget(widget)
        split.setStretchFactor(0, 9)
        split.setStretchFactor(1, 11)
        split.setSizes([900, 1100])  # scaled to the card's height
        layout.addWidget(split, 1)

    def draw(self, frame: RunFrame) -> None:
        """Draw ``frame``: its weights, the glow, the data view's outputs and a title."""
        network = self.network
        network.params[...] = frame.params
        glow = [a.mean(axis=0) for a in network.forward_all(self.glow_rows)]
        self.canvas.show_state(network.weights, glow)
        outputs = network.forward(self.page.inputs())
        self.page.show_outputs(outputs, network.activation_of(network.n_layers - 1))
        status = f" · {html.escape(frame.problem)}" if frame.problem else ""
        epoch = translate("ui.compare_cards", "epoch {epochs}").format(
            epochs=epochs_text(frame.epochs))
        self.title.setText(f"<span style='color:{self.color}'>━━</span>&nbsp; "
                           f"<b>{html.escape(frame.label)}</b>"
                           f"<span style='color:{theme.MUTED}'>&nbsp; "
                           f"{html.escape(epoch)}{status}</span>")


class RunCards(QWidget):
    """The runs' cards side by side (2 × 2 for four), or one at a time with a switch."""

    def __init__(self, cards: list[RunCard], labels: list[str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.cards = cards
        self.frames: list[RunFrame] = []
        self.side_by_side = QPushButton(translate("ui.compare_cards", "Side by side"),
                                        checkable=True, checked=True)
        self.one_at_a_time = QPushButton(translate("ui.compare_cards", "One at a time"),
                                         checkable=True)
        group = QButtonGroup(self)
        for button in (self.side_by_side, self.one_at_a_time):
            group.addButton(button)
            button.toggled.connect(self._arrange)
        self.chooser = QComboBox()
        self.chooser.addItems(labels)
        self.chooser.currentIndexChanged.connect(self._arrange)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.side_by_side, self.one_at_a_time, self.chooser):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.grid_page = QWidget()
        self.grid = QGridLayout(self.grid_page)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.single_page = QWidget()
        self.single = QVBoxLayout(self.single_page)
        self.single.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid_page)
        self.stack.addWidget(self.single_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._arrange()

    def show_frames(self, frames: list[RunFrame]) -> None:
        """Draw the cards on view (the others when they come into view)."""
        self.frames = frames
        for card in self.shown():
            card.draw(frames[self.cards.index(card)])

    def shown(self) -> list[RunCard]:
        """The cards on view."""
        if self.side_by_side.isChecked():
            return list(self.cards)
        return [self.cards[self.chooser.currentIndex()]]

    def _arrange(self, *_) -> None:
        """Move the cards to the page the switch asks for (a widget has one parent)."""
        together = self.side_by_side.isChecked()
        self.chooser.setVisible(not together)
        columns = 2 if len(self.cards) > 2 else len(self.cards)
        for index, card in enumerate(self.cards):
            if together:
                self.grid.addWidget(card, index // columns, index % columns)
                card.setVisible(True)
            else:
                self.single.addWidget(card)
                card.setVisible(index == self.chooser.currentIndex())
        self.stack.setCurrentWidget(self.grid_page if together else self.single_page)
        if self.frames:
            self.show_frames(self.frames)

