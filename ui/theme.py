"""nnsim's colours and the application palette, shared by every widget.

Weights use TensorFlow Playground's convention learners already know: blue positive,
orange negative.  Neurons glow from a dark resting colour to a warm bright one as their
activation rises through the activation's range.  Colours are quantised into a fixed
number of buckets so painters reuse a small set of pens and brushes.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap

BACKGROUND = "#12151c"
SURFACE = "#1b1f28"
SURFACE_RAISED = "#252a35"
BORDER = "#343b49"
TEXT = "#dde3ee"
MUTED = "#8d97aa"
ACCENT = "#5aa9ff"
POSITIVE = "#3d8bfd"
NEGATIVE = "#ff9433"
NEUTRAL = "#59606e"
GLOW_LOW = "#1c2029"
GLOW_HIGH = "#ffe7a3"
ERROR = "#ff6b6b"
PAST = "#f2c14e"  # a moment of the run looked back at (timeline, loss plot marker)
TRAIN_COLOR = "#5aa9ff"
TEST_COLOR = "#ff9433"

N_BUCKETS = 32


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """The opaque colour a fraction ``t`` (0..1) of the way from ``a`` to ``b``."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def weight_colors(n: int = N_BUCKETS) -> list[QColor]:
    """``n`` colours from strong negative (orange) through grey to strong positive (blue)."""
    neg, mid, pos = QColor(NEGATIVE), QColor(NEUTRAL), QColor(POSITIVE)
    colors = []
    for i in range(n):
        t = i / (n - 1) * 2.0 - 1.0
        colors.append(blend(mid, pos, t) if t >= 0 else blend(mid, neg, -t))
    return colors


def weight_line_colors(n: int = N_BUCKETS) -> list[QColor]:
    """``weight_colors`` for lines on the canvas: weak weights fade into the background.

    Opaque, because wide translucent lines paint 10–30× slower; weak connections recede
    and the strong ones carry the picture.
    """
    background = QColor(BACKGROUND)
    colors = []
    for i, color in enumerate(weight_colors(n)):
        strength = abs(i / (n - 1) * 2.0 - 1.0)
        colors.append(blend(background, color, 0.35 + 0.65 * strength))
    return colors


def glow_colors(n: int = N_BUCKETS) -> list[QColor]:
    """``n`` neuron fills from resting (activation at the bottom of its range) to glowing."""
    low, high = QColor(GLOW_LOW), QColor(GLOW_HIGH)
    return [blend(low, high, (i / (n - 1)) ** 0.8) for i in range(n)]


def weight_buckets(weights: np.ndarray, scale: float, n: int = N_BUCKETS) -> np.ndarray:
    """Bucket index 0..n-1 for each weight: sign and |w|/scale, clipped (int array)."""
    t = np.clip(weights / max(scale, 1e-12), -1.0, 1.0)
    return np.rint((t + 1.0) * 0.5 * (n - 1)).astype(np.intp)


def glow_buckets(values: np.ndarray, value_range: tuple[float, float],
                 n: int = N_BUCKETS) -> np.ndarray:
    """Bucket index 0..n-1 for activations mapped linearly on ``value_range`` (int array)."""
    low, high = value_range
    t = np.clip((values - low) / max(high - low, 1e-12), 0.0, 1.0)
    return np.rint(np.nan_to_num(t) * (n - 1)).astype(np.intp)


def display_range(value_range, biggest: float) -> tuple[float, float]:
    """Close an open activation range (ReLU's 0..∞) with ``biggest``, the largest
    |value| seen."""
    low, high = value_range
    low = -max(biggest, 1e-6) if low is None else low
    high = max(biggest, low + 1e-6) if high is None else high
    return low, high


def application_palette() -> QPalette:
    """A dark Fusion palette matching the canvas."""
    p = QPalette()
    roles = {
        QPalette.Window: SURFACE, QPalette.WindowText: TEXT, QPalette.Base: BACKGROUND,
        QPalette.AlternateBase: SURFACE_RAISED, QPalette.ToolTipBase: SURFACE_RAISED,
        QPalette.ToolTipText: TEXT, QPalette.Text: TEXT, QPalette.Button: SURFACE_RAISED,
        QPalette.ButtonText: TEXT, QPalette.BrightText: ERROR, QPalette.Link: ACCENT,
        QPalette.Highlight: ACCENT, QPalette.HighlightedText: BACKGROUND,
        QPalette.PlaceholderText: MUTED,
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.Text, QPalette.ButtonText, QPalette.WindowText):
        p.setColor(QPalette.Disabled, role, QColor(MUTED))
    return p

#: Colours for categories without an order (classes beyond two, curves of several layers):
#: Tableau 10, brightened where its darker members vanish on BACKGROUND.
CATEGORICAL = ("#5aa9ff", "#ff9433", "#5fd38d", "#ff6b6b", "#b48cff",
               "#c9a27e", "#ff8fd0", "#a8b0bd", "#e4d35f", "#4fd6e0")


def icon_canvas(px: int) -> tuple[QPixmap, QPainter]:
    """A transparent ``px``-square icon drawn at twice the size, so that it stays crisp
    on high-DPI screens, and an antialiased painter on it (the caller ends it)."""
    ratio = 2.0
    pixmap = QPixmap(int(px * ratio), int(px * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    return pixmap, painter
