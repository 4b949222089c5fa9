"""The loss and accuracy dock: training loss per step, train and test loss and
accuracy per epoch; log scale, crosshair, export; a click on the epoch axis asks to go
back to that epoch (``epochClicked``)."""

from __future__ import annotations

import csv
import math

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters.ImageExporter)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.history import History, Metrics
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate

from . import theme
from .plots import EnvelopeBuffer, Throttle, live_line, style_plot

EPOCH_COLUMNS = ("epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy")
#: How the crosshair's readout names each column (translated where shown).
READOUT_NAMES = {"train_loss": QT_TRANSLATE_NOOP("ui.loss_plot", "train loss"),
                 "test_loss": QT_TRANSLATE_NOOP("ui.loss_plot", "test loss"),
                 "train_accuracy": QT_TRANSLATE_NOOP("ui.loss_plot", "train accuracy"),
                 "test_accuracy": QT_TRANSLATE_NOOP("ui.loss_plot", "test accuracy")}


class LossPlot(QWidget):
    """Loss (top) and accuracy (bottom, shown once there is any) against epoch."""

    #: The epoch axis was clicked at this epoch: go back to the network as it was then.
    epochClicked = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._steps = EnvelopeBuffer(2)       # epoch progress, running training loss
        self._history = History()             # bounded like the file's (see History)
        self._epoch_table: np.ndarray | None = None
        self.redraw_throttle = Throttle(self, self.redraw)
        self._build_plots()
        self._build_crosshair()
        self._build_moment_marker()
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self.area, 1)

    # -- construction
    def _build_plots(self) -> None:
        self.area = pg.GraphicsLayoutWidget()
        self.area.setBackground(theme.BACKGROUND)
        self.area.ci.setContentsMargins(4, 4, 8, 4)
        self.loss_plot = self.area.addPlot(row=0, col=0)
        self.accuracy_plot = pg.PlotItem()
        style_plot(self.loss_plot, left=translate("ui.loss_plot", "loss"), log_y=True)
        style_plot(self.accuracy_plot, left=translate("ui.loss_plot", "accuracy"),
                   bottom=translate("ui.loss_plot", "epoch"))
        self.accuracy_plot.setXLink(self.loss_plot)
        # Room above 100 % and below 0 %, or pyqtgraph hides those edge labels.
        self.accuracy_plot.setYRange(0.0, 1.0, padding=0.08)
        self.accuracy_plot.getAxis("left").setTicks(
            [[(v, f"{v:.0%}") for v in (0.0, 0.25, 0.5, 0.75, 1.0)]])
        self.accuracy_plot.setMouseEnabled(y=False)
        # Only the loss plot has a legend: the accuracy curves use the same colours.
        legend = self.loss_plot.addLegend(offset=(-8, 8), labelTextColor=theme.TEXT,
                                          labelTextSize="8pt", pen=pg.mkPen(theme.BORDER),
                                          brush=pg.mkBrush(theme.SURFACE + "d0"))
        legend.layout.setVerticalSpacing(-4)
        dim_train = theme.TRAIN_COLOR + "70"
        self.step_curve = live_line(self.loss_plot, dim_train,
                                    translate("ui.loss_plot", "running loss"), width=1.0)
        self.train_loss_curve = live_line(self.loss_plot, theme.TRAIN_COLOR,
                                          translate("ui.loss_plot", "train"))
        self.test_loss_curve = live_line(self.loss_plot, theme.TEST_COLOR,
                                         translate("ui.loss_plot", "test"))
        self.train_accuracy_curve = live_line(self.accuracy_plot, theme.TRAIN_COLOR)
        self.test_accuracy_curve = live_line(self.accuracy_plot, theme.TEST_COLOR)
        self._accuracy_shown = False
        self.loss_plot.setLabel("bottom", translate("ui.loss_plot", "epoch"), color=theme.MUTED)

    def _build_crosshair(self) -> None:
        pen = pg.mkPen(theme.MUTED, width=1, style=Qt.DashLine)
        self._cursor_lines = [pg.InfiniteLine(angle=90, pen=pen) for _ in range(2)]
        for plot, line in zip((self.loss_plot, self.accuracy_plot), self._cursor_lines):
            plot.addItem(line, ignoreBounds=True)
            line.hide()
        self.readout = pg.TextItem(color=theme.TEXT, fill=pg.mkBrush(theme.SURFACE + "e0"),
                                   border=pg.mkPen(theme.BORDER))
        self.readout.setZValue(20)
        self.loss_plot.addItem(self.readout, ignoreBounds=True)
        self.readout.hide()
        self.area.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.area.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.getAxis("bottom").setToolTip(translate(
                "ui.loss_plot", "Click an epoch on this axis to go back to the network as it "
                "was then (Ctrl+Z undoes it)"))

    def _build_moment_marker(self) -> None:
        pen = pg.mkPen(theme.PAST, width=2)
        self._moment_lines = [pg.InfiniteLine(angle=90, pen=pen) for _ in range(2)]
        for plot, line in zip((self.loss_plot, self.accuracy_plot), self._moment_lines):
            plot.addItem(line, ignoreBounds=True)
            line.setZValue(15)
            line.hide()

    def show_moment(self, epoch: float | None) -> None:
        """Mark the moment of the run being viewed (None: the present, no mark)."""
        for line in self._moment_lines:
            line.setVisible(epoch is not None)
            if epoch is not None:
                line.setPos(epoch)

    @property
    def moment(self) -> float | None:
        """The epoch marked by ``show_moment``, or None."""
        line = self._moment_lines[0]
        return float(line.value()) if line.isVisible() else None

    def _build_actions(self) -> None:
        self.export_png_action = QAction(translate("ui.loss_plot", "Export plot as PNG…"), self)
        self.export_csv_action = QAction(translate("ui.loss_plot", "Export history as CSV…"),
                                         self)
        self.export_png_action.triggered.connect(self._ask_png_path)
        self.export_csv_action.triggered.connect(self._ask_csv_path)
        for plot in (self.loss_plot, self.accuracy_plot):
            menu = plot.getViewBox().menu
            menu.addSeparator()
            menu.addActions([self.export_png_action, self.export_csv_action])

    def _build_toolbar(self) -> QHBoxLayout:
        self.log_checkbox = QCheckBox(translate("ui.loss_plot", "log scale"))
        self.log_checkbox.setToolTip(
            translate("ui.loss_plot", "Plot the loss on a logarithmic axis"))
        self.log_checkbox.toggled.connect(self.set_log_scale)
        export = QToolButton(text=translate("ui.loss_plot", "Export"),
                             popupMode=QToolButton.InstantPopup)
        menu = QMenu(export)
        menu.addActions([self.export_png_action, self.export_csv_action])
        export.setMenu(menu)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 0)
        bar.addWidget(self.log_checkbox)
        bar.addStretch(1)
        bar.addWidget(export)
        return bar

    # -- feeding
    def clear(self) -> None:
        self.set_history(History())

    def add_step_loss(self, epoch_progress: float, loss: float) -> None:
        """One point of the running training loss (a snapshot's mean batch loss)."""
        if math.isfinite(loss):  # a snapshot taken before any step reports NaN
            self._steps.append((epoch_progress, loss))
            self.redraw_throttle.request()

    def add_epoch(self, epoch: int, metrics: Metrics) -> None:
        self._history.append(epoch, metrics)
        self._epoch_table = None
        self.redraw_throttle.request()

    def set_history(self, history: History) -> None:
        """Replace everything with a saved run's per-epoch history."""
        self._steps.clear()
        self._history = History.from_dict(history.to_dict())
        self._epoch_table = None
        self.redraw()
        # Autorange keeps the last range when there is nothing to fit: an empty run
        # would show the previous one's axes.
        if not history.epoch:
            self.loss_plot.setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=0)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.enableAutoRange()

    def _epochs(self) -> np.ndarray:
        """The recorded epochs, ``(len(EPOCH_COLUMNS), n)`` floats with NaN for None."""
        if self._epoch_table is None:
            self._epoch_table = np.array([getattr(self._history, name) for name in
                                          EPOCH_COLUMNS], dtype=float).reshape(
                len(EPOCH_COLUMNS), -1)
        return self._epoch_table

    def redraw(self) -> None:
        """Push the buffers into the curves (runs once per burst of updates)."""
        epoch, train_loss, test_loss, train_accuracy, test_accuracy = self._epochs()
        self.step_curve.setData(self._steps.column(0), self._steps.column(1))
        self.train_loss_curve.setData(epoch, train_loss)
        self.test_loss_curve.setData(epoch, test_loss)
        self.train_accuracy_curve.setData(epoch, train_accuracy)
        self.test_accuracy_curve.setData(epoch, test_accuracy)
        self._set_accuracy_shown(bool(np.isfinite(train_accuracy).any()))

    def _set_accuracy_shown(self, shown: bool) -> None:
        # Regression has no accuracy: give the loss the whole height instead.
        if shown == self._accuracy_shown:
            return
        self._accuracy_shown = shown
        if shown:
            self.area.addItem(self.accuracy_plot, row=1, col=0)
            self.area.ci.layout.setRowStretchFactor(0, 3)
            self.area.ci.layout.setRowStretchFactor(1, 2)
        else:
            self.area.removeItem(self.accuracy_plot)
        self.loss_plot.setLabel("bottom", "" if shown else "epoch", color=theme.MUTED)
        self.loss_plot.getAxis("bottom").setStyle(showValues=not shown)

    # -- log scale
    @property
    def log_scale(self) -> bool:
        return self.loss_plot.getAxis("left").logMode

    def set_log_scale(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        if self.log_checkbox.isChecked() != on:
            self.log_checkbox.setChecked(on)

    # -- crosshair
    def readout_text(self, x: float) -> str:
        """The values at the epoch nearest to ``x`` (and the running loss nearest to it)."""
        lines = []
        epochs = self._epochs()
        if epochs.shape[1]:
            row = _nearest(epochs[0], x)
            lines.append(translate("ui.loss_plot", "epoch {epoch}").format(
                epoch=f"{epochs[0, row]:g}"))
            for i, name in enumerate(EPOCH_COLUMNS[1:], start=1):
                value = epochs[i, row]
                if math.isfinite(value):
                    shown = f"{value:.1%}" if "accuracy" in name else f"{value:.4g}"
                    lines.append(f"{translate('ui.loss_plot', READOUT_NAMES[name])}  {shown}")
        if len(self._steps):
            row = _nearest(self._steps.column(0), x)
            lines.append(translate(
                "ui.loss_plot", "running loss  {loss}  (epoch {epoch})").format(
                    loss=f"{self._steps.column(1)[row]:.4g}",
                    epoch=f"{self._steps.column(0)[row]:.2f}"))
        return "\n".join(lines)

    def _show_crosshair(self, text: str, x: float) -> None:
        """Lines at ``x`` and ``text`` beside them; hidden when ``text`` is empty."""
        for line in self._cursor_lines:
            line.setVisible(bool(text))
            line.setPos(x)
        self.readout.setVisible(bool(text))
        if text:
            self._place_readout(text, x)

    def _on_mouse_moved(self, position) -> None:
        plots = [self.loss_plot] + ([self.accuracy_plot] if self._accuracy_shown else [])
        hovered = [p for p in plots if p.vb.sceneBoundingRect().contains(position)]
        if not hovered:
            self._show_crosshair("", 0.0)
            return
        x = hovered[0].vb.mapSceneToView(position).x()
        self._show_crosshair(self.readout_text(x), x)

    def _on_mouse_clicked(self, event) -> None:
        """A left click on an epoch axis (the bottom one shown) asks for that epoch."""
        if event.button() != Qt.LeftButton:
            return
        position = event.scenePos()
        for plot in (self.loss_plot, self.accuracy_plot):
            axis = plot.getAxis("bottom")
            if axis.isVisible() and axis.sceneBoundingRect().contains(position):
                self.epochClicked.emit(float(plot.vb.mapSceneToView(position).x()))
                return

    def _place_readout(self, text: str, x: float) -> None:
        (x_low, x_high), (_, y_high) = self.loss_plot.vb.viewRange()
        right_half = x > (x_low + x_high) / 2
        self.readout.setText(text)
        self.readout.setAnchor((1.0, 0.0) if right_half else (0.0, 0.0))
        offset = (x_high - x_low) * 0.01 * (-1 if right_half else 1)
        # View coordinates: already log10 values when the axis is logarithmic.
        self.readout.setPos(x + offset, y_high)

    # -- export
    def export_png(self, path: str) -> None:
        """Both plots, without the crosshair, through pyqtgraph's image exporter."""
        self._show_crosshair("", 0.0)
        pg.exporters.ImageExporter(self.area.ci).export(str(path))

    def export_csv(self, path: str) -> None:
        """One row per recorded epoch (every one, or after ``History.HEAD`` epochs a
        thinned record, as files keep): epoch, train/test loss, train/test accuracy
        ('' if none)."""
        rows = self._epochs().T
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(EPOCH_COLUMNS)
            for row in rows:
                epoch, *values = row
                writer.writerow([int(epoch)] + [repr(v) if math.isfinite(v) else ""
                                                for v in map(float, values)])

    def _ask_png_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("ui.loss_plot", "Export plot"), "loss.png",
            translate("ui.loss_plot", "PNG image (*.png)"))
        if path:
            self.export_png(path)

    def _ask_csv_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, translate("ui.loss_plot", "Export history"), "history.csv",
            translate("ui.loss_plot", "CSV file (*.csv)"))
        if path:
            self.export_csv(path)


def _nearest(sorted_x: np.ndarray, x: float) -> int:
    """Index of the value in ascending ``sorted_x`` closest to ``x``."""
    i = int(np.searchsorted(sorted_x, x))
    if i == 0 or i == len(sorted_x):
        return max(i - 1, 0)
    return i - 1 if x - sorted_x[i - 1] <= sorted_x[i] - x else i
