"""The comparison's summary: per run, how far it is, its latest loss and accuracy, and
how many epochs it took to reach a target loss the user sets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem

from nnsim.session.comparison import METRIC_COLUMNS, RunFrame
from nnsim.simulator import limits
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.training import TrainingConfig
from nnsim.ui import theme
from nnsim.ui.numbers import NumberRange, NumberSpinBox

TARGET_LOSS = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the target loss"), 0.0,
                          limits.MAX_TARGET_LOSS)
#: The table's column titles (translated where shown).
COLUMNS = (QT_TRANSLATE_NOOP("ui.compare_table", "Run"),
           QT_TRANSLATE_NOOP("ui.compare_table", "Epochs"),
           QT_TRANSLATE_NOOP("ui.compare_table", "Train loss"),
           QT_TRANSLATE_NOOP("ui.compare_table", "Train acc."),
           QT_TRANSLATE_NOOP("ui.compare_table", "Test loss"),
           QT_TRANSLATE_NOOP("ui.compare_table", "Test acc."),
           QT_TRANSLATE_NOOP("ui.compare_table", "To target"))


def default_target(config: TrainingConfig, frames: list[RunFrame]) -> float:
    """The training settings' target loss, else a tenth of the starting loss rounded to
    one significant digit (a target every run can be measured against)."""
    if config.target_loss is not None:
        return config.target_loss
    start = frames[0].start.train_loss
    return float(f"{start / 10:.0e}") if start > 0 else 0.0


class SummaryTable(QTableWidget):
    """One row per run; the ``target`` spin box sets the loss "epochs to target"
    measures against (``target_changed``)."""

    target_changed = Signal()

    def __init__(self, labels: list[str], colors: list[str], config: TrainingConfig,
                 frames: list[RunFrame]):
        super().__init__(len(labels), len(COLUMNS))
        self.setHorizontalHeaderLabels([translate("ui.compare_table", title)
                                        for title in COLUMNS])
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.Stretch)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        for row, (label, color) in enumerate(zip(labels, colors)):
            item = QTableWidgetItem(f"━  {label}")
            item.setForeground(QColor(color))
            self.setItem(row, 0, item)
        self.target_label = QLabel(translate("ui.compare_table",
                                             "To target: epochs until the training loss "
                                             "is at or below"))
        self.target = NumberSpinBox(TARGET_LOSS)
        self.target.setValue(default_target(config, frames))
        self.target.setToolTip(translate("ui.compare_table",
                                         "Epochs to target: the first epoch whose training "
                                         "loss is at or below this"))
        self.target.valueChanged.connect(self.target_changed)
        self.setMinimumHeight(60 + 30 * len(labels))

    def show_frames(self, frames: list[RunFrame]) -> None:
        target = self.target.value()
        for row, frame in enumerate(frames):
            values = [epochs_text(frame.epochs)]
            values += [_metric_text(frame.latest(column), column) for column in
                       METRIC_COLUMNS]
            reached = frame.epochs_to(target)
            values.append(frame.problem or (translate("ui.compare_table", "not yet")
                                            if reached is None else f"{reached:,.0f}"))
            for column, text in enumerate(values, start=1):
                self._set(row, column, text, error=column == 6 and bool(frame.problem))

    def _set(self, row: int, column: int, text: str, error: bool) -> None:
        item = self.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.setItem(row, column, item)
        item.setText(text)
        item.setForeground(QColor(theme.ERROR if error else theme.TEXT))

    def selected_run(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None


def epochs_text(epochs: float) -> str:
    """"12" for whole epochs, else "12.40"."""
    return f"{epochs:,.0f}" if float(epochs).is_integer() else f"{epochs:,.2f}"


def _metric_text(value: float | None, column: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if column.endswith("accuracy") else f"{value:.4g}"
