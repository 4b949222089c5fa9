"""The activations dock: per-layer histograms of the samples probe's activations
(dead and saturated units counted), watched neurons' mean activation over time, and
each block's gradient norm over time."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from nnsim.simulator.diagnostics import can_die, can_saturate, dead_units, saturated_units
from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network
from nnsim.simulator.trainingtypes import SAMPLES, Snapshot

from . import theme
from .plots import (
    AXIS_WIDTH,
    HISTOGRAM_BINS,
    EnvelopeBuffer,
    Throttle,
    TitledPlot,
    category_color,
    layer_title,
    legend_html,
    live_line,
    style_plot,
)


class ActivationPlot(QWidget):
    """Per-layer activation histograms with dead/saturated counts, watched neurons'
    activations over time and each block's gradient norm over time (log scale)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.net: Network | None = None
        self._latest: Snapshot | None = None
        # (layer, neuron) → (activation over time, its curve, the curve's colour)
        self._watched: dict[tuple[int, int], tuple[EnvelopeBuffer, pg.PlotDataItem, str]] = {}
        self._norms = EnvelopeBuffer(1)  # no blocks yet
        self.redraw_throttle = Throttle(self, self.redraw)
        self.histograms: list[TitledPlot] = []
        self.histogram_curves: list[pg.PlotDataItem] = []
        self.norm_curves: list[pg.PlotDataItem] = []
        self._histogram_row = QHBoxLayout()
        self._histogram_row.setSpacing(0)
        self.traces, self.norms = TitledPlot(), TitledPlot()
        style_plot(self.traces.plot)
        style_plot(self.norms.plot, bottom=translate("ui.activation_plot", "epoch"), log_y=True)
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
        """Take the layer sizes, names and activations (after a change of structure):
        the watched neurons that still exist stay watched, with what they recorded."""
        self.net = net
        for layer, neuron in list(self._watched):
            if layer >= net.n_layers or neuron >= net.sizes[layer]:
                self.unwatch(layer, neuron)
        self._build_histograms(net)
        self._build_norm_curves(net)
        self._update_trace_title()
        self._latest = None
        self.redraw()

    def refresh_names(self) -> None:
        """A neuron was renamed: the titles that name neurons and layers follow."""
        self._update_trace_title()
        self._set_norm_title(self.net)

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
        self.norm_curves = [live_line(self.norms.plot, category_color(k))
                            for k in range(net.n_layers - 1)]
        self._set_norm_title(net)
        if self._norms.n_columns != net.n_layers:  # blocks came or went: a new record
            self._norms = EnvelopeBuffer(net.n_layers)  # epoch progress, a norm per block

    def _set_norm_title(self, net: Network) -> None:
        entries = [(category_color(k), f"{layer_title(net, k)} → {layer_title(net, k + 1)}")
                   for k in range(net.n_layers - 1)]
        self.norms.set_title(translate("ui.activation_plot", "gradient norm ‖dE/dW‖ per layer")
                             + f"&nbsp;&nbsp; {legend_html(entries)}")

    def watch_neuron(self, layer: int, neuron: int) -> None:
        """Trace this neuron's mean probe activation from the next snapshot on.

        Call after ``set_network``, which forgets every watched neuron.
        """
        if (layer, neuron) in self._watched:
            return
        used = {color for _, _, color in self._watched.values()}
        color = next((c for c in theme.CATEGORICAL if c not in used), theme.TEXT)
        self._watched[(layer, neuron)] = (EnvelopeBuffer(2), live_line(self.traces.plot, color),
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
        none = html.escape(translate(
            "ui.activation_plot", "watched neurons: none (right-click a neuron, Watch "
            "activation)"))
        self.traces.set_title(
            translate("ui.activation_plot", "mean activation over the probe batch")
            + f"&nbsp;&nbsp; {legend_html(entries)}"
            if entries else f"<span style='color:{theme.MUTED}'>{none}</span>")

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
        """One training frame: the samples probe's activations, the gradient norms."""
        samples = snapshot.probes.get(SAMPLES)
        # A snapshot still in flight from before an edit of the network's shape is stale.
        if self.net is None or samples is None \
                or [a.shape[1] for a in samples] != self.net.sizes:
            return
        self._latest = snapshot
        x = snapshot.epoch_progress
        self._norms.append([x, *snapshot.grad_norms])
        for (layer, neuron), (buffer, _, _) in self._watched.items():
            buffer.append((x, float(np.mean(samples[layer][:, neuron]))))
        self.redraw_throttle.request()

    def show_histograms(self, snapshot: Snapshot | None) -> None:
        """The histograms of ``snapshot`` (a moment of the run looked back at, or the
        present again), adding nothing to the curves over time."""
        samples = None if snapshot is None else snapshot.probes.get(SAMPLES)
        if self.net is not None and samples is not None \
                and [a.shape[1] for a in samples] == self.net.sizes:
            self._latest = snapshot
            self.redraw()

    def redraw(self) -> None:
        samples = None if self._latest is None else self._latest.probes[SAMPLES]
        if samples is not None:
            for layer in range(1, len(samples)):
                self._draw_histogram(layer, samples[layer])
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
        dead = translate("ui.activation_plot", "dead: {bad}/{eligible}")
        saturated = translate("ui.activation_plot", "saturated: {bad}/{eligible}")
        for text, check, eligible in ((dead, dead_units, can_die),
                                      (saturated, saturated_units, can_saturate)):
            n_eligible = sum(map(eligible, units))
            if n_eligible:
                n_bad = int(check(acts, units).sum())
                color = theme.ERROR if n_bad else theme.MUTED
                shown = html.escape(text.format(bad=n_bad, eligible=n_eligible))
                parts.append(f"<span style='color:{color}'>{shown}</span>")
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
