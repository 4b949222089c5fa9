"""NetworkCanvas: the network picture — neurons that glow, connections coloured by weight.

The view owns interaction (hover, click, zoom, pan) and turns numbers into buckets; the
items in ``items`` only paint.  Hit-testing is numpy over the drawn geometry, not Qt's
item lookup, because connections are not items.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QToolTip

from simulator.network import Network

from .. import theme
from .geometry import LayerGeometry, connection_segments, layout_network
from .items import ConnectionsItem, HighlightItem, LabelItem, NeuronsItem
from .legend import Legend
from .mapping import LayerGlow, format_value

THICK_LIMIT = 300        # connections up to which line width shows |w|
ANTIALIAS_LIMIT = 2_000  # drawn lines up to which antialiasing stays affordable
HALO_LIMIT = 16          # neurons per column up to which bright nodes get a soft halo
HIT_PX = 5               # how close (pixels) a click must be to a line or node
CLICK_SLOP_PX = 3        # a press that moves further is a drag (pan), not a click
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.3, 12.0   # relative to the fitted scale
FIT_PAD_PX = 16
MAX_FIT_SCALE = 1.6              # a tiny network is not blown up to cartoon size
HEADER_PX, CAPTION_PX = 30, 24   # room for layer headers above and captions below
SIDE_PX = 80                     # room left and right for headers wider than a column
LABEL_GAP = 14                   # scene units between nodes and their headers/captions


class NeuronRef(NamedTuple):
    layer: int
    neuron: int


class ConnectionRef(NamedTuple):
    block: int
    i: int
    j: int


class _Pan(NamedTuple):
    button: Qt.MouseButton
    start: QPointF
    last: QPointF

    @property
    def moved(self) -> bool:
        """Dragged far enough to be a pan rather than a click."""
        return (self.last - self.start).manhattanLength() > CLICK_SLOP_PX


class NetworkCanvas(QGraphicsView):
    """The network drawn as layered columns; see the module docstring of ``ui.canvas``."""

    neuronClicked = Signal(int, int)
    connectionClicked = Signal(int, int, int)
    selectionCleared = Signal()
    painted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.NoIndex)  # a dozen items, all repainted
        self.setScene(scene)
        self.setBackgroundBrush(QColor(theme.BACKGROUND))
        self.setCacheMode(QGraphicsView.CacheBackground)
        self.setViewportUpdateMode(QGraphicsView.FullViewportUpdate)
        self.setFrameShape(QGraphicsView.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setRenderHint(QPainter.SmoothPixmapTransform)
        self.setMouseTracking(True)
        self.viewport().grabGesture(Qt.PinchGesture)
        self.net: Network | None = None
        self.layers: list[NeuronsItem] = []
        self.blocks: list[ConnectionsItem] = []
        self.legend = Legend()
        self._glows: list[LayerGlow] = []
        self._weights: list[np.ndarray] = []
        self._activations: list[np.ndarray] | None = None
        self._show_weights = True
        self._show_values = False
        self._selection: NeuronRef | ConnectionRef | None = None
        self._hover: NeuronRef | ConnectionRef | None = None
        self._content = QRectF()
        self._fit_scale = 1.0
        self._auto_fit = True
        self._pan: _Pan | None = None
        self._selection_item = self._hover_item = None

    # ------------------------------------------------------------------ building
    def set_network(self, net: Network) -> None:
        """Rebuild the picture from ``net``'s structure and show its current weights."""
        self.net = net
        self.scene().clear()
        geometry = layout_network(net.sizes, net.layout)
        self._build_layers(net, geometry)
        self._build_blocks(net, geometry)
        self._add_labels(net, geometry)
        self._hover_item = self._add(HighlightItem(theme.TEXT, 1.2), z=3)
        self._selection_item = self._add(HighlightItem(theme.ACCENT, 2.4), z=4)
        self._hover = None
        self._restore_selection()
        self._content = _nodes_rect(geometry)
        margin = max(self._content.width(), self._content.height(), 500.0) * 3
        self.setSceneRect(self._content.adjusted(-margin, -margin, margin, margin))
        self.show_state(net.weights, None)
        if self._auto_fit:
            self.fit_to_view()

    def _build_layers(self, net: Network, geometry: list[LayerGeometry]) -> None:
        self.layers = []
        for g in geometry:
            halos = len(g.positions) <= HALO_LIMIT and g.grid is None
            self.layers.append(self._add(NeuronsItem(g, halos), z=2))
            self.layers[-1].show_values = self._show_values
        groups = [_glow_groups(net, layer) for layer in range(net.n_layers)]
        self._glows = [LayerGlow(g, layer == 0) for layer, g in enumerate(groups)]
        # Heatmaps are whole pictures: their own peak closes open ranges, no memory.
        self._image_glows = [LayerGlow(g, layer == 0, decay=0.0)
                             for layer, g in enumerate(groups)]

    def _build_blocks(self, net: Network, geometry: list[LayerGeometry]) -> None:
        thick = net.n_connections <= THICK_LIMIT
        self.blocks = []
        for k, mask in enumerate(net.masks):
            segments, i, j = connection_segments(geometry[k], geometry[k + 1], mask)
            item = ConnectionsItem(segments, i, j, mask.shape[1], thick)
            self.blocks.append(self._add(item, z=0))
        drawn = sum(b.capacity for b in self.blocks)
        compact = any(g.compact for g in geometry)
        self.setRenderHint(QPainter.Antialiasing, drawn <= ANTIALIAS_LIMIT and not compact)

    def _add(self, item, z: float):
        item.setZValue(z)
        self.scene().addItem(item)
        return item

    def _add_labels(self, net: Network, geometry: list[LayerGeometry]) -> None:
        """Layer headers above the columns, "showing K of N" captions below the blocks."""
        nodes = _nodes_rect(geometry)
        top, bottom = nodes.top() - LABEL_GAP, nodes.bottom() + LABEL_GAP
        for layer, g in enumerate(geometry):
            center_x = (g.bounds[0] + g.bounds[2]) / 2
            self._add(LabelItem(_header(net, layer), 13, above=True, bold_first=True),
                      z=5).setPos(center_x, top)
        for k, block in enumerate(self.blocks):
            if block.caption:
                center_x = (geometry[k].bounds[2] + geometry[k + 1].bounds[0]) / 2
                self._add(LabelItem([[(block.caption, theme.MUTED)]], 11, above=False),
                          z=5).setPos(center_x, bottom)

    # ------------------------------------------------------------------ state
    def show_state(self, weights: list[np.ndarray],
                   activations: list[np.ndarray] | None) -> None:
        """Recolour for new weights (sizes[k], sizes[k+1]) per block and activations
        (sizes[l],) per layer (None: neurons at rest).  Runs every frame of training."""
        if self.net is None:
            return
        self._weights, self._activations = weights, activations
        for block, w in zip(self.blocks, weights):
            block.show_weights(w, self._show_weights)
        for layer, (item, glow) in enumerate(zip(self.layers, self._glows)):
            if activations is None:
                item.show_buckets(np.zeros(self.net.sizes[layer], dtype=np.intp), None)
            else:
                values = np.asarray(activations[layer])
                item.show_buckets(glow.buckets(values), values)
        self.legend.set_content(self._show_weights, self.blocks[0].thick)

    def set_neuron_images(self, images: list[np.ndarray | None] | None) -> None:
        """Per layer, (sizes[l], H, W) values in each neuron's activation range: what the
        neuron does over the 2-D input plane, row 0 at the top (largest y), column 0 at
        the left (smallest x).  Drawn inside the nodes of networks with two inputs (not
        in compact layers), coloured like the node's glow; None clears."""
        for layer, item in enumerate(self.layers):
            stack = None if images is None or self.net.sizes[0] != 2 else images[layer]
            if stack is None or item.geometry.compact:
                item.set_images(None)
            else:
                item.set_images(self._image_glows[layer].buckets(np.asarray(stack)))

    # ------------------------------------------------------------------ display options
    @property
    def show_weights(self) -> bool:
        """Colour and thickness by weight; off draws the connections plain."""
        return self._show_weights

    @show_weights.setter
    def show_weights(self, on: bool) -> None:
        self._show_weights = bool(on)
        if self.net is not None:
            self.show_state(self._weights, self._activations)

    @property
    def show_values(self) -> bool:
        """Print each neuron's activation under it (where there is room)."""
        return self._show_values

    @show_values.setter
    def show_values(self, on: bool) -> None:
        self._show_values = bool(on)
        for item in self.layers:
            item.show_values = self._show_values
            item.update()

    # ------------------------------------------------------------------ geometry queries
    def neuron_position(self, layer: int, neuron: int) -> QPointF:
        """Centre of a neuron in scene coordinates."""
        x, y = self.layers[layer].geometry.positions[neuron]
        return QPointF(float(x), float(y))

    def connection_midpoint(self, block: int, i: int, j: int) -> QPointF:
        """Halfway between a connection's two neurons, in scene coordinates."""
        return (self.neuron_position(block, i) + self.neuron_position(block + 1, j)) / 2

    # ------------------------------------------------------------------ selection
    @property
    def selection(self) -> NeuronRef | ConnectionRef | None:
        return self._selection

    def select_neuron(self, layer: int, neuron: int) -> None:
        """Highlight a neuron (no signal: the caller already knows)."""
        self._select(NeuronRef(layer, neuron))

    def select_connection(self, block: int, i: int, j: int) -> None:
        self._select(ConnectionRef(block, i, j))

    def clear_selection(self) -> None:
        self._select(None)

    def _select(self, target: NeuronRef | ConnectionRef | None) -> None:
        self._selection = target
        self._highlight(self._selection_item, target)

    def _restore_selection(self) -> None:
        """Keep the selection across a rebuild if it still exists."""
        if not self._exists(self._selection):
            self._selection = None
        self._select(self._selection)

    def _exists(self, target) -> bool:
        sizes = self.net.sizes
        if isinstance(target, NeuronRef):
            return target.layer < len(sizes) and target.neuron < sizes[target.layer]
        if isinstance(target, ConnectionRef):
            masks = self.net.masks
            return (target.block < len(masks) and target.i < masks[target.block].shape[0]
                    and target.j < masks[target.block].shape[1]
                    and bool(masks[target.block][target.i, target.j]))
        return False

    def _highlight(self, item: HighlightItem | None, target) -> None:
        if item is None:
            return
        if isinstance(target, NeuronRef):
            item.mark([self._ring(*target)])
        elif isinstance(target, ConnectionRef):
            item.mark([self._ring(target.block, target.i),
                       self._ring(target.block + 1, target.j)], connect=True)
        else:
            item.clear()

    def _ring(self, layer: int, neuron: int) -> tuple[QPointF, float]:
        return self.neuron_position(layer, neuron), self.layers[layer].geometry.radius

    # ------------------------------------------------------------------ hit testing
    def target_at(self, view_pos: QPoint) -> NeuronRef | ConnectionRef | None:
        """The neuron, else the drawn connection, under a viewport position."""
        p = self.mapToScene(view_pos)
        point, reach = (p.x(), p.y()), HIT_PX / self.transform().m11()
        for layer, item in enumerate(self.layers):
            neuron = item.neuron_at(point, reach)
            if neuron >= 0:
                return NeuronRef(layer, neuron)
        hits = [(hit, k) for k, block in enumerate(self.blocks)
                if block.boundingRect().contains(p)
                and (hit := block.connection_at(point, reach)) is not None]
        if not hits:
            return None
        (_, index), k = min(hits)
        return ConnectionRef(k, int(self.blocks[k].i[index]), int(self.blocks[k].j[index]))

    def describe(self, target: NeuronRef | ConnectionRef) -> str:
        """Tooltip text: a neuron's name, activation and value; a connection's weight."""
        names = self.net.names
        if isinstance(target, ConnectionRef):
            w = float(self._weights[target.block][target.i, target.j])
            return (f"w = {w:.4f} from {names[target.block][target.i]} "
                    f"to {names[target.block + 1][target.j]}").replace("-", "−")
        layer, j = target
        kind = "input" if layer == 0 else self.net.activation_of(layer, j).label
        value = ("—" if self._activations is None
                 else format_value(float(self._activations[layer][j])))
        return f"{names[layer][j]} · {_layer_name(self.net, layer)} · {kind}\na = {value}"

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event) -> None:
        button = event.button()
        if button == Qt.LeftButton and (target := self.target_at(event.position().toPoint())):
            self._select(target)
            if isinstance(target, NeuronRef):
                self.neuronClicked.emit(*target)
            else:
                self.connectionClicked.emit(*target)
        elif button in (Qt.LeftButton, Qt.MiddleButton):
            self._pan = _Pan(button, event.position(), event.position())
            self.viewport().setCursor(Qt.ClosedHandCursor)
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan is None:
            self._hover_at(event.position().toPoint(), event.globalPosition().toPoint())
            return
        delta = event.position() - self._pan.last
        self._pan = self._pan._replace(last=event.position())
        self._auto_fit = False
        for bar, step in ((self.horizontalScrollBar(), delta.x()),
                          (self.verticalScrollBar(), delta.y())):
            bar.setValue(bar.value() - round(step))

    def mouseReleaseEvent(self, event) -> None:
        if self._pan is None or event.button() != self._pan.button:
            super().mouseReleaseEvent(event)
            return
        pan, self._pan = self._pan, None
        self.viewport().unsetCursor()
        if pan.button == Qt.LeftButton and not pan.moved:
            self.clear_selection()
            self.selectionCleared.emit()

    def _hover_at(self, pos: QPoint, global_pos: QPoint) -> None:
        target = self.target_at(pos) if self.net is not None else None
        if target != self._hover:
            self._hover = target
            self._highlight(self._hover_item, target)
            self.viewport().setCursor(Qt.PointingHandCursor if target else Qt.ArrowCursor)
        if target is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(global_pos, self.describe(target), self.viewport())

    def leaveEvent(self, event) -> None:
        self._hover = None
        self._highlight(self._hover_item, None)
        super().leaveEvent(event)

    # ------------------------------------------------------------------ zoom
    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def _zoom_by(self, factor: float) -> None:
        """Scale about the mouse (the view's centre when the mouse is elsewhere),
        within MIN_ZOOM..MAX_ZOOM of the fitted scale."""
        current = self.transform().m11()
        target = np.clip(current * factor, MIN_ZOOM * self._fit_scale,
                         MAX_ZOOM * self._fit_scale)
        if target != current:
            self._auto_fit = False
            self.scale(target / current, target / current)

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self._zoom_by(1.2 ** steps)
        event.accept()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Gesture:
            pinch = event.gesture(Qt.PinchGesture)
            if pinch is not None:
                self._zoom_by(pinch.scaleFactor())
                return True
        if event.type() == QEvent.NativeGesture and \
                event.gestureType() == Qt.ZoomNativeGesture:
            self._zoom_by(1.0 + event.value())
            return True
        return super().viewportEvent(event)

    def fit_to_view(self) -> None:
        """Show the whole network, clear of the legend; refit on resize until the user
        zooms or pans."""
        self._auto_fit = True
        if self._content.isEmpty():
            return
        scale, target = self._fit()
        self._fit_scale = scale
        self.setTransform(QTransform.fromScale(scale, scale))
        center = QPointF(self.viewport().width() / 2, self.viewport().height() / 2)
        self.centerOn(self._content.center() - (target - center) / scale)

    def _fit(self) -> tuple[float, QPointF]:
        """Largest scale that fits the content beside or below the legend, and the
        viewport point the content's centre goes to."""
        width, height = self.viewport().width(), self.viewport().height()
        legend = self.legend.size()
        best = (0.0, QPointF())
        for left, top in ((legend.width(), 0), (0, legend.height())):
            room_w = width - left - 2 * (FIT_PAD_PX + SIDE_PX)
            room_h = height - top - HEADER_PX - CAPTION_PX - 2 * FIT_PAD_PX
            scale = min(room_w / self._content.width(), room_h / self._content.height(),
                        MAX_FIT_SCALE)
            center = QPointF(left + FIT_PAD_PX + SIDE_PX + room_w / 2,
                             top + FIT_PAD_PX + HEADER_PX + room_h / 2)
            best = max(best, (scale, center), key=lambda pair: pair[0])
        return max(best[0], 1e-3), best[1]

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit_to_view()

    # ------------------------------------------------------------------ painting
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        self.legend.paint(painter, self.viewport().devicePixelRatioF())
        painter.restore()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()


