"""A single neuron as a perceptron: its cases, its decision line and the side it says yes.

A network of one neuron (every input connected straight to one output) decides by the
sign of z = w·x + b: a step neuron outputs 1 when z ≥ 0, a sigmoid 0.5 or more, a tanh 0
or more, so for two inputs the line w₁x₁ + w₂x₂ + b = 0 splits the plane into its two
answers.  The articles' music-festival perceptron (w = 7, 3; threshold 5) is the example.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network

#: Most distinct cases a truth table lists (logic gates and the festival have four).
MAX_CASES = 16


def is_single_neuron(network: Network | None) -> bool:
    """True for a network whose only layer after the input is one neuron."""
    return network is not None and len(network.sizes) == 2 and network.sizes[1] == 1


@dataclass(frozen=True)
class Case:
    """One distinct input ``x`` (n_inputs,), its z and output, and the target (None
    when the data has none for it)."""

    x: np.ndarray
    z: float
    output: float
    target: float | None

    def decides_one(self) -> bool:
        return self.z >= 0


def distinct_rows(inputs: np.ndarray, limit: int = MAX_CASES) -> tuple[np.ndarray, int]:
    """Indices of the first ``limit`` distinct rows of ``inputs`` (n, n_inputs), in
    order, and how many distinct rows there are (counted over at most the first 100,000
    rows).  It depends on the data alone: worked out once per data set."""
    _, first = np.unique(np.asarray(inputs[:100_000], dtype=float), axis=0,
                         return_index=True)
    return np.sort(first)[:limit], len(first)


def cases(network: Network, inputs: np.ndarray, targets: np.ndarray | None,
          rows: np.ndarray) -> list[Case]:
    """What the single neuron computes for the ``rows`` (indices) of ``inputs``
    (n, n_inputs); ``targets`` (n, 1) is what each row should give."""
    x = np.asarray(inputs[rows], dtype=float)
    trace = network.trace(x)
    z, outputs = trace.z[1][:, 0], trace.a[1][:, 0]
    wanted = None if targets is None else np.asarray(targets, dtype=float)[rows, 0]
    return [Case(x[k], float(z[k]), float(outputs[k]),
                 None if wanted is None else float(wanted[k])) for k in range(len(rows))]


def weights_and_bias(network: Network) -> tuple[np.ndarray, float]:
    """The single neuron's incoming weights (n_inputs,), zero where a connection is
    removed, and its bias."""
    return network.weights[0][:, 0].copy(), float(network.biases[0][0])


def decision_line(w: np.ndarray, b: float,
                  box: tuple[float, float, float, float]) -> np.ndarray | None:
    """The ends (2, 2) of the segment of w₁x₁ + w₂x₂ + b = 0 inside ``box`` (x_min,
    x_max, y_min, y_max), or None when the line misses it or both weights are 0."""
    corners = _corners(box)
    values = corners @ w[:2] + b
    ends = []
    for k in range(4):
        (p, vp), (q, vq) = (corners[k], values[k]), (corners[(k + 1) % 4], values[(k + 1) % 4])
        if vp == 0:
            ends.append(p)
        elif vp * vq < 0:
            ends.append(p + (q - p) * (vp / (vp - vq)))
    if not w[:2].any() or len(ends) < 2:
        return None
    return np.array(ends[:2])


def positive_region(w: np.ndarray, b: float,
                    box: tuple[float, float, float, float]) -> np.ndarray:
    """The polygon (k, 2) of ``box`` where w₁x₁ + w₂x₂ + b ≥ 0 (the neuron says 1):
    the box clipped by the half-plane (Sutherland–Hodgman); empty (0, 2) if none."""
    corners = _corners(box)
    values = corners @ w[:2] + b
    polygon = []
    for k in range(4):
        (p, vp), (q, vq) = (corners[k], values[k]), (corners[(k + 1) % 4], values[(k + 1) % 4])
        if vp >= 0:
            polygon.append(p)
        if vp * vq < 0:
            polygon.append(p + (q - p) * (vp / (vp - vq)))
    return np.array(polygon).reshape(-1, 2)


def _corners(box: tuple[float, float, float, float]) -> np.ndarray:
    """The corners (4, 2) of ``box`` in order around it."""
    x0, x1, y0, y1 = box
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)
