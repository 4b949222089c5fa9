"""The neuron inspector: one neuron's or one connection's arithmetic for one sample.

It lays the numbers out as the articles write them: the weighted sum, the activation,
the error, then the chain rule backwards and the gradient-descent update.  Every number
comes from ``Network.trace`` (or, for products and sums the text spells out, from the
same weights and activations), so the inspector shows exactly what training uses.
"""

from __future__ import annotations

import math
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
from nnsim.simulator.network import Network, Trace
from nnsim.ui import theme
from nnsim.ui.plaintext import html_name
from nnsim.ui.plots import TitledPlot, layer_title, legend_html, style_plot

#: Rows a sum shows before it folds the smallest terms into one line (MNIST has 784).
MAX_TERMS = 12

#: dE/da of the losses other than squared error (whose a − y is written out with numbers).
LOSS_GRADIENT = {"cross_entropy": "−y / a", "binary_cross_entropy": "(a − y) / (a·(1 − a))"}

STYLE = f"""
a {{ color: {theme.TEXT}; text-decoration: none; }}
h4 {{ color: {theme.ACCENT}; font-size: 9pt; margin-top: 10px; margin-bottom: 2px; }}
p {{ margin-top: 2px; margin-bottom: 2px; }}
.eq {{ font-family: 'DejaVu Sans Mono', monospace; }}
.muted {{ color: {theme.MUTED}; }}
th {{ color: {theme.MUTED}; font-weight: normal; padding: 1px 10px 1px 0px; }}
td {{ font-family: 'DejaVu Sans Mono', monospace; padding: 1px 10px 1px 0px; }}
"""


def format_number(value: float, full: bool = False) -> str:
    """4–6 significant digits: ``6.3``, ``0.998167``, ``1.6798e-06``; ``repr`` if ``full``."""
    value = float(value) + 0.0   # + 0.0 turns -0.0 into 0.0
    if full or value == 0.0 or not math.isfinite(value):
        return repr(value) if full else f"{value:g}"
    if 1e-4 <= abs(value) < 1e6:
        return f"{value:.6g}"
    mantissa, exponent = f"{value:.4e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{exponent}"


def _shown_terms(values: np.ndarray) -> np.ndarray:
    """Indices of the MAX_TERMS largest ``|values|``, in their original order."""
    if len(values) <= MAX_TERMS:
        return np.arange(len(values))
    return np.sort(np.argsort(-np.abs(values), kind="stable")[:MAX_TERMS])


class _Sheet:
    """Builds the inspector's HTML; ``n()`` writes a number that shows its repr on hover."""

    def __init__(self, full_precision: bool):
        self.full = full_precision
        self.parts: list[str] = []

    def n(self, value: float, text: str | None = None) -> str:
        text = format_number(value, self.full) if text is None else text
        return f"<a href='v:{float(value)!r}'>{text}</a>"

    def result(self, value: float) -> str:
        """The number an equation arrives at, in bold."""
        return f"<b>{self.n(value)}</b>"

    def factor(self, value: float) -> str:
        """A number to multiply by: negative ones in parentheses."""
        return f"({self.n(value)})" if value < 0 else self.n(value)

    def signed_sum(self, values) -> str:
        """``0.2 + 1 − 0.5``: each term after the first with its sign as the operator."""
        terms = [self.n(values[0])] if len(values) else []
        terms += [f"{'−' if v < 0 else '+'} {self.n(abs(v))}" for v in values[1:]]
        return " ".join(terms)

    def updated(self, old: float, step: float) -> str:
        """``old + step`` with enough digits that the (often tiny) change shows."""
        new = old + step
        if self.full or step == 0 or new == 0:
            return self.n(new)
        digits = min(17, max(6, math.ceil(math.log10(abs(new) / abs(step))) + 2))
        return self.n(new, f"{new:.{digits}g}")

    def heading(self, text: str) -> None:
        self.parts.append(f"<h4>{text}</h4>")

    def equation(self, text: str) -> None:
        self.parts.append(f"<p class='eq'>{text}</p>")

    def note(self, text: str) -> None:
        self.parts.append(f"<p class='muted'>{text}</p>")

    def table(self, headers: list[str], rows: list[list[str]], folded: str = "") -> None:
        """A table of already formatted cells; ``folded`` is a last, muted line."""
        head = "".join(f"<th align='right'>{h}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td align='right'>{c}</td>" for c in row) + "</tr>"
                       for row in rows)
        tail = f"<tr><td colspan='{len(headers)}' class='muted'>{folded}</td></tr>" \
            if folded else ""
        self.parts.append(f"<table cellspacing='0' cellpadding='4'><tr>{head}</tr>{body}{tail}"
                          "</table>")

    def html(self) -> str:
        return "".join(self.parts)


