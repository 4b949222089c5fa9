"""TensorFlow Playground's 2-D data sets, generated as its ``src/dataset.ts`` does:
``noise`` is in its units (0..50 percent), the point counts and the shuffling are its
own.  ``datasets`` lists them as built-ins.
"""

from __future__ import annotations

import numpy as np

from .dataset import CLASSIFICATION, REGRESSION, Dataset, one_hot


def _playground(rng, points: np.ndarray, targets: np.ndarray, task: str,
                class_names=()) -> Dataset:
    # Playground shuffles its points too; the generators emit them grouped by class.
    order = rng.permutation(len(points))
    return Dataset("", points[order], targets[order], task, class_names, ("x1", "x2"))


def _playground_classes(rng, points: np.ndarray, positive: np.ndarray) -> Dataset:
    """Points ``(n, 2)`` labelled by ``positive`` ``(n,)``: True is "+1" (class 1), False "-1"."""
    return _playground(rng, points, one_hot(positive.astype(int), 2), CLASSIFICATION, ("-1", "+1"))


def _playground_values(rng, points: np.ndarray, values: np.ndarray) -> Dataset:
    """Points ``(n, 2)`` with regression targets ``values`` ``(n,)``."""
    return _playground(rng, points, values[:, np.newaxis], REGRESSION)


def _per_class(n_samples: int) -> int:
    """Points of each class in Playground's two-class sets: its loops run ``i <
    numSamples / 2`` per class, so an odd count gives one point more than asked."""
    return (n_samples + 1) // 2


def _halves(n_samples: int) -> np.ndarray:
    """``(2 * _per_class(n_samples),)`` mask: True for the first class's points ("+1")."""
    half = _per_class(n_samples)
    return np.arange(2 * half) < half


def _jitter(rng, n_samples: int, half_width: float, noise: float) -> np.ndarray:
    """``(n_samples, 2)`` uniform offsets in +-half_width scaled by noise percent."""
    return rng.uniform(-half_width, half_width, (n_samples, 2)) * (noise / 100)


def circle(rng, n_samples: int, noise: float) -> Dataset:
    radius = 5.0
    inside = _halves(n_samples)
    n = len(inside)
    r = np.where(inside, rng.uniform(0, 0.5 * radius, n), rng.uniform(0.7 * radius, radius, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    points = r[:, np.newaxis] * np.column_stack([np.sin(angle), np.cos(angle)])
    # As in Playground, noise moves where a point is labelled, not where it is drawn.
    seen = points + _jitter(rng, n, radius, noise)
    return _playground_classes(rng, points, np.linalg.norm(seen, axis=1) < 0.5 * radius)


def xor_quadrants(rng, n_samples: int, noise: float) -> Dataset:
    points = rng.uniform(-5, 5, (n_samples, 2))
    points += np.where(points > 0, 0.3, -0.3)  # a gap along the axes, where the label flips
    seen = points + _jitter(rng, n_samples, 5.0, noise)
    return _playground_classes(rng, points, seen[:, 0] * seen[:, 1] >= 0)


def gaussians(rng, n_samples: int, noise: float) -> Dataset:
    positive = _halves(n_samples)
    variance = 0.5 + 3.5 * noise / 50  # Playground maps noise 0..50 % onto variance 0.5..4
    centres = np.where(positive, 2.0, -2.0)[:, np.newaxis]
    points = rng.normal(centres, np.sqrt(variance), (len(positive), 2))
    return _playground_classes(rng, points, positive)


def _spiral_arm(rng, n_samples: int, turn: float, noise: float) -> np.ndarray:
    """``(_per_class(n_samples), 2)`` points winding 1.75 turns out towards radius 5,
    rotated by ``turn``.  Playground steps by 1 / (numSamples / 2) even when that is not
    a whole number of points."""
    fraction = np.arange(_per_class(n_samples)) / (n_samples / 2)
    angle = 1.75 * 2 * np.pi * fraction + turn
    on_arm = (5 * fraction)[:, np.newaxis] * np.column_stack([np.sin(angle), np.cos(angle)])
    return on_arm + rng.uniform(-1, 1, (len(fraction), 2)) * (noise / 100)


def spiral(rng, n_samples: int, noise: float) -> Dataset:
    points = np.concatenate([_spiral_arm(rng, n_samples, 0.0, noise),
                             _spiral_arm(rng, n_samples, np.pi, noise)])
    return _playground_classes(rng, points, _halves(n_samples))


def reg_plane(rng, n_samples: int, noise: float) -> Dataset:
    radius = 6.0
    points = rng.uniform(-radius, radius, (n_samples, 2))
    seen = points + _jitter(rng, n_samples, radius, noise)
    # Playground maps x + y in [-10, 10] linearly onto [-1, 1].
    return _playground_values(rng, points, seen.sum(axis=1) / 10)


#: Playground's regressGaussian bumps: centre x, centre y, sign of the peak.
_BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                   [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])


def reg_gaussian(rng, n_samples: int, noise: float) -> Dataset:
    radius = 6.0
    points = rng.uniform(-radius, radius, (n_samples, 2))
    seen = points + _jitter(rng, n_samples, radius, noise)
    distance = np.linalg.norm(seen[:, np.newaxis, :] - _BUMPS[:, :2], axis=2)  # (n, 6)
    heights = _BUMPS[:, 2] * np.clip(1 - distance / 2, 0, 1)  # cones of height +-1, radius 2
    # Playground keeps the bump largest in absolute value, the first one on ties.
    strongest = np.argmax(np.abs(heights), axis=1)
    return _playground_values(rng, points, heights[np.arange(n_samples), strongest])
