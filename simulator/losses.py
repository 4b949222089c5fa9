"""Loss functions E(ŷ, y) for a batch.

Shapes: ``a`` (network output ŷ) and ``y`` (targets) are ``(n_samples, n_outputs)``.

Batches are averaged over samples and summed over outputs:
``E = (1/n) Σ_samples E_sample`` with ``E_sample = Σ_outputs e(ŷ_k, y_k)``.  For one
sample and one output squared error is exactly the articles' ½(y − ŷ)².

Cross-entropy is fused with softmax and binary cross-entropy with sigmoid: for those
pairs dE/dz = (ŷ − y)/n, which is both cheaper and numerically safer than going through
dE/da.  They refuse any other output activation with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import Activation
from .registry import lookup

#: Probabilities are clipped to [EPS, 1 − EPS] before a logarithm.
EPS = 1e-12


@dataclass(frozen=True)
class Loss:
    """A loss: per-sample values, dE/da for display, and the fused output pairing."""

    name: str
    label: str
    formula: str
    per_sample: Callable[[np.ndarray, np.ndarray], np.ndarray]
    grad_output: Callable[[np.ndarray, np.ndarray], np.ndarray]
    fused_activation: str | None = None
    #: ``batch_value(a, y, scratch1, scratch2)``: ``value(a, y)`` computed in place
    #: (no temporaries, no np.mean/np.sum wrappers) for the training hot path.
    batch_value: Callable[..., float] | None = None

    def value(self, a: np.ndarray, y: np.ndarray) -> float:
        """Mean over the batch of each sample's summed loss."""
        return float(np.mean(self.per_sample(a, y)))

    def check_output(self, activation: Activation) -> None:
        """Raise ValueError if this loss cannot pair with the output activation."""
        needed = self.fused_activation
        if needed is not None and activation.name != needed:
            raise ValueError(
                f"{self.label} needs a {needed} output layer, "
                f"but the output layer uses {activation.label}")

    def output_delta(self, z, a, y, activation: Activation, grad_a, out) -> float:
        """Write dE/dz of the output layer into ``out``; return the batch loss.

        ``grad_a`` is scratch space of the same shape.  Runs on the training hot path.
        """
        n = a.shape[0]
        if self.fused_activation is not None:
            # grad_a and out are free scratch until dE/dz is written below.
            loss = self.batch_value(a, y, grad_a, out)
            np.subtract(a, y, out=out)
            out *= 1.0 / n
            return loss
        np.subtract(a, y, out=grad_a)
        loss = 0.5 * float(np.vdot(grad_a, grad_a)) / n
        grad_a *= 1.0 / n
        activation.backward(z, a, grad_a, out)
        return loss


def _squared_per_sample(a, y):
    diff = a - y
    return 0.5 * np.einsum("ij,ij->i", diff, diff)


def _cross_entropy_per_sample(a, y):
    return -np.sum(y * np.log(np.clip(a, EPS, 1.0)), axis=1)


def _upper(a) -> float:
    """Largest clip bound below 1 for a's dtype: 1 − 1e-12 rounds to 1.0 in float32."""
    return 1.0 - max(EPS, float(np.finfo(a.dtype).epsneg))


def _cross_entropy_batch(a, y, s1, s2):
    """Mean over the batch of −Σ y·ln(clip(a, EPS, 1)), in the scratch ``s1``."""
    np.maximum(a, EPS, out=s1)
    np.minimum(s1, 1.0, out=s1)
    np.log(s1, out=s1)
    return -float(np.vdot(y, s1)) / a.shape[0]


def _binary_cross_entropy_batch(a, y, s1, s2):
    """Mean of −Σ [y·ln p + (1 − y)·ln(1 − p)], p = clip(a), in scratch ``s1``, ``s2``.

    Two dot products of same-signed terms, so nothing cancels when p ≈ y.
    """
    np.maximum(a, EPS, out=s1)
    np.minimum(s1, _upper(a), out=s1)
    np.negative(s1, out=s2)
    np.log1p(s2, out=s2)                      # ln(1 − p)
    np.log(s1, out=s1)                        # ln p
    total = float(np.vdot(y, s1))
    np.subtract(1.0, y, out=s1)               # 1 − y
    total += float(np.vdot(s1, s2))
    return -total / a.shape[0]


def _binary_cross_entropy_per_sample(a, y):
    p = np.clip(a, EPS, _upper(a))
    return -np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p), axis=1)


def _binary_cross_entropy_grad(a, y):
    p = np.clip(a, EPS, _upper(a))
    return (p - y) / (p * (1.0 - p))


LOSSES: dict[str, Loss] = {
    l.name: l
    for l in (
        Loss("squared_error", "Squared error", "E = ½ Σ (y − ŷ)²",
             _squared_per_sample, lambda a, y: a - y),
        Loss("cross_entropy", "Cross-entropy", "E = −Σ y·ln ŷ",
             _cross_entropy_per_sample, lambda a, y: -y / np.clip(a, EPS, 1.0),
             fused_activation="softmax", batch_value=_cross_entropy_batch),
        Loss("binary_cross_entropy", "Binary cross-entropy",
             "E = −Σ [y·ln ŷ + (1 − y)·ln(1 − ŷ)]",
             _binary_cross_entropy_per_sample, _binary_cross_entropy_grad,
             fused_activation="sigmoid", batch_value=_binary_cross_entropy_batch),
    )
}


def get_loss(name: str) -> Loss:
    """Look a loss up by name, with a message listing the valid names."""
    return lookup(LOSSES, name, "loss")