class NeuronInspector(QWidget):
    """Shows the arithmetic of the clicked neuron or connection for the current sample."""

    #: The user stepped to another sample of ``set_samples``' data (its row index).
    sampleChanged = Signal(int)
    #: The user asked to check backpropagation's gradients on the current sample.
    gradientCheckRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.learning_rate = 0.1
        self._net: Network | None = None
        self._target: tuple = ()           # ("neuron", layer, j) or ("connection", k, i, j)
        self._sample: tuple[np.ndarray, np.ndarray | None] | None = None
        self._samples: tuple[np.ndarray, np.ndarray | None] | None = None
        self.header = QLabel(textFormat=Qt.RichText, wordWrap=True)
        self.browser = QTextBrowser(openLinks=False)
        self.browser.document().setDefaultStyleSheet(STYLE)
        self.browser.highlighted.connect(self._show_exact_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addLayout(self._build_sample_row())
        layout.addWidget(self.browser, 1)
        layout.addWidget(self._build_activation_plot())
        self.clear()

    def _build_sample_row(self) -> QHBoxLayout:
        self.sample_spin = QSpinBox(prefix="sample # ")
        self.sample_spin.valueChanged.connect(self._on_sample_changed)
        self.sample_count = QLabel()
        self.sample_count.setStyleSheet(f"color: {theme.MUTED};")
        self.precision_checkbox = QCheckBox("full precision")
        self.precision_checkbox.setToolTip("Show every digit (hover a number to see its "
                                           "exact value either way)")
        self.precision_checkbox.toggled.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(self.sample_spin)
        row.addWidget(self.sample_count)
        row.addStretch(1)
        row.addWidget(self.precision_checkbox)
        self.gradient_check_button = QPushButton("Check gradients…")
        self.gradient_check_button.setToolTip("Compare backpropagation with central "
                                              "differences on this sample")
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
        self.header.setText(f"<span style='color:{theme.MUTED}'>Click a neuron or a "
                            "connection to see its arithmetic.</span>")
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
        self.sample_count.setText(f"of {n:,}" if n else "")
        if self._net is not None and self._samples[0].shape[1:] != (self._net.sizes[0],):
            self.clear()

    def current_sample(self) -> tuple[np.ndarray, np.ndarray | None] | None:
        """The spin box's row of ``set_samples``' data as ``(x, y)``, if any was set."""
        if self._samples is None or not len(self._samples[0]):
            return None
        i = self.sample_spin.value()
        inputs, targets = self._samples
        return inputs[i], None if targets is None else targets[i]

    def set_learning_rate(self, eta: float) -> None:
        if float(eta) != self.learning_rate:  # other settings change nothing shown here
            self.learning_rate = float(eta)
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
        sheet = _Sheet(self.precision_checkbox.isChecked())
        kind, *where = self._target
        if kind == "neuron":
            self._neuron(sheet, trace, *where)
        else:
            self._connection(sheet, trace, *where)
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

    def _neuron(self, sheet: _Sheet, trace: Trace, layer: int, j: int) -> None:
        net = self._net
        name = html_name(net.names[layer][j])
        if layer == 0:
            self.header.setText(f"<b>{name}</b> · neuron {j + 1} of layer 0 (input)")
            sheet.equation(f"{name} = {sheet.n(trace.a[0][0, j])}")
            sheet.note("An input neuron passes its feature's value on unchanged.")
            self.activation_plot.hide()
            return
        act = net.activation_of(layer, j)
        self.header.setText(f"<b>{name}</b> · neuron {j + 1} of layer {layer} "
                            f"({layer_title(net, layer)}) · {act.label}")
        _Neuron(sheet, net, trace, self._sample[1], layer, j, self.learning_rate).write()
        self._plot_activation(act, float(trace.z[layer][0, j]))

    def _connection(self, sheet: _Sheet, trace: Trace, block: int, i: int, j: int) -> None:
        net = self._net
        source, target = net.names[block][i], net.names[block + 1][j]
        self.header.setText(
            f"<b>{html_name(source)} → {html_name(target)}</b> · connection from layer {block} "
            f"({layer_title(net, block)}) to layer {block + 1} ({layer_title(net, block + 1)})")
        if not net.masks[block][i, j]:
            sheet.note("This connection has been removed from the network.")
            self.activation_plot.hide()
            return
        _write_connection(sheet, net, trace, block, i, j, self.learning_rate)
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


def _write_connection(sheet: _Sheet, net: Network, trace: Trace, block: int, i: int, j: int,
                      eta: float) -> None:
    """The weight's share of z_j, its gradient dE/dz_j · a_i and its update."""
    source, target = html_name(net.names[block][i]), html_name(net.names[block + 1][j])
    w, a_i = net.weights[block][i, j], trace.a[block][0, i]
    sheet.heading("Forward")
    sheet.equation(f"w = {sheet.n(w)}")
    sheet.equation(f"a<sub>i</sub> = {source} = {sheet.n(a_i)}")
    sheet.equation(f"w·a<sub>i</sub> = {sheet.n(w)} · {sheet.factor(a_i)} = {sheet.n(w * a_i)}"
                   f"&nbsp;&nbsp;<span class='muted'>its share of z of {target} = "
                   f"{sheet.n(trace.z[block + 1][0, j])}</span>")
    if trace.dE_dz is None:
        return
    dz, dw = trace.dE_dz[block + 1][0, j], trace.dE_dw[block][i, j]
    sheet.heading("Backward")
    sheet.equation(f"dE/dz<sub>j</sub> = {sheet.n(dz)}&nbsp;&nbsp;"
                   f"<span class='muted'>(of {target})</span>")
    sheet.equation(f"dE/dw = dE/dz<sub>j</sub> · a<sub>i</sub> = {sheet.n(dz)} · "
                   f"{sheet.factor(a_i)} = {sheet.result(dw)}")
    _update(sheet, "w", w, dw, eta)


def _update(sheet: _Sheet, symbol: str, value: float, gradient: float, eta: float) -> None:
    sheet.heading(f"Gradient descent step at η = {format_number(eta)}")
    sheet.equation(f"{symbol} ← {symbol} − η·dE/d{symbol} = {sheet.n(value)} − "
                   f"{sheet.n(eta)} · {sheet.factor(gradient)} = "
                   f"<b>{sheet.updated(value, -eta * gradient)}</b>")


class _Neuron:
    """Writes one neuron's forward and backward arithmetic (layer ≥ 1) onto a sheet."""

    def __init__(self, sheet: _Sheet, net: Network, trace: Trace, y: np.ndarray | None,
                 layer: int, j: int, eta: float):
        self.s, self.net, self.t, self.y = sheet, net, trace, y
        self.layer, self.j, self.eta = layer, j, eta
        self.act = net.activation_of(layer, j)
        self.incoming = np.flatnonzero(net.masks[layer - 1][:, j])
        self.x = trace.a[layer - 1][0]
        self.w = net.weights[layer - 1][:, j]
        self.names = net.names[layer - 1]
        self.is_output = layer == net.n_layers - 1

    def write(self) -> None:
        self.forward()
        if self.t.dE_dz is None:
            self.s.note("Set a target to see the error and the backward pass.")
            return
        if self.is_output:
            self.error()
        self.backward()

    def forward(self) -> None:
        s, t, layer, j = self.s, self.t, self.layer, self.j
        s.heading("Forward: weighted sum and activation")
        products = self.w[self.incoming] * self.x[self.incoming]
        shown = _shown_terms(products)
        rows = [[html_name(self.names[i]), s.n(self.x[i]), s.n(self.w[i]), s.n(p)]
                for i, p in zip(self.incoming[shown], products[shown])]
        s.table(["input", "x<sub>i</sub>", "w<sub>i</sub>", "w<sub>i</sub>·x<sub>i</sub>"],
                rows, self._folded(products, shown))
        b, z = self.net.biases[layer - 1][j], t.z[layer][0, j]
        terms = list(products) if len(products) <= 6 else [products.sum()]
        s.equation(f"z = Σ w<sub>i</sub>·x<sub>i</sub> + b = {s.signed_sum(terms + [b])} = "
                   f"{s.result(z)}")
        a = t.a[layer][0, j]
        if self.act.per_neuron:
            s.equation(f"a = g(z) = {self.act.name}({s.n(z)}) = {s.result(a)}")
        else:
            s.equation(f"a = softmax(z)<sub>{j + 1}</sub> = {s.result(a)}&nbsp;&nbsp;<span "
                       f"class='muted'>(its e^z over the sum of all {self.net.sizes[layer]})"
                       "</span>")
        s.note(escape(self.act.formula))

    def _folded(self, terms: np.ndarray, shown: np.ndarray) -> str:
        hidden = len(terms) - len(shown)
        if not hidden:
            return ""
        rest = np.delete(terms, shown).sum()
        return f"… and {hidden} smaller terms, together {self.s.n(rest)}"

    def error(self) -> None:
        s, t, j = self.s, self.t, self.j
        loss = self.net.loss
        s.heading("Error")
        s.equation(f"y = {s.n(self.y[j])}&nbsp;&nbsp;<span class='muted'>(target of "
                   f"{html_name(self.net.names[self.layer][j])})</span>")
        over = f" over {self.net.sizes[-1]} outputs" if self.net.sizes[-1] > 1 else ""
        s.equation(f"E = {escape(loss.formula.removeprefix('E = '))} = {s.result(t.loss)}"
                   f"&nbsp;&nbsp;<span class='muted'>{loss.label.lower()}{over}, ŷ = a</span>")

    def backward(self) -> None:
        self.s.heading("Backward: chain rule")
        if self.is_output:
            self._output_error()
        else:
            self._hidden_error()
        self._dE_dz()
        self._parameter_gradients()

    def _output_error(self) -> None:
        """dE/da of an output neuron, from the loss."""
        s, t, layer, j = self.s, self.t, self.layer, self.j
        a, da = t.a[layer][0, j], t.dE_da[layer][0, j]
        if self.net.loss_name == "squared_error":
            s.equation(f"dE/da = a − y = {s.n(a)} − {s.factor(self.y[j])} = {s.result(da)}")
        else:
            s.equation(f"dE/da = {LOSS_GRADIENT[self.net.loss_name]} = {s.result(da)}")

    def _dE_dz(self) -> None:
        """dE/dz = dE/da · g′(z), or its simpler or coupled forms."""
        s, t, layer, j = self.s, self.t, self.layer, self.j
        a, z = t.a[layer][0, j], t.z[layer][0, j]
        da, dz = t.dE_da[layer][0, j], t.dE_dz[layer][0, j]
        if self.is_output and self.net.loss.fused_activation:
            s.equation(f"dE/dz = a − y = {s.n(a)} − {s.factor(self.y[j])} = {s.result(dz)}")
            s.note(f"With {self.act.label} and {self.net.loss.label.lower()} the g′(z) factor "
                   "cancels: dE/da · g′(z) simplifies to a − y.")
        elif not self.act.per_neuron:
            s.equation(f"dE/dz = a·(dE/da − Σ<sub>k</sub> dE/da<sub>k</sub>·a<sub>k</sub>) = "
                       f"{s.result(dz)}")
            s.note("Softmax couples the outputs: each z moves every a.")
        else:
            dg = self.act.derivative(z)[0, 0]
            s.equation(f"g′(z) = {s.n(dg)}")
            s.equation(f"dE/dz = dE/da · g′(z) = {s.n(da)} · {s.factor(dg)} = {s.result(dz)}")

    def _hidden_error(self) -> None:
        """dE/da of a hidden neuron: Σ_k w_k·dE/dz_k over the neurons it feeds."""
        s, t, layer, j = self.s, self.t, self.layer, self.j
        outgoing = np.flatnonzero(self.net.masks[layer][j])
        w = self.net.weights[layer][j, outgoing]
        dz_next = t.dE_dz[layer + 1][0, outgoing]
        products = w * dz_next
        shown = _shown_terms(products)
        names = self.net.names[layer + 1]
        rows = [[html_name(names[k]), s.n(wk), s.n(d), s.n(p)] for k, wk, d, p in
                zip(outgoing[shown], w[shown], dz_next[shown], products[shown])]
        s.table(["next neuron k", "w<sub>k</sub>", "dE/dz<sub>k</sub>",
                 "w<sub>k</sub>·dE/dz<sub>k</sub>"], rows, self._folded(products, shown))
        s.equation(f"dE/da = Σ<sub>k</sub> w<sub>k</sub>·dE/dz<sub>k</sub> = "
                   f"{s.result(t.dE_da[layer][0, j])}")

    def _parameter_gradients(self) -> None:
        s, t, layer, j, eta = self.s, self.t, self.layer, self.j, self.eta
        grads = t.dE_dw[layer - 1][self.incoming, j]
        shown = _shown_terms(grads)
        rows = [[html_name(self.names[i]), s.n(self.x[i]), s.n(g), s.updated(self.w[i], -eta * g)]
                for i, g in zip(self.incoming[shown], grads[shown])]
        s.table(["input", "x<sub>i</sub>", "dE/dw<sub>i</sub> = dE/dz·x<sub>i</sub>",
                 "w<sub>i</sub> − η·dE/dw<sub>i</sub>"], rows,
                f"… {len(grads) - len(shown)} smaller gradients not shown"
                if len(shown) < len(grads) else "")
        db = t.dE_db[layer - 1][j]
        s.equation(f"dE/db = dE/dz = {s.result(db)}")
        _update(s, "b", self.net.biases[layer - 1][j], db, eta)
