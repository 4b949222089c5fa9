"""NetworkCanvas: the network picture — neurons that glow, connections coloured by weight.

The view builds the picture, keeps the selection, hit-tests and turns numbers into
buckets; the items in ``items`` and ``overlays`` only paint.  Hit-testing is numpy over
the drawn geometry, not Qt's item lookup, because connections are not items.  The
gestures (mouse, keys, drag and drop) are in ``interaction``, zoom and fit in ``zoom``;
both are mixed into the view.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.network import Network, layer_name

from .. import theme
from ..plaintext import name
from . import style
from .drop import Column, Preview
from .geometry import COLUMN_MARGIN, LayerGeometry, connection_segments, layout_network
from .gradients import CanvasGradients
from .interaction import CanvasInteraction, Drag
from .items import ConnectionsItem, NeuronsItem
from .legend import Legend
from .mapping import LayerGlow, format_value
from .outputs import CanvasOutputs
from .overlays import GuideItem, HighlightItem, LabelItem, TagItem
from .targets import ConnectionRef, LayerRef, NeuronRef
from .zoom import CanvasZoom

THICK_LIMIT = 300        # connections up to which line width shows |w|
ANTIALIAS_LIMIT = 2_000  # drawn lines up to which antialiasing stays affordable
HALO_LIMIT = 16          # neurons per column up to which bright nodes get a soft halo
HIT_PX = 5               # how close (pixels) a click must be to a line or node
LABEL_GAP = 14           # scene units between nodes and their headers/captions
EMPTY_HINT = QT_TRANSLATE_NOOP("ui.canvas.view", "Drag an input layer here from the palette to "
                                                 "start")
EMPTY_SCENE = QRectF(-500, -400, 1000, 800)


class NetworkCanvas(CanvasInteraction, CanvasZoom, CanvasOutputs, CanvasGradients,
                    QGraphicsView):
    """The network drawn as layered columns; see the module docstring of ``ui.canvas``."""

    neuronClicked = Signal(int, int)
    connectionClicked = Signal(int, int, int)
    selectionCleared = Signal()
    selectionChanged = Signal()
    hoverChanged = Signal(object)                # NeuronRef/ConnectionRef/LayerRef/None
    painted = Signal()
    dropRequested = Signal(object)               # DropRequest
    dropRefused = Signal(str)                    # a malformed palette item, and why
    fileDropped = Signal(str)
    connectionRequested = Signal(int, int, int)  # block, i (left layer), j (right layer)
    moveRequested = Signal(int, int, int)        # layer, source, target
    deleteRequested = Signal()
    renameRequested = Signal(int, int)           # layer, neuron
    layerEditRequested = Signal(int)
    contextMenuRequested = Signal(object, QPoint)  # NeuronRef/ConnectionRef/LayerRef/None

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
        self.setTransformationAnchor(QGraphicsView.NoAnchor)   # zoom.py anchors
        self.setRenderHint(QPainter.SmoothPixmapTransform)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.viewport().grabGesture(Qt.PinchGesture)
        self.net: Network | None = None
        self.layers: list[NeuronsItem] = []
        self.blocks: list[ConnectionsItem] = []
        self.headers: list[LabelItem] = []
        self.legend = Legend()
        self._glows: list[LayerGlow] = []
        self._weights: list[np.ndarray] = []
        self._activations: list[np.ndarray] | None = None
        self._show_weights = True
        self._show_values = False
        self._thick = False
        self._selected: list[NeuronRef | ConnectionRef | LayerRef] = []
        self._hover: NeuronRef | ConnectionRef | LayerRef | None = None
        self._content = QRectF()
        self._fit_scale = 1.0
        self._auto_fit = True
        self._drag: Drag | None = None
        self._space_held = False
        self._preview: Preview | None = None
        self._selection_item = self._hover_item = None
        self._build_view_switch()
        self.set_network(None)

    # ------------------------------------------------------------------ building
    def set_network(self, net: Network | None) -> None:
        """Rebuild the picture from ``net``'s structure and show its current weights;
        None shows an empty canvas that asks for an input layer.  The selection keeps
        whatever still exists."""
        self.net = net
        self.output_panel = None   # cleared with the scene
        self.scene().clear()
        self.layers, self.blocks, self.headers = [], [], []
        self._hover = None
        self._build_health()
        if net is None:
            self._build_empty()
        else:
            self._build(net)
        self._build_output_panel(self.layers[-1].geometry if len(self.layers) > 1 else None)
        self._hover_item = self._add(HighlightItem(theme.TEXT, 1.2), z=3)
        self._selection_item = self._add(HighlightItem(theme.ACCENT, 2.4), z=4)
        self.guide = self._add(GuideItem(), z=6)
        self.tag = self._add(TagItem(), z=7)
        self.tag.hide()
        self._preview = None
        self._restore_selection()

    def _build(self, net: Network) -> None:
        geometry = layout_network(net.sizes, net.layout)
        self._build_layers(net, geometry)
        self._build_blocks(net, geometry)
        self._add_labels(net, geometry)
        self._update_legend()
        self._content = _nodes_rect(geometry)
        margin = max(self._content.width(), self._content.height(), 500.0) * 3
        self.setSceneRect(self._content.adjusted(-margin, -margin, margin, margin))
        self.show_state(net.weights, None)
        if self._auto_fit:
            self.fit_to_view()

    def _build_empty(self) -> None:
        self._content = QRectF()
        self.legend.clear()
        self.setSceneRect(EMPTY_SCENE)
        self.setTransform(QTransform())
        self.centerOn(0, 0)

    def _build_layers(self, net: Network, geometry: list[LayerGeometry]) -> None:
        last = len(geometry) - 1
        for layer, g in enumerate(geometry):
            halos = len(g.positions) <= HALO_LIMIT and g.grid is None
            outputs = layer == last and last > 0   # the output panel is on their right
            self.layers.append(self._add(NeuronsItem(g, halos, values_left=outputs), z=2))
            self.layers[-1].show_values = self._show_values
        groups = [_glow_groups(net, layer) for layer in range(net.n_layers)]
        self._glows = [LayerGlow(g, layer == 0) for layer, g in enumerate(groups)]
        # Heatmaps are whole pictures: their own peak closes open ranges, no memory.
        self._image_glows = [LayerGlow(g, layer == 0, decay=0.0)
                             for layer, g in enumerate(groups)]

    def _build_blocks(self, net: Network, geometry: list[LayerGeometry]) -> None:
        self._thick = net.n_connections <= THICK_LIMIT
        for k, mask in enumerate(net.masks):
            segments, i, j = connection_segments(geometry[k], geometry[k + 1], mask)
            item = ConnectionsItem(segments, i, j, mask.shape[1], self._thick)
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
            header = LabelItem(_header(net, layer), 13, above=True, bold_first=True)
            self.headers.append(self._add(header, z=5))
            header.setPos(center_x, top)
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
        by_gradient = self._paint_gradients()
        for block, w in zip(self.blocks, [] if by_gradient else weights):
            block.show_weights(w, self._show_weights and not self._gradient_view)
        for layer, (item, glow) in enumerate(zip(self.layers, self._glows)):
            if by_gradient and layer > 0:
                continue
            if activations is None:
                item.show_buckets(np.zeros(self.net.sizes[layer], dtype=np.intp), None)
            else:
                values = np.asarray(activations[layer])
                item.show_buckets(glow.buckets(values), values)

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
            self._update_legend()
            self.show_state(self._weights, self._activations)

    @property
    def show_values(self) -> bool:
        """Print each neuron's activation beside it (where there is room to read it:
        see ``NeuronsItem.value_labels``)."""
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
    def selected(self) -> list[NeuronRef | ConnectionRef | LayerRef]:
        """Everything selected, in the order it was selected."""
        return list(self._selected)

    @property
    def selection(self) -> NeuronRef | ConnectionRef | LayerRef | None:
        """The most recently selected target (the one the inspector shows)."""
        return self._selected[-1] if self._selected else None

    def select_neuron(self, layer: int, neuron: int) -> None:
        """Select only this neuron (no neuronClicked: the caller already knows)."""
        self._set_selection([NeuronRef(layer, neuron)])

    def select_connection(self, block: int, i: int, j: int) -> None:
        self._set_selection([ConnectionRef(block, i, j)])

    def select_all(self) -> None:
        """Every neuron of the network."""
        sizes = self.net.sizes if self.net is not None else []
        self._set_selection([NeuronRef(layer, n) for layer, size in enumerate(sizes)
                             for n in range(size)])

    def clear_selection(self) -> None:
        self._set_selection([])

    def _set_selection(self, targets: list) -> None:
        targets = list(dict.fromkeys(targets))   # no duplicates, first-selected order
        changed = targets != self._selected
        self._selected = targets
        self._highlight(self._selection_item, targets)
        if changed:
            self.selectionChanged.emit()

    def _click_select(self, target, modifiers: Qt.KeyboardModifiers) -> None:
        """Plain click selects only the target, Shift adds it, Ctrl toggles it."""
        if modifiers & Qt.ControlModifier and target in self._selected:
            self._set_selection([t for t in self._selected if t != target])
        elif modifiers & (Qt.ShiftModifier | Qt.ControlModifier):
            self._set_selection([*self._selected, target])
        else:
            self._set_selection([target])

    def _restore_selection(self) -> None:
        """Keep what still exists across a rebuild."""
        self._set_selection([t for t in self._selected if self._exists(t)])

    def _exists(self, target) -> bool:
        sizes = self.net.sizes if self.net is not None else []
        if isinstance(target, NeuronRef):
            return target.layer < len(sizes) and target.neuron < sizes[target.layer]
        if isinstance(target, LayerRef):
            return target.layer < len(sizes)
        masks = self.net.masks if self.net is not None else []
        return (target.block < len(masks) and target.i < masks[target.block].shape[0]
                and target.j < masks[target.block].shape[1]
                and bool(masks[target.block][target.i, target.j]))

    def _highlight(self, item: HighlightItem | None, targets: list) -> None:
        if item is None:
            return
        item.mark([self._ring(*t) for t in targets if isinstance(t, NeuronRef)],
                  [(self._ring(t.block, t.i), self._ring(t.block + 1, t.j))
                   for t in targets if isinstance(t, ConnectionRef)],
                  [self._column_rect(t.layer) for t in targets if isinstance(t, LayerRef)])

    def _ring(self, layer: int, neuron: int) -> tuple[QPointF, float]:
        return self.neuron_position(layer, neuron), self.layers[layer].geometry.radius

    def _column_rect(self, layer: int) -> QRectF:
        x0, y0, x1, y1 = self.layers[layer].geometry.bounds
        # half the label gap above and below, so the outline stays clear of the header
        dy = LABEL_GAP / 2
        return QRectF(x0, y0, x1 - x0, y1 - y0).adjusted(-COLUMN_MARGIN, -dy, COLUMN_MARGIN, dy)

    def _neurons_in(self, view_rect: QRect) -> list[NeuronRef]:
        area = self.mapToScene(view_rect).boundingRect()
        refs = []
        for layer, item in enumerate(self.layers):
            x, y = item.geometry.positions.T
            inside = ((x >= area.left()) & (x <= area.right())
                      & (y >= area.top()) & (y <= area.bottom()))
            refs += [NeuronRef(layer, int(n)) for n in np.flatnonzero(inside)]
        return refs

    # ------------------------------------------------------------------ hit testing
    def target_at(self, view_pos: QPoint) -> NeuronRef | ConnectionRef | LayerRef | None:
        """The layer header, else the neuron, else the drawn connection under a
        viewport position."""
        header = self.header_at(view_pos)
        if header is not None:
            return LayerRef(header)
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

    def header_at(self, view_pos: QPoint) -> int | None:
        """The layer whose header is under a viewport position."""
        return next((layer for layer in range(len(self.headers))
                     if self.header_rect(layer).contains(QPointF(view_pos))), None)

    def header_rect(self, layer: int) -> QRectF:
        """A layer header's rectangle in viewport pixels (headers ignore the zoom)."""
        header = self.headers[layer]
        return header.deviceTransform(self.viewportTransform()).mapRect(header.boundingRect())

    def describe(self, target: NeuronRef | ConnectionRef | LayerRef) -> str:
        """Plain tooltip text: a neuron's name, activation and value; a connection's weight;
        a layer's size and what clicking its header does."""
        names = self.net.names
        if isinstance(target, LayerRef):
            size = self.net.sizes[target.layer]
            neurons = translate("ui.canvas.view", "1 neuron") if size == 1 else translate(
                "ui.canvas.view", "{count} neurons").format(count=f"{size:,}")
            return (f"{layer_name(target.layer, self.net.n_layers)} · {neurons}\n"
                    + translate("ui.canvas.view", "click to select · double-click to edit"))
        if isinstance(target, ConnectionRef):
            w = float(self._weights[target.block][target.i, target.j])
            weight = f"{w:.4f}".replace("-", "−")  # a real minus; names keep their hyphens
            return translate("ui.canvas.view", "w = {weight} from {source} to {target}").format(
                weight=weight, source=name(names[target.block][target.i]),
                target=name(names[target.block + 1][target.j]))
        layer, j = target
        kind = translate("ui.canvas.view", "input") if layer == 0 \
            else self.net.activation_of(layer, j).label
        value = ("—" if self._activations is None
                 else format_value(float(self._activations[layer][j])))
        return (f"{name(names[layer][j])} · {layer_name(layer, self.net.n_layers)} · {kind}"
                f"\na = {value}{self.output_note(layer, j)}{self.health_note(layer, j)}")

    def _columns(self) -> list[Column]:
        return [Column(item.geometry.bounds[0], item.geometry.bounds[2],
                       item.geometry.positions, item.geometry.spacing) for item in self.layers]

    # ------------------------------------------------------------------ painting
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        self.legend.paint(painter, self.viewport().devicePixelRatioF())
        if self.net is None:
            self._paint_hint(painter)
        if self._drag is not None and self._drag.kind == "band":
            self._paint_band(painter, QRectF(self._drag.start, self._drag.last).normalized())
        painter.restore()

    def _paint_hint(self, painter: QPainter) -> None:
        """The empty canvas's invitation: a dashed drop zone that lights up under a drag
        that may land."""
        ready = self._preview is not None and self._preview.allowed
        color = QColor(theme.ACCENT if ready else theme.BORDER)
        box = QRectF(0, 0, 440, 130)
        box.moveCenter(QRectF(self.viewport().rect()).center())
        painter.setRenderHint(QPainter.Antialiasing)
        pen = QPen(color, 1.6, Qt.DashLine)
        painter.setPen(pen)
        painter.setBrush(style.translucent(color, 0.08 if ready else 0.0))
        painter.drawRoundedRect(box, 14, 14)
        painter.setFont(style.font(15))
        painter.setPen(QColor(theme.TEXT if ready else theme.MUTED))
        painter.drawText(box, Qt.AlignCenter | Qt.TextWordWrap,
                         translate("ui.canvas.view", EMPTY_HINT))

    @staticmethod
    def _paint_band(painter: QPainter, band: QRectF) -> None:
        painter.setPen(QPen(QColor(theme.ACCENT), 1))
        painter.setBrush(style.translucent(theme.ACCENT, 0.12))
        painter.drawRect(band)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()


def _nodes_rect(geometry: list[LayerGeometry]) -> QRectF:
    """Scene rectangle enclosing every node and panel."""
    bounds = np.array([g.bounds for g in geometry])
    x0, y0 = bounds[:, :2].min(axis=0)
    x1, y1 = bounds[:, 2:].max(axis=0)
    return QRectF(x0, y0, x1 - x0, y1 - y0)


def _glow_groups(net: Network, layer: int) -> list[tuple[tuple, np.ndarray | slice]]:
    """Neurons of a layer grouped by activation range (overrides can differ); the
    usual single group indexes the whole layer, so frames copy nothing for it."""
    by_range: dict[tuple, list[int]] = {}
    for j in range(net.sizes[layer]):
        by_range.setdefault(net.activation_of(layer, j).value_range, []).append(j)
    if len(by_range) == 1:
        return [(next(iter(by_range)), slice(None))]
    return [(value_range, np.asarray(index)) for value_range, index in by_range.items()]


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
            detail += translate("ui.canvas.view", " (+{count} overridden)").format(
                count=overridden)
    return [[(layer_name(layer, net.n_layers), theme.TEXT)], [(detail, theme.MUTED)]]
