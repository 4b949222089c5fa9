"""Beside the output layer: each output neuron's class name and, for probability outputs,
a bar of that class's probability for one sample.

The names are display labels only (the neurons keep their own names); the bars are
painted in device pixels, so ten classes stay legible at the fitted zoom.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from nnsim.simulator.i18n import translate

from .. import theme
from ..plaintext import name as plain_name
from . import style
from .geometry import LayerGeometry
from .mapping import format_value

GAP_PX = 12          # from the output column to the labels
LABEL_MAX_PX = 96    # longer class names are elided
BAR_PX = 90          # a probability of 1
VALUE_PX = 44
TEXT_PX = 12
MIN_ROW_PX = 12      # rows closer than this lose their text (bars only)


@dataclass
class OutputReading:
    """What to write beside the output neurons.

    ``names``: one display label per output neuron; ``probabilities`` (n_outputs,) or
    None (outputs that are no probabilities get no bars); ``heading``: what the bars are
    ("softmax · Σ = 1"); ``target``: the sample's true class's neuron, if known."""

    names: list[str]
    probabilities: np.ndarray | None = None
    heading: str = ""
    target: int | None = None


class OutputPanel(QGraphicsItem):
    """The class names and probability bars to the right of the output layer."""

    def __init__(self, geometry: LayerGeometry):
        super().__init__()
        self.geometry = geometry
        self.reading: OutputReading | None = None
        self.label_px = self.width_px = 0
        x0, y0, x1, y1 = geometry.bounds
        self._anchor_x = x1
        # Painted in pixels: generous scene bounds so zooming out never clips it.
        self._bounds = QRectF(x1, y0 - 400, 4000, y1 - y0 + 800)

    def set_reading(self, reading: OutputReading | None) -> None:
        self.reading = reading
        # a compact layer (a grid of dots) has no row per neuron to write beside
        self.setVisible(reading is not None and not self.geometry.compact
                        and len(reading.names) == len(self.geometry.positions))
        if self.isVisible():
            metrics = QFontMetricsF(style.font(TEXT_PX, True))
            self.label_px = min(LABEL_MAX_PX,
                                max(metrics.horizontalAdvance(n) for n in reading.names))
            bars = BAR_PX + 6 + VALUE_PX if reading.probabilities is not None else 0
            heading = QFontMetricsF(style.font(TEXT_PX)).horizontalAdvance(reading.heading)
            self.width_px = int(GAP_PX + max(self.label_px + 6 + bars, heading))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        reading = self.reading
        transform = painter.worldTransform()
        pitch = self.geometry.spacing * transform.m22() if len(reading.names) > 1 else 40.0
        centers = [transform.map(QPointF(x, y)) for x, y in self.geometry.positions.tolist()]
        left = transform.map(QPointF(self._anchor_x, 0)).x() + GAP_PX
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setFont(style.font(TEXT_PX))
        metrics = QFontMetricsF(style.font(TEXT_PX))
        label_w = self.label_px
        with_text = pitch >= MIN_ROW_PX
        bar_x = left + (label_w + 6 if with_text else 0)
        bar_h = float(np.clip(pitch * 0.5, 3.0, 14.0))
        winner = (int(np.argmax(reading.probabilities))
                  if reading.probabilities is not None else None)
        for k, (center, name) in enumerate(zip(centers, reading.names)):
            if with_text:
                self._paint_label(painter, metrics, name, QRectF(left, center.y() - pitch / 2,
                                                                 label_w, pitch), k)
            if reading.probabilities is not None:
                self._paint_bar(painter, QRectF(bar_x, center.y() - bar_h / 2, BAR_PX, bar_h),
                                float(reading.probabilities[k]), k == winner, with_text)
        if reading.heading and with_text:
            # below the rows: above them is the layer's header
            top = max(c.y() for c in centers) + max(pitch / 2, bar_h) + 2
            painter.setPen(QColor(theme.MUTED))
            # TextDontClip: a line mixing scripts (a CJK fallback font) is taller than
            # the primary font's height, and clipping would cut its descenders.
            painter.drawText(QRectF(left, top, 400, metrics.height()),
                             Qt.AlignLeft | Qt.AlignTop | Qt.TextDontClip, reading.heading)
        painter.restore()

    def _paint_label(self, painter: QPainter, metrics: QFontMetricsF, name: str,
                     box: QRectF, k: int) -> None:
        """The class name, right-aligned towards its bar; the sample's true class bold."""
        is_target = k == self.reading.target
        painter.setFont(style.font(TEXT_PX, is_target))
        painter.setPen(QColor(theme.TEXT if is_target else theme.MUTED))
        text = metrics.elidedText(name, Qt.ElideRight, box.width())
        painter.drawText(box, Qt.AlignRight | Qt.AlignVCenter, text)
        painter.setFont(style.font(TEXT_PX))

    @staticmethod
    def _paint_bar(painter: QPainter, box: QRectF, p: float, winner: bool,
                   with_text: bool) -> None:
        """A track the length of probability 1, filled to ``p``; the value after it."""
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(theme.SURFACE_RAISED))
        painter.drawRoundedRect(box, 2, 2)
        filled = QRectF(box)
        filled.setWidth(box.width() * float(np.clip(np.nan_to_num(p), 0.0, 1.0)))
        painter.setBrush(QColor(theme.GLOW_HIGH if winner else theme.ACCENT))
        painter.drawRoundedRect(filled, 2, 2)
        if with_text:
            painter.setPen(QColor(theme.TEXT if winner else theme.MUTED))
            painter.drawText(QRectF(box.right() + 6, box.center().y() - 8, VALUE_PX, 16),
                             Qt.AlignLeft | Qt.AlignVCenter, f"{p:.3f}")


class CanvasOutputs:
    """The output panel of ``NetworkCanvas`` (mixed into it)."""

    output_panel: OutputPanel | None = None

    def _build_output_panel(self, geometry: LayerGeometry | None) -> None:
        """A panel beside ``geometry``'s layer (the output layer), hidden until a reading
        comes; None: no panel (an empty canvas, a single layer)."""
        self.output_panel = None if geometry is None else self._add(OutputPanel(geometry), z=5)
        if self.output_panel is not None:
            self.output_panel.hide()

    def set_output_reading(self, reading: OutputReading | None) -> None:
        """Class names and probability bars beside the output neurons (None hides them).
        The fitted zoom leaves room for them."""
        if self.output_panel is None:
            return
        had_room = self.output_room_px
        self.output_panel.set_reading(reading)
        if self.output_room_px != had_room and self._auto_fit:
            self.fit_to_view()

    @property
    def output_room_px(self) -> int:
        """Pixels the output panel needs right of the network."""
        panel = self.output_panel
        return panel.width_px if panel is not None and panel.isVisible() else 0

    def output_note(self, layer: int, neuron: int) -> str:
        """A tooltip line naming an output neuron's class and its probability."""
        panel = self.output_panel
        if panel is None or not panel.isVisible() or layer != len(self.layers) - 1:
            return ""
        reading = panel.reading
        note = "\n" + translate("ui.canvas.outputs", "class {name}").format(
            name=plain_name(reading.names[neuron]))
        if reading.probabilities is not None:
            note += f" · p = {format_value(float(reading.probabilities[neuron]))}"
        return note
