"""The "how to read this" panel in the canvas's top-left corner.

It is painted as a cached pixmap in view coordinates (the view's ``drawForeground``),
re-rendered only when its wording changes (weights shown or hidden, a new network).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QLinearGradient, QPainter, QPen, QPixmap

from nnsim.simulator.i18n import translate

from .. import theme
from . import style
from .gradients import paint_mark

MARGIN = 12          # from the viewport's corner
PAD = 10
ROW = 19
SAMPLE_W = 34        # the swatch column
TEXT_PX = 12


class Legend:
    """What glow, colour and thickness mean, for the current network and settings."""

    def __init__(self):
        self.rows: list[tuple[str, str]] = []   # (swatch kind, text)
        self._pixmap: QPixmap | None = None
        self._ratio = 1.0

    def set_content(self, show_weights: bool, thick: bool, gradient_view: bool = False,
                    over: str | None = None, largest: str = "", dead: bool = False,
                    saturated: bool = False) -> None:
        """The rows for the weight view (``show_weights``: colour by w) or the gradient
        view (``over``: the samples E is taken over, None when there is no gradient;
        ``largest``: the largest |dE/dw|), and a row for each kind of health mark shown."""
        if gradient_view:
            rows = _gradient_rows(thick, over, largest)
        else:
            rows = [("glow", translate("ui.canvas.legend", "neuron activation: low → high"))]
            if show_weights:
                rows += [("positive", translate("ui.canvas.legend", "positive weight")),
                         ("negative", translate("ui.canvas.legend", "negative weight")),
                         ("magnitude" if thick else "fade", _magnitude(thick, "|w|")),
                         ("", translate("ui.canvas.legend",
                                        "full = largest |w| between the two layers"))]
            else:
                rows.append(("plain", translate("ui.canvas.legend",
                                                "connections (weights hidden)")))
        if dead:
            rows.append(("dead", translate("ui.canvas.legend",
                                           "dead ReLU: 0 for every probe sample")))
        if saturated:
            rows.append(("saturated", translate("ui.canvas.legend",
                                                "saturated: stuck at the end of its range")))
        if rows != self.rows:
            self.rows, self._pixmap = rows, None

    def clear(self) -> None:
        """No panel (an empty canvas has nothing to explain)."""
        self.rows, self._pixmap = [], None

    def _panel_size(self) -> tuple[int, int]:
        metrics = QFontMetricsF(style.font(TEXT_PX))
        text = max(metrics.horizontalAdvance(t) for _, t in self.rows)
        return int(SAMPLE_W + text + 2 * PAD + 1), 2 * PAD + ROW * len(self.rows)

    def size(self) -> QSize:
        """Room the panel takes in the viewport, margin included (pixels)."""
        if not self.rows:
            return QSize(0, 0)
        width, height = self._panel_size()
        return QSize(width + MARGIN, height + MARGIN)

    def paint(self, painter: QPainter, device_ratio: float) -> None:
        """Draw at the viewport's top-left; ``painter`` must be in viewport pixels."""
        if not self.rows:
            return
        if self._pixmap is None or self._ratio != device_ratio:
            self._ratio, self._pixmap = device_ratio, self._render(device_ratio)
        painter.drawPixmap(MARGIN, MARGIN, self._pixmap)

    def _render(self, device_ratio: float) -> QPixmap:
        width, height = self._panel_size()
        pixmap = QPixmap(round(width * device_ratio), round(height * device_ratio))
        pixmap.setDevicePixelRatio(device_ratio)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing)
        panel = QColor(theme.SURFACE)
        panel.setAlphaF(0.92)
        painter.setPen(QPen(QColor(theme.BORDER), 1))
        painter.setBrush(panel)
        painter.drawRoundedRect(QRectF(0.5, 0.5, width - 1, height - 1), 7, 7)
        painter.setFont(style.font(TEXT_PX))
        for k, (kind, text) in enumerate(self.rows):
            y = PAD + k * ROW + ROW / 2
            self._swatch(painter, kind, QRectF(PAD, y - 5, SAMPLE_W - 6, 10))
            painter.setPen(QColor(theme.TEXT if kind else theme.MUTED))
            painter.drawText(QRectF(PAD + SAMPLE_W, y - ROW / 2, width, ROW),
                             Qt.AlignLeft | Qt.AlignVCenter, text)
        painter.end()
        return pixmap

    @staticmethod
    def _swatch(painter: QPainter, kind: str, box: QRectF) -> None:
        weights = theme.weight_line_colors()
        mid_y = box.center().y()
        left, right = QPointF(box.left(), mid_y), QPointF(box.right(), mid_y)
        if kind == "glow":
            ramp = QLinearGradient(box.topLeft(), box.topRight())
            for k, color in enumerate(theme.glow_colors(8)):
                ramp.setColorAt(k / 7, color)
            painter.setPen(QPen(QColor(theme.BORDER), 1))
            painter.setBrush(ramp)
            painter.drawRoundedRect(box, 3, 3)
        elif kind in ("positive", "negative", "plain"):
            color = {"positive": weights[-1], "negative": weights[0]}.get(
                kind, QColor(theme.BORDER))
            painter.setPen(QPen(color, 3, Qt.SolidLine, Qt.RoundCap))
            painter.drawLine(left, right)
        elif kind in ("magnitude", "fade"):
            Legend._magnitude_swatch(painter, box, weights, widen=kind == "magnitude")
        elif kind == "signed":
            ramp = QLinearGradient(box.topLeft(), box.topRight())
            colors = theme.weight_colors(9)
            for k, color in enumerate(colors):
                ramp.setColorAt(k / (len(colors) - 1), color)
            painter.setPen(QPen(QColor(theme.BORDER), 1))
            painter.setBrush(ramp)
            painter.drawRoundedRect(box, 3, 3)
        elif kind in ("dead", "saturated"):
            paint_mark(painter, box.center(), box.height() * 0.75, dead=kind == "dead")

    @staticmethod
    def _magnitude_swatch(painter, box: QRectF, weights, widen: bool) -> None:
        """Three short strokes from weak to strong."""
        mid = len(weights) // 2
        for k, bucket in enumerate((mid + 3, mid + 9, len(weights) - 1)):
            x = box.left() + 3 + k * (box.width() - 6) / 2
            width = 1 + 2 * k if widen else 2
            painter.setPen(QPen(weights[bucket], width, Qt.SolidLine, Qt.RoundCap))
            painter.drawLine(QPointF(x, box.top()), QPointF(x, box.bottom()))


