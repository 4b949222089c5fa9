"""The "Draw a digit" pad: a square to draw on with the mouse, the input the network
sees, and the network's output for it as bars.

The widgets only show and collect; ``digit_pad_controller`` converts the drawing
(``nnsim.simulator.drawing``), runs the network and fills them in.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.drawing import MAX_POINTS, Drawing
from nnsim.simulator.i18n import translate

from . import theme
from .sample_pages import grey_image

#: The pen's width as a fraction of the pad's side: a digit drawn over most of the pad
#: then has strokes about as thick, for its size, as MNIST's.
PEN_WIDTH = 0.07
#: A point closer than this (a fraction of the side) to the stroke's last one is dropped:
#: it changes nothing visible and would only cost time.
MIN_STEP = 0.006


class DrawingArea(QWidget):
    """A square to draw on with the left mouse button; ``drawingChanged`` after every
    press, move and release that changed the drawing."""

    drawingChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.strokes: list[list[tuple[float, float]]] = []
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setCursor(Qt.CrossCursor)
        self.setToolTip(translate("ui.digit_pad", "Draw a digit with the left mouse button"))
        self.hint = translate("ui.digit_pad", "Draw a digit here")   # painted while empty

    def sizeHint(self) -> QSize:
        return QSize(340, 340)

    def drawing(self) -> Drawing:
        return Drawing(tuple(np.array(s) for s in self.strokes), PEN_WIDTH)

    def is_empty(self) -> bool:
        return not self.strokes

    def clear(self) -> None:
        if self.strokes:
            self.strokes = []
            self.update()
            self.drawingChanged.emit()

    def square(self) -> QRectF:
        """The drawing square: the largest one centred in the widget."""
        side = min(self.width(), self.height()) - 2
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _unit(self, position: QPointF) -> tuple[float, float]:
        square = self.square()
        x = (position.x() - square.left()) / square.width()
        y = (position.y() - square.top()) / square.height()
        return min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)

    def _room(self) -> bool:
        return sum(len(s) for s in self.strokes) < MAX_POINTS

    # ------------------------------------------------------------------ the mouse
    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.LeftButton or not self._room():
            return
        self.strokes.append([self._unit(event.position())])
        self.update()
        self.drawingChanged.emit()

    def mouseMoveEvent(self, event) -> None:
        if not (event.buttons() & Qt.LeftButton) or not self.strokes or not self._room():
            return
        x, y = self._unit(event.position())
        last_x, last_y = self.strokes[-1][-1]
        if max(abs(x - last_x), abs(y - last_y)) < MIN_STEP:
            return
        self.strokes[-1].append((x, y))
        self.update()
        self.drawingChanged.emit()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        square = self.square()
        painter.fillRect(self.rect(), QColor(theme.SURFACE))
        painter.setPen(QPen(QColor(theme.BORDER), 1))
        painter.setBrush(QColor("black"))
        painter.drawRect(square)
        if not self.strokes:
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(square, Qt.AlignCenter, self.hint)
            return
        pen = QPen(QColor("white"), PEN_WIDTH * square.width(), Qt.SolidLine, Qt.RoundCap,
                   Qt.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        path = QPainterPath()
        for stroke in self.strokes:
            points = [QPointF(square.left() + x * square.width(),
                              square.top() + y * square.height()) for x, y in stroke]
            path.moveTo(points[0])
            for point in points[1:] or points:  # a single point: a dot
                path.lineTo(point)
        painter.drawPath(path)


class InputPreview(QWidget):
    """One sample's pixels (0..1) as the small grey picture the network's inputs are."""

    SIDE = 112

    def __init__(self, parent=None):
        super().__init__(parent)
        self.image: QImage | None = None      # one image pixel per input
        self._picture: QPixmap | None = None  # enlarged once: scaling a grey image each
        self.setFixedSize(self.SIDE, self.SIDE)  # paint costs milliseconds

    def show_pixels(self, pixels: np.ndarray | None, shape: tuple[int, int]) -> None:
        """``pixels`` ``(rows*cols,)`` in 0..1 (clipped), or None for nothing."""
        if pixels is None:
            self.image = self._picture = None
        else:
            grey = (np.clip(pixels, 0.0, 1.0).reshape(shape) * 255).round().astype(np.uint8)
            self.image = grey_image(grey)
            # Enlarged here by whole pixels: QImage.scaled took milliseconds in the app.
            factor = max(1, self.SIDE // max(shape))
            self._picture = QPixmap.fromImage(
                grey_image(np.repeat(np.repeat(grey, factor, axis=0), factor, axis=1)))
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        if self._picture is not None:
            painter.drawPixmap((self.SIDE - self._picture.width()) // 2,
                               (self.SIDE - self._picture.height()) // 2, self._picture)
        painter.setPen(QColor(theme.BORDER))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))


class ProbabilityBars(QWidget):
    """One bar per class, in class order, the largest highlighted, its value written;
    of more than MAX_BARS classes, the MAX_BARS largest."""

    ROW = 22
    MAX_BARS = 12

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: tuple[str, ...] = ()
        self.values = np.zeros(0)
        self.shown = np.zeros(0, dtype=int)   # the classes with a bar, in class order
        self.value_range = (0.0, 1.0)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def show_values(self, names, values: np.ndarray, value_range=(0.0, 1.0)) -> None:
        """``values`` ``(n_classes,)`` named ``names``, bars drawn over ``value_range``."""
        self.names, self.values = tuple(names), np.asarray(values, dtype=float)
        largest = np.argsort(-self.values, kind="stable")[:self.MAX_BARS]
        self.shown = np.sort(largest)
        self.value_range = value_range
        self.setFixedHeight(max(1, len(self.shown)) * self.ROW + 4)
        self.update()

    def top(self) -> int | None:
        """The class of the highlighted (largest) value; None without values."""
        return int(np.argmax(self.values)) if len(self.values) else None

    def sizeHint(self) -> QSize:
        return QSize(260, max(1, len(self.shown)) * self.ROW + 4)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        metrics = painter.fontMetrics()
        name_width = min(90, max((metrics.horizontalAdvance(self.names[k])
                                  for k in self.shown), default=0) + 8)
        value_width = metrics.horizontalAdvance("0.000") + 8
        bar_width = max(10, self.width() - name_width - value_width - 4)
        low, high = self.value_range
        top = self.top()
        for row, k in enumerate(self.shown):
            name, value = self.names[k], self.values[k]
            y = 2 + row * self.ROW
            color = QColor(theme.ACCENT if k == top else theme.NEUTRAL)
            painter.setPen(QColor(theme.TEXT if k == top else theme.MUTED))
            painter.drawText(QRectF(0, y, name_width - 6, self.ROW),
                             Qt.AlignRight | Qt.AlignVCenter,
                             metrics.elidedText(name, Qt.ElideRight, name_width - 6))
            painter.fillRect(QRectF(name_width, y + 4, bar_width, self.ROW - 8),
                             QColor(theme.SURFACE_RAISED))
            share = float(np.clip((value - low) / max(high - low, 1e-12), 0.0, 1.0))
            painter.fillRect(QRectF(name_width, y + 4, bar_width * share, self.ROW - 8), color)
            painter.drawText(QRectF(name_width + bar_width + 4, y, value_width, self.ROW),
                             Qt.AlignLeft | Qt.AlignVCenter, f"{value:.3f}")


class DigitPad(QDialog):
    """The pad's window: drawing square, Clear, the network's input and its outputs
    (``finished`` when it is closed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("ui.digit_pad", "Draw a digit"))
        self.area = DrawingArea()
        self.clear_button = QPushButton(translate("ui.digit_pad", "Clear"))
        self.clear_button.setToolTip(translate("ui.digit_pad", "Wipe the drawing (Delete)"))
        self.clear_button.setShortcut(Qt.Key_Delete)
        self.preview = InputPreview()
        self.preview_caption = _muted_label()
        self.bars = ProbabilityBars()
        self.bars_caption = _muted_label()
        self.verdict = QLabel(textFormat=Qt.PlainText)
        self.verdict.setStyleSheet(f"color: {theme.TEXT}; font-size: 13pt; font-weight: bold;")
        # One column, narrow enough to stand over the docks beside the canvas.
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(_heading(translate("ui.digit_pad", "What the network sees")))
        seen = QHBoxLayout()
        seen.addWidget(self.preview, 0, Qt.AlignTop)
        seen.addWidget(self.preview_caption, 1, Qt.AlignTop)
        layout.addLayout(seen)
        layout.addSpacing(6)
        layout.addWidget(_heading(translate("ui.digit_pad", "What it answers")))
        layout.addWidget(self.verdict)
        layout.addWidget(self.bars)
        layout.addWidget(self.bars_caption)
        layout.setSizeConstraint(QLayout.SetMinimumSize)  # the bars' rows always fit
        self.bars.show_values([str(k) for k in range(10)], np.zeros(10))
        self.resize(400, 820)
        self.clear_button.clicked.connect(self.area.clear)


def _muted_label() -> QLabel:
    # Plain text: the captions name classes and data from the user's files.
    label = QLabel(textFormat=Qt.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {theme.MUTED};")
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text, textFormat=Qt.PlainText)
    label.setStyleSheet("font-weight: bold;")
    return label
