"""The canvas's scene items: one per block of connections, one per layer of neurons.

Nothing here is one item per neuron or per connection: at 784-16-16-10 that costs
73–102 ms a frame.  Each item keeps its geometry in numpy arrays and paints a frame with
a handful of calls, one per colour bucket.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsItem
from shiboken6 import Shiboken

from nnsim.simulator.i18n import translate

from .. import theme
from . import style
from .geometry import LayerGeometry, nearest_point, segment_distances
from .mapping import TOP_K, draw_runs, format_value, strongest

LINE_BYTES = 4 * 8            # one QLineF: four doubles, the layout of a (m, 4) float64 row
VALUE_LABEL_PX = 11
VALUE_LINE_PX = 14            # a value label's height: the room it needs between neurons
VALUE_PAD_PX = 3              # left and right of a value inside its backing
VALUE_ROOM = 60.0             # scene units beside a layer that its value labels may take
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
        self.drawn_buckets: np.ndarray | None = None   # colour bucket of each drawn line
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
        return translate("ui.canvas.items",
                         "showing the {shown} strongest of {total} connections").format(
            shown=f"{self.capacity:,}", total=f"{self.total:,}")

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
            buckets = theme.weight_buckets(values[shown_index], scale)
            order, runs = draw_runs(buckets)
            self._runs = [(self._pens[b], start, count) for b, start, count in runs]
            shown_index = shown_index[order]
            self.drawn_buckets = buckets[order]
        else:
            self._runs = [(style.plain_connection_pen(), 0, len(shown_index))]
            self.drawn_buckets = None
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
    converging underneath them.  Shown values sit beside a column's neurons (on the
    left of ``values_left`` layers: the output panel is on the right) and on an image's
    pixels.
    """

    def __init__(self, geometry: LayerGeometry, halos: bool, values_left: bool = False):
        super().__init__()
        self.geometry = geometry
        self.halos = halos
        self.values_left = values_left
        self._show_values = False
        self.signed = False    # buckets are signed (gradients), not glow levels
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

    @property
    def show_values(self) -> bool:
        return self._show_values

    @show_values.setter
    def show_values(self, on: bool) -> None:
        """Shown values sit beside the neurons: the item claims their room only then
        (an exported picture frames the network, not empty room for hidden labels)."""
        if on != self._show_values:
            self.prepareGeometryChange()
            room = VALUE_ROOM if on else -VALUE_ROOM
            self._bounds.adjust(-room, 0, room, 0)
            self._show_values = on

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
        self._set_buckets(buckets, values, signed=False)

    def show_signed(self, buckets: np.ndarray, values: np.ndarray) -> None:
        """Weight-coloured buckets (n,) (``theme.weight_buckets``) of signed values (n,)
        such as dE/dz: orange negative, grey zero, blue positive; no halos, no heatmaps."""
        self._set_buckets(buckets, values, signed=True)

    def _set_buckets(self, buckets: np.ndarray, values: np.ndarray | None,
                     signed: bool) -> None:
        changed = self._dot_layout is not None and (
            self._dot_image is None or signed != self.signed
            or not np.array_equal(buckets, self.buckets))
        self.signed = signed
        self.buckets, self.values = buckets, values
        if changed:
            neuron, coverage = self._dot_layout
            lut = np.append(buckets * style.DOT_COVERAGE_LEVELS, 0).astype(np.uint8)
            indices = lut[neuron]
            indices |= coverage
            # Converted once here: an indexed image is converted again at every paint
            # (~1.4 ms a frame for 784 inputs, whose glow never changes while training).
            table = style.dot_table(signed)
            self._dot_image = self._indexed_image(indices, table).convertToFormat(
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
        if self.show_values:
            self._paint_values(painter)

    def _paint_panel(self, painter: QPainter) -> None:
        corner = self.geometry.grid.cell * 0.5
        painter.setPen(style.node_border_pen())
        painter.setBrush(QColor(theme.SURFACE))
        painter.drawRoundedRect(QRectF(*self.geometry.grid.panel), corner, corner)

    def _paint_circles(self, painter: QPainter) -> None:
        r = self.geometry.radius
        buckets = self.buckets.tolist()
        if self.halos and not self.signed:
            halo_r = r * style.HALO_SCALE
            sprites = style.halo_sprites()
            for center, b in zip(self._centers, buckets):
                if sprites[b] is not None:
                    painter.drawImage(QRectF(center.x() - halo_r, center.y() - halo_r,
                                             2 * halo_r, 2 * halo_r), sprites[b])
        painter.setPen(style.node_border_pen())
        brushes = style.signed_brushes() if self.signed else style.glow_brushes()
        for center, b in zip(self._centers, buckets):
            painter.setBrush(brushes[b])
            painter.drawEllipse(center, r, r)
        if self.images is not None and not self.signed:
            self._paint_images(painter)

    def _paint_images(self, painter: QPainter) -> None:
        """Each neuron's heatmap inside it; its glow stays visible as a ring."""
        r = self.geometry.radius * IMAGE_INSET
        for center, image, circle in zip(self._centers, self.images, self._image_clips):
            painter.save()
            painter.setClipPath(circle, Qt.IntersectClip)
            painter.drawImage(QRectF(center.x() - r, center.y() - r, 2 * r, 2 * r), image)
            painter.restore()

    def value_labels(self, transform: QTransform) -> list[tuple[QRectF, str]]:
        """Each neuron's shown value and where it goes in device pixels under
        ``transform`` (item to device); [] when there is no room to read them.

        A column's values sit beside its neurons, outside the selection ring, once the
        neurons are a line of text apart; an image's sit on its pixels once these are as
        wide as the widest value.  A compact layer's dots never have room."""
        g = self.geometry
        if self.values is None or g.compact:
            return []
        scale, several = transform.m22(), len(self._centers) > 1
        if several and g.grid is None and g.spacing * scale < VALUE_LINE_PX:
            return []   # a column without room: no need to format its values
        texts = [format_value(value) for value in self.values.tolist()]
        metrics = QFontMetricsF(style.font(VALUE_LABEL_PX))
        width = max(metrics.horizontalAdvance(text) for text in texts) + 2 * VALUE_PAD_PX
        if several and g.grid is not None and g.spacing * scale < width:
            return []
        ring = g.radius * style.RING_SCALE * scale + 2
        beside = -ring - width if self.values_left else ring
        offset = -width / 2 if g.grid is not None else beside   # an image: on the pixel
        labels = []
        for center, text in zip(self._centers, texts):
            p = transform.map(center)
            labels.append((QRectF(p.x() + offset, p.y() - VALUE_LINE_PX / 2, width,
                                  VALUE_LINE_PX), text))
        return labels

    def _paint_values(self, painter: QPainter) -> None:
        """The value labels in device pixels, so they stay legible at any zoom, each on a
        backing that keeps it readable over lines and glow."""
        labels = self.value_labels(painter.worldTransform())
        if not labels:
            return
        painter.save()
        painter.resetTransform()
        painter.setFont(style.font(VALUE_LABEL_PX))
        backing = QColor(theme.BACKGROUND)
        backing.setAlpha(210)
        for rect, text in labels:
            painter.setPen(Qt.NoPen)
            painter.setBrush(backing)
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(rect, Qt.AlignCenter, text)
        painter.restore()
