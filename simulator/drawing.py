"""A digit drawn by hand, made into a sample the way the image data sets were made.

A drawing is either strokes — polylines in unit coordinates over a square pad (x to the
right, y down, both 0..1) drawn with a pen ``pen_width`` wide (a fraction of the pad's
side) — or a raster ``(H, W)`` of ink 0..1.  :func:`to_sample` turns it into the
``(n_features,)`` input of a data set with one of these image shapes:

* **8×8, the UCI "optdigits" digits** (``datasets.load_digits``).  NIST's normaliser
  scaled each digit, keeping its aspect ratio, to fill a 32-pixel-high binary bitmap (every
  sample of the data reaches both its top and bottom rows; most span 6 of the 8 block
  columns, some 24 pixels) and normalised the stroke width; 4×4 blocks of the 32×32
  bitmap were counted into 0..16, and nnsim divides by 16.  Strokes are drawn
  :data:`DIGITS_STROKE` pixels wide whatever pen drew them, as that normaliser did; a
  raster keeps its own strokes.
* **28×28, MNIST (IDX files)**.  The digit's bounding box is scaled, keeping its aspect
  ratio, to fit 20×20 with anti-aliased grey levels, then moved by whole pixels so that its
  centre of mass is the centre (14, 14) of the 28×28 field (pixel ``i`` spans ``[i, i+1)``).
  The bytes were 0..255; nnsim divides by 255, so ink is 0..1 here.

Both are total: an empty drawing gives zeros.  Sizes are bounded (:data:`MAX_POINTS`,
:data:`MAX_RASTER_SIDE`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .safetext import quote

DIGITS_SHAPE = (8, 8)
MNIST_SHAPE = (28, 28)
#: The image shapes a drawing can be converted to.
DRAWABLE_SHAPES = (DIGITS_SHAPE, MNIST_SHAPE)
#: Points over all strokes of one drawing.
MAX_POINTS = 20_000
#: Rows or columns of a raster drawing.
MAX_RASTER_SIDE = 4096

#: optdigits: the bitmap's side, the box a digit's ink is fitted into (width, height) and
#: the counting blocks' side.
DIGITS_BITMAP, DIGITS_BOX, DIGITS_BLOCK = 32, (24, 32), 4
#: optdigits: the normalised stroke width in bitmap pixels, near the data's thick strokes
#: (a "1" fills two block columns); thinner, a drawn 0 or 7 reads as another digit.  Not
#: a whole or half number, so that no pixel centre lies exactly on a straight stroke's edge.
DIGITS_STROKE = 7.5
#: MNIST: the box the digit is fitted into, and the field it is centred in.
MNIST_BOX, MNIST_FIELD = 20, 28
#: Segments measured against every pixel at once (bounds the temporary arrays).
_SEGMENT_CHUNK = 256


@dataclass(frozen=True, eq=False)
class Drawing:
    """Strokes: each an ``(n_points, 2)`` array of (x, y) in 0..1; ``pen_width`` is a
    fraction of the pad's side, above 0 and at most 1."""

    strokes: tuple[np.ndarray, ...]
    pen_width: float

    def __post_init__(self):
        if not (isinstance(self.pen_width, (int, float)) and 0 < self.pen_width <= 1):
            raise ValueError(f"the pen width must be above 0 and at most 1, "
                             f"not {quote(self.pen_width)}")
        strokes = tuple(np.asarray(s, dtype=float).reshape(-1, 2) for s in self.strokes)
        n_points = sum(len(s) for s in strokes)
        if n_points > MAX_POINTS:
            raise ValueError(f"a drawing of {n_points:,} points is more than the limit "
                             f"of {MAX_POINTS:,}")
        if not all(np.isfinite(s).all() for s in strokes):
            raise ValueError("a drawing's points must be finite numbers")
        object.__setattr__(self, "strokes", tuple(s for s in strokes if len(s)))

    @property
    def points(self) -> np.ndarray:
        """Every point of every stroke, ``(n_points, 2)``."""
        return np.concatenate(self.strokes) if self.strokes else np.zeros((0, 2))


def to_sample(drawing: Drawing | np.ndarray, image_shape: tuple[int, int]) -> np.ndarray:
    """``drawing`` as the data set of ``image_shape`` would have it, ``(n_features,)``."""
    image_shape = tuple(image_shape)
    if image_shape not in DRAWABLE_SHAPES:
        raise ValueError(f"a drawing converts to 8×8 or 28×28 images, "
                         f"not {quote(str(image_shape))}")
    if not isinstance(drawing, Drawing):
        drawing = _checked_raster(drawing)
    if image_shape == DIGITS_SHAPE:
        return block_counts(digits_bitmap(drawing)).ravel() / 16
    return mnist_image(drawing).ravel()


