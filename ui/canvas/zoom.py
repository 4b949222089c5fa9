"""Zoom and fit: the canvas's scale, by wheel, pinch, menu or window size.

The first fit shows the whole network clear of the legend; the view refits on resize until
the user zooms or pans.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QCursor, QTransform

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.3, 12.0   # relative to the fitted scale
FIT_PAD_PX = 16
MAX_FIT_SCALE = 1.6              # a tiny network is not blown up to cartoon size
HEADER_PX, CAPTION_PX = 30, 24   # room for layer headers above and captions below
SIDE_PX = 80                     # room left and right for headers wider than a column


class CanvasZoom:
    """The zoom of ``NetworkCanvas`` (mixed into it), relative to the scale that fits."""

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP, self._pointer_or_centre())

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP, self._pointer_or_centre())

    def _zoom_by(self, factor: float, anchor: QPointF) -> None:
        """Scale about ``anchor`` (viewport pixels): the scene point under it stays
        there, within MIN_ZOOM..MAX_ZOOM of the fitted scale.

        The view's own AnchorUnderMouse cannot do this: it anchors on the last mouse
        move the view saw (the canvas handles moves itself) and on the cursor rather
        than on the wheel or pinch event."""
        current = self.transform().m11()
        target = np.clip(current * factor, MIN_ZOOM * self._fit_scale,
                         MAX_ZOOM * self._fit_scale)
        if target != current:
            fixed = self.viewportTransform().inverted()[0].map(anchor)
            self.scale(target / current, target / current)
            # Scroll the point back under the anchor (scroll bars step in whole pixels).
            self._pan_by(anchor - self.viewportTransform().map(fixed))

    def _pointer_or_centre(self) -> QPointF:
        """The mouse's place on the viewport, or the viewport's centre when the mouse
        is elsewhere (a key or the menu zooms)."""
        viewport = self.viewport()
        pointer = viewport.mapFromGlobal(QCursor.pos())
        if viewport.rect().contains(pointer):
            return QPointF(pointer)
        return QPointF(viewport.rect().center())

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self._zoom_by(1.2 ** steps, event.position())
        event.accept()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Gesture:
            pinch = event.gesture(Qt.PinchGesture)
            if pinch is not None:
                centre = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                self._zoom_by(pinch.scaleFactor(), QPointF(centre))
                return True
        if event.type() == QEvent.NativeGesture and \
                event.gestureType() == Qt.ZoomNativeGesture:
            self._zoom_by(1.0 + event.value(), event.position())
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
        # The output panel is drawn in pixels right of the network, beyond SIDE_PX.
        right = max(0, self.output_room_px - SIDE_PX)
        for left, top in ((legend.width(), 0), (0, legend.height())):
            room_w = width - left - right - 2 * (FIT_PAD_PX + SIDE_PX)
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
