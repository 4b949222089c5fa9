"""Where every neuron and connection sits, in scene units (≈ pixels at zoom 1); numpy only.

Layers are columns from left to right, centred on y = 0.  A layer of up to
``COLUMN_LIMIT`` neurons is one column of circles that shrink and close up as it grows.
A bigger layer is *compact*: a grid of small dots on a panel — the input layer as the
image it probably is when its size is a square (784 → 28×28), any other layer as its
column wrapped into several.  An input layer of 64 (8×8 digits) is also laid out as an
image, with full-size circles.

``net.layout["positions"]``, when present, is a list with one entry per layer: ``None``
or ``[[x, y], …]`` scene positions for that layer's neurons (for hand-arranged networks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

COLUMN_LIMIT = 64        # neurons drawn as one column of circles at most
WRAP_ROWS = 32           # rows of a compact layer folded into columns
SMALL_HEIGHT = 406.0     # height of a column of 8 neurons; taller layers grow as n^0.35
HEIGHT_EXPONENT = 0.35
MAX_HEIGHT = 700.0       # compact layers shrink their cells to stay within this
MAX_RADIUS = 19.0
RADIUS_PER_SPACING = 0.36
DOT_PER_CELL = 0.38      # dot radius / grid cell size
PANEL_MARGIN = 0.5       # cells of panel around a grid
IMAGE_SIDE = 520.0       # height of an image-shaped input layer (at most)
IMAGE_CELL = 40.0        # cell size of small images (8×8 digits), as big as they get
MIN_IMAGE_SIDE = 8       # 8×8 and up count as images
MIN_GAP, MAX_GAP = 190.0, 620.0
COLUMN_MARGIN = 16       # left and right of a layer's outline (selection, drop guide)


@dataclass
class Grid:
    """Cell layout of a grid-arranged layer: ``cells[n]`` is neuron n's flat cell index
    (row-major over ``rows × cols``); ``origin`` is the grid's top-left corner."""

    rows: int
    cols: int
    cell: float
    cells: np.ndarray
    origin: tuple[float, float]

    @property
    def rect(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the grid."""
        return (*self.origin, self.cols * self.cell, self.rows * self.cell)

    @property
    def panel(self) -> tuple[float, float, float, float]:
        """The grid's rect with its panel margin: x, y, width, height."""
        x, y, w, h = self.rect
        m = PANEL_MARGIN * self.cell
        return x - m, y - m, w + 2 * m, h + 2 * m


@dataclass
class LayerGeometry:
    positions: np.ndarray          # (n, 2) node centres
    radius: float
    spacing: float                 # distance to the nearest neighbour
    grid: Grid | None = None

    @property
    def compact(self) -> bool:
        """Too many neurons for individual circles: drawn as a dot image of its grid."""
        return self.grid is not None and len(self.positions) > COLUMN_LIMIT

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """x0, y0, x1, y1 enclosing every node."""
        if self.grid is not None:
            x, y, w, h = self.grid.panel
            return x, y, x + w, y + h
        low = self.positions.min(axis=0) - self.radius
        high = self.positions.max(axis=0) + self.radius
        return low[0], low[1], high[0], high[1]


def column_spacing(n: int) -> float:
    """Centre distance in a column of n neurons: constant up to 8; beyond, the column
    grows as n^0.35 so a 64-neuron layer is about twice as tall as an 8-neuron one."""
    if n <= 8:
        return SMALL_HEIGHT / 7.0
    return SMALL_HEIGHT * (n / 8.0) ** HEIGHT_EXPONENT / (n - 1)


def _image_side(layer: int, n: int) -> int | None:
    """Side of the square image an input layer of n neurons probably is, else None."""
    side = math.isqrt(n)
    return side if layer == 0 and side * side == n and side >= MIN_IMAGE_SIDE else None


def _column(n: int) -> LayerGeometry:
    spacing = column_spacing(n)
    y = (np.arange(n) - (n - 1) / 2.0) * spacing
    radius = min(MAX_RADIUS, RADIUS_PER_SPACING * spacing)
    return LayerGeometry(np.column_stack([np.zeros(n), y]), radius, spacing)


def _grid(rows: int, cols: int, cell: float, cells: np.ndarray) -> LayerGeometry:
    origin = (-cols * cell / 2.0, -rows * cell / 2.0)
    row, col = np.divmod(cells, cols)
    positions = np.column_stack([origin[0] + (col + 0.5) * cell,
                                 origin[1] + (row + 0.5) * cell])
    radius = min(MAX_RADIUS, DOT_PER_CELL * cell)
    return LayerGeometry(positions, radius, cell, Grid(rows, cols, cell, cells, origin))


def _image(n: int, side: int) -> LayerGeometry:
    """Row-major, like the pixels the neurons read."""
    return _grid(side, side, min(IMAGE_CELL, IMAGE_SIDE / side), np.arange(n))


def _wrapped_column(n: int) -> LayerGeometry:
    """A long column folded into columns of WRAP_ROWS (squarer for huge layers), filled
    top to bottom."""
    rows = max(WRAP_ROWS, math.ceil(math.sqrt(n)))
    cols = math.ceil(n / rows)
    index = np.arange(n)
    cells = (index % rows) * cols + index // rows
    cell = min(column_spacing(WRAP_ROWS), MAX_HEIGHT / rows)
    return _grid(rows, cols, cell, cells)


def _layer_shape(layer: int, n: int) -> LayerGeometry:
    side = _image_side(layer, n)
    if side is not None:
        return _image(n, side)
    return _wrapped_column(n) if n > COLUMN_LIMIT else _column(n)


def _shifted(geometry: LayerGeometry, dx: float) -> LayerGeometry:
    geometry.positions[:, 0] += dx
    if geometry.grid is not None:
        x, y = geometry.grid.origin
        geometry.grid.origin = (x + dx, y)
    return geometry


def _custom(positions, n: int) -> LayerGeometry | None:
    """A layer placed by hand (``layout["positions"]``), if the entry fits the layer."""
    array = np.asarray(positions if positions is not None else [], dtype=float)
    if array.shape != (n, 2):
        return None
    spacing = column_spacing(n)
    return LayerGeometry(array, min(MAX_RADIUS, RADIUS_PER_SPACING * spacing), spacing)


def layout_network(sizes: list[int], layout: dict | None = None) -> list[LayerGeometry]:
    """Geometry of every layer: columns left to right, separated by a gap that grows
    with the tallest layer so fans of connections keep a readable slope."""
    shapes = [_layer_shape(layer, n) for layer, n in enumerate(sizes)]
    tallest = max(s.bounds[3] - s.bounds[1] for s in shapes)
    gap = float(np.clip(0.55 * tallest, MIN_GAP, MAX_GAP))
    x, placed = 0.0, []
    for shape in shapes:
        half = (shape.bounds[2] - shape.bounds[0]) / 2.0
        if placed:
            x += half + gap
        placed.append(_shifted(shape, x))
        x += half
    custom = (layout or {}).get("positions") or []
    for layer, positions in enumerate(custom[:len(sizes)]):
        placed[layer] = _custom(positions, sizes[layer]) or placed[layer]
    return placed


def connection_segments(start: LayerGeometry, end: LayerGeometry, mask: np.ndarray):
    """Segments of the existing connections of one block.

    ``start`` and ``end`` are the block's two layers, ``mask`` (a, b) says which
    connections exist.  Returns ``(segments, i, j)``: (m, 4) float64 rows x0, y0, x1, y1
    and the (m,) neuron indices of each connection's ends.  Lines leaving or entering a
    grid begin or end at its panel's edge: the panel hides the rest, and painting it
    anyway costs time.
    """
    i, j = np.nonzero(mask)
    a, b = start.positions[i], end.positions[j]
    segments = np.hstack([a, b])
    if start.grid is not None:
        segments[:, :2] = _point_at_x(a, b, start.bounds[2])
    if end.grid is not None:
        segments[:, 2:] = _point_at_x(a, b, end.bounds[0])
    return np.ascontiguousarray(segments, dtype=np.float64), i, j


def _point_at_x(a: np.ndarray, b: np.ndarray, x: float) -> np.ndarray:
    """Where each line from a (m, 2) to b (m, 2) crosses the vertical x → (m, 2)."""
    dx = b[:, 0] - a[:, 0]
    t = np.clip((x - a[:, 0]) / np.where(dx == 0, 1.0, dx), 0.0, 1.0)
    return a + (b - a) * t[:, None]


def nearest_point(points: np.ndarray, p: tuple[float, float], reach: float) -> int:
    """Index of the point in ``points`` (n, 2) nearest to p within ``reach``, else -1."""
    if len(points) == 0:
        return -1
    d2 = (points[:, 0] - p[0]) ** 2 + (points[:, 1] - p[1]) ** 2
    best = int(np.argmin(d2))
    return best if d2[best] <= reach * reach else -1


def segment_distances(segments: np.ndarray, p: tuple[float, float]) -> np.ndarray:
    """Distance from p to each of ``segments`` (m, 4) → (m,)."""
    a, b = segments[:, :2], segments[:, 2:]
    ab = b - a
    ap = np.asarray(p, dtype=float) - a
    length2 = np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-12)
    t = np.clip(np.einsum("ij,ij->i", ap, ab) / length2, 0.0, 1.0)
    closest = a + ab * t[:, None]
    return np.hypot(*(closest - np.asarray(p)).T)
