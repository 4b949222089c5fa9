"""Backpropagation checked against central differences, on any network a user built.

For each block's weights and its biases a bounded random choice of parameters is
nudged by ±h and the loss measured again: ``(E(θ + h) − E(θ − h)) / 2h`` is the
numerical slope, which the chain rule's exact derivative should match to rounding.
The check computes on a float64 copy: the network itself is never written.

Where an activation has a kink (ReLU, leaky ReLU and step at z = 0; ELU's curvature
jumps there) a nudge that moves some neuron's z across 0 makes the difference quotient
measure two slopes at once, so that parameter is *skipped* and counted, never compared.
Step neurons have no slope at all: backpropagation and the differences both give 0.

The difference quotient carries rounding error of about LOSS_ROUNDING·|E| / 2h.  A
relative difference is therefore taken against at least that noise ÷ TOLERANCE: two
slopes so small that rounding alone could make them differ by TOLERANCE are compared
by that absolute margin instead (a relative difference of near-zero numbers means
nothing), while any real error in a derivative still shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .i18n import translate
from .network import Network, as_batch

#: Parameters checked per block's weights and per block's biases, at most: of a
#: 784-128-64-10 network's 109,386 parameters, 210 (its output layer has 10 biases),
#: two forward passes each.
PER_PART = 40
#: The nudge, relative to the parameter's size (at least this much in absolute terms):
#: near float64's cube-root-of-epsilon optimum for central differences.
RELATIVE_STEP = 1e-6
#: A relative difference below this passes.
TOLERANCE = 1e-6
#: Activations whose slope or curvature jumps at z = 0.
KINKED = frozenset({"relu", "leaky_relu", "step", "elu"})
#: Rounding noise of a loss evaluation, relative to the loss (several ulps of float64:
#: a forward pass sums many rounded products).
LOSS_ROUNDING = 64 * np.finfo(np.float64).eps


@dataclass(frozen=True)
class PartCheck:
    """The check of one block's weights or biases.

    ``block`` k connects layer k to layer k+1; ``part`` is "weights" or "biases".
    ``worst`` is the largest relative difference over the compared parameters, at
    ``where`` ((i, j) for a weight, (j,) for a bias), with both derivatives there.
    ``checked`` = compared + ``skipped`` (nudges that crossed a kink).  ``steepest``
    is the largest |dE/dθ| backpropagation gave among the compared parameters.
    """

    block: int
    part: str
    checked: int
    total: int
    skipped: int
    worst: float
    where: tuple[int, ...] | None
    backprop: float
    numeric: float
    steepest: float

    @property
    def compared(self) -> int:
        return self.checked - self.skipped

    @property
    def passed(self) -> bool:
        return self.worst < TOLERANCE


@dataclass(frozen=True)
class GradientCheck:
    """Every part's check for ``samples`` rows; ``loss`` at the unchanged parameters."""

    parts: tuple[PartCheck, ...]
    samples: int
    loss: float

    @property
    def passed(self) -> bool:
        return all(p.passed for p in self.parts)

    @property
    def worst(self) -> float:
        return max((p.worst for p in self.parts), default=0.0)

    @property
    def checked(self) -> int:
        return sum(p.checked for p in self.parts)

    @property
    def skipped(self) -> int:
        return sum(p.skipped for p in self.parts)

    @property
    def all_flat(self) -> bool:
        """Whether every compared slope was exactly 0 (as behind step neurons)."""
        return all(p.steepest == 0.0 for p in self.parts)


def relative_difference(backprop: float, numeric: float, floor: float) -> float:
    """|g_bp − g_num| / max(|g_bp| + |g_num|, floor): 0 when both are 0, infinite
    when either is not finite (an overflowing network fails the check)."""
    if not (np.isfinite(backprop) and np.isfinite(numeric)):
        return float("inf")
    scale = max(abs(backprop) + abs(numeric), floor)
    return abs(backprop - numeric) / scale if scale > 0 else 0.0


def check_gradients(network: Network, inputs: np.ndarray, targets: np.ndarray, *,
                    per_part: int = PER_PART, seed: int = 0) -> GradientCheck:
    """Check backpropagation on ``inputs`` ``(n, sizes[0])`` with ``targets``
    ``(n, sizes[-1])`` (encoded as training uses them), on a float64 copy of
    ``network``; up to ``per_part`` parameters of each part, drawn with ``seed``
    among the connections that exist (removed ones have no parameter to nudge)."""
    if network.n_layers < 2:
        raise ValueError(translate("simulator.gradcheck", "the network has only an input "
                                   "layer: there is nothing to check"))
    if per_part < 1:
        raise ValueError(f"at least one parameter per part must be checked, got {per_part}")
    net = network.astype("float64")
    probe = _Probe(net, inputs, targets)
    rng = np.random.default_rng(seed)
    weights, biases = net.split_flat(np.arange(net.params.size))
    parts = []
    for k in range(net.n_layers - 1):
        for part, layout, existing in (("weights", weights[k], weights[k][net.masks[k]]),
                                       ("biases", biases[k], biases[k])):
            chosen = _draw(rng, existing, per_part)
            parts.append(probe.check_part(k, part, layout, existing, chosen))
    return GradientCheck(tuple(parts), len(probe.x), probe.loss)


