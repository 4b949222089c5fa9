"""Loss functions E for a batch.

Shapes: ``z`` (the output layer's pre-activation), ``a`` (its output ŷ = g(z)) and ``y``
(targets) are ``(n_samples, n_outputs)``.

Batches are averaged over samples and summed over outputs:
``E = (1/n) Σ_samples E_sample`` with ``E_sample = Σ_outputs e_k``.  For one sample and
one output squared error is exactly the articles' ½(y − ŷ)².

Cross-entropy is fused with softmax and binary cross-entropy with sigmoid.  No
probability is clipped: their values are exact for any logits (z = 1000 with y = 0
costs 1000, where clipping at 1e-12 reported 27.6):

* softmax + cross-entropy: ``E_sample = Σ_k y_k·(lse(z) − z_k)`` with
  ``lse(z) = max(z) + ln Σ_k exp(z_k − max(z))`` (soft targets allowed).  That is
  −ln ŷ_k, which serves while every ŷ_k is a normal number; once one has underflowed
  the loss is computed from z.
* sigmoid + binary cross-entropy: ``E_sample = Σ_k [logaddexp(0, z_k) − y_k·z_k]``,
  always from z.

For those pairs dE/dz = (ŷ − y)/n, which is both cheaper and numerically safer than
going through dE/da.  They refuse any other output activation with a clear message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import Activation
from .i18n import QT_TRANSLATE_NOOP, translate
from .registry import lookup


class LossScratch:
    """Work arrays for the loss of one ``(n, m)`` batch: ``wide`` is two ``(n, m)``
    arrays, ``rows`` two ``(n,)`` arrays (one number per sample); their contents mean
    nothing between calls.  ``ones_row`` is ``(1, m)`` ones, ``tiny`` the dtype's
    smallest normal number and ``log_root_tiny`` the logarithm of its square root.
    """

    def __init__(self, wide: tuple[np.ndarray, np.ndarray]):
        (n, m), dtype = wide[0].shape, wide[0].dtype
        self.wide = wide
        self.rows = (np.empty(n, dtype=dtype), np.empty(n, dtype=dtype))
        self.ones_row = np.ones((1, m), dtype=dtype)
        self.tiny = np.finfo(dtype).tiny
        self.log_root_tiny = np.log(self.tiny) / 2

    @classmethod
    def like(cls, a: np.ndarray) -> LossScratch:
        """Fresh (C-ordered) scratch for batches shaped like ``a``."""
        return cls((np.empty(a.shape, dtype=a.dtype), np.empty(a.shape, dtype=a.dtype)))


@dataclass(frozen=True)
class Loss:
    """A loss: its batch total, dE/da for display, and the fused output pairing.

    ``batch_total(z, a, y, scratch)`` returns Σ over samples of E_sample, computed in
    ``scratch`` (a ``LossScratch``) without allocating: it runs on the training hot path.
    ``grad_output(a, y)`` is dE_sample/da per entry, which the inspector shows.
    ``label`` is in the interface's language, ``english_label`` stays English (exports).
    """

    name: str
    english_label: str
    formula: str
    batch_total: Callable[[np.ndarray, np.ndarray, np.ndarray, LossScratch], float]
    grad_output: Callable[[np.ndarray, np.ndarray], np.ndarray]
    fused_activation: str | None = None

    @property
    def label(self) -> str:
        """The name shown to the user ("Squared error"), translated when read."""
        return translate("simulator.losses", self.english_label)

    def value(self, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> float:
        """Mean over the batch of each sample's summed loss (``z``, ``a``, ``y``: (n, m)).

        A non-finite z (a network that diverged) gives NaN or inf, without warnings.
        """
        if y.shape != a.shape or z.shape != a.shape:
            raise ValueError(f"targets of shape {y.shape} for outputs of shape {a.shape}")
        if a.shape[0] == 0:
            raise ValueError(translate("simulator.losses", "a loss needs at least one sample"))
        with np.errstate(over="ignore", invalid="ignore"):
            return self.batch_total(z, a, y, LossScratch.like(a)) / a.shape[0]

    def check_output(self, activation: Activation) -> None:
        """Raise ValueError if this loss cannot pair with the output activation."""
        needed = self.fused_activation
        if needed is not None and activation.name != needed:
            raise ValueError(translate(
                "simulator.losses",
                "{loss} needs a {needed} output layer, but the output layer uses {activation}")
                .format(loss=self.label, needed=needed, activation=activation.label))

    def output_delta(self, z, a, y, activation: Activation, grad_a, out,
                     scratch: LossScratch) -> float:
        """Write dE/dz of the output layer into ``out``; return the batch loss (as ``value``).

        ``grad_a`` receives dE/da for non-fused losses.  ``scratch.wide`` may be
        ``(grad_a, out)`` themselves: losses only read it before dE/dz is written.
        Runs on the training hot path.
        """
        n = a.shape[0]
        loss = self.batch_total(z, a, y, scratch) / n
        if self.fused_activation is not None:
            np.subtract(a, y, out=out)
            out *= 1.0 / n
            return loss
        # Squared error: its batch_total left a − y, which is n·dE/da, in wide[0].
        np.multiply(scratch.wide[0], 1.0 / n, out=grad_a)
        activation.backward(z, a, grad_a, out)
        return loss


def _squared_total(z, a, y, scratch):
    """Σ ½(y − ŷ)², leaving a − y in ``scratch.wide[0]`` for the backward pass."""
    diff = scratch.wide[0]
    np.subtract(a, y, out=diff)
    return 0.5 * float(np.vdot(diff, diff))


def _cross_entropy_total(z, a, y, scratch):
    """Σ_samples Σ_k y_k·(lse(z) − z_k), where a = softmax(z).

    lse(z) − z_k is −ln a_k exactly: while every a_k is a normal number that logarithm
    is as accurate as the log-sum-exp itself (a few ulps of max(E, 1)) and costs one log
    per entry.  Once a probability has underflowed (a logit gap past ~708
    in float64, ~87 in float32) it holds nothing, and the loss comes from z alone.
    """
    if np.minimum.reduce(a, axis=None) >= scratch.tiny:
        logs = scratch.wide[0]
        np.log(a, out=logs)
        return -float(np.vdot(y, logs))
    return _cross_entropy_from_logits(z, y, scratch)


def _cross_entropy_from_logits(z, y, scratch):
    """Σ_samples Σ_k y_k·(ln S − d_k) with d = z − max z and S = Σ_k exp(d_k).

    That is lse(z) − z_k without adding max z back: ln S ≥ 0 and −d_k ≥ 0, so nothing
    cancels, and logits [1000, −1000, 0] with the middle class cost exactly 2000.
    Speed without allocation: row maxima are taken over a transposed copy (numpy reduces
    short rows 5× slower), per-row numbers spread over their rows by an exact BLAS
    (n, 1)·(1, m) product (broadcasting would allocate a batch-sized buffer), and rows
    summed by BLAS.  Terms e^d below √tiny (1e-19 in float32) are raised to it: that
    changes S ≥ 1 by far less than a rounding, and keeps exp and BLAS away from
    subnormal numbers, on which they run ten times slower.
    """
    (shifted, spread), (top, log_sum), ones_row = scratch.wide, scratch.rows, scratch.ones_row
    by_column = spread.reshape(z.shape[1], z.shape[0])
    np.copyto(by_column, z.T)
    np.maximum.reduce(by_column, axis=0, out=top)
    np.dot(top.reshape(-1, 1), ones_row, out=spread)
    np.subtract(z, spread, out=shifted)                 # d ≤ 0
    np.maximum(shifted, scratch.log_root_tiny, out=spread)
    np.exp(spread, out=spread)
    np.dot(spread, ones_row[0], out=log_sum)
    np.log(log_sum, out=log_sum)                        # ln S, S ≥ 1
    np.dot(log_sum.reshape(-1, 1), ones_row, out=spread)
    np.subtract(spread, shifted, out=shifted)
    return float(np.vdot(y, shifted))


def _binary_cross_entropy_total(z, a, y, scratch):
    """Σ logaddexp(0, z) − y·z, as Σ max((1 − y)·z, −y·z) + ln(1 + e^−|z|).

    The first part is max(z, 0) − y·z as one product, without a subtraction, the second
    comes from log1p; both are ≥ 0 entry by entry (for 0 ≤ y ≤ 1), so the sum cancels
    nothing: z = 1000 with y = 0 costs 1000, z = 30 with y = 1 costs e^−30.
    (np.logaddexp is not vectorised: six times slower on 128×10 outputs.)
    """
    logistic, margin = scratch.wide
    np.subtract(y, 1.0, out=margin)
    np.multiply(margin, z, out=margin)                  # (y − 1)·z
    np.multiply(y, z, out=logistic)
    np.minimum(logistic, margin, out=margin)            # −max((1 − y)·z, −y·z)
    np.abs(z, out=logistic)
    np.negative(logistic, out=logistic)
    np.exp(logistic, out=logistic)
    np.log1p(logistic, out=logistic)                    # ln(1 + e^−|z|)
    logistic -= margin
    return float(np.add.reduce(logistic, axis=None))


def _open_unit_interval(a: np.ndarray, upper_too: bool) -> np.ndarray:
    """``a`` moved into [smallest normal, largest number below 1] of its dtype."""
    info = np.finfo(a.dtype)
    upper = np.nextafter(a.dtype.type(1), a.dtype.type(0)) if upper_too else None
    return np.clip(a, info.tiny, upper)


def _cross_entropy_grad(a, y):
    """−y/a.  Where softmax rounded a to 0 the slope is shown at the dtype's smallest
    normal number instead: the steepest finite value (≈ −4.5e307·y in float64, −8.5e37·y
    in float32).  Never NaN or a warning; inf only for targets |y| ≥ 4."""
    with np.errstate(over="ignore"):
        return -y / _open_unit_interval(a, upper_too=False)


def _binary_cross_entropy_grad(a, y):
    """(a − y)/(a(1 − a)).  Where sigmoid rounded a to 0 or 1 the slope is shown at the
    nearest representable probability inside (0, 1) (the smallest normal number, or the
    largest number below 1).  Never NaN or a warning; inf only for targets |y| ≥ 4."""
    p = _open_unit_interval(a, upper_too=True)
    with np.errstate(over="ignore"):
        return (p - y) / (p * (1.0 - p))


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("squared_error", QT_TRANSLATE_NOOP("simulator.losses", "Squared error"),
             "E = ½ Σ (y − ŷ)²", _squared_total, lambda a, y: a - y),
        Loss("cross_entropy", QT_TRANSLATE_NOOP("simulator.losses", "Cross-entropy"),
             "E = −Σ y·ln ŷ", _cross_entropy_total, _cross_entropy_grad,
             fused_activation="softmax"),
        Loss("binary_cross_entropy",
             QT_TRANSLATE_NOOP("simulator.losses", "Binary cross-entropy"),
             "E = −Σ [y·ln ŷ + (1 − y)·ln(1 − ŷ)]",
             _binary_cross_entropy_total, _binary_cross_entropy_grad,
             fused_activation="sigmoid"),
    )
}


def get_loss(name: str) -> Loss:
    """Look a loss up by name, with a message listing the valid names."""
    return lookup(LOSSES, name, "loss")
