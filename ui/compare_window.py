"""The comparison window: the compared runs' curves overlaid, a summary table, and each
run's network and data side by side.

It binds itself to a :class:`~nnsim.session.comparison.Comparison`: Play, Step and Step
epoch ask it to train, and its ``frames`` event redraws the window.  Keep this run
hands the chosen run to ``keep(index)`` (the controller makes it the session's).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from nnsim.session.comparison import Comparison, RunFrame, comparison_csv
from nnsim.session.state import DataState
from nnsim.simulator.i18n import translate
from nnsim.simulator.safetext import os_reason
from nnsim.ui import messages, theme
from nnsim.ui.compare_cards import RunCard, RunCards
from nnsim.ui.compare_plot import ComparisonPlot
from nnsim.ui.compare_table import SummaryTable, epochs_text
from nnsim.ui.plaintext import path_text
from nnsim.ui.plots import Throttle, category_color

#: Least time between two redraws of the cards while playing.
CARDS_INTERVAL_MS = 100


class CompareWindow(QWidget):
    """The window of one comparison (see the module docstring)."""

    def __init__(self, comparison: Comparison, data: DataState,
                 keep: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.comparison = comparison
        self.keep = keep
        self.setWindowTitle(translate("ui.compare_window", "Compare runs — nnsim"))
        self.labels = [frame.label for frame in comparison.frames]
        self.colors = [category_color(i) for i in range(len(self.labels))]
        self.cards = RunCards([RunCard(color, run.network, data) for color, run in
                               zip(self.colors, comparison.runs)], self.labels)
        self.table = SummaryTable(self.labels, self.colors, comparison.runs[0].config,
                                  comparison.frames)
        self.plot = ComparisonPlot(self.labels, self.colors, data)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self._build_body(), 1)
        self._cards_throttle = Throttle(self, self._draw_cards, CARDS_INTERVAL_MS)
        comparison.events.frames.connect(self.show_frames)
        comparison.events.running_changed.connect(self._show_running)
        self.table.target_changed.connect(lambda: self.table.show_frames(
            self.comparison.frames))
        self.table.itemSelectionChanged.connect(self._show_keep)
        self.show_frames(comparison.frames)
        self._show_keep()
        self._size_to_screen()

    # ------------------------------------------------------------------ building
    def _build_toolbar(self) -> QHBoxLayout:
        self.play_button = QPushButton(translate("ui.compare_window", "▶ Play"))
        self.play_button.setCheckable(True)
        self.play_button.clicked.connect(self._toggle_play)
        self.step_button = QPushButton(translate("ui.compare_window", "Step"))
        self.step_button.setToolTip(translate("ui.compare_window",
                                              "Every run sees one batch of run 1's size more"))
        self.step_button.clicked.connect(self.comparison.step)
        self.epoch_button = QPushButton(translate("ui.compare_window", "Step epoch"))
        self.epoch_button.clicked.connect(self.comparison.step_epoch)
        self.progress = QLabel(textFormat=Qt.PlainText)
        self.progress.setStyleSheet(f"color: {theme.MUTED};")
        self.csv_button = QPushButton(translate("ui.compare_window", "Export CSV…"))
        self.csv_button.clicked.connect(self._ask_csv)
        self.png_button = QPushButton(translate("ui.compare_window", "Export PNG…"))
        self.png_button.clicked.connect(self._ask_png)
        self.keep_button = QPushButton(translate("ui.compare_window", "Keep this run"))
        self.keep_button.clicked.connect(self._keep_selected)
        self.close_button = QPushButton(translate("ui.compare_window", "Close"))
        self.close_button.clicked.connect(self.close)
        bar = QHBoxLayout()
        for widget in (self.play_button, self.step_button, self.epoch_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        for widget in (self.csv_button, self.png_button, self.keep_button,
                       self.close_button):
            bar.addWidget(widget)
        return bar

    def _build_body(self) -> QSplitter:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.plot, 3)
        target = QHBoxLayout()
        target.addWidget(self.table.target_label)
        target.addWidget(self.table.target)
        target.addStretch(1)
        column.addLayout(target)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.cards)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([660, 840])
        return splitter

    def _size_to_screen(self) -> None:
        screen = self.screen()
        room = screen.availableGeometry() if screen else None
        self.resize(min(1500, room.width() - 40) if room else 1500,
                    min(900, room.height() - 60) if room else 900)

    # ------------------------------------------------------------------ showing
    def show_frames(self, frames: list[RunFrame]) -> None:
        """The comparison's latest frames: curves, table and progress now, the cards a
        few times a second; then training may go on."""
        self.plot.show_frames(frames)
        self.table.show_frames(frames)
        self.progress.setText(_progress_text(frames, self.comparison.n_samples))
        if self.comparison.running:
            self._cards_throttle.request()
        else:
            self._draw_cards()
        self.comparison.acknowledge_frame()

    def _draw_cards(self) -> None:
        self.cards.show_frames(self.comparison.frames)

    def _show_running(self, running: bool) -> None:
        self.play_button.setChecked(running)
        self.play_button.setText(translate("ui.compare_window", "⏸ Pause") if running
                                 else translate("ui.compare_window", "▶ Play"))
        for button in (self.step_button, self.epoch_button):
            button.setEnabled(not running)

    def _show_keep(self) -> None:
        index = self.table.selected_run()
        self.keep_button.setText(
            translate("ui.compare_window", "Keep this run") if index is None
            else translate("ui.compare_window", "Keep “{run}”").format(run=self.labels[index]))
        self.keep_button.setEnabled(index is not None)

    # ------------------------------------------------------------------ commands
    def _toggle_play(self) -> None:
        if self.comparison.running:
            self.comparison.pause()
        else:
            self.comparison.play()

    def _keep_selected(self) -> None:
        index = self.table.selected_run()
        if index is not None:
            self.keep(index)

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("ui.compare_window", "Export comparison"), "comparison.csv",
            translate("ui.compare_window", "CSV files (*.csv)"))
        if path:
            self._export(self.export_csv, Path(path))

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("ui.compare_window", "Export comparison"), "comparison.png",
            translate("ui.compare_window", "PNG images (*.png)"))
        if path:
            self._export(self.export_png, Path(path))

    def _export(self, export: Callable[[Path], None], path: Path) -> None:
        try:
            export(path)
        except OSError as error:
            messages.warn(self, translate("ui.compare_window", "Not exported"),
                          f"{path_text(path)}: {os_reason(error)}")

    def export_csv(self, path: Path) -> None:
        path.write_text(comparison_csv(self.comparison.frames), encoding="utf-8")

    def export_png(self, path: Path) -> None:
        if not self.grab().save(str(path), "PNG"):
            # the reason only: _export names the file
            raise OSError(translate("ui.compare_window", "cannot write the file"))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:  # as a dialog closes
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.comparison.close()
        # Frames still queued to the GUI thread must not reach a deleted window.
        self.comparison.events.frames.disconnect(self.show_frames)
        self.comparison.events.running_changed.disconnect(self._show_running)
        super().closeEvent(event)


def _progress_text(frames: list[RunFrame], n_samples: int) -> str:
    samples = max(frame.samples for frame in frames)
    return translate("ui.compare_window",
                     "each run has seen {samples} samples · {epochs} epochs").format(
        samples=f"{samples:,}", epochs=epochs_text(samples / n_samples))