def _gradient_rows(thick: bool, over: str | None, largest: str) -> list[tuple[str, str]]:
    """The gradient view's rows: what the colours mean and over which samples."""
    if over is None:
        return [("plain", translate("ui.canvas.legend",
                                    "gradient view: no gradient without training targets"))]
    return [("negative", translate("ui.canvas.legend", "dE/dw < 0: gradient descent raises w")),
            ("positive", translate("ui.canvas.legend", "dE/dw > 0: gradient descent lowers w")),
            ("magnitude" if thick else "fade", _magnitude(thick, "|dE/dw|")),
            ("", translate("ui.canvas.legend", "full = largest between the two layers "
                           "(largest of all: {largest})").format(largest=largest)),
            ("signed", translate("ui.canvas.legend",
                                 "neuron fill: dE/dz, − → +, full = largest in the layer")),
            ("glow", translate("ui.canvas.legend", "input neurons: their value")),
            ("", translate("ui.canvas.legend", "E over {samples}").format(samples=over))]


def _magnitude(thick: bool, quantity: str) -> str:
    """What shows a value's size: "thickness and colour = |w|" or "colour strength = |w|"."""
    if thick:
        return translate("ui.canvas.legend", "thickness and colour = {quantity}").format(
            quantity=quantity)
    return translate("ui.canvas.legend", "colour strength = {quantity}").format(
        quantity=quantity)
