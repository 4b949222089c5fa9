"""NetworkCanvas: the network picture — neurons that glow, connections coloured by weight.

The view owns interaction (hover, click, selection, zoom, pan, drag and drop) and turns
numbers into buckets; the items in ``items`` only paint.  Hit-testing is numpy over the
drawn geometry, not Qt's item lookup, because connections are not items.

Editing gestures never change the network: they emit *requests* (``dropRequested``,
``connectionRequested``, ``moveRequested``, ``deleteRequested`` …) that the window turns
into undoable edits before calling ``set_network`` again.  ``drop`` decides what a drag
would do; the view draws that as a guide and a sentence beside the cursor.

Mouse: left-click selects (Shift/Ctrl adds), left-drag on the background draws a rubber
band, left-drag from a neuron connects it (to a neighbouring layer) or moves it (within
its column), middle-drag or Space + left-drag pans.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QTransform
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QToolTip

from nnsim.simulator.network import Network, layer_name

from .. import theme
from ..palette import PaletteItem, carries_item, read_item
from ..plaintext import name, tooltip_html
from . import style
from .drop import (
    Column,
    DropRequest,
    LinkRequest,
    MoveRequest,
    Preview,
    drop_target,
    neuron_drag_target,
)
from .geometry import LayerGeometry, connection_segments, layout_network
from .items import ConnectionsItem, GuideItem, HighlightItem, LabelItem, NeuronsItem, TagItem
from .legend import Legend
from .mapping import LayerGlow, format_value

THICK_LIMIT = 300        # connections up to which line width shows |w|
ANTIALIAS_LIMIT = 2_000  # drawn lines up to which antialiasing stays affordable
HALO_LIMIT = 16          # neurons per column up to which bright nodes get a soft halo
HIT_PX = 5               # how close (pixels) a click must be to a line or node
CLICK_SLOP_PX = 3        # a press that moves further is a drag (pan, band), not a click
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.3, 12.0   # relative to the fitted scale
FIT_PAD_PX = 16
MAX_FIT_SCALE = 1.6              # a tiny network is not blown up to cartoon size
HEADER_PX, CAPTION_PX = 30, 24   # room for layer headers above and captions below
SIDE_PX = 80                     # room left and right for headers wider than a column
LABEL_GAP = 14                   # scene units between nodes and their headers/captions
COLUMN_MARGIN = 16               # scene units left and right of a layer's outline
FILE_SUFFIX = ".nnsim.json"
EMPTY_HINT = "Drag an input layer here from the palette to start"
REFUSED_ITEM = "not a palette item nnsim can use"
EMPTY_SCENE = QRectF(-500, -400, 1000, 800)


class NeuronRef(NamedTuple):
    layer: int
    neuron: int


class ConnectionRef(NamedTuple):
    block: int
    i: int
    j: int


class LayerRef(NamedTuple):
    layer: int


@dataclass
class _Drag:
    """A mouse drag in progress: ``kind`` "pan", "band" (rubber-band selection) or
    "neuron" (from ``source``: connect or reorder)."""

    kind: str
    button: Qt.MouseButton
    start: QPointF
    last: QPointF
    source: NeuronRef | None = None
    additive: bool = False      # the band adds to the selection (Shift/Ctrl)

    @property
    def distance(self) -> float:
        return (self.last - self.start).manhattanLength()


class NetworkCanvas(QGraphicsView):
    """The network drawn as layered columns; see the module docstring of ``ui.canvas``."""

    neuronClicked = Signal(int, int)
    connectionClicked = Signal(int, int, int)
    selectionCleared = Signal()
    selectionChanged = Signal()
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
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
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
        self._drag: _Drag | None = None
        self._space_held = False
        self._preview: Preview | None = None
        self._selection_item = self._hover_item = None
        self.set_network(None)

    # ------------------------------------------------------------------ building
    def set_network(self, net: Network | None) -> None:
        """Rebuild the picture from ``net``'s structure and show its current weights;
        None shows an empty canvas that asks for an input layer.  The selection keeps
        whatever still exists."""
        self.net = net
        self.scene().clear()
        self.layers, self.blocks, self.headers = [], [], []
        self._hover = None
        if net is None:
            self._build_empty()
        else:
            self._build(net)
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
        self.legend.set_content(self._show_weights, self._thick)
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
        for block, w in zip(self.blocks, weights):
            block.show_weights(w, self._show_weights)
        for layer, (item, glow) in enumerate(zip(self.layers, self._glows)):
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
            self.legend.set_content(self._show_weights, self._thick)
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
            return (f"{layer_name(target.layer, self.net.n_layers)} · {size:,} "
                    f"neuron{'s' * (size != 1)}\nclick to select · double-click to edit")
        if isinstance(target, ConnectionRef):
            w = float(self._weights[target.block][target.i, target.j])
            weight = f"{w:.4f}".replace("-", "−")  # a real minus; names keep their hyphens
            return (f"w = {weight} from {name(names[target.block][target.i])} "
                    f"to {name(names[target.block + 1][target.j])}")
        layer, j = target
        kind = "input" if layer == 0 else self.net.activation_of(layer, j).label
        value = ("—" if self._activations is None
                 else format_value(float(self._activations[layer][j])))
        return (f"{name(names[layer][j])} · {layer_name(layer, self.net.n_layers)} · {kind}"
                f"\na = {value}")

    def _columns(self) -> list[Column]:
        return [Column(item.geometry.bounds[0], item.geometry.bounds[2],
                       item.geometry.positions, item.geometry.spacing) for item in self.layers]

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event) -> None:
        button, pos = event.button(), event.position()
        if button == Qt.MiddleButton or (button == Qt.LeftButton and self._space_held):
            self._drag = _Drag("pan", button, pos, pos)
            self.viewport().setCursor(Qt.ClosedHandCursor)
        elif button == Qt.LeftButton:
            self._press(pos, event.modifiers())
        else:
            super().mousePressEvent(event)

    def _press(self, pos: QPointF, modifiers: Qt.KeyboardModifiers) -> None:
        target = self.target_at(pos.toPoint())
        additive = bool(modifiers & (Qt.ShiftModifier | Qt.ControlModifier))
        if target is None:
            self._drag = _Drag("band", Qt.LeftButton, pos, pos, additive=additive)
            return
        self._click_select(target, modifiers)
        if isinstance(target, NeuronRef):
            self._drag = _Drag("neuron", Qt.LeftButton, pos, pos, source=target)
            self.neuronClicked.emit(*target)
        elif isinstance(target, ConnectionRef):
            self.connectionClicked.emit(*target)

    def mouseMoveEvent(self, event) -> None:
        drag, pos = self._drag, event.position()
        if drag is None:
            self._hover_at(pos.toPoint(), event.globalPosition().toPoint())
            return
        delta, drag.last = pos - drag.last, pos
        if drag.kind == "pan":
            self._pan_by(delta)
        elif drag.kind == "band":
            self.viewport().update()
        elif drag.distance >= QApplication.startDragDistance():
            self._drag_neuron(drag.source, pos)

    def _pan_by(self, delta: QPointF) -> None:
        self._auto_fit = False
        for bar, step in ((self.horizontalScrollBar(), delta.x()),
                          (self.verticalScrollBar(), delta.y())):
            bar.setValue(bar.value() - round(step))

    def _drag_neuron(self, source: NeuronRef, pos: QPointF) -> None:
        QToolTip.hideText()
        p = self.mapToScene(pos.toPoint())
        over = self.target_at(pos.toPoint())
        preview = neuron_drag_target(self._columns(), self.net.names, self.net.masks, source,
                                     (p.x(), p.y()), over if isinstance(over, NeuronRef) else None)
        within_column = preview.column == source.layer   # reordering: no rubber line
        self._show_preview(preview, pos,
                           None if within_column else self.neuron_position(*source))

    def mouseReleaseEvent(self, event) -> None:
        drag = self._drag
        if drag is None or event.button() != drag.button:
            super().mouseReleaseEvent(event)
            return
        self._drag = None
        if drag.kind == "pan":
            self.viewport().setCursor(Qt.OpenHandCursor if self._space_held else Qt.ArrowCursor)
        elif drag.kind == "band":
            self._finish_band(drag)
        elif self._preview is not None:
            preview = self._preview
            self._show_preview(None)
            if preview.allowed:
                self._carry_out(preview.request)

    def _finish_band(self, drag: _Drag) -> None:
        self.viewport().update()
        if drag.distance > CLICK_SLOP_PX:
            band = QRectF(drag.start, drag.last).normalized().toRect()
            earlier = self._selected if drag.additive else []
            self._set_selection([*earlier, *self._neurons_in(band)])
        elif not drag.additive:
            self.clear_selection()
            self.selectionCleared.emit()

    def mouseDoubleClickEvent(self, event) -> None:
        target = self.target_at(event.position().toPoint())
        if isinstance(target, NeuronRef):
            self.renameRequested.emit(*target)
        elif isinstance(target, LayerRef):
            self.layerEditRequested.emit(target.layer)

    def contextMenuEvent(self, event) -> None:
        """Right-click: the target joins the selection (so a menu acts on what it was
        opened on) and the window builds the menu."""
        target = self.target_at(event.pos())
        if target is not None and target not in self._selected:
            self._set_selection([target])
        self.contextMenuRequested.emit(target, event.globalPos())
        event.accept()

    def _hover_at(self, pos: QPoint, global_pos: QPoint) -> None:
        target = self.target_at(pos) if self.net is not None else None
        if target != self._hover:
            self._hover = target
            self._highlight(self._hover_item, [target] if target else [])
            cursor = Qt.OpenHandCursor if self._space_held else (
                Qt.PointingHandCursor if target else Qt.ArrowCursor)
            self.viewport().setCursor(cursor)
        if target is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(global_pos, tooltip_html(self.describe(target)), self.viewport())

    def leaveEvent(self, event) -> None:
        self._hover = None
        self._highlight(self._hover_item, [])
        super().leaveEvent(event)

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.SelectAll):
            self.select_all()
        elif event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
            self.deleteRequested.emit()
        elif event.key() == Qt.Key_Escape:
            self._cancel_drag()
        elif event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self._space_held = True
            self.viewport().setCursor(Qt.OpenHandCursor)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            self.viewport().unsetCursor()
        else:
            super().keyReleaseEvent(event)

    def _cancel_drag(self) -> None:
        """Escape: drop the gesture in progress, else the selection."""
        if self._drag is None:
            self.clear_selection()
            return
        self._drag = None
        self._show_preview(None)
        self.viewport().unsetCursor()

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event) -> None:
        """Palette items and .nnsim.json files come in; anything else is refused.  A
        malformed palette item (from another program) comes in only to say why it
        cannot land, beside the cursor and through ``dropRefused``."""
        incoming = self._incoming(event.mimeData())
        if incoming is None:
            event.ignore()
            return
        if isinstance(incoming, Preview):
            self.dropRefused.emit(incoming.text)
        self.dragMoveEvent(event)
        event.acceptProposedAction()   # in, even where it cannot land: moves say where

    def dragMoveEvent(self, event) -> None:
        incoming = self._incoming(event.mimeData())
        if incoming is None:
            event.ignore()
            return
        preview = self._drop_preview(incoming, event.position())
        self._show_preview(preview, event.position())
        if preview.allowed:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._show_preview(None)
        event.accept()

    def dropEvent(self, event) -> None:
        incoming = self._incoming(event.mimeData())
        self._show_preview(None)
        preview = None if incoming is None else self._drop_preview(incoming, event.position())
        if preview is None or not preview.allowed:
            if isinstance(incoming, Preview):
                self.dropRefused.emit(incoming.text)
            event.ignore()
            return
        event.acceptProposedAction()
        self._carry_out(preview.request)

    @staticmethod
    def _incoming(mime) -> PaletteItem | Preview | str | None:
        """The palette item a drag carries (or a Preview saying why the payload is not
        one), else the first network file, else None."""
        if carries_item(mime):
            try:
                return read_item(mime)
            except ValueError as error:
                return Preview(f"{REFUSED_ITEM}: {error}")
        files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        return next((path for path in files if path.endswith(FILE_SUFFIX)), None)

    def _drop_preview(self, incoming: PaletteItem | Preview | str, view_pos: QPointF) -> Preview:
        if isinstance(incoming, Preview):
            return incoming
        if isinstance(incoming, str):
            return Preview(f"open {name(Path(incoming).name)}", incoming)
        p = self.mapToScene(view_pos.toPoint())
        return drop_target(incoming, self._columns(), (p.x(), p.y()))

    def _carry_out(self, request) -> None:
        if isinstance(request, DropRequest):
            self.dropRequested.emit(request)
        elif isinstance(request, LinkRequest):
            self.connectionRequested.emit(*request)
        elif isinstance(request, MoveRequest):
            self.moveRequested.emit(*request)
        else:
            self.fileDropped.emit(request)

    # ------------------------------------------------------------------ drag guides
    def _show_preview(self, preview: Preview | None, view_pos: QPointF | None = None,
                      rubber_from: QPointF | None = None) -> None:
        """Draw what a drag would do (None hides it); ``rubber_from`` starts a rubber
        line to the cursor."""
        self._preview = preview
        self.viewport().update()   # the empty canvas's hint box follows the preview
        if preview is None:
            self.guide.clear()
            self.tag.hide()
            return
        cursor = self.mapToScene(view_pos.toPoint())
        self.guide.show_guide(
            preview.allowed,
            column=None if preview.column is None else self._column_rect(preview.column),
            slot=self._slot(preview),
            insertion=self._insertion_line(preview.line_x),
            rubber=None if rubber_from is None else QLineF(rubber_from, cursor))
        self.tag.set_text(preview.text, preview.allowed, self.viewport().width() - view_pos.x())
        self.tag.setPos(cursor)
        self.tag.show()

    def _slot(self, preview: Preview) -> tuple[QPointF, float] | None:
        if preview.slot is None:
            return None
        return QPointF(*preview.slot), self.layers[preview.column].geometry.radius

    def _insertion_line(self, x: float | None) -> QLineF | None:
        if x is None:
            return None
        top, bottom = self._content.top() - COLUMN_MARGIN, self._content.bottom() + COLUMN_MARGIN
        return QLineF(x, top, x, bottom)

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
        painter.drawText(box, Qt.AlignCenter | Qt.TextWordWrap, EMPTY_HINT)

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
            detail += f" (+{overridden} overridden)"
    return [[(layer_name(layer, net.n_layers), theme.TEXT)], [(detail, theme.MUTED)]]
