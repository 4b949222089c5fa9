"""Live training plots: loss and accuracy curves, activation histograms, gradient norms.

Both widgets are fed ~30 times a second from training snapshots, so every update only
appends to preallocated buffers and the curves are redrawn at most a few times a second
with ``setData`` (:class:`Throttle`); no item is created per update.  What they hold is
bounded however long training runs: series over steps keep ``PLOT_POINTS`` rows, their
min/max envelope once longer (:class:`EnvelopeBuffer`), and the per-epoch curves show a
``History``, bounded as files keep it.  The styling helpers here are shared by the
other dock widgets.
"""

from __future__ import annotations

import csv
import html
import math

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters.ImageExporter)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.diagnostics import can_die, can_saturate, dead_units, saturated_units
from nnsim.simulator.network import Network, layer_name
from nnsim.simulator.training import History, Metrics, Snapshot
from nnsim.ui import theme

#: Width of every left axis, so stacked plots line their x axes up.
AXIS_WIDTH = 52
HISTOGRAM_BINS = 24
#: Most points a series over training steps keeps (see EnvelopeBuffer): plenty for a
#: plot as wide as a screen, and a 4-column series takes 64 kB.
PLOT_POINTS = 2048


# ---------------------------------------------------------------------- shared helpers
class EnvelopeBuffer:
    """Rows of ``n_columns`` floats, an x column then values, in a preallocated
    ``(n_columns, capacity)`` array that never grows.

    When it is full, every four rows become two, at the first's x and the last's: each
    value column's minimum and maximum over the four, in the order they came (so a loss
    that falls still falls, rather than zigzag).  A series of any length holds at most
    ``capacity`` rows, still spans from its first x to its latest (the latest row is
    always exactly the last one appended) and keeps every spike: the rows' envelope is
    the minimum and maximum of all points fed over each span of x.  Column-major, so
    ``column(i)`` is a contiguous view that ``setData`` takes without copying.
    """

    def __init__(self, n_columns: int, capacity: int = PLOT_POINTS):
        if capacity < 4 or capacity % 4:
            raise ValueError(f"capacity must be a positive multiple of 4, got {capacity}")
        self._data = np.empty((n_columns, capacity))
        self._n = 0

    def __len__(self) -> int:
        return self._n

    @property
    def capacity(self) -> int:
        return self._data.shape[1]

    def append(self, row) -> None:
        """Add one row: x, then one value per column."""
        if self._n == self.capacity:
            self._halve()
        self._data[:, self._n] = row
        self._n += 1

    def _halve(self) -> None:
        groups = self._data.reshape(self._data.shape[0], -1, 4)  # (columns, spans, 4)
        first_x, last_x = groups[0, :, 0].copy(), groups[0, :, 3].copy()
        values = groups[1:]                                     # (value columns, spans, 4)
        low, high = np.fmin.reduce(values, axis=2), np.fmax.reduce(values, axis=2)
        # NaNs never win: the extremes' places are looked for among the numbers.
        low_first = (np.argmin(np.where(np.isnan(values), np.inf, values), axis=2)
                     <= np.argmax(np.where(np.isnan(values), -np.inf, values), axis=2))
        half = self.capacity // 2
        self._data[0, 0:half:2], self._data[0, 1:half:2] = first_x, last_x
        self._data[1:, 0:half:2] = np.where(low_first, low, high)
        self._data[1:, 1:half:2] = np.where(low_first, high, low)
        self._n = half

    def column(self, i: int) -> np.ndarray:
        return self._data[i, :self._n]

    def clear(self) -> None:
        self._n = 0


#: Plots redraw at most this often: pyqtgraph's axes cost ~10 ms a paint, and during
#: training every millisecond the GUI thread spends is taken from the worker.
REDRAW_INTERVAL_MS = 400


