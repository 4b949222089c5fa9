"""What the walk-through draws over the canvas: the connections a step uses, lit; a
callout of equations beside the neuron or layer; short labels at neurons and connections.

The items are the overlay's own, added to the canvas's scene and made again for every
step: the canvas clears its scene when the network's structure changes, so nothing
here may outlive a step.  Texts keep their pixel size at every zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem
from shiboken6 import isValid

from .. import theme
from . import style

CALLOUT_PX, LABEL_PX = 13, 11
#: Pixels between a neuron's centre and its callout or label.
GAP = 26
#: Pixels a layer's two-line header takes above its position.
HEADER_ROOM = 40


def mono_font(pixel_size: int) -> QFont:
    f = QFont()
    f.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "Monospace"])
    f.setStyleHint(QFont.Monospace)
    f.setPixelSize(pixel_size)
    return f


#: Characters a callout line holds before a long sum goes on the next line.
LINE_CHARS = 64


def wrapped(line: str, width: int = LINE_CHARS) -> list[str]:
    """``line`` broken before its " + " and " − " terms so that each piece is at most
    ``width`` characters where it can be; the pieces after the first are indented."""
    pieces, current = [], ""
    for k, token in enumerate(_terms(line)):
        if k and len(current) + len(token) > width:
            pieces.append(current)
            current = "    " + token.lstrip()
        else:
            current += token
    return pieces + [current]


def _terms(line: str) -> list[str]:
    """``line`` cut before each " + " and " − " (keeping them)."""
    parts, start = [], 0
    for k in range(1, len(line) - 2):
        if line[k:k + 3] in (" + ", " − "):
            parts.append(line[start:k])
            start = k
    return parts + [line[start:]]


class BoxItem(QGraphicsItem):
    """Lines of text in a rounded box at a fixed pixel size, placed relative to its
    position: "right" or "left" of it (vertically centred), "below" it, "above" it
    (clear of a layer's header) or centred on it; ``title`` in the accent colour above
    the lines."""

    PAD = 8

    def __init__(self, lines: list[str], pixel_size: int, title: str = "",
                 place: str = "right", border: str | None = None):
        super().__init__()
        lines = [piece for line in lines for piece in wrapped(line)]
        self.lines, self.title, self.border = lines, title, border or theme.ACCENT
        self.font, self.title_font = mono_font(pixel_size), style.font(pixel_size, True)
        rows = ([title] if title else []) + lines
        widths = [QFontMetricsF(self.title_font if title and k == 0 else self.font)
                  .horizontalAdvance(text) for k, text in enumerate(rows)]
        self.line_height = QFontMetricsF(self.font).height()
        width = max(widths) + 2 * self.PAD
        height = self.line_height * len(rows) + 2 * self.PAD
        corner = {"right": (GAP, -height / 2), "left": (-GAP - width, -height / 2),
                  "below": (-width / 2, GAP - 6), "centre": (-width / 2, -height / 2),
                  "above": (-width / 2, -height - HEADER_ROOM)}[place]
        self._rect = QRectF(*corner, width, height)
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations)

    @property
    def text(self) -> str:
        return "\n".join(([self.title] if self.title else []) + self.lines)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(QColor(self.border), 1.2))
        painter.setBrush(QColor(theme.SURFACE_RAISED))
        painter.drawRoundedRect(self._rect, 6, 6)
        y = self._rect.top() + self.PAD
        x, width = self._rect.left() + self.PAD, self._rect.width() - 2 * self.PAD
        if self.title:
            painter.setFont(self.title_font)
            painter.setPen(QColor(theme.ACCENT))
            painter.drawText(QRectF(x, y, width, self.line_height), Qt.AlignLeft, self.title)
            y += self.line_height
        painter.setFont(self.font)
        painter.setPen(QColor(theme.TEXT))
        for line in self.lines:
            painter.drawText(QRectF(x, y, width, self.line_height), Qt.AlignLeft, line)
            y += self.line_height


class WalkOverlay:
    """The current step's items on ``canvas``; ``show`` replaces them, ``clear`` removes."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.items: list[QGraphicsItem] = []

    def clear(self) -> None:
        scene = self.canvas.scene()
        for item in self.items:
            if isValid(item) and item.scene() is scene:
                scene.removeItem(item)
        self.items = []

    def show(self, anchor: QPointF, place: str, title: str, lines: list[str],
             connections: list[tuple[int, int, int]],
             neuron_labels: dict, connection_labels: dict) -> None:
        """A callout of ``lines`` at scene point ``anchor`` (``place`` as BoxItem's; one
        "right" of it that would leave the view goes below), ``connections`` (block, i,
        j) lit, and labels keyed (layer, j) or (block, i, j)."""
        self.clear()
        self._light(connections)
        for (layer, j), text in neuron_labels.items():
            self._add(BoxItem([text], LABEL_PX, place="below", border=theme.BORDER),
                      self.canvas.neuron_position(layer, j), 8)
        for (block, i, j), text in connection_labels.items():
            self._add(BoxItem([text], LABEL_PX, place="centre", border=theme.BORDER),
                      self.canvas.connection_midpoint(block, i, j), 8)
        room = self.canvas.viewport().width() - self.canvas.mapFromScene(anchor).x()
        callout = BoxItem(lines, CALLOUT_PX, title, place)
        if place == "right" and callout.boundingRect().right() > room:
            # Not to the left: that is where the lit incoming connections are.
            callout = BoxItem(lines, CALLOUT_PX, title, place="below")
        self._add(callout, anchor, 9)
        self._keep_in_view(callout, anchor)

    def _keep_in_view(self, item: BoxItem, anchor: QPointF) -> None:
        """Shift ``item`` (in pixels) so that it lies inside the viewport if it fits."""
        box = item.boundingRect().translated(QPointF(self.canvas.mapFromScene(anchor)))
        view = QRectF(self.canvas.viewport().rect()).adjusted(8, 8, -8, -8)
        dx = max(view.left() - box.left(), min(0.0, view.right() - box.right()))
        dy = max(view.top() - box.top(), min(0.0, view.bottom() - box.bottom()))
        item.setTransform(QTransform.fromTranslate(dx, dy))

    def _light(self, connections: list[tuple[int, int, int]]) -> None:
        path = QPainterPath()
        for block, i, j in connections:
            line = QLineF(self.canvas.neuron_position(block, i),
                          self.canvas.neuron_position(block + 1, j))
            path.moveTo(line.p1())
            path.lineTo(line.p2())
        item = QGraphicsPathItem(path)
        item.setPen(style.highlight_pen(theme.GLOW_HIGH, 3.5))   # not a weight's colours
        self._add(item, QPointF(0, 0), 1)

    def _add(self, item: QGraphicsItem, pos: QPointF, z: float) -> None:
        item.setPos(pos)
        item.setZValue(z)
        self.canvas.scene().addItem(item)
        self.items.append(item)

    def texts(self) -> list[str]:
        """Every text shown, callout last (for tests and accessibility)."""
        return [item.text for item in self.items if isinstance(item, BoxItem)]
