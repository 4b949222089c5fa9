"""The canvas's mouse, keyboard and drag-and-drop gestures, and the guides they draw.

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

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolTip

from nnsim.simulator.i18n import translate

from ..palette import PaletteItem, carries_item, read_item
from ..plaintext import name, tooltip_html
from .drop import DropRequest, LinkRequest, MoveRequest, Preview, drop_target, neuron_drag_target
from .geometry import COLUMN_MARGIN
from .targets import ConnectionRef, LayerRef, NeuronRef

CLICK_SLOP_PX = 3        # a press that moves further is a drag (pan, band), not a click
FILE_SUFFIX = ".nnsim.json"


@dataclass
class Drag:
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


class CanvasInteraction:
    """The gestures of ``NetworkCanvas`` (mixed into it): the view builds, selects and
    hit-tests; these handlers turn events into selections, requests and guides."""

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event) -> None:
        button, pos = event.button(), event.position()
        if button == Qt.MiddleButton or (button == Qt.LeftButton and self._space_held):
            self._drag = Drag("pan", button, pos, pos)
            self.viewport().setCursor(Qt.ClosedHandCursor)
        elif button == Qt.LeftButton:
            self._press(pos, event.modifiers())
        else:
            super().mousePressEvent(event)

    def _press(self, pos: QPointF, modifiers: Qt.KeyboardModifiers) -> None:
        target = self.target_at(pos.toPoint())
        additive = bool(modifiers & (Qt.ShiftModifier | Qt.ControlModifier))
        if target is None:
            self._drag = Drag("band", Qt.LeftButton, pos, pos, additive=additive)
            return
        self._click_select(target, modifiers)
        if isinstance(target, NeuronRef):
            self._drag = Drag("neuron", Qt.LeftButton, pos, pos, source=target)
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

    def _finish_band(self, drag: Drag) -> None:
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
            self.hoverChanged.emit(target)
        if target is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(global_pos, tooltip_html(self.describe(target)), self.viewport())

    def leaveEvent(self, event) -> None:
        if self._hover is not None:
            self._hover = None
            self.hoverChanged.emit(None)
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
                return Preview(translate("ui.canvas.interaction",
                                         "not a palette item nnsim can use: {reason}").format(
                    reason=error))
        files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        return next((path for path in files if path.endswith(FILE_SUFFIX)), None)

    def _drop_preview(self, incoming: PaletteItem | Preview | str, view_pos: QPointF) -> Preview:
        if isinstance(incoming, Preview):
            return incoming
        if isinstance(incoming, str):
            return Preview(translate("ui.canvas.interaction", "open {file}").format(
                file=name(Path(incoming).name)), incoming)
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
