"""The perceptron dock's widgets: a slider and a field per weight and for the bias, the
decision line over the cases (two inputs), and the live truth table.

The widgets only show what they are given and say what the user moved
(``weightEdited``, ``biasEdited``); ``perceptron.PerceptronController`` binds them to
the session.  Names of inputs come from files and are shown as plain text.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsPolygonItem,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.i18n import translate
from nnsim.simulator.perceptron import Case, decision_line, positive_region

from . import theme
from .arithmetic import format_number  # the inspector's 6 digits, not a field's repr
from .numbers import NumberRange, NumberSpinBox
from .plaintext import plain_label
from .plots import style_plot

#: Slider ends; the fields take anything up to FIELD_LIMIT and widen the slider to it.
SLIDER_LIMIT = 10.0
FIELD_LIMIT = 1e6
#: Slider positions per unit: weights move in steps of 0.1.
TICKS_PER_UNIT = 10
#: Most weights the dock gives a slider (a single neuron on image data has hundreds).
MAX_SLIDERS = 12


def signed(value: float, unit: str, first: bool = False) -> str:
    """``value`` and ``unit`` as a term of a sum: "7·x1", " + 3·x2", " − 5"."""
    text = format_number(abs(value)) + unit
    if first:
        return ("−" if value < 0 else "") + text
    return (" − " if value < 0 else " + ") + text


class ParameterRow:
    """A slider and a field for one parameter, kept in step with each other."""

    def __init__(self, grid: QGridLayout, row: int, what: str, on_edit):
        self.label = plain_label()
        self.slider = QSlider(Qt.Horizontal)
        self.field = NumberSpinBox(NumberRange(what, -FIELD_LIMIT, FIELD_LIMIT))
        self.field.setSingleStep(1 / TICKS_PER_UNIT)
        self.field.setMinimumWidth(80)
        self.slider.setAccessibleName(what)
        for column, widget in enumerate((self.label, self.slider, self.field)):
            grid.addWidget(widget, row, column)
        self.slider.valueChanged.connect(lambda v: on_edit(v / TICKS_PER_UNIT))
        self.field.valueChanged.connect(on_edit)

    def show(self, name: str, value: float) -> None:
        self.label.setText(name)
        limit = max(SLIDER_LIMIT, abs(value))
        with QSignalBlocker(self.slider), QSignalBlocker(self.field):
            ticks = int(np.ceil(limit * TICKS_PER_UNIT))
            self.slider.setRange(-ticks, ticks)
            self.slider.setValue(int(round(value * TICKS_PER_UNIT)))
            self.field.setValue(value)

    def set_visible(self, visible: bool) -> None:
        for widget in (self.label, self.slider, self.field):
            widget.setVisible(visible)


class PerceptronPanel(QWidget):
    """One neuron's weights and bias to move, and what it then decides."""

    weightEdited = Signal(int, float)   # input, new weight
    biasEdited = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {theme.MUTED};")
        self.rule = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.rule.setStyleSheet(f"color: {theme.TEXT}; font-size: 11pt;")
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.rule)
        body.addLayout(self._build_parameters())
        self.plot = self._build_plot()
        body.addWidget(self.plot, 1)
        self.table = self._build_table()
        self.score = plain_label()
        body.addWidget(self.table, 1)
        body.addWidget(self.score)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)
        self.show_message(translate("ui.perceptron_panel",
                                    "Open or build a single neuron (inputs connected "
                                    "straight to one output) to tune it here."))

    # ------------------------------------------------------------------ layout
    def _build_parameters(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.weight_rows = [ParameterRow(grid, i, translate(
                                "ui.perceptron_panel", "weight {number}").format(number=i + 1),
                                         lambda v, i=i: self.weightEdited.emit(i, v))
                            for i in range(MAX_SLIDERS)]
        self.bias_row = ParameterRow(grid, MAX_SLIDERS, translate("ui.perceptron_panel",
                                                                  "the bias"),
                                     self.biasEdited.emit)
        return grid

    def _build_plot(self) -> pg.PlotWidget:
        widget = pg.PlotWidget(background=theme.BACKGROUND)
        widget.setMinimumHeight(180)
        plot = widget.getPlotItem()
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(False, False)
        style_plot(plot)
        self.region = QGraphicsPolygonItem()
        self.region.setPen(QPen(Qt.NoPen))
        # The side of the line where the neuron says 1: class 1's blue, faint.
        self.region.setBrush(QBrush(QColor(theme.REGION)))
        plot.addItem(self.region)
        self.line = plot.plot(pen=pg.mkPen(theme.TEXT, width=2))
        self.points = pg.ScatterPlotItem(size=14, pen=pg.mkPen(theme.BACKGROUND, width=1.5))
        plot.addItem(self.points)
        return widget

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, 0)
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        table.setSelectionMode(QTableWidget.NoSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        table.setMinimumHeight(120)
        return table

    # ------------------------------------------------------------------ showing
    def show_message(self, text: str) -> None:
        """Only ``text``: the network is not a single neuron, or there is none."""
        self.message.setText(text)
        self.message.show()
        self.body.hide()

    def show_neuron(self, names: list[str], output: str, activation: str,
                    w: np.ndarray, b: float) -> None:
        """The sliders and the rule for weights ``w`` (n_inputs,) and bias ``b``;
        ``names`` (n_inputs,) of the inputs, ``output`` of the neuron."""
        self.body.show()
        shown = min(len(w), MAX_SLIDERS)
        for i, row in enumerate(self.weight_rows):
            row.set_visible(i < shown)
            if i < shown:
                row.show(translate("ui.perceptron_panel", "w{number} ({name})").format(
                    number=i + 1, name=names[i]), float(w[i]))
        threshold = format_number(-b)
        self.bias_row.show(translate("ui.perceptron_panel", "b (threshold {threshold})")
                           .format(threshold=threshold), b)
        terms = "".join(signed(w[i], f"·x{i + 1}", first=i == 0) for i in range(shown))
        extra = len(w) - shown
        more = translate("ui.perceptron_panel", " + … ({count} more)").format(count=extra) \
            if extra else ""
        if activation == "step":
            rule = translate("ui.perceptron_panel", "{output} = {activation}(z): 1 when "
                             "z ≥ 0, i.e. when Σ w·x reaches the threshold {threshold}")
        else:   # its output is a number, not 0 or 1: it decides by the sign of z
            rule = translate("ui.perceptron_panel", "{output} = {activation}(z) decides 1 "
                             "when z ≥ 0, i.e. when Σ w·x reaches the threshold {threshold}")
        self.rule.setText(f"z = {terms}{more}{signed(b, '')}\n" + rule.format(
            output=output, activation=activation, threshold=threshold))
        self.message.setText(translate(
            "ui.perceptron_panel", "{count} more weights are not shown: edit them on the "
            "canvas.").format(count=extra) if extra else "")
        self.message.setVisible(bool(extra))

    def show_cases(self, cases: list[Case], n_distinct: int, names: list[str]) -> None:
        """The truth table: one row per case, its z, output, decision and target."""
        has_targets = any(c.target is not None for c in cases)
        headers = [f"x{i + 1}" for i in range(len(cases[0].x))] if cases else []
        headers += ["z", translate("ui.perceptron_panel", "output"),
                    translate("ui.perceptron_panel", "decides")]
        headers += [translate("ui.perceptron_panel", "target"), ""] if has_targets else []
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(cases))
        right = 0
        for r, case in enumerate(cases):
            decided = int(case.decides_one())
            wanted = None if case.target is None else int(case.target > 0)
            right += decided == wanted
            cells = [format_number(v) for v in case.x]
            cells += [format_number(case.z), format_number(case.output), str(decided)]
            if has_targets:
                cells += ["—" if wanted is None else str(wanted),
                          "✓" if decided == wanted else "✗"]
            for c, text in enumerate(cells):
                self._set_cell(r, c, text, decided == wanted if c == len(cells) - 1
                               and has_targets else None)
        more = translate("ui.perceptron_panel", " (the first {shown} of {count})").format(
            shown=len(cases), count=f"{n_distinct:,}") if n_distinct > len(cases) else ""
        self.score.setText(translate("ui.perceptron_panel", "{right} of {count} cases right")
                           .format(right=right, count=len(cases)) + more if has_targets
                           else translate("ui.perceptron_panel", "{count} cases")
                           .format(count=len(cases)) + more)

    def _set_cell(self, row: int, column: int, text: str, right: bool | None) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignCenter)
        if right is not None:
            item.setForeground(QColor(theme.SUCCESS if right else theme.ERROR))
        self.table.setItem(row, column, item)

    def set_axis_names(self, names: list[str]) -> None:
        """Name the plane's axes after the first two inputs (plain text, escaped)."""
        plot = self.plot.getPlotItem()
        for axis, name in zip(("bottom", "left"), names[:2]):
            plot.setLabel(axis, html.escape(name), color=theme.MUTED)

    def show_plane(self, cases: list[Case], w: np.ndarray, b: float) -> None:
        """For two inputs: the cases coloured by target, the line z = 0 and, shaded,
        the side where the neuron says 1; hidden otherwise."""
        self.plot.setVisible(len(w) == 2 and bool(cases))
        if not self.plot.isVisible():
            return
        xy = np.array([c.x for c in cases])
        low, high = xy.min(axis=0), xy.max(axis=0)
        margin = np.maximum((high - low) * 0.25, 0.5)
        box = (low[0] - margin[0], high[0] + margin[0], low[1] - margin[1], high[1] + margin[1])
        self.plot.getPlotItem().setRange(xRange=box[:2], yRange=box[2:], padding=0)
        polygon = positive_region(w, b, box)
        self.region.setPolygon(QPolygonF([pg.QtCore.QPointF(*p) for p in polygon]))
        ends = decision_line(w, b, box)
        self.line.setData(*(ends.T if ends is not None else ([], [])))
        brushes = [pg.mkBrush(theme.POSITIVE if (c.decides_one() if c.target is None
                                                 else c.target > 0) else theme.NEGATIVE)
                   for c in cases]
        self.points.setData(pos=xy, brush=brushes)