def _nodes_rect(geometry: list[LayerGeometry]) -> QRectF:
    """Scene rectangle enclosing every node and panel."""
    bounds = np.array([g.bounds for g in geometry])
    x0, y0 = bounds[:, :2].min(axis=0)
    x1, y1 = bounds[:, 2:].max(axis=0)
    return QRectF(x0, y0, x1 - x0, y1 - y0)


def _glow_groups(net: Network, layer: int) -> list[tuple[tuple, np.ndarray]]:
    """Neurons of a layer grouped by activation range (overrides can differ)."""
    by_range: dict[tuple, list[int]] = {}
    for j in range(net.sizes[layer]):
        by_range.setdefault(net.activation_of(layer, j).value_range, []).append(j)
    return [(value_range, np.asarray(index)) for value_range, index in by_range.items()]


def _layer_name(net: Network, layer: int) -> str:
    if layer == 0:
        return "Input"
    return "Output" if layer == net.n_layers - 1 else f"Hidden {layer}"


def _activation_word(label: str) -> str:
    """"Tanh" → "tanh" inside a sentence; acronyms (ReLU, SiLU) keep their capitals."""
    first_word = label.split()[0]
    return label if first_word[1:] != first_word[1:].lower() else label[0].lower() + label[1:]


def _header(net: Network, layer: int) -> list[list[tuple[str, str]]]:
    """Two lines, "Hidden 1" over "4 · tanh", so neighbouring headers never collide;
    notes per-neuron overrides."""
    detail = f"{net.sizes[layer]:,}"
    if layer > 0:
        detail += f" · {_activation_word(net.activation_of(layer).label)}"
        overridden = len(net.overrides[layer - 1])
        if overridden:
            detail += f" (+{overridden} overridden)"
    return [[(_layer_name(net, layer), theme.TEXT)], [(detail, theme.MUTED)]]
