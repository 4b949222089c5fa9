"""The compared runs' curves in one plot: loss (log scale) or accuracy, training or
test, one labelled colour per run; hovering reads every run's value at an epoch."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from nnsim.session.comparison import RunFrame
from nnsim.session.state import DataState
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.ui import theme
from nnsim.ui.plots import style_plot

#: What the plot can show: History column → its name (translated where shown).
METRICS = {"train_loss": QT_TRANSLATE_NOOP("ui.compare_plot", "Training loss"),
           "test_loss": QT_TRANSLATE_NOOP("ui.compare_plot", "Test loss"),
           "train_accuracy": QT_TRANSLATE_NOOP("ui.compare_plot", "Training accuracy"),
           "test_accuracy": QT_TRANSLATE_NOOP("ui.compare_plot", "Test accuracy")}
#: Curves of at most this many points mark each one.
MARKED_POINTS = 60


def shown_metrics(data: DataState) -> dict[str, str]:
    """The METRICS ``data`` has (their names translated): test ones with a test set,
    accuracy for classes."""
    has_test = data.test is not None and data.test.n_samples > 0
    classification = data.train.task == "classification"
    return {column: translate("ui.compare_plot", name) for column, name in METRICS.items()
            if (has_test or not column.startswith("test"))
            and (classification or column.endswith("loss"))}


class ComparisonPlot(QWidget):
    """A metric chooser over the runs' overlaid curves (``show_frames``)."""

    def __init__(self, labels: list[str], colors: list[str], data: DataState,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.labels, self.colors = labels, colors
        self.frames: list[RunFrame] = []
        self.metric_choice = QComboBox()
        for column, name in shown_metrics(data).items():
            self.metric_choice.addItem(name, column)
        self.metric_choice.currentIndexChanged.connect(lambda: self.show_frames(self.frames))
        self.log_scale = QCheckBox(translate("ui.compare_plot", "log scale"), checked=True)
        self.log_scale.setToolTip(translate("ui.compare_plot",
                                            "Losses on a logarithmic axis: the late, small "
                                            "differences show"))
        self.log_scale.toggled.connect(lambda: self.show_frames(self.frames))
        self.widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.plot: pg.PlotItem = self.widget.getPlotItem()
        self.plot.hideButtons()
        style_plot(self.plot, bottom=translate("ui.compare_plot", "epochs since the start"),
                   log_y=True)
        self.legend = self.plot.addLegend(labelTextColor=theme.TEXT,
                                          brush=pg.mkBrush(theme.SURFACE + "d0"))
        self.curves = [self.plot.plot(pen=pg.mkPen(color, width=2), antialias=True,
                                      name=html.escape(label))
                       for color, label in zip(colors, labels)]
        self._build_readout()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(translate("ui.compare_plot", "Show")))
        bar.addWidget(self.metric_choice)
        bar.addWidget(self.log_scale)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.widget, 1)

    def _build_readout(self) -> None:
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen(theme.MUTED, style=Qt.DashLine))
        self.readout = pg.TextItem(anchor=(0, 0), fill=pg.mkBrush(theme.SURFACE + "e8"),
                                   border=pg.mkPen(theme.BORDER))
        for item in (self.cursor, self.readout):
            item.setZValue(20)
            item.hide()
            self.plot.addItem(item, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self.hover)
        self.widget.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Leave:  # the scene says nothing when the mouse goes
            self.cursor.hide()
            self.readout.hide()
        return False

    @property
    def column(self) -> str:
        return self.metric_choice.currentData()

    def show_frames(self, frames: list[RunFrame]) -> None:
        self.frames = frames
        column = self.column
        is_loss = column.endswith("loss")
        log = is_loss and self.log_scale.isChecked()
        self.log_scale.setVisible(is_loss)
        self.plot.setLogMode(y=log)
        # Where the curves are not: losses fall to the right, accuracies rise.
        self.legend.setOffset((10, -40) if is_loss else (-10, -40))
        self.plot.setLabel("left", translate("ui.compare_plot", METRICS[column]).lower(),
                           color=theme.MUTED)
        for curve, frame in zip(self.curves, frames):
            x, y = frame.series(column)
            if log:
                keep = y > 0  # a log axis cannot show 0
                x, y = x[keep], y[keep]
            # Points marked while few: the start alone is no line.
            marked = len(x) <= MARKED_POINTS
            curve.setData(x, y, symbol="o" if marked else None, symbolSize=5,
                          symbolPen=None, symbolBrush=curve.opts["pen"].color())

    def hover(self, scene_pos: QPointF) -> None:
        """The mouse at ``scene_pos``: a line at the nearest recorded epoch and each
        run's value there, or nothing outside the plot."""
        inside = self.plot.vb.sceneBoundingRect().contains(scene_pos)
        epoch = self._nearest_epoch(self.plot.vb.mapSceneToView(scene_pos).x()) \
            if inside and self.frames else None
        self.cursor.setVisible(epoch is not None)
        self.readout.setVisible(epoch is not None)
        if epoch is None:
            return
        self.cursor.setPos(epoch)
        self.readout.setHtml(self.readout_html(epoch))
        (left, right), (_, top) = self.plot.vb.viewRange()
        # Beside the line, on the side with more room.
        self.readout.setAnchor((1, 0) if epoch > (left + right) / 2 else (0, 0))
        self.readout.setPos(epoch, top)

    def _nearest_epoch(self, x: float) -> float | None:
        epochs = np.unique(np.concatenate([f.series(self.column)[0] for f in self.frames]))
        return float(epochs[np.argmin(np.abs(epochs - x))]) if epochs.size else None

    def readout_html(self, epoch: float) -> str:
        """Each run's value of the shown metric at ``epoch`` ("—": none recorded)."""
        column = self.column
        heading = translate("ui.compare_plot", "epoch {epoch}").format(epoch=f"{epoch:,.4g}")
        lines = [f"<b>{heading}</b>"]
        for color, label, frame in zip(self.colors, self.labels, self.frames):
            x, y = frame.series(column)
            at = np.flatnonzero(x == epoch)
            value = "—" if not at.size else (
                f"{y[at[0]]:.1%}" if column.endswith("accuracy") else f"{y[at[0]]:.4g}")
            lines.append(f"<span style='color:{color}'>━</span> {html.escape(label)}: "
                         f"{value}")
        return (f"<div style='color:{theme.TEXT}; font-size:9pt'>"
                + "<br>".join(lines) + "</div>")
