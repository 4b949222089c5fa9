"""The canvas's gradient view and its health marks.

The gradient view colours each connection by dE/dw and each neuron by dE/dz instead of
by w and by the activation, with the same buckets (sign, and size relative to the
largest in the block or layer).  Health marks ring dead ReLUs and saturated
sigmoid/tanh neurons in either view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QToolButton

from nnsim.simulator.i18n import translate

from .. import theme
from .mapping import format_value

MARK_SCALE = 1.45     # mark ring radius / node radius (outside the selection ring)
SWITCH_MARGIN_PX = 12


@dataclass
class Gradients:
    """dE/dw ``(sizes[k], sizes[k+1])`` per block and dE/dz ``(sizes[l],)`` per layer
    (index 0 the inputs'), and in words over which samples E was taken."""

    dE_dw: list[np.ndarray]
    dE_dz: list[np.ndarray]
    over: str

    @property
    def largest(self) -> float:
        """The largest |dE/dw| of the network."""
        return max((float(np.nanmax(np.abs(g))) for g in self.dE_dw if g.size), default=0.0)


@dataclass
class Health:
    """Per layer, masks ``(sizes[l],)`` of dead and of saturated neurons, and how many
    probe samples they were judged on."""

    dead: list[np.ndarray]
    saturated: list[np.ndarray]
    n_samples: int

    @property
    def any_dead(self) -> bool:
        return any(mask.any() for mask in self.dead)

    @property
    def any_saturated(self) -> bool:
        return any(mask.any() for mask in self.saturated)


def paint_mark(painter: QPainter, center: QPointF, radius: float, dead: bool) -> None:
    """A dead neuron's red ring crossed by a slash; a saturated one's dashed amber ring.
    ``radius`` in the painter's units; pens are cosmetic (pixels)."""
    painter.setPen(_mark_pen(dead))
    painter.setBrush(Qt.NoBrush)
    painter.drawEllipse(center, radius, radius)
    if dead:
        d = radius * 0.7071
        painter.drawLine(QPointF(center.x() - d, center.y() + d),
                         QPointF(center.x() + d, center.y() - d))


@theme.cached
def _mark_pen(dead: bool) -> QPen:
    """The pen of ``paint_mark``, made once per theme rather than per mark per frame."""
    pen = QPen(QColor(theme.ERROR if dead else theme.SATURATED), 2.0)
    pen.setCosmetic(True)
    if not dead:
        pen.setStyle(Qt.DashLine)
    return pen


class HealthItem(QGraphicsItem):
    """Marks around dead and saturated neurons."""

    def __init__(self):
        super().__init__()
        self.marks: list[tuple[QPointF, float, bool]] = []   # centre, radius, dead
        self._bounds = QRectF()

    def set_marks(self, marks: list[tuple[QPointF, float, bool]]) -> None:
        self.prepareGeometryChange()
        self.marks = marks
        self._bounds = QRectF()
        for center, r, _ in marks:
            self._bounds |= QRectF(center.x() - r, center.y() - r, 2 * r, 2 * r)
        self._bounds.adjust(-4, -4, 4, 4)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.Antialiasing)
        for center, r, dead in self.marks:
            paint_mark(painter, center, r, dead)


