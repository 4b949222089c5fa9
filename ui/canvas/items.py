"""The canvas's scene items: one per block of connections, one per layer of neurons.

Nothing here is one item per neuron or per connection: at 784-16-16-10 that costs
73–102 ms a frame.  Each item keeps its geometry in numpy arrays and paints a frame with
a handful of calls, one per colour bucket.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem
from shiboken6 import Shiboken

from .. import theme
from . import style
from .geometry import LayerGeometry, nearest_point, segment_distances
from .mapping import TOP_K, draw_runs, format_value, strongest

LINE_BYTES = 4 * 8            # one QLineF: four doubles, the layout of a (m, 4) float64 row
VALUE_LABEL_PX = 11
MIN_LABEL_GAP_PX = 13         # vertical room between nodes needed to print values
DOT_IMAGE_PX = 448            # resolution of a compact layer's dot image (longest side)
IMAGE_INSET = 0.78            # a neuron's heatmap fills this fraction of its radius
THIN_FULL_OPACITY_LINES = 250  # blocks with more thin lines than this draw them translucent


def _rect(x0: float, y0: float, x1: float, y1: float, margin: float) -> QRectF:
    return QRectF(x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin)


def _circle(center: QPointF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(center, radius, radius)
    return path


class ConnectionsItem(QGraphicsItem):
    """Every existing connection of one block, drawn with one ``drawLines`` per bucket.

    Each frame the lines to draw (the ``TOP_K`` strongest on big blocks) are copied into
    one (m, 4) float64 array sorted by bucket, weakest first; QPainter reads each bucket's
    run in place through PySide's ``drawLines(const QLineF*, int)``.  Measured on 2,000
    lines this beats ``pyqtgraph.functions.arrayToQPath`` + ``drawPath`` (7.8 vs 8.4 ms
    without antialiasing, 12.7 vs 14.7 ms with), and it builds no Python objects per line.
    """

    def __init__(self, segments: np.ndarray, i: np.ndarray, j: np.ndarray, n_targets: int,
                 thick: bool):
        """``segments`` (m, 4), ``i``/``j`` (m,): see ``geometry.connection_segments``;
        ``n_targets`` is the size of the block's target layer; ``thick`` sets line width
        by |w| (small networks only: wide lines are slow)."""
        super().__init__()
        self.segments, self.i, self.j = segments, i, j
        self._flat_index = i * n_targets + j
        self.thick = thick
        self.lines = segments[:0]
        self.drawn_connections = np.empty(0, dtype=np.intp)
        self._runs: list[tuple] = []
        self._bounds = self._bounding(segments)
        self._pens = (style.thick_weight_pens() if thick
                      else style.thin_weight_pens(self.line_opacity))
        self.setFlag(QGraphicsItem.ItemUsesExtendedStyleOption)

    @staticmethod
    def _bounding(segments: np.ndarray) -> QRectF:
        if not len(segments):
            return QRectF()
        xs, ys = segments[:, 0::2], segments[:, 1::2]
        return _rect(xs.min(), ys.min(), xs.max(), ys.max(), style.THICK_MAX)

    @property
    def total(self) -> int:
        return len(self.segments)

    @property
    def line_opacity(self) -> float:
        """Thin lines fade as a block fills up, so a fan of 2,000 is not a solid slab."""
        return float(np.clip(np.sqrt(THIN_FULL_OPACITY_LINES / max(self.capacity, 1)),
                             0.3, 1.0))

    @property
    def capacity(self) -> int:
        """Lines drawn per frame: every connection, or the TOP_K strongest."""
        return min(self.total, TOP_K)

    @property
    def drawn_segments(self) -> int:
        """Lines drawn in the last frame."""
        return len(self.lines)

    @property
    def caption(self) -> str:
        """What the picture leaves out, in words ("" when every connection is drawn)."""
        if self.capacity == self.total:
            return ""
        return f"showing the {self.capacity:,} strongest of {self.total:,} connections"

    def show_weights(self, weights: np.ndarray, colored: bool) -> None:
        """Pick and order this frame's lines from the block's weights (a, b).

        Colour and width are relative to the block's largest |w|: blocks differ by an
        order of magnitude (784 inputs get small weights), and one network-wide scale
        left the input fan grey."""
        values = np.take(weights, self._flat_index)
        if not np.isfinite(values).all():   # a diverging run must not break the picture
            values = np.nan_to_num(values, posinf=np.finfo(float).max,
                                   neginf=-np.finfo(float).max)
        magnitudes = np.abs(values)
        shown_index = strongest(magnitudes, TOP_K)
        if colored:
            # The largest |w| is always among the strongest shown.
            scale = float(magnitudes[shown_index].max()) if len(values) else 1.0
            order, runs = draw_runs(theme.weight_buckets(values[shown_index], scale))
            self._runs = [(self._pens[b], start, count) for b, start, count in runs]
            shown_index = shown_index[order]
        else:
            self._runs = [(style.plain_connection_pen(), 0, len(shown_index))]
        self.drawn_connections = shown_index
        self.lines = np.ascontiguousarray(self.segments[shown_index])
        self.update()

    def connection_at(self, p: tuple[float, float], reach: float) -> tuple[float, int] | None:
        """(distance, index into segments) of the drawn line nearest p within reach."""
        if not self.drawn_segments:
            return None
        distances = segment_distances(self.lines, p)
        best = int(np.argmin(distances))
        if distances[best] > reach:
            return None
        return float(distances[best]), int(self.drawn_connections[best])

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        # Cosmetic lines rasterise 5–20× faster when the painter has a clip rectangle.
        painter.setClipRect(option.exposedRect)
        base = self.lines.ctypes.data
        for pen, start, count in self._runs:
            painter.setPen(pen)
            painter.drawLines(Shiboken.wrapInstance(base + start * LINE_BYTES, QLineF), count)


class NeuronsItem(QGraphicsItem):
    """Every neuron of one layer, filled with its glow bucket.

    Up to ``COLUMN_LIMIT`` neurons are circles with a border (and a soft halo when
    ``halos``); a compact layer is one indexed image of dots, rebuilt per frame with a
    single numpy gather.  Grid-arranged layers sit on a panel that hides the lines
    converging underneath them.
    """

    def __init__(self, geometry: LayerGeometry, halos: bool):
        super().__init__()
        self.geometry = geometry
        self.halos = halos
        self.show_values = False
        self.buckets = np.zeros(len(geometry.positions), dtype=np.intp)
        self.values: np.ndarray | None = None
        self.images: list[QImage] | None = None
        self._centers = [QPointF(x, y) for x, y in geometry.positions.tolist()]
        self._dot_layout = self._dot_pixels() if geometry.compact else None
        self._dot_image: QImage | None = None
        # Heatmaps are clipped to circles; compact layers never show any.
        self._image_clips = [] if geometry.compact else [
            _circle(center, geometry.radius * IMAGE_INSET) for center in self._centers]
        x0, y0, x1, y1 = geometry.bounds
        self._bounds = _rect(x0, y0, x1, y1, geometry.radius * (style.HALO_SCALE - 1) + 4)
        self.show_buckets(self.buckets, None)

    def _dot_pixels(self) -> tuple[np.ndarray, np.ndarray]:
        """Per pixel of the dot image (H, W): the neuron it shows (n in empty cells) and
        the dot's coverage of it, 0..DOT_COVERAGE_LEVELS-1 (antialiased edges)."""
        grid, n = self.geometry.grid, len(self.geometry.positions)
        per_cell = max(4, DOT_IMAGE_PX // max(grid.rows, grid.cols))
        neuron_of_cell = np.full(grid.rows * grid.cols, n, dtype=np.intp)
        neuron_of_cell[grid.cells] = np.arange(n)
        cell = np.add.outer(np.repeat(np.arange(grid.rows) * grid.cols, per_cell),
                            np.repeat(np.arange(grid.cols), per_cell))
        neuron = neuron_of_cell[cell]
        offset = np.arange(per_cell) + 0.5 - per_cell / 2   # pixels from the cell centre
        edge = self.geometry.radius / grid.cell * per_cell - np.hypot(offset[:, None],
                                                                      offset[None, :])
        levels = style.DOT_COVERAGE_LEVELS - 1
        coverage = np.rint(np.clip(edge + 0.5, 0, 1) * levels).astype(np.uint8)
        coverage = np.tile(coverage, (grid.rows, grid.cols))
        coverage[neuron == n] = 0
        return neuron, coverage

    def show_buckets(self, buckets: np.ndarray, values: np.ndarray | None) -> None:
        """This frame's glow bucket (n,) and value (n,) of each neuron (values may be None)."""
        changed = self._dot_layout is not None and (
            self._dot_image is None or not np.array_equal(buckets, self.buckets))
        self.buckets, self.values = buckets, values
        if changed:
            neuron, coverage = self._dot_layout
            lut = np.append(buckets * style.DOT_COVERAGE_LEVELS, 0).astype(np.uint8)
            indices = lut[neuron]
            indices |= coverage
            # Converted once here: an indexed image is converted again at every paint
            # (~1.4 ms a frame for 784 inputs, whose glow never changes while training).
            self._dot_image = self._indexed_image(indices, style.dot_table()).convertToFormat(
                QImage.Format_ARGB32_Premultiplied)
        self.update()

    @staticmethod
    def _indexed_image(indices: np.ndarray, table: list[int]) -> QImage:
        """QImage over (H, W) uint8 colour-table indices (shares their memory)."""
        h, w = indices.shape
        image = QImage(indices.data, w, h, w, QImage.Format_Indexed8)
        image.setColorTable(table)
        image.ndarray = indices  # keep the pixels alive as long as the image
        return image

    def set_images(self, buckets: np.ndarray | None) -> None:
        """Glow buckets (n, H, W) of each neuron's heatmap, or None to clear."""
        if buckets is not None:
            pixels = buckets.astype(np.uint8)
            table = style.glow_table()
            self.images = [self._indexed_image(plane, table) for plane in pixels]
        else:
            self.images = None
        self.update()

    def neuron_at(self, p: tuple[float, float], reach: float) -> int:
        """Index of the neuron under p (within its radius + reach), else -1."""
        return nearest_point(self.geometry.positions, p, self.geometry.radius + reach)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.geometry.grid is not None:
            self._paint_panel(painter)
        if self._dot_image is not None:
            painter.drawImage(QRectF(*self.geometry.grid.rect), self._dot_image)
        else:
            self._paint_circles(painter)
        if self.show_values and self.values is not None and not self.geometry.compact:
            self._paint_values(painter)

    def _paint_panel(self, painter: QPainter) -> None:
        corner = self.geometry.grid.cell * 0.5
        painter.setPen(style.node_border_pen())
        painter.setBrush(QColor(theme.SURFACE))
        painter.drawRoundedRect(QRectF(*self.geometry.grid.panel), corner, corner)

    def _paint_circles(self, painter: QPainter) -> None:
        r = self.geometry.radius
        buckets = self.buckets.tolist()
        if self.halos:
            halo_r = r * style.HALO_SCALE
            sprites = style.halo_sprites()
            for center, b in zip(self._centers, buckets):
                if sprites[b] is not None:
                    painter.drawImage(QRectF(center.x() - halo_r, center.y() - halo_r,
                                             2 * halo_r, 2 * halo_r), sprites[b])
        painter.setPen(style.node_border_pen())
        brushes = style.glow_brushes()
        for center, b in zip(self._centers, buckets):
            painter.setBrush(brushes[b])
            painter.drawEllipse(center, r, r)
        if self.images is not None:
            self._paint_images(painter)

    def _paint_images(self, painter: QPainter) -> None:
        """Each neuron's heatmap inside it; its glow stays visible as a ring."""
        r = self.geometry.radius * IMAGE_INSET
        for center, image, circle in zip(self._centers, self.images, self._image_clips):
            painter.save()
            painter.setClipPath(circle, Qt.IntersectClip)
            painter.drawImage(QRectF(center.x() - r, center.y() - r, 2 * r, 2 * r), image)
            painter.restore()

    def _paint_values(self, painter: QPainter) -> None:
        """Each value under its node, in device pixels so it stays legible at any zoom."""
        transform = painter.worldTransform()
        scale = transform.m22()
        g = self.geometry
        room = (g.spacing - g.radius * (1 + style.RING_SCALE)) * scale
        if room < MIN_LABEL_GAP_PX and len(self._centers) > 1:
            return
        painter.save()
        painter.resetTransform()
        painter.setFont(style.font(VALUE_LABEL_PX))
        painter.setPen(QColor(theme.MUTED))
        for center, value in zip(self._centers, self.values.tolist()):
            # below where a selection ring would be, so the ring never covers the value
            p = transform.map(QPointF(center.x(), center.y() + g.radius * style.RING_SCALE))
            painter.drawText(QRectF(p.x() - 40, p.y() + 1, 80, MIN_LABEL_GAP_PX),
                             Qt.AlignHCenter | Qt.AlignTop, format_value(value))
        painter.restore()


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
