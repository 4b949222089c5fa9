"""The neuron inspector: one neuron's or one connection's arithmetic for one sample.

The sheet itself (``arithmetic``) lays the numbers out as the articles write them; this
widget holds the selection, the sample, the precision switch and the plot of g and g′.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.activations import Activation
from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network, Trace
from nnsim.ui import theme
from nnsim.ui.arithmetic import NeuronSheet, Sheet, write_connection
from nnsim.ui.plaintext import html_name
from nnsim.ui.plots import TitledPlot, layer_title, legend_html, style_plot


def style_sheet() -> str:
    """The arithmetic's rich-text style, in the current theme's colours."""
    return f"""
a {{ color: {theme.TEXT}; text-decoration: none; }}
h4 {{ color: {theme.ACCENT}; font-size: 9pt; margin-top: 10px; margin-bottom: 2px; }}
p {{ margin-top: 2px; margin-bottom: 2px; }}
.eq {{ font-family: 'DejaVu Sans Mono', monospace; }}
.muted {{ color: {theme.MUTED}; }}
th {{ color: {theme.MUTED}; font-weight: normal; padding: 1px 10px 1px 0px; }}
td {{ font-family: 'DejaVu Sans Mono', monospace; padding: 1px 10px 1px 0px; }}
"""


class NeuronInspector(QWidget):
    """Shows the arithmetic of the clicked neuron or connection for the current sample."""

    #: The user stepped to another sample of ``set_samples``' data (its row index).
    sampleChanged = Signal(int)
    #: The user asked to check backpropagation's gradients on the current sample.
    gradientCheckRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        #: ``(network, x, y, trace) -> UpdateExplanation | None``: the optimiser's step
        #: on a sample, as training would take it (set by the inspection controller).
        self.update_source: Callable | None = None
        self._net: Network | None = None
        self._target: tuple = ()           # ("neuron", layer, j) or ("connection", k, i, j)
        self._sample: tuple[np.ndarray, np.ndarray | None] | None = None
        self._samples: tuple[np.ndarray, np.ndarray | None] | None = None
        self.header = QLabel(textFormat=Qt.RichText, wordWrap=True)
        self.browser = QTextBrowser(openLinks=False)
        self.browser.document().setDefaultStyleSheet(style_sheet())
        self.browser.highlighted.connect(self._show_exact_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addLayout(self._build_sample_row())
        layout.addWidget(self.browser, 1)
        layout.addWidget(self._build_activation_plot())
        self.clear()

    def _build_sample_row(self) -> QHBoxLayout:
        self.sample_spin = QSpinBox(prefix=translate("ui.inspector", "sample # "))
        self.sample_spin.valueChanged.connect(self._on_sample_changed)
        self.sample_count = QLabel()
        self.sample_count.setStyleSheet(f"color: {theme.MUTED};")
        self.precision_checkbox = QCheckBox(translate("ui.inspector", "full precision"))
        self.precision_checkbox.setToolTip(translate(
            "ui.inspector", "Show every digit (hover a number to see its exact value either "
            "way)"))
        self.precision_checkbox.toggled.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(self.sample_spin)
        row.addWidget(self.sample_count)
        row.addStretch(1)
        row.addWidget(self.precision_checkbox)
        self.gradient_check_button = QPushButton(translate("ui.inspector", "Check gradients…"))
        self.gradient_check_button.setToolTip(translate(
            "ui.inspector", "Compare backpropagation with central differences on this sample"))
        self.gradient_check_button.clicked.connect(self.gradientCheckRequested)
        row.addWidget(self.gradient_check_button)
        return row

    def _build_activation_plot(self) -> TitledPlot:
        self.activation_plot = TitledPlot()
        self.activation_plot.setFixedHeight(190)
        plot = self.activation_plot.plot
        style_plot(plot, bottom="z")
        plot.setMenuEnabled(False)
        self.g_curve = plot.plot(pen=pg.mkPen(theme.ACCENT, width=2), antialias=True)
        self.dg_curve = plot.plot(pen=pg.mkPen(theme.NEGATIVE, width=1.5, style=Qt.DashLine),
                                  antialias=True)
        self.z_line = pg.InfiniteLine(angle=90, pen=pg.mkPen(theme.MUTED, style=Qt.DotLine))
        self.z_marker = pg.ScatterPlotItem(size=9, pen=pg.mkPen(theme.BACKGROUND))
        self._marker_brushes = [pg.mkBrush(theme.ACCENT), pg.mkBrush(theme.NEGATIVE)]
        plot.addItem(self.z_line)
        plot.addItem(self.z_marker)
        return self.activation_plot

    # -- public API
    def clear(self) -> None:
        self._net, self._target, self._sample = None, (), None
        hint = translate("ui.inspector", "Click a neuron or a connection to see its arithmetic.")
        self.header.setText(f"<span style='color:{theme.MUTED}'>{hint}</span>")
        self.browser.clear()
        self.activation_plot.hide()

    def set_samples(self, inputs: np.ndarray, targets: np.ndarray | None = None) -> None:
        """Rows ``(n, n_inputs)`` (and targets ``(n, n_outputs)``) the spin box steps through."""
        self._samples = (np.asarray(inputs), None if targets is None else np.asarray(targets))
        n = len(inputs)
        self.sample_spin.setEnabled(n > 0)
        # New data may not fit the network shown: the caller shows a neuron next.
        blocked = self.sample_spin.blockSignals(True)
        self.sample_spin.setRange(0, max(n - 1, 0))
        self.sample_spin.blockSignals(blocked)
        self.sample_count.setText(
            translate("ui.inspector", "of {count}").format(count=f"{n:,}") if n else "")
        if self._net is not None and self._samples[0].shape[1:] != (self._net.sizes[0],):
            self.clear()

    def current_sample(self) -> tuple[np.ndarray, np.ndarray | None] | None:
        """The spin box's row of ``set_samples``' data as ``(x, y)``, if any was set."""
        if self._samples is None or not len(self._samples[0]):
            return None
        i = self.sample_spin.value()
        inputs, targets = self._samples
        return inputs[i], None if targets is None else targets[i]

    def set_update_source(self, source: Callable | None) -> None:
        """Where the update's numbers come from; shown again at once (a new optimiser,
        η or optimiser state changes them)."""
        self.update_source = source
        self.refresh()

    def show_neuron(self, net: Network, layer: int, neuron: int, sample_x: np.ndarray,
                    sample_y: np.ndarray | None = None) -> None:
        """Neuron ``neuron`` of ``layer`` for one sample: x ``(n_inputs,)``, y ``(n_outputs,)``."""
        self._show(net, ("neuron", layer, neuron), sample_x, sample_y)

    def show_connection(self, net: Network, block: int, i: int, j: int, sample_x: np.ndarray,
                        sample_y: np.ndarray | None = None) -> None:
        """The weight from neuron i of layer ``block`` to neuron j of layer ``block + 1``."""
        self._show(net, ("connection", block, i, j), sample_x, sample_y)

    def refresh(self) -> None:
        """Recompute with the network's current weights (call after training steps)."""
        if self._net is None:
            return
        x, y = self._sample
        trace = self._net.trace(x[np.newaxis], None if y is None else y[np.newaxis])
        update = None if y is None or self.update_source is None \
            else self.update_source(self._net, x, y, trace)
        sheet = Sheet(self.precision_checkbox.isChecked())
        kind, *where = self._target
        if kind == "neuron":
            self._neuron(sheet, trace, update, *where)
        else:
            self._connection(sheet, trace, update, *where)
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(sheet.html())
        self.browser.verticalScrollBar().setValue(scroll)

    def text(self) -> str:
        """What the inspector shows, as plain text."""
        return self.browser.toPlainText()

    # -- internals
    def _show(self, net, target, sample_x, sample_y) -> None:
        self._net, self._target = net, target
        self._sample = (np.asarray(sample_x, dtype=float),
                        None if sample_y is None else np.asarray(sample_y, dtype=float))
        self.refresh()

    def _on_sample_changed(self, index: int) -> None:
        sample = self.current_sample()
        if sample is not None and self._net is not None:
            self._sample = sample
            self.refresh()
        self.sampleChanged.emit(index)

    def _show_exact_value(self, url) -> None:
        text = url.toString()
        if text.startswith("v:"):
            QToolTip.showText(QCursor.pos(), text[2:], self.browser)
        else:
            QToolTip.hideText()

    def _neuron(self, sheet: Sheet, trace: Trace, update, layer: int, j: int) -> None:
        net = self._net
        name = html_name(net.names[layer][j])
        if layer == 0:
            self.header.setText(translate(
                "ui.inspector", "<b>{name}</b> · neuron {number} of layer 0 (input)").format(
                    name=name, number=j + 1))
            sheet.equation(f"{name} = {sheet.n(trace.a[0][0, j])}")
            sheet.note(translate("ui.inspector",
                                 "An input neuron passes its feature's value on unchanged."))
            self.activation_plot.hide()
            return
        act = net.activation_of(layer, j)
        self.header.setText(translate(
            "ui.inspector", "<b>{name}</b> · neuron {number} of layer {layer} ({title}) · "
            "{activation}").format(name=name, number=j + 1, layer=layer,
                                   title=layer_title(net, layer), activation=act.label))
        NeuronSheet(sheet, net, trace, self._sample[1], layer, j, update).write()
        self._plot_activation(act, float(trace.z[layer][0, j]))

    def _connection(self, sheet: Sheet, trace: Trace, update, block: int, i: int,
                    j: int) -> None:
        net = self._net
        source, target = net.names[block][i], net.names[block + 1][j]
        self.header.setText(translate(
            "ui.inspector", "<b>{source} → {target}</b> · connection from layer {layer} "
            "({title}) to layer {next_layer} ({next_title})").format(
                source=html_name(source), target=html_name(target), layer=block,
                title=layer_title(net, block), next_layer=block + 1,
                next_title=layer_title(net, block + 1)))
        if not net.masks[block][i, j]:
            sheet.note(translate("ui.inspector",
                                 "This connection has been removed from the network."))
            self.activation_plot.hide()
            return
        write_connection(sheet, net, trace, block, i, j, update)
        self._plot_activation(net.activation_of(block + 1, j), float(trace.z[block + 1][0, j]))

    def _plot_activation(self, act: Activation, z: float) -> None:
        """g (solid) and g' (dashed) around ``z``, with markers at the neuron's z."""
        if not act.per_neuron:   # softmax: each output depends on all of z
            self.activation_plot.hide()
            return
        half = max(6.0, min(abs(z) * 1.25, 1e6))
        zs = np.linspace(-half, half, 241)
        self.g_curve.setData(zs, act(zs)[0])
        self.dg_curve.setData(zs, act.derivative(zs)[0])
        self.z_line.setPos(z)
        self.z_marker.setData([z, z], [act(z)[0, 0], act.derivative(z)[0, 0]],
                              brush=self._marker_brushes)
        self.activation_plot.set_title(
            f"{legend_html([(theme.ACCENT, 'g(z)')])}&nbsp;&nbsp; "
            f"{legend_html([(theme.NEGATIVE, 'g′(z)')], '┅')}&nbsp;&nbsp; "
            f"<span style='color:{theme.MUTED}'>{escape(act.formula)}</span>")
        self.activation_plot.show()