class Throttle:
    """Run ``slot`` once per ``interval_ms`` however many changes ``request()`` it.

    The first request of a quiet period is served after at most ``interval_ms``; later
    ones ride along, so a 30-per-second stream of snapshots redraws 2.5 times a second.
    """

    EARLY = 0.25  # serve_early() may run the slot this share of the interval early

    def __init__(self, parent: QWidget, slot, interval_ms: int = REDRAW_INTERVAL_MS):
        self.slot = slot
        self.timer = QTimer(parent)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(slot)

    def request(self) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def serve_early(self) -> None:
        """Run a pending slot now if its time has nearly come.  The live view calls this
        while it draws a frame, so the plots redraw and paint in the frame's share of
        time instead of in the middle of a training slice, fighting it for the GIL."""
        if self.timer.isActive() and \
                self.timer.remainingTime() <= self.EARLY * self.timer.interval():
            self.timer.stop()
            self.slot()


class LogFriendlyAxis(pg.AxisItem):
    """A value axis whose log-scale labels never pile up.

    pyqtgraph labels every minor tick (2..9 × 10ᵏ) of a log axis, so on a short plot
    spanning about a decade nine labels overlap.  This one labels the densest of
    1..9, 1-2-5, 1-3, whole decades or every k-th decade that leaves each label room.
    """

    LABEL_PITCH_PX = 15  # a label's height plus a gap
    MANTISSAS = ((1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 5), (1, 3), (1,))

    def logTickValues(self, low, high, size, _standard_ticks):
        """Ticks for the log10 range ``low``..``high`` on an axis ``size`` px long
        (pyqtgraph passes its own suggestion last; it is not needed)."""
        room = max(2, int(size // self.LABEL_PITCH_PX))
        first, last = math.floor(low), math.ceil(high)
        for mantissas in self.MANTISSAS:
            values = [v for v in (d + math.log10(m) for d in range(first, last + 1)
                                  for m in mantissas) if low <= v <= high]
            if len(values) <= room:
                return [(None, values)]
        step = math.ceil((last - first + 1) / room)
        return [(None, [float(d) for d in range(first, last + 1)
                        if d % step == 0 and low <= d <= high])]


def style_plot(plot: pg.PlotItem, left: str = "", bottom: str = "",
               log_y: bool = False) -> None:
    """Dark-theme axes, faint grid and muted axis labels for ``plot``; ``log_y`` for a
    plot whose y axis may go logarithmic."""
    if log_y:
        plot.setAxisItems({"left": LogFriendlyAxis("left")})
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        # Replaying an axis's text costs ~7 ms a paint; a pixmap cache makes it a blit
        # until the range really changes.
        axis.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        axis.setPen(pg.mkPen(theme.BORDER))
        axis.setTextPen(pg.mkPen(theme.MUTED))
        axis.enableAutoSIPrefix(False)  # "loss (x0.001)" reads worse than 0.002
    plot.getAxis("left").setWidth(AXIS_WIDTH)
    plot.showGrid(x=True, y=True, alpha=0.12)
    if left:
        plot.setLabel("left", left, color=theme.MUTED)
    if bottom:
        plot.setLabel("bottom", bottom, color=theme.MUTED)


def legend_html(entries: list[tuple[str, str]], mark: str = "━") -> str:
    """Rich text naming each (colour, name) entry after a ``mark`` in its colour.

    Used in titles: live curves fill their plot, and a legend box would hide some.
    A ``name`` is rich text: callers escape text from files (``html.escape``).
    """
    # No-break spaces keep each entry whole when a narrow title wraps.
    return "&nbsp;&nbsp; ".join(
        f"<span style='color:{color}'>{mark}</span>&nbsp;{name.replace(' ', '&nbsp;')}"
        for color, name in entries)


class TitledPlot(QWidget):
    """A pyqtgraph plot under a rich-text title.

    The title is a QLabel that wraps: a pyqtgraph title never gets narrower than its
    text and would push the plot out of a narrow dock.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(textFormat=Qt.RichText, wordWrap=True, alignment=Qt.AlignCenter)
        self.title.setStyleSheet(f"color: {theme.TEXT}; font-size: 9pt; "
                                 f"background: {theme.BACKGROUND}; padding-top: 3px;")
        self.title.hide()
        self.widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.widget.setMinimumSize(60, 60)
        self.plot: pg.PlotItem = self.widget.getPlotItem()
        self.plot.hideButtons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.widget, 1)

    def set_title(self, rich_text: str) -> None:
        """Show ``rich_text`` above the plot ("" hides it); a no-op when it is unchanged."""
        if rich_text != self.title.text():
            self.title.setText(rich_text)
            self.title.setVisible(bool(rich_text))


def category_color(i: int) -> str:
    return theme.CATEGORICAL[i % len(theme.CATEGORICAL)]


def layer_title(net: Network, layer: int) -> str:
    """"input", "hidden 2" or "output"."""
    return layer_name(layer, net.n_layers).lower()


def _line(plot: pg.PlotItem, color: str, name: str | None = None,
          width: float = 1.0) -> pg.PlotDataItem:
    """A curve for live data: clipped to the view and peak-downsampled when long.

    One pixel wide: Qt draws 1 px antialiased lines on a fast path, ~18× faster than
    2 px (0.18 vs 3.3 ms for 2,000 points), and the loss plot repaints during training."""
    curve = plot.plot(pen=pg.mkPen(color, width=width), name=name, antialias=True)
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")
    return curve


# ---------------------------------------------------------------------- loss and accuracy
EPOCH_COLUMNS = ("epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy")


class LossPlot(QWidget):
    """Loss (top) and accuracy (bottom, shown once there is any) against epoch."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._steps = EnvelopeBuffer(2)       # epoch progress, running training loss
        self._history = History()             # bounded like the file's (see History)
        self._epoch_table: np.ndarray | None = None
        self.redraw_throttle = Throttle(self, self.redraw)
        self._build_plots()
        self._build_crosshair()
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
        style_plot(self.loss_plot, left="loss", log_y=True)
        style_plot(self.accuracy_plot, left="accuracy", bottom="epoch")
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
        self.step_curve = _line(self.loss_plot, dim_train, "running loss", width=1.0)
        self.train_loss_curve = _line(self.loss_plot, theme.TRAIN_COLOR, "train")
        self.test_loss_curve = _line(self.loss_plot, theme.TEST_COLOR, "test")
        self.train_accuracy_curve = _line(self.accuracy_plot, theme.TRAIN_COLOR)
        self.test_accuracy_curve = _line(self.accuracy_plot, theme.TEST_COLOR)
        self._accuracy_shown = False
        self.loss_plot.setLabel("bottom", "epoch", color=theme.MUTED)

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

    def _build_actions(self) -> None:
        self.export_png_action = QAction("Export plot as PNG…", self)
        self.export_csv_action = QAction("Export history as CSV…", self)
        self.export_png_action.triggered.connect(self._ask_png_path)
        self.export_csv_action.triggered.connect(self._ask_csv_path)
        for plot in (self.loss_plot, self.accuracy_plot):
            menu = plot.getViewBox().menu
            menu.addSeparator()
            menu.addActions([self.export_png_action, self.export_csv_action])

    def _build_toolbar(self) -> QHBoxLayout:
        self.log_checkbox = QCheckBox("log scale")
        self.log_checkbox.setToolTip("Plot the loss on a logarithmic axis")
        self.log_checkbox.toggled.connect(self.set_log_scale)
        export = QToolButton(text="Export", popupMode=QToolButton.InstantPopup)
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
            lines.append(f"epoch {epochs[0, row]:g}")
            for i, name in enumerate(EPOCH_COLUMNS[1:], start=1):
                value = epochs[i, row]
                if math.isfinite(value):
                    shown = f"{value:.1%}" if "accuracy" in name else f"{value:.4g}"
                    lines.append(f"{name.replace('_', ' ')}  {shown}")
        if len(self._steps):
            row = _nearest(self._steps.column(0), x)
            lines.append(f"running loss  {self._steps.column(1)[row]:.4g}"
                         f"  (epoch {self._steps.column(0)[row]:.2f})")
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
        path, _ = QFileDialog.getSaveFileName(self, "Export plot", "loss.png",
                                              "PNG image (*.png)")
        if path:
            self.export_png(path)

    def _ask_csv_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export history", "history.csv",
                                              "CSV file (*.csv)")
        if path:
            self.export_csv(path)


def _nearest(sorted_x: np.ndarray, x: float) -> int:
    """Index of the value in ascending ``sorted_x`` closest to ``x``."""
    i = int(np.searchsorted(sorted_x, x))
    if i == 0 or i == len(sorted_x):
        return max(i - 1, 0)
    return i - 1 if x - sorted_x[i - 1] <= sorted_x[i] - x else i


# ---------------------------------------------------------------------- activations
class ActivationPlot(QWidget):
    """Per-layer activation histograms with dead/saturated counts, watched neurons'
    activations over time and each block's gradient norm over time (log scale)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.net: Network | None = None
        self._latest: Snapshot | None = None
        # (layer, neuron) → (activation over time, its curve, the curve's colour)
        self._watched: dict[tuple[int, int], tuple[EnvelopeBuffer, pg.PlotDataItem, str]] = {}
        self._norms = EnvelopeBuffer(1)
        self.redraw_throttle = Throttle(self, self.redraw)
        self.histograms: list[TitledPlot] = []
        self.histogram_curves: list[pg.PlotDataItem] = []
        self.norm_curves: list[pg.PlotDataItem] = []
        self._histogram_row = QHBoxLayout()
        self._histogram_row.setSpacing(0)
        self.traces, self.norms = TitledPlot(), TitledPlot()
        style_plot(self.traces.plot)
        style_plot(self.norms.plot, bottom="epoch", log_y=True)
        self.norms.plot.setLogMode(y=True)
        self.traces.plot.setXLink(self.norms.plot)  # norms always have data
        self._update_trace_title()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self._histogram_row, 4)
        layout.addWidget(self.traces, 3)
        layout.addWidget(self.norms, 3)

    # -- structure
    def set_network(self, net: Network) -> None:
        """Take the layer sizes, names and activations; forgets all recorded history."""
        self.net = net
        for key in list(self._watched):
            self.unwatch(*key)
        self._build_histograms(net)
        self._build_norm_curves(net)
        self._update_trace_title()
        self.clear()

    def _build_histograms(self, net: Network) -> None:
        for histogram in self.histograms:
            histogram.deleteLater()
        self.histograms, self.histogram_curves = [], []
        self._unit_activations = []
        for layer in range(1, net.n_layers):
            histogram = TitledPlot()
            style_plot(histogram.plot)
            histogram.plot.getAxis("left").setWidth(AXIS_WIDTH if layer == 1 else 34)
            histogram.plot.setMouseEnabled(x=False, y=False)
            color = pg.mkColor(category_color(layer - 1))
            fill = pg.mkBrush(color.red(), color.green(), color.blue(), 90)
            curve = histogram.plot.plot(stepMode="center", fillLevel=0, brush=fill,
                                        pen=pg.mkPen(color, width=1.5))
            self._histogram_row.addWidget(histogram)
            self.histograms.append(histogram)
            self.histogram_curves.append(curve)
            self._unit_activations.append(
                [net.activation_of(layer, j) for j in range(net.sizes[layer])])

    def _build_norm_curves(self, net: Network) -> None:
        for curve in self.norm_curves:
            self.norms.plot.removeItem(curve)
        entries = [(category_color(k), f"{layer_title(net, k)} → {layer_title(net, k + 1)}")
                   for k in range(net.n_layers - 1)]
        self.norm_curves = [_line(self.norms.plot, color) for color, _ in entries]
        self.norms.set_title(f"gradient norm ‖dE/dW‖ per layer&nbsp;&nbsp; "
                             f"{legend_html(entries)}")
        self._norms = EnvelopeBuffer(net.n_layers)  # epoch progress, one norm per block

    def watch_neuron(self, layer: int, neuron: int) -> None:
        """Trace this neuron's mean probe activation from the next snapshot on.

        Call after ``set_network``, which forgets every watched neuron.
        """
        if (layer, neuron) in self._watched:
            return
        used = {color for _, _, color in self._watched.values()}
        color = next((c for c in theme.CATEGORICAL if c not in used), theme.TEXT)
        self._watched[(layer, neuron)] = (EnvelopeBuffer(2), _line(self.traces.plot, color),
                                          color)
        self._update_trace_title()

    def unwatch(self, layer: int, neuron: int) -> None:
        _, curve, _ = self._watched.pop((layer, neuron), (None, None, None))
        if curve is not None:
            self.traces.plot.removeItem(curve)
        self._update_trace_title()

    @property
    def watched(self) -> list[tuple[int, int]]:
        return list(self._watched)

    def _update_trace_title(self) -> None:
        # Neuron names come from the user's file: plain text, never markup.
        entries = [(color, html.escape(self.net.names[layer][neuron]))
                   for (layer, neuron), (_, _, color) in self._watched.items()]
        self.traces.set_title(
            f"mean activation over the probe batch&nbsp;&nbsp; {legend_html(entries)}"
            if entries else f"<span style='color:{theme.MUTED}'>watched neurons: none "
                            f"(right-click a neuron, Watch activation)</span>")

    # -- feeding
    def clear(self) -> None:
        self._latest = None
        self._norms.clear()
        for buffer, _, _ in self._watched.values():
            buffer.clear()
        for histogram in self.histograms:
            histogram.set_title("")
        self.redraw()

    def update_snapshot(self, snapshot: Snapshot) -> None:
        sizes = [a.shape[1] for a in snapshot.probe_activations]
        # A snapshot still in flight from before an edit of the network's shape is stale.
        if self.net is None or sizes != self.net.sizes:
            return
        self._latest = snapshot
        x = snapshot.epoch_progress
        self._norms.append([x, *snapshot.grad_norms])
        for (layer, neuron), (buffer, _, _) in self._watched.items():
            buffer.append((x, float(np.mean(snapshot.probe_activations[layer][:, neuron]))))
        self.redraw_throttle.request()

    def redraw(self) -> None:
        if self._latest is not None:
            for layer in range(1, len(self._latest.probe_activations)):
                self._draw_histogram(layer, self._latest.probe_activations[layer])
        else:
            for curve in self.histogram_curves:
                curve.setData([], [])
        x = self._norms.column(0)
        for k, curve in enumerate(self.norm_curves):
            curve.setData(x, self._norms.column(k + 1))
        for buffer, curve, _ in self._watched.values():
            curve.setData(buffer.column(0), buffer.column(1))

    def _draw_histogram(self, layer: int, acts: np.ndarray) -> None:
        """Counts of ``acts`` ``(n_probe, n_units)`` in bins over the activation's range."""
        activation = self.net.activation_of(layer)
        counts, edges = np.histogram(acts, bins=HISTOGRAM_BINS,
                                     range=_histogram_range(activation.value_range, acts))
        self.histogram_curves[layer - 1].setData(edges, counts)
        title = f"{layer_title(self.net, layer)} · {activation.label}"
        health = self.health_text(layer, acts)
        self.histograms[layer - 1].set_title(f"{title}<br>{health}" if health else title)

    def health_text(self, layer: int, acts: np.ndarray) -> str:
        """HTML like "dead: 3/16" / "saturated: 5/16" for the units able to show it."""
        units = self._unit_activations[layer - 1]
        parts = []
        for word, check, eligible in (("dead", dead_units, can_die),
                                      ("saturated", saturated_units, can_saturate)):
            n_eligible = sum(map(eligible, units))
            if n_eligible:
                n_bad = int(check(acts, units).sum())
                color = theme.ERROR if n_bad else theme.MUTED
                parts.append(f"<span style='color:{color}'>{word}: {n_bad}/{n_eligible}</span>")
        return " ".join(parts)


def _histogram_range(value_range, acts: np.ndarray) -> tuple[float, float]:
    """The activation's range, widened to the data (open ends are the data's extremes)."""
    finite = acts[np.isfinite(acts)]
    data_low, data_high = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
    low, high = value_range
    low = data_low if low is None else min(low, data_low)
    high = data_high if high is None else max(high, data_high)
    if high - low < 1e-9:
        low, high = low - 0.5, high + 0.5
    return float(low), float(high)
