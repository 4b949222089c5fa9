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

import math

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters.ImageExporter)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QGraphicsItem,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.network import Network, layer_name
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

    @property
    def n_columns(self) -> int:
        return self._data.shape[0]

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


def live_line(plot: pg.PlotItem, color: str, name: str | None = None,
          width: float = 1.0) -> pg.PlotDataItem:
    """A curve for live data: clipped to the view and peak-downsampled when long.

    One pixel wide: Qt draws 1 px antialiased lines on a fast path, ~18× faster than
    2 px (0.18 vs 3.3 ms for 2,000 points), and the loss plot repaints during training."""
    curve = plot.plot(pen=pg.mkPen(color, width=width), name=name, antialias=True)
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")
    return curve