def _draw(rng: np.random.Generator, indices: np.ndarray, count: int) -> np.ndarray:
    """Up to ``count`` of ``indices`` (flat parameter positions), without repeats."""
    if len(indices) <= count:
        return indices
    return np.sort(rng.choice(indices, size=count, replace=False))


class _Probe:
    """The float64 copy, its batch, backpropagation's gradient, and the nudges."""

    def __init__(self, net: Network, inputs: np.ndarray, targets: np.ndarray):
        self.net = net
        self.x = as_batch(inputs, net.sizes[0], "inputs")
        self.y = as_batch(targets, net.sizes[-1], "targets")
        if len(self.x) != len(self.y) or len(self.x) == 0:
            raise ValueError(translate(
                "simulator.gradcheck", "{inputs} input rows and {targets} target rows: the check "
                "needs as many of each, at least one").format(inputs=len(self.x),
                                                              targets=len(self.y)))
        self.loss = net.compute_gradients(self.x, self.y)
        self.backprop = net.grads.copy()
        # Per layer 1…L, (sizes[l],) booleans: which neurons' activations have a kink.
        self.kinked = [np.array([net.activation_of(layer, j).name in KINKED
                                 for j in range(net.sizes[layer])])
                       for layer in range(1, net.n_layers)]
        self.workspace = net.workspace(len(self.x))

    def check_part(self, block: int, part: str, layout: np.ndarray, existing: np.ndarray,
                   chosen: np.ndarray) -> PartCheck:
        """Compare backpropagation with differences at the flat positions ``chosen``,
        drawn from the ``existing`` ones of the part laid out as ``layout``."""
        worst, where, pair, skipped, steepest = 0.0, None, (0.0, 0.0), 0, 0.0
        for index in chosen:
            numeric, floor = self.numeric_slope(int(index))
            if numeric is None:
                skipped += 1
                continue
            backprop = float(self.backprop[index])
            steepest = max(steepest, abs(backprop))
            difference = relative_difference(backprop, numeric, floor)
            if where is None or difference > worst:
                worst, where, pair = difference, int(index), (backprop, numeric)
        return PartCheck(block, part, len(chosen), int(existing.size), skipped, worst,
                         self._position(layout, where), *pair, steepest)

    def numeric_slope(self, index: int) -> tuple[float | None, float]:
        """(E(θ + h) − E(θ − h)) / 2h at flat position ``index`` and the floor below
        which a relative difference is rounding noise; None when a nudge crossed a kink."""
        params = self.net.params
        keep = params[index]
        h = RELATIVE_STEP * max(1.0, abs(keep))
        up, down = keep + h, keep - h
        try:
            params[index] = up
            loss_up, sides_up = self._evaluate()
            params[index] = down
            loss_down, sides_down = self._evaluate()
        finally:
            params[index] = keep
        if any(not np.array_equal(a, b) for a, b in zip(sides_up, sides_down)):
            return None, 0.0
        span = up - down   # what was actually added, after rounding
        noise = LOSS_ROUNDING * max(abs(loss_up), abs(loss_down)) / span
        return (loss_up - loss_down) / span, noise / TOLERANCE

    def _evaluate(self) -> tuple[float, list[np.ndarray]]:
        """The loss and, per layer, the sign of every kinked neuron's z ``(n, kinked)``."""
        ws = self.workspace
        with np.errstate(over="ignore", invalid="ignore"):
            ws.forward(self.x)
        loss = self.net.loss.value(ws.zs[-1], ws.acts[-1], self.y)
        return loss, [np.sign(z[:, kinked]) for z, kinked in zip(ws.zs, self.kinked)]

    @staticmethod
    def _position(layout: np.ndarray, index: int | None) -> tuple[int, ...] | None:
        """A flat position as its place in ``layout``, the part's contiguous block of
        flat positions: (i, j) for a weight, (j,) for a bias."""
        if index is None:
            return None
        return tuple(int(i) for i in np.unravel_index(index - int(layout.flat[0]),
                                                      layout.shape))
