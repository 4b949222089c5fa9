"""Weight and bias initialisation schemes.

Every scheme draws from ``numpy.random.default_rng(seed)`` block by block in layer
order, in float64, so a seed gives bit-identical weights in float64 and float32 alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .i18n import translate

WEIGHT_INITS = ("uniform", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal",
                "zeros")
BIAS_INITS = ("zeros", "constant", "uniform")


@dataclass(frozen=True)
class InitConfig:
    """How to initialise: weight scheme, its uniform range, bias scheme and value, seed."""

    weights: str = "xavier_uniform"
    uniform_range: float = 0.5
    biases: str = "zeros"
    bias_value: float = 0.0
    seed: int | None = 0

    def __post_init__(self):
        if self.weights not in WEIGHT_INITS:
            raise ValueError(translate(
                "simulator.initializers",
                "unknown weight initialisation {name}; choose one of: {valid}")
                .format(name=repr(self.weights), valid=", ".join(WEIGHT_INITS)))
        if self.biases not in BIAS_INITS:
            raise ValueError(translate(
                "simulator.initializers",
                "unknown bias initialisation {name}; choose one of: {valid}")
                .format(name=repr(self.biases), valid=", ".join(BIAS_INITS)))


def draw_weights(rng: np.random.Generator, n_in: int, n_out: int,
                 config: InitConfig) -> np.ndarray:
    """One block of weights, shape ``(n_in, n_out)``, float64."""
    scheme = config.weights
    if scheme == "zeros":
        return np.zeros((n_in, n_out))
    if scheme == "uniform":
        r = config.uniform_range
        return rng.uniform(-r, r, (n_in, n_out))
    fan = (n_in + n_out) / 2.0 if scheme.startswith("xavier") else n_in / 2.0
    if scheme.endswith("uniform"):
        limit = np.sqrt(3.0 / fan)
        return rng.uniform(-limit, limit, (n_in, n_out))
    return rng.normal(0.0, np.sqrt(1.0 / fan), (n_in, n_out))


def draw_biases(rng: np.random.Generator, n_out: int, config: InitConfig) -> np.ndarray:
    """One layer's biases, shape ``(n_out,)``, float64."""
    if config.biases == "zeros":
        return np.zeros(n_out)
    if config.biases == "constant":
        return np.full(n_out, float(config.bias_value))
    r = config.uniform_range
    return rng.uniform(-r, r, n_out)
