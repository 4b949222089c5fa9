"""Pens, brushes, fonts and colour tables the canvas paints with, built once from the theme
(``theme.use`` empties the caches of those made from its colours).

Every colour is one of ``theme.N_BUCKETS`` buckets, so painting a frame reuses a few
dozen objects instead of creating one per neuron or connection.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen, QRadialGradient

from .. import theme

THICK_MIN, THICK_MAX = 0.7, 6.0   # line width range (scene units) on small networks
HALO_SCALE = 2.1                  # halo radius / node radius
HALO_FROM = 0.4                   # glow level (0..1) from which a neuron gets a halo
HALO_SPRITE_PX = 64
RING_SCALE = 1.2                  # selection ring radius / node radius
DOT_COVERAGE_LEVELS = 256 // theme.N_BUCKETS   # edge shades per glow colour in dot images
_MID_BUCKET = (theme.N_BUCKETS - 1) / 2.0


def bucket_strength(bucket: int) -> float:
    """|w| / scale represented by a weight bucket, 0..1."""
    return abs(bucket - _MID_BUCKET) / _MID_BUCKET


def thin_weight_pens(opacity: float) -> tuple[QPen, ...]:
    """One-pixel cosmetic pens, one per weight bucket (big networks).

    Translucent, so where thousands of lines overlap, density shows as brightness and
    the mix of blue and orange stays visible (thin translucent lines cost no more than
    opaque ones; wide ones are 10–30× slower).  ``opacity`` (0..1) is for the strongest.
    """
    return _thin_weight_pens(round(opacity, 2))


@theme.cached
def _thin_weight_pens(opacity: float) -> tuple[QPen, ...]:
    pens = []
    for b, color in enumerate(theme.weight_colors()):
        color = QColor(color)
        color.setAlphaF(opacity * (0.25 + 0.75 * bucket_strength(b)))
        pens.append(_pen(color, 0.0, cosmetic=True))
    return tuple(pens)


@theme.cached
def thick_weight_pens() -> tuple[QPen, ...]:
    """Pens whose width (scene units, so it scales with zoom) grows with |w|."""
    return tuple(_pen(color, THICK_MIN + (THICK_MAX - THICK_MIN) * bucket_strength(b))
                 for b, color in enumerate(theme.weight_line_colors()))


@theme.cached
def plain_connection_pen() -> QPen:
    """Connections when weights are hidden: structure only."""
    return _pen(QColor(theme.BORDER), 0.0, cosmetic=True)


@theme.cached
def glow_brushes() -> tuple[QBrush, ...]:
    return tuple(QBrush(color) for color in theme.glow_colors())


@theme.cached
def signed_brushes() -> tuple[QBrush, ...]:
    """Fills of signed neuron values (gradients), in the weight colours."""
    return tuple(QBrush(color) for color in theme.weight_colors())


@theme.cached
def glow_table() -> list[int]:
    """ARGB of each glow bucket, for indexed images."""
    return [color.rgba() for color in theme.glow_colors()]


@theme.cached
def dot_table(signed: bool = False) -> list[int]:
    """256 ARGB entries, index = bucket · DOT_COVERAGE_LEVELS + coverage: each glow colour
    (weight colour when ``signed``) at each edge coverage over the panel, so indexed dot
    images have smooth edges."""
    panel = QColor(theme.SURFACE)
    levels = DOT_COVERAGE_LEVELS - 1
    colors = theme.weight_colors() if signed else theme.glow_colors()
    return [theme.blend(panel, color, c / levels).rgba()
            for color in colors for c in range(DOT_COVERAGE_LEVELS)]


@theme.cached
def halo_sprites() -> tuple[QImage | None, ...]:
    """Soft radial glow around bright neurons, one image per glow bucket (None for dim
    buckets, which get none).  Pre-rendered: scaling an image is several times cheaper
    than filling a radial gradient per node per frame."""
    sprites = []
    for b, color in enumerate(theme.glow_colors()):
        level = b / (theme.N_BUCKETS - 1)
        alpha = 0.55 * (level - 0.3)   # fades in from HALO_FROM, 0.38 at full glow
        sprites.append(_halo_sprite(color, alpha) if level >= HALO_FROM else None)
    return tuple(sprites)


def _halo_sprite(color: QColor, alpha: float) -> QImage:
    image = QImage(HALO_SPRITE_PX, HALO_SPRITE_PX, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    gradient = QRadialGradient(QPointF(HALO_SPRITE_PX / 2, HALO_SPRITE_PX / 2),
                               HALO_SPRITE_PX / 2)
    inner = QColor(color)
    inner.setAlphaF(alpha)
    gradient.setColorAt(0.0, inner)
    gradient.setColorAt(1.0, QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.fillRect(image.rect(), QBrush(gradient))
    painter.end()
    return image


@theme.cached
def node_border_pen() -> QPen:
    return _pen(QColor(theme.BORDER), 1.3, cosmetic=True)


@theme.cached
def highlight_pen(color: str, width: float) -> QPen:
    return _pen(QColor(color), width, cosmetic=True)


def guide_pen(color: QColor, width: float, alpha: float = 1.0, dashed: bool = False,
              round_cap: bool = False) -> QPen:
    """Cosmetic pens of the drag guides (a handful per frame, so round caps are affordable)."""
    pen = _pen(translucent(color, alpha), width, cosmetic=True)
    if dashed:
        pen.setStyle(Qt.DashLine)
    if round_cap:
        pen.setCapStyle(Qt.RoundCap)
    return pen


def translucent(color: QColor | str, alpha: float) -> QColor:
    result = QColor(color)
    result.setAlphaF(alpha)
    return result


@cache
def font(pixel_size: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setStyleHint(QFont.SansSerif)
    f.setFamilies(["Inter", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Sans Serif"])
    f.setPixelSize(pixel_size)
    f.setBold(bold)
    return f


def _pen(color: QColor, width: float, cosmetic: bool = False) -> QPen:
    """Cosmetic pens keep their width in device pixels at every zoom."""
    pen = QPen(color, width)
    pen.setCapStyle(Qt.FlatCap)  # round caps make antialiased strokes ~30× slower
    pen.setCosmetic(cosmetic)
    return pen