def _checked_raster(raster) -> np.ndarray:
    """``raster`` as float ``(H, W)`` ink clipped to 0..1; ValueError when it is no image."""
    array = np.asarray(raster, dtype=float)
    if array.ndim != 2 or max(array.shape, default=0) > MAX_RASTER_SIDE:
        raise ValueError(f"a raster drawing must be a 2-D image of at most "
                         f"{MAX_RASTER_SIDE} pixels a side, not of shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError("a raster drawing's pixels must be finite numbers")
    return np.clip(array, 0.0, 1.0)


# ---------------------------------------------------------------------- the two recipes
def digits_bitmap(drawing: Drawing | np.ndarray) -> np.ndarray:
    """The 32×32 binary bitmap (0/1 floats) of optdigits' normaliser: the ink fitted into
    a 24-wide, 32-high box keeping its aspect ratio, centred."""
    size = DIGITS_BITMAP
    if isinstance(drawing, np.ndarray):
        fitted = _fit_raster(drawing, DIGITS_BOX)
        return _place_centred(fitted >= 0.5, size).astype(float)
    if not drawing.strokes:
        return np.zeros((size, size))
    box = (DIGITS_BOX[0] - DIGITS_STROKE, DIGITS_BOX[1] - DIGITS_STROKE)
    scale, centre = _fit_box(drawing.points, 0.0, box)
    distance = _distance_to_strokes(drawing, scale, centre, size)
    return (distance <= DIGITS_STROKE / 2).astype(float)


def block_counts(bitmap: np.ndarray) -> np.ndarray:
    """The ink pixels of a 32×32 bitmap counted in 4×4 blocks: ``(8, 8)``, 0..16."""
    n = DIGITS_BITMAP // DIGITS_BLOCK
    return bitmap.reshape(n, DIGITS_BLOCK, n, DIGITS_BLOCK).sum(axis=(1, 3))


def mnist_image(drawing: Drawing | np.ndarray) -> np.ndarray:
    """The 28×28 image (ink 0..1) of MNIST's recipe: fitted into 20×20 keeping the aspect
    ratio, anti-aliased, centred by its centre of mass."""
    size = MNIST_FIELD
    if isinstance(drawing, np.ndarray):
        image = _place_centred(_fit_raster(drawing, (MNIST_BOX, MNIST_BOX)), size)
    elif not drawing.strokes:
        return np.zeros((size, size))
    else:
        radius = drawing.pen_width / 2
        scale, centre = _fit_box(drawing.points, radius, (MNIST_BOX, MNIST_BOX))
        distance = _distance_to_strokes(drawing, scale, centre, size)
        # A pixel's grey level: how much of it the pen covers, linear across its edge.
        image = np.clip(radius * scale + 0.5 - distance, 0.0, 1.0)
    return centre_of_mass_shifted(image)


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of an image's centre of mass, pixel ``i`` spanning ``[i, i+1)``;
    the image's centre for an empty image."""
    mass = image.sum()
    if mass <= 0:
        return image.shape[0] / 2, image.shape[1] / 2
    rows = np.arange(image.shape[0]) + 0.5
    columns = np.arange(image.shape[1]) + 0.5
    return (float(image.sum(axis=1) @ rows / mass), float(image.sum(axis=0) @ columns / mass))


def centre_of_mass_shifted(image: np.ndarray) -> np.ndarray:
    """``image`` moved by whole pixels so its centre of mass is nearest its centre."""
    row, column = centre_of_mass(image)
    down = round(image.shape[0] / 2 - row)
    right = round(image.shape[1] / 2 - column)
    return _shifted(_shifted(image, down, axis=0), right, axis=1)


def _shifted(image: np.ndarray, by: int, axis: int) -> np.ndarray:
    """``image`` moved ``by`` pixels along ``axis``, zeros coming in."""
    out = np.zeros_like(image)
    n = image.shape[axis]
    if abs(by) >= n:
        return out
    source = [slice(None)] * 2
    target = [slice(None)] * 2
    source[axis] = slice(max(0, -by), n - max(0, by))
    target[axis] = slice(max(0, by), n - max(0, -by))
    out[tuple(target)] = image[tuple(source)]
    return out


# ---------------------------------------------------------------------- strokes
def _fit_box(points: np.ndarray, radius: float, box: tuple[float, float]
             ) -> tuple[float, np.ndarray]:
    """The scale (pixels per unit) and the centre (x, y) in unit coordinates that fit the
    points' extent, grown by ``radius`` on every side, into ``box`` (width, height)."""
    low, high = points.min(axis=0) - radius, points.max(axis=0) + radius
    width, height = high - low
    scales = [side / extent for side, extent in zip(box, (width, height)) if extent > 0]
    # A single dot drawn with no pen has no extent: any scale draws nothing.
    return (min(scales) if scales else 1.0), (low + high) / 2


def _distance_to_strokes(drawing: Drawing, scale: float, centre: np.ndarray,
                         size: int) -> np.ndarray:
    """``(size, size)``: each pixel centre's distance in pixels to the nearest stroke, the
    strokes scaled by ``scale`` about ``centre``, which lands at the field's centre."""
    segments = [(s[:-1], s[1:]) if len(s) > 1 else (s, s) for s in drawing.strokes]
    starts = (np.concatenate([a for a, _ in segments]) - centre) * scale + size / 2
    ends = (np.concatenate([b for _, b in segments]) - centre) * scale + size / 2
    grid = np.arange(size) + 0.5
    x = np.tile(grid, size)[:, None]       # (k, 1): pixel centres, row by row
    y = np.repeat(grid, size)[:, None]
    nearest2 = np.full(size * size, np.inf)
    for first in range(0, len(starts), _SEGMENT_CHUNK):
        ax, ay = starts[first:first + _SEGMENT_CHUNK].T                  # (m,) each
        dx, dy = (ends[first:first + _SEGMENT_CHUNK] - starts[first:first + _SEGMENT_CHUNK]).T
        inverse_length2 = 1.0 / np.maximum(dx * dx + dy * dy, 1e-12)
        ox, oy = x - ax, y - ay                                           # (k, m)
        t = np.clip((ox * dx + oy * dy) * inverse_length2, 0.0, 1.0)
        gap2 = (ox - t * dx) ** 2 + (oy - t * dy) ** 2
        nearest2 = np.minimum(nearest2, gap2.min(axis=1))
    nearest = np.sqrt(nearest2)
    return nearest.reshape(size, size)


# ---------------------------------------------------------------------- rasters
def _fit_raster(raster: np.ndarray, box: tuple[int, int]) -> np.ndarray:
    """The raster's ink cropped to its bounding box and resampled by area, keeping the
    aspect ratio, to fit ``box`` (width, height); ``(0, 0)`` when there is no ink."""
    rows, columns = np.nonzero(raster > 0)
    if len(rows) == 0:
        return np.zeros((0, 0))
    crop = raster[rows.min():rows.max() + 1, columns.min():columns.max() + 1]
    scale = min(box[0] / crop.shape[1], box[1] / crop.shape[0])
    height = min(box[1], max(1, round(crop.shape[0] * scale)))
    width = min(box[0], max(1, round(crop.shape[1] * scale)))
    fitted = _area_weights(height, crop.shape[0]) @ crop @ _area_weights(width, crop.shape[1]).T
    return np.clip(fitted, 0.0, 1.0)  # the weights' rounding can make a full pixel 1 + 1e-15


def _area_weights(n_out: int, n_in: int) -> np.ndarray:
    """``(n_out, n_in)``: output pixel ``j`` as the mean of the input it covers when
    ``n_in`` pixels are stretched onto ``n_out`` (fractional overlaps weighted)."""
    edges_out = np.arange(n_out + 1) * (n_in / n_out)
    edges_in = np.arange(n_in + 1)
    overlap = (np.minimum(edges_out[1:, None], edges_in[None, 1:])
               - np.maximum(edges_out[:-1, None], edges_in[None, :-1]))
    return np.clip(overlap, 0.0, None) * (n_out / n_in)


def _place_centred(image: np.ndarray, size: int) -> np.ndarray:
    """``image`` (at most ``size`` a side) in the middle of a ``(size, size)`` field."""
    out = np.zeros((size, size), dtype=image.dtype)
    top, left = (size - image.shape[0]) // 2, (size - image.shape[1]) // 2
    out[top:top + image.shape[0], left:left + image.shape[1]] = image
    return out


def drawable(image_shape) -> bool:
    """Whether data of this image shape (or None) can be drawn."""
    return image_shape is not None and tuple(image_shape) in DRAWABLE_SHAPES

