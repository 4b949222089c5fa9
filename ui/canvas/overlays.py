"""The canvas's overlay items, drawn over the network: layer headers and captions, the
hover and selection highlights, a drag's guide and the sentence beside the cursor.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from .. import theme
from . import style


class LabelItem(QGraphicsItem):
    """Lines of text that keep their pixel size at every zoom, centred on the position.

    ``lines`` are lists of (text, colour) runs; the first run of the first line may be
    bold.  ``above`` puts the text's bottom at the position (column headers), otherwise
    its top (captions)."""

    def __init__(self, lines: list[list[tuple[str, str]]], pixel_size: int, above: bool,
                 bold_first: bool = False):
        super().__init__()
        self.lines = lines
        regular, bold = style.font(pixel_size, False), style.font(pixel_size, bold_first)
        self.fonts = [[bold if (r, k) == (0, 0) else regular for k in range(len(line))]
                      for r, line in enumerate(lines)]
        self._widths = [[QFontMetricsF(f).horizontalAdvance(t) for f, (t, _) in zip(fs, line)]
                        for fs, line in zip(self.fonts, lines)]
        self._line_height = QFontMetricsF(regular).height()
        width = max(sum(w) for w in self._widths)
        height = self._line_height * len(lines)
        self._rect = QRectF(-width / 2, -height if above else 0.0, width, height)
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations)

    @property
    def text(self) -> str:
        return "\n".join("".join(t for t, _ in line) for line in self.lines)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        y = self._rect.top()
        for line, fonts, widths in zip(self.lines, self.fonts, self._widths):
            x = -sum(widths) / 2
            for (text, color), f, width in zip(line, fonts, widths):
                painter.setFont(f)
                painter.setPen(QColor(color))
                painter.drawText(QRectF(x, y, width + 1, self._line_height),
                                 Qt.AlignLeft | Qt.AlignVCenter, text)
                x += width
            y += self._line_height


class HighlightItem(QGraphicsItem):
    """Rings around neurons, lines between pairs of them and boxes around whole layers
    (the selected or hovered neurons, connections and layers).  Lines run ring to ring
    on a dark casing, so they stand out over blue and orange lines alike."""

    def __init__(self, color: str, width: float):
        super().__init__()
        self.pen = style.highlight_pen(color, width)
        self.casing = style.highlight_pen(theme.BACKGROUND, width + 3)
        self.rings: list[tuple[QPointF, float]] = []
        self.lines: list[QLineF] = []
        self.boxes: list[QRectF] = []
        self._bounds = QRectF()

    def mark(self, rings: list[tuple[QPointF, float]],
             links: list[tuple[tuple[QPointF, float], tuple[QPointF, float]]] = (),
             boxes: list[QRectF] = ()) -> None:
        """``rings``: (centre, node radius) of each neuron to circle; ``links``: pairs of
        those to join with a line (each end also gets a ring); ``boxes``: layer outlines."""
        self.prepareGeometryChange()
        ends = [end for pair in links for end in pair]
        self.rings = [(center, r * style.RING_SCALE) for center, r in [*rings, *ends]]
        self.lines = [self._ring_to_ring(*[(c, r * style.RING_SCALE) for c, r in pair])
                      for pair in links]
        self.boxes = list(boxes)
        self._bounds = QRectF()
        for center, r in self.rings:
            self._bounds |= QRectF(center.x() - r, center.y() - r, 2 * r, 2 * r)
        for line in self.lines:
            self._bounds |= QRectF(line.p1(), line.p2()).normalized()
        for box in self.boxes:
            self._bounds |= box
        self._bounds.adjust(-8, -8, 8, 8)   # pen widths are in pixels; this covers zoom ≥ 1
        self.update()

    @staticmethod
    def _ring_to_ring(a: tuple[QPointF, float], b: tuple[QPointF, float]) -> QLineF:
        line = QLineF(a[0], b[0])
        length = max(line.length(), 1e-9)
        return QLineF(line.pointAt(min(a[1] / length, 0.5)),
                      line.pointAt(max(1 - b[1] / length, 0.5)))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setBrush(Qt.NoBrush)
        painter.setPen(self.casing)
        painter.drawLines(self.lines)
        painter.setPen(self.pen)
        painter.drawLines(self.lines)
        for center, r in self.rings:
            painter.drawEllipse(center, r, r)
        for box in self.boxes:
            painter.drawRoundedRect(box, 8, 8)


class GuideItem(QGraphicsItem):
    """What a drag would do: a highlighted layer column, a ghost neuron in the slot a
    neuron would take, a vertical line where a new layer would go, a rubber line from a
    dragged neuron to the cursor.  Accent colour where the drop is allowed, the error
    colour where not."""

    def __init__(self):
        super().__init__()
        self.column: QRectF | None = None
        self.slot: tuple[QPointF, float] | None = None
        self.insertion: QLineF | None = None
        self.rubber: QLineF | None = None
        self.allowed = True
        self._bounds = QRectF()

    def show_guide(self, allowed: bool, column: QRectF | None = None,
                   slot: tuple[QPointF, float] | None = None,
                   insertion: QLineF | None = None, rubber: QLineF | None = None) -> None:
        """``slot``: (centre, radius) of the ghost neuron."""
        self.prepareGeometryChange()
        self.allowed, self.column, self.slot = allowed, column, slot
        self.insertion, self.rubber = insertion, rubber
        self._bounds = QRectF()
        for rect in self._parts():
            self._bounds |= rect
        self._bounds.adjust(-12, -12, 12, 12)
        self.update()

    def clear(self) -> None:
        self.show_guide(True)

    @property
    def empty(self) -> bool:
        return not any((self.column, self.slot, self.insertion, self.rubber))

    def _parts(self) -> list[QRectF]:
        parts = [self.column] if self.column is not None else []
        if self.slot is not None:
            center, r = self.slot
            parts.append(QRectF(center.x() - 2 * r, center.y() - r, 4 * r, 2 * r))
        for line in (self.insertion, self.rubber):
            if line is not None:
                parts.append(QRectF(line.p1(), line.p2()).normalized())
        return parts

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        color = QColor(theme.ACCENT if self.allowed else theme.ERROR)
        if self.column is not None:
            painter.setPen(style.guide_pen(color, 1.2, alpha=0.7))
            painter.setBrush(style.translucent(color, 0.08))
            painter.drawRoundedRect(self.column, 10, 10)
        if self.insertion is not None:
            self._paint_insertion(painter, color)
        if self.slot is not None:
            self._paint_slot(painter, color)
        if self.rubber is not None:
            painter.setPen(style.guide_pen(color, 2.0, dashed=True, round_cap=True))
            painter.drawLine(self.rubber)

    def _paint_slot(self, painter: QPainter, color: QColor) -> None:
        """A bar across the column where the neuron goes in, with a small ghost of it
        (small, because the slot lies between two neighbours a spacing apart)."""
        center, r = self.slot
        painter.setPen(style.guide_pen(color, 2.5, round_cap=True))
        painter.drawLine(QLineF(center.x() - 1.6 * r, center.y(), center.x() - 0.8 * r, center.y()))
        painter.drawLine(QLineF(center.x() + 0.8 * r, center.y(), center.x() + 1.6 * r, center.y()))
        painter.setPen(style.guide_pen(color, 1.5))
        painter.setBrush(style.translucent(color, 0.35))
        painter.drawEllipse(center, 0.55 * r, 0.55 * r)

    def _paint_insertion(self, painter: QPainter, color: QColor) -> None:
        """A bold line with a dot at each end, the dots a fixed pixel size."""
        painter.setPen(style.guide_pen(color, 3.0, round_cap=True))
        painter.drawLine(self.insertion)
        dot = 4.0 / painter.worldTransform().m11()
        painter.setBrush(color)
        for end in (self.insertion.p1(), self.insertion.p2()):
            painter.drawEllipse(end, dot, dot)


class TagItem(QGraphicsItem):
    """A short sentence in a pill beside the cursor (what a drag would do), at a fixed
    pixel size."""

    OFFSET = QPointF(16, 14)   # pixels from the cursor, clear of the pointer
    PAD_X, PAD_Y, PX = 9, 5, 12

    def __init__(self):
        super().__init__()
        self.text = ""
        self.allowed = True
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations)

    def set_text(self, text: str, allowed: bool, room: float) -> None:
        """``room``: pixels between the cursor and the view's right edge; a pill wider
        than that goes to the cursor's left."""
        self.prepareGeometryChange()
        self.text, self.allowed = text, allowed
        metrics = QFontMetricsF(style.font(self.PX))
        size = QPointF(metrics.horizontalAdvance(text) + 2 * self.PAD_X,
                       metrics.height() + 2 * self.PAD_Y)
        self._rect = QRectF(self.OFFSET, self.OFFSET + size)
        if self.OFFSET.x() + size.x() > room:
            self._rect.moveRight(-self.OFFSET.x() / 2)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        color = QColor(theme.ACCENT if self.allowed else theme.ERROR)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(style.guide_pen(color, 1.0))
        painter.setBrush(QColor(theme.SURFACE_RAISED))
        radius = self._rect.height() / 2
        painter.drawRoundedRect(self._rect, radius, radius)
        painter.setFont(style.font(self.PX))
        painter.setPen(QColor(theme.TEXT if self.allowed else theme.ERROR))
        painter.drawText(self._rect, Qt.AlignCenter, self.text)
