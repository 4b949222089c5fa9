"""Health checks on one layer's activations: dead ReLUs and saturated squashing units.

``acts`` is ``(n_samples, n_units)``: a layer's activations for a probe batch.
``activation`` is one :class:`Activation` for the whole layer, or a sequence of one per
unit (a layer with per-neuron overrides).  Each check returns a boolean mask
``(n_units,)`` that is False for units whose activation cannot show the problem, so both
checks may run on any layer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .activations import Activation

#: Activations whose unit can die: output exactly 0, so gradient 0, for every input.
#: Leaky ReLU and ELU keep a small slope below zero precisely so that they cannot.
DYING = frozenset({"relu"})

#: "At a bound" means within this fraction of the range's width of it.  Measured on the
#: width, sigmoid and tanh saturate at the same point: there g'(z) is ~2 % of its peak.
SATURATION_MARGIN = 0.02

#: A unit is saturated when at least this fraction of the samples sit at a bound.
SATURATION_SHARE = 0.95


def can_die(activation: Activation) -> bool:
    return activation.name in DYING


def can_saturate(activation: Activation) -> bool:
    """True for smooth per-neuron activations bounded on both sides (sigmoid, tanh)."""
    low, high = activation.value_range
    return (activation.has_gradient and activation.per_neuron
            and low is not None and high is not None)


def network_health(network, acts) -> tuple[list[np.ndarray], list[np.ndarray]] | None:
    """The dead and the saturated neurons of every layer of ``network`` (masks
    ``(sizes[l],)``, none in the input layer), judged on ``acts``: per layer the probe's
    activations ``(m, sizes[l])``.  None when ``acts`` is missing or does not fit."""
    if acts is None or [a.shape[1] for a in acts] != list(network.sizes):
        return None
    nobody = np.zeros(network.sizes[0], dtype=bool)
    dead, saturated = [nobody], [nobody]
    for layer in range(1, network.n_layers):
        # One activation for a layer without overrides: no list of a neuron each.
        units = network.activation_of(layer) if not network.overrides[layer - 1] else \
            [network.activation_of(layer, j) for j in range(network.sizes[layer])]
        dead.append(dead_units(acts[layer], units))
        saturated.append(saturated_units(acts[layer], units))
    return dead, saturated


def dead_units(acts: np.ndarray, activation) -> np.ndarray:
    """Mask ``(n_units,)`` of ReLU units that output exactly 0 for every sample."""
    acts = np.asarray(acts)
    dead = np.all(acts == 0.0, axis=0) if len(acts) else np.zeros(acts.shape[1], bool)
    return dead & _eligible(activation, acts.shape[1], can_die)


def saturated_units(acts: np.ndarray, activation) -> np.ndarray:
    """Mask ``(n_units,)`` of sigmoid/tanh units at a bound for ≥ 95 % of the samples."""
    acts = np.asarray(acts)
    units = _per_unit(activation, acts.shape[1])
    saturated = np.zeros(acts.shape[1], dtype=bool)
    if not len(acts):
        return saturated
    for j, act in enumerate(units):
        if can_saturate(act):
            saturated[j] = _share_at_bounds(acts[:, j], act.value_range) >= SATURATION_SHARE
    return saturated


def _share_at_bounds(values: np.ndarray, value_range: tuple[float, float]) -> float:
    low, high = value_range
    margin = SATURATION_MARGIN * (high - low)
    return float(np.mean((values <= low + margin) | (values >= high - margin)))


def _eligible(activation, n_units: int, check) -> np.ndarray:
    return np.array([check(act) for act in _per_unit(activation, n_units)], dtype=bool)


def _per_unit(activation, n_units: int) -> Sequence[Activation]:
    if isinstance(activation, Activation):
        return [activation] * n_units
    if len(activation) != n_units:
        raise ValueError(f"{len(activation)} activations for {n_units} units")
    return activation
