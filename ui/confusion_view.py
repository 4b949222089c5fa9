"""The confusion matrix dock: rows are true classes, columns predicted ones.

Each cell shows its count, shaded by its share of the row (the true class), blue on the
diagonal (right) and orange off it (wrong).  Clicking a cell lists the samples behind
it, as small pictures for image data; choosing one asks to inspect it.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.evaluation import Evaluation
from nnsim.simulator.i18n import translate

from . import theme
from .plaintext import name

#: Samples a cell lists at most (the rest are counted): 1,000 pictures would take long.
MAX_LISTED = 200
ICON_PIXELS = 40
PARTS = ("train", "test")


class ConfusionView(QWidget):
    """The matrix of one evaluation, a train/test switch, and the clicked cell's samples."""

    #: The user switched between "train" and "test".
    partChanged = Signal(str)
    #: A cell was clicked: (true class, predicted class).
    cellClicked = Signal(int, int)
    #: A listed sample was chosen: its row in the part shown.
    sampleChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.part_box = QComboBox()
        self.part_box.addItem(translate("ui.confusion_view", "Training data"), "train")
        self.part_box.addItem(translate("ui.confusion_view", "Test data"), "test")
        self.part_box.currentIndexChanged.connect(
            lambda _: self.partChanged.emit(self.part()))
        self.accuracy = QLabel(textFormat=Qt.PlainText)
        self.note = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.note.setStyleSheet(f"color: {theme.MUTED};")
        self.table = self._build_table()
        self.cell_title = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.samples = QListWidget()
        self.samples.setViewMode(QListView.IconMode)
        self.samples.setResizeMode(QListView.Adjust)
        self.samples.setMovement(QListView.Static)
        self.samples.setIconSize(QSize(ICON_PIXELS, ICON_PIXELS))
        self.samples.itemClicked.connect(
            lambda item: self.sampleChosen.emit(int(item.data(Qt.UserRole))))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self.part_box)
        top.addWidget(self.accuracy, 1)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 5)
        layout.addWidget(self.cell_title)
        layout.addWidget(self.samples, 2)
        self.show_unavailable(translate(
            "ui.confusion_view", "Open a network with classification data to see which "
            "classes it confuses."))

    def _build_table(self) -> QTableWidget:
        table = QTableWidget()
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.Stretch)
        # Ten classes fit a short dock: rows as low as a line of text.
        table.verticalHeader().setMinimumSectionSize(16)
        table.horizontalHeader().setMinimumSectionSize(24)
        table.cellClicked.connect(self.cellClicked)
        return table

    # -- public API
    def part(self) -> str:
        """"train" or "test"."""
        return self.part_box.currentData()

    def set_test_available(self, available: bool) -> None:
        """Offer the test part only when there is test data (else show training data)."""
        self.part_box.model().item(1).setEnabled(available)
        if not available and self.part() == "test":
            self.part_box.setCurrentIndex(0)

    def show_unavailable(self, reason: str) -> None:
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.accuracy.setText("")
        self.note.setText(reason)
        self.clear_samples()

    def show_evaluation(self, result: Evaluation, note: str = "") -> None:
        """Counts ``result.confusion`` ``(k, k)``, shaded by their share of the row."""
        counts = result.confusion
        names = [name(n) for n in result.class_names]
        table = self.table
        table.setRowCount(len(names))
        table.setColumnCount(len(names))
        true_name = translate("ui.confusion_view", "true {name}")
        table.setVerticalHeaderLabels([true_name.format(name=n) for n in names])
        table.setHorizontalHeaderLabels(names)
        row_totals = counts.sum(axis=1)
        # Once per matrix, not per cell (a second's evaluation while training).
        tip = translate("ui.confusion_view", "true {true}, predicted {predicted}: {count} "
                        "samples ({share} of true {true})")
        surface, right, wrong = (QColor(c) for c in (theme.SURFACE, theme.POSITIVE,
                                                     theme.NEGATIVE))
        for i, j in np.ndindex(counts.shape):
            share = counts[i, j] / row_totals[i] if row_totals[i] else 0.0
            count = f"{counts[i, j]:,}"
            item = QTableWidgetItem(count)
            item.setTextAlignment(Qt.AlignCenter)
            item.setBackground(theme.blend(surface, right if i == j else wrong, 0.85 * share))
            item.setToolTip(tip.format(true=names[i], predicted=names[j], count=count,
                                       share=f"{share:.1%}"))
            table.setItem(i, j, item)
        self.accuracy.setText(translate(
            "ui.confusion_view", "accuracy {accuracy} on {count} samples").format(
                accuracy=f"{result.accuracy:.1%}", count=f"{result.rows_scored:,}"))
        self.note.setText(note or translate(
            "ui.confusion_view", "Rows: true class; columns: predicted. Click a cell to list "
            "its samples."))

    def clear_samples(self) -> None:
        self.cell_title.setText("")
        self.samples.clear()

    def show_samples(self, title: str, rows: np.ndarray, icons: list[QIcon] | None) -> None:
        """The samples ``rows`` (indices into the part shown), pictured by ``icons``
        (one per listed row) for image data; at most MAX_LISTED are listed."""
        listed = rows[:MAX_LISTED]
        more = len(rows) - len(listed)
        if more:
            title = translate("ui.confusion_view", "{title} (the first {n} listed)").format(
                title=title, n=len(listed))
        self.cell_title.setText(title)
        self.samples.clear()
        for k, row in enumerate(listed):
            item = QListWidgetItem(f"#{row}")
            item.setData(Qt.UserRole, int(row))
            if icons is not None:
                item.setIcon(icons[k])
            self.samples.addItem(item)

    def listed_rows(self) -> list[int]:
        return [int(self.samples.item(k).data(Qt.UserRole))
                for k in range(self.samples.count())]
