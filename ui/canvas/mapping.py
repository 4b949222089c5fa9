"""From numbers to colour buckets: activations to glow, weights to line colours.

Plain numpy on top of the theme's bucket helpers; nothing here paints.
"""

from __future__ import annotations

import numpy as np

from .. import theme

TOP_K = 2_000        # connections drawn per block at most: the strongest
PEAK_DECAY = 0.97    # per frame: an old peak fades to 40 % within a second at 30 fps
INTERLEAVE = 4       # pieces each bucket's lines are cut into to alternate signs


def _draw_rank() -> tuple[np.ndarray, np.ndarray]:
    """Weak buckets first so strong lines end on top; the two buckets of equal |w|
    (one per sign) are neighbours.  Rank of each bucket, and its inverse."""
    n = theme.N_BUCKETS
    by_strength = sorted(range(n), key=lambda b: (abs(2 * b - (n - 1)), b))
    rank = np.empty(n, dtype=np.intp)
    rank[by_strength] = np.arange(n)
    return rank, np.asarray(by_strength, dtype=np.intp)


DRAW_RANK, BUCKET_OF_RANK = _draw_rank()


class LayerGlow:
    """Maps one layer's activations to glow buckets, each neuron on its activation's range.

    ``groups`` pairs each ``value_range`` in the layer (per-neuron overrides make several)
    with the indices of its neurons.  Open ends (ReLU's 0..∞) close at the layer's recent
    peak, which loses ``decay`` per call so one spike does not darken the layer for good
    (0: only the values at hand count).  Inputs (``value_range`` None..None) that are
    never negative map 0..peak, so a blank pixel is dark rather than mid-grey.
    """

    def __init__(self, groups: list[tuple[tuple, np.ndarray | slice]], is_input: bool,
                 decay: float = PEAK_DECAY):
        self.groups = groups
        self.is_input = is_input
        self.decay = decay
        self._peak = 0.0

    def buckets(self, values: np.ndarray) -> np.ndarray:
        """Glow buckets (intp, same shape) of values with neurons on axis 0: one value per
        neuron (n,), or a picture per neuron (n, H, W)."""
        finite = values[np.isfinite(values)]
        current = float(np.abs(finite).max()) if finite.size else 0.0
        self._peak = max(current, self._peak * self.decay)
        unsigned = self.is_input and finite.size and finite.min() >= 0.0
        out = np.empty(values.shape, dtype=np.intp)
        for value_range, index in self.groups:
            closed = theme.display_range((0.0, None) if unsigned else value_range, self._peak)
            out[index] = theme.glow_buckets(values[index], closed)
        return out


def strongest(magnitudes: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest of ``magnitudes`` (m,) (all of them when m ≤ k)."""
    m = len(magnitudes)
    if m <= k:
        return np.arange(m)
    return np.argpartition(magnitudes, m - k)[m - k:]


def draw_runs(buckets: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """Order that groups lines by bucket, weakest first, and the runs to draw it in.

    ``buckets`` (m,) → (order (m,), [(bucket, start, count), …]).  Positive and negative
    lines of equal strength are drawn in alternating pieces: drawn one sign after the
    other, the later one would cover the earlier wherever lines bunch up (a uniform
    initialisation puts all of a block's strongest weights in the top two buckets).
    """
    ranks = DRAW_RANK[buckets]
    order = np.argsort(ranks, kind="stable")
    counts = np.bincount(ranks, minlength=theme.N_BUCKETS).tolist()
    starts = np.concatenate([[0], np.cumsum(counts)]).tolist()
    runs = []
    for level in range(0, theme.N_BUCKETS, 2):
        pieces = [_pieces(int(BUCKET_OF_RANK[r]), starts[r], counts[r])
                  for r in (level, level + 1)]
        runs += [run for pair in zip(*pieces) for run in pair if run[2]]
    return order, runs


def _pieces(bucket: int, start: int, count: int) -> list[tuple[int, int, int]]:
    """A run cut into INTERLEAVE consecutive (bucket, start, count) pieces."""
    bounds = [start + count * k // INTERLEAVE for k in range(INTERLEAVE + 1)]
    return [(bucket, a, b - a) for a, b in zip(bounds, bounds[1:])]


def format_value(value: float) -> str:
    """Three significant digits, a real minus sign: 0.731, −12.4, 1.2e+03."""
    if not np.isfinite(value):
        return "—" if np.isnan(value) else ("∞" if value > 0 else "−∞")
    text = f"{value:.3g}" if abs(value) < 1000 else f"{value:.2g}"
    return text.replace("-", "−")
