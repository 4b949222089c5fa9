"""nnsim's colours and the application palette, shared by every widget.

Weights use TensorFlow Playground's convention learners already know: blue positive,
orange negative.  Neurons glow from a dark resting colour to a warm bright one as their
activation rises through the activation's range.  Colours are quantised into a fixed
number of buckets so painters reuse a small set of pens and brushes.
"""

from __future__ import annotations

import functools

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap

# The dark theme's colours, nnsim's own look (``use`` replaces them by a palette's).
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
SUCCESS = "#56d364"
SATURATED = "#e8c547"  # a saturated neuron's ring (gradient view)
PAST = "#f2c14e"  # a moment of the run looked back at (timeline, loss plot marker)
TRAIN_COLOR = "#5aa9ff"
TEST_COLOR = "#ff9433"
# The decision surface where the network is undecided: Playground's white, dimmed for a
# dark UI; the perceptron's "yes" region.
SURFACE_MID = "#a9aeb8"
REGION = "#142e54"
PLOT_FOREGROUND = "#969696"   # pyqtgraph's own default grey
#: Colours for categories without an order (classes beyond two, curves of several layers):
#: Tableau 10, brightened where its darker members vanish on BACKGROUND.
CATEGORICAL: tuple[str, ...] = ("#5aa9ff", "#ff9433", "#5fd38d", "#ff6b6b", "#b48cff",
                                "#c9a27e", "#ff8fd0", "#a8b0bd", "#e4d35f", "#4fd6e0")
NAME = "dark"

# Designed for white: text near-black, weights the same blue and orange as on the dark
# theme but deep enough to read on white (≥ 3:1), neurons resting pale grey and glowing a
# saturated amber.
_LIGHT: dict[str, object] = {
    "BACKGROUND": "#ffffff", "SURFACE": "#f3f5f8", "SURFACE_RAISED": "#e6e9ef",
    "BORDER": "#c3c9d3", "TEXT": "#1d2330", "MUTED": "#5a6372", "ACCENT": "#1867c0",
    "POSITIVE": "#1c6bd0", "NEGATIVE": "#e8590c", "NEUTRAL": "#a9b0bc",
    "GLOW_LOW": "#eceff4", "GLOW_HIGH": "#f59f00", "ERROR": "#c92a2a",
    "SUCCESS": "#237a36", "SATURATED": "#a07d00",
    "PAST": "#9a6700", "TRAIN_COLOR": "#1c6bd0", "TEST_COLOR": "#e8590c",
    "SURFACE_MID": "#f1f3f6", "REGION": "#dbe7fa",
    "PLOT_FOREGROUND": "#5a6372",
    # Tableau 10, deepened where its lighter members vanish on white.
    "CATEGORICAL": ("#1c6bd0", "#e8590c", "#2b8a3e", "#c92a2a", "#7048e8",
                    "#8d6748", "#c2255c", "#5a6372", "#a07d00", "#0c8599"),
}
#: Each theme's colours, by the name of the module constant that holds them.
PALETTES: dict[str, dict[str, object]] = {
    "dark": {key: globals()[key] for key in _LIGHT}, "light": _LIGHT}
NAMES = tuple(PALETTES)

_caches: list = []


def cached(function):
    """``functools.cache`` for pens, brushes and tables made from the colours: ``use``
    empties it."""
    wrapped = functools.cache(function)
    _caches.append(wrapped)
    return wrapped


def use(name: str) -> None:
    """Make ``name`` (one of ``NAMES``) the current theme: every colour constant, the
    caches derived from them and pyqtgraph's default foreground.  Widgets read the
    colours when they are built, so call it before building them."""
    global NAME
    if name not in PALETTES:
        raise ValueError(f"unknown theme {name!r}")
    globals().update(PALETTES[name])
    NAME = name
    for cache in _caches:
        cache.cache_clear()
    pg.setConfigOption("foreground", PLOT_FOREGROUND)


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
    """A Fusion palette matching the canvas, in the current theme's colours."""
    p = QPalette()
    if NAME == "light":
        # Bevels and frames from a light button, whatever the desktop's palette is (a
        # dark desktop would otherwise lend its dark shades).
        button = QColor(SURFACE_RAISED)
        shades = {QPalette.Light: button.lighter(150), QPalette.Midlight: button.lighter(115),
                  QPalette.Mid: button.darker(130), QPalette.Dark: button.darker(160),
                  QPalette.Shadow: QColor(TEXT)}
        for role, color in shades.items():
            p.setColor(role, color)
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