class CanvasGradients:
    """The gradient view and health marks of ``NetworkCanvas`` (mixed into it)."""

    _gradient_view = False
    _gradients: Gradients | None = None
    _health: Health | None = None
    health_item: HealthItem | None = None

    def _build_view_switch(self) -> None:
        """A small toggle in the top-right corner; the window gives it the View menu's
        action (``view_switch.setDefaultAction``), so both stay in step."""
        self.view_switch = QToolButton(self)
        self.view_switch.setCursor(Qt.PointingHandCursor)
        self.view_switch.setStyleSheet(
            f"QToolButton {{ background: {theme.SURFACE}; color: {theme.MUTED};"
            f" border: 1px solid {theme.BORDER}; border-radius: 6px; padding: 3px 9px; }}"
            f"QToolButton:checked {{ color: {theme.TEXT}; border-color: {theme.ACCENT}; }}")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        switch = self.view_switch
        switch.adjustSize()
        switch.move(self.width() - switch.width() - SWITCH_MARGIN_PX, SWITCH_MARGIN_PX)

    @property
    def show_gradients(self) -> bool:
        """Connections by dE/dw and neurons by dE/dz instead of w and activation."""
        return self._gradient_view

    @show_gradients.setter
    def show_gradients(self, on: bool) -> None:
        self._gradient_view = bool(on)
        if self.net is not None:
            self._update_legend()
            self.show_state(self._weights, self._activations)

    def set_gradients(self, gradients: Gradients | None) -> None:
        """The gradients the gradient view shows from the next ``show_state`` on (None:
        none, for lack of targets: the connections are drawn plain)."""
        self._gradients = gradients
        if self.net is not None:
            self._update_legend()

    def _paint_gradients(self) -> bool:
        """Colour by the gradients if the view is on; False if it is off or has none."""
        gradients = self._gradients
        if not self._gradient_view or gradients is None or [
                g.shape for g in gradients.dE_dw] != [m.shape for m in self.net.masks]:
            return False
        for block, dE_dw in zip(self.blocks, gradients.dE_dw):
            block.show_weights(dE_dw, True)
        for item, dE_dz in zip(self.layers[1:], gradients.dE_dz[1:]):
            dE_dz = np.nan_to_num(np.asarray(dE_dz, dtype=float))
            scale = float(np.abs(dE_dz).max()) if dE_dz.size else 1.0
            item.show_signed(theme.weight_buckets(dE_dz, scale), dE_dz)
        return True

    # ------------------------------------------------------------------ health
    def _build_health(self) -> None:
        self.health_item = self._add(HealthItem(), z=2.5)
        self._health = None

    def set_health(self, health: Health | None) -> None:
        """Mark dead and saturated neurons (None: no marks)."""
        if health is not None and [len(m) for m in health.dead] != list(self.net.sizes):
            health = None
        if _same_health(health, self._health):
            return
        self._health = health
        marks = []
        if health is not None:
            for layer, (dead, saturated) in enumerate(zip(health.dead, health.saturated)):
                r = self.layers[layer].geometry.radius * MARK_SCALE
                marks += [(self.neuron_position(layer, int(j)), r, True)
                          for j in np.flatnonzero(dead)]
                marks += [(self.neuron_position(layer, int(j)), r, False)
                          for j in np.flatnonzero(saturated)]
        self.health_item.set_marks(marks)
        self._update_legend()

    def health_of(self, layer: int, neuron: int) -> str:
        """"dead", "saturated" or ""."""
        health = self._health
        if health is None:
            return ""
        if health.dead[layer][neuron]:
            return "dead"
        return "saturated" if health.saturated[layer][neuron] else ""

    def health_note(self, layer: int, neuron: int) -> str:
        """A tooltip paragraph saying why a neuron is marked."""
        state, n = self.health_of(layer, neuron), self._health and self._health.n_samples
        if state == "dead":
            return "\n" + translate(
                "ui.canvas.gradients", "dead ReLU: outputs 0 for all {count} probe samples, "
                "so g′(z) = 0 and no gradient reaches its weights: it cannot learn").format(
                    count=n)
        if state == "saturated":
            return "\n" + translate(
                "ui.canvas.gradients", "saturated: at the end of its range for ≥ 95 % of the "
                "{count} probe samples, where g′(z) ≈ 0, so it learns very slowly").format(
                    count=n)
        return ""

    def _update_legend(self) -> None:
        health = self._health
        self.legend.set_content(
            self._show_weights, self._thick, gradient_view=self._gradient_view,
            over=self._gradients.over if self._gradients is not None else None,
            largest=format_value(self._gradients.largest) if self._gradients else "",
            dead=bool(health and health.any_dead),
            saturated=bool(health and health.any_saturated))


def _same_health(a: Health | None, b: Health | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.n_samples == b.n_samples and all(
        np.array_equal(x, y) for x, y in zip([*a.dead, *a.saturated], [*b.dead, *b.saturated]))
