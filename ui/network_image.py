"""The whole network picture as a PNG of any size or as an SVG drawing.

Both show the canvas's scene — every item shown, not only what the window shows — on
the canvas's background, with the colours of the moment (the glow, the weights, the
gradient view).  The scene is first recorded at one pixel per scene unit (the canvas at
100% zoom) into a ``QPicture``, which is then replayed scaled to the size asked for:
the layers' headers keep their pixel size on the canvas at every zoom, and scaling the
recording is what makes them grow with the picture.  A compact layer (hundreds of
inputs) is one image of dots on the canvas, so the SVG holds it as one embedded
picture; every other neuron is a shape (an SVG circle).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPicture
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QSpinBox

from nnsim.simulator.i18n import translate

from . import theme
from .canvas import NetworkCanvas

MARGIN = 24          # scene units of background around the network
MAX_SIDE = 8000      # pixels: an 8000 × 8000 PNG takes 256 MB while it is drawn
HINTS = QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform


def network_rect(canvas: NetworkCanvas) -> QRectF:
    """What is exported: every item shown in the scene, with a margin (scene units).
    (``itemsBoundingRect`` would count hidden items too.)  The output panel paints in
    pixels, and claims far more than it paints so that zooming out never clips it:
    it counts for the room it needs (at 100% zoom a pixel is a scene unit)."""
    panel = canvas.output_panel
    rect = QRectF()
    for item in canvas.scene().items():
        if item.isVisible() and item is not panel:
            rect = rect.united(item.sceneBoundingRect())
    if canvas.output_room_px:
        rect.setRight(max(rect.right(), panel.geometry.bounds[2] + canvas.output_room_px))
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def natural_size(canvas: NetworkCanvas, scale: float = 2.0) -> QSize:
    """The picture's size at ``scale`` pixels per scene unit, within ``MAX_SIDE``."""
    rect = network_rect(canvas)
    scale = min(scale, MAX_SIDE / max(rect.width(), rect.height(), 1.0))
    return QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))


def _paint(canvas: NetworkCanvas, painter: QPainter, size: QSize) -> None:
    """The network fitted and centred into ``size`` (its proportions kept), on the
    canvas's background."""
    rect = network_rect(canvas)
    recording = QPicture()
    recorder = QPainter(recording)
    recorder.setRenderHints(HINTS)
    canvas.scene().render(recorder, QRectF(0, 0, rect.width(), rect.height()), rect)
    recorder.end()
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(theme.BACKGROUND))
    painter.setRenderHints(HINTS)
    scale = min(size.width() / rect.width(), size.height() / rect.height())
    painter.translate((size.width() - rect.width() * scale) / 2,
                      (size.height() - rect.height() * scale) / 2)
    painter.scale(scale, scale)
    painter.drawPicture(QPointF(0, 0), recording)


def save_png(canvas: NetworkCanvas, path: str | Path, size: QSize) -> None:
    """Write a ``size`` PNG to ``path``; OSError when it cannot be made or written."""
    if not (0 < size.width() <= MAX_SIDE and 0 < size.height() <= MAX_SIDE):
        raise OSError(translate("ui.network_image", "a picture is 1 to {limit} pixels a side, "
                                                    "not {width} × {height}").format(
            limit=f"{MAX_SIDE:,}", width=f"{size.width():,}", height=f"{size.height():,}"))
    image = QImage(size, QImage.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise OSError(translate("ui.network_image",
                                "not enough memory for a {width} × {height} picture").format(
            width=f"{size.width():,}", height=f"{size.height():,}"))
    painter = QPainter(image)
    try:
        _paint(canvas, painter, size)
    finally:
        painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(translate("ui.network_image", "cannot write the file"))


def save_svg(canvas: NetworkCanvas, path: str | Path, size: QSize, title: str = "") -> None:
    """Write the picture as SVG, ``size`` its nominal size in pixels; OSError on failure."""
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setResolution(96)     # the CSS pixel: the drawing's width is size's width
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title or "nnsim network")
    generator.setDescription("Drawn by nnsim")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(translate("ui.network_image", "cannot write the file"))
    try:
        _paint(canvas, painter, size)
    finally:
        painter.end()


class ImageSizeDialog(QDialog):
    """Asks for the picture's width and height; each follows the other, so the network's
    proportions are kept (it is fitted inside whatever size is chosen)."""

    def __init__(self, natural: QSize, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("ui.network_image", "Network image size"))
        self.ratio = natural.height() / natural.width()
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box in (self.width_box, self.height_box):
            box.setRange(1, MAX_SIDE)
            box.setSuffix(" px")
        self.width_box.setValue(natural.width())
        self.height_box.setValue(natural.height())
        self.width_box.valueChanged.connect(self._width_changed)
        self.height_box.valueChanged.connect(self._height_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(translate("ui.network_image", "Width:"), self.width_box)
        form.addRow(translate("ui.network_image", "Height:"), self.height_box)
        form.addRow(buttons)

    def size(self) -> QSize:
        return QSize(self.width_box.value(), self.height_box.value())

    def _width_changed(self, width: int) -> None:
        self._follow(self.height_box, width * self.ratio)

    def _height_changed(self, height: int) -> None:
        self._follow(self.width_box, height / self.ratio)

    @staticmethod
    def _follow(box: QSpinBox, value: float) -> None:
        box.blockSignals(True)
        box.setValue(min(MAX_SIDE, max(1, round(value))))
        box.blockSignals(False)
