"""Optimisers that update a network's flat parameter buffer in place.

The update rules are ``torch.optim``'s (``SGD`` with ``momentum``/``nesterov`` and
``dampening=0``, ``Adam`` with ``amsgrad=False``), so a learner who moves on to PyTorch
meets the same numbers: ``g`` is the gradient after clipping and regularisation.

Each works on the whole flat ``params``/``grads`` pair (shape ``(n_params,)``) with a
few vector operations and preallocated scratch, so the cost per step does not grow
with the number of layers.  State (momentum buffer, Adam moments, step count) is
exposed by ``state_dict`` so a saved network continues exactly where it stopped.
"""

from __future__ import annotations

import math

import numpy as np

from .i18n import translate
from .registry import lookup

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam")

#: Bias corrections use at most this step count: β ** t is exactly 0.0 by then for any
#: β < 1 a float can hold, and a larger Python int would overflow converting to float.
_POWER_STEP_LIMIT = 2 ** 1000


def all_finite(array: np.ndarray) -> bool:
    """True when no entry of ``array`` is NaN or infinite.

    A sum of squares is NaN or infinite whenever an entry is, so one BLAS dot decides
    the usual case; only a sum that overflowed from finite entries needs the exact check
    (its overflow warns unless silenced with ``np.errstate``, as ``Trainer.step`` does).
    """
    return math.isfinite(np.dot(array, array)) or bool(np.isfinite(array).all())


def _power(base: float, t: int) -> float:
    """``base ** t`` for any step count ``t`` ≥ 0, without OverflowError."""
    return base ** min(t, _POWER_STEP_LIMIT)


class Optimizer:
    """Plain gradient descent (torch.optim.SGD): w ← w − η·g."""

    name = "sgd"
    state_names: tuple[str, ...] = ()

    def __init__(self, n_params: int, dtype, learning_rate: float, **hyper):
        self.learning_rate = float(learning_rate)
        self.hyper = hyper
        self._scratch = np.zeros(n_params, dtype=dtype)
        for key in self.state_names:
            setattr(self, key, np.zeros(n_params, dtype=dtype))
        self.t = 0

    def step(self, params: np.ndarray, grads: np.ndarray) -> None:
        np.multiply(grads, -self.learning_rate, out=self._scratch)
        params += self._scratch

    def reset(self) -> None:
        """Forget momentum and moments (after a reset of the weights or a divergence)."""
        for array in self.state_arrays():
            array.fill(0.0)
        self.t = 0

    def state_arrays(self) -> list[np.ndarray]:
        """The live state arrays, each ``(n_params,)`` and laid out like ``params``."""
        return [getattr(self, key) for key in self.state_names]

    def state_is_finite(self) -> bool:
        return all(map(all_finite, self.state_arrays()))

    def forget_outside(self, kept: np.ndarray) -> None:
        """Zero every state array where ``kept`` (bool, ``(n_params,)``) is False."""
        removed = ~kept
        for array in self.state_arrays():
            array[removed] = 0.0

    def state_dict(self) -> dict:
        """Copies of every state array plus the step count."""
        state = {key: getattr(self, key).copy() for key in self.state_names}
        state["t"] = self.t
        return state

    def load_state(self, state: dict) -> None:
        for key in self.state_names:
            target = getattr(self, key)
            source = np.asarray(state[key], dtype=target.dtype)
            if source.shape != target.shape:
                raise ValueError(translate(
                    "simulator.optimizers",
                    "optimizer state {key} has {count} values, the network has {size} "
                    "parameters").format(key=repr(key), count=source.size, size=target.size))
            target[...] = source
        self.t = int(state.get("t", 0))


class Momentum(Optimizer):
    """Heavy-ball momentum (torch.optim.SGD, momentum=μ): b ← μ·b + g, w ← w − η·b.

    The buffer ``b`` (saved as ``velocity``) is in gradient units, so a new η applies
    from the next step on.
    """

    name = "momentum"
    state_names = ("velocity",)

    def step(self, params, grads):
        self.velocity *= self.hyper["momentum"]
        self.velocity += grads
        np.multiply(self.velocity, -self.learning_rate, out=self._scratch)
        params += self._scratch


class Nesterov(Momentum):
    """Nesterov momentum (torch.optim.SGD, nesterov=True): b ← μ·b + g,
    w ← w − η·(g + μ·b)."""

    name = "nesterov"

    def step(self, params, grads):
        mu = self.hyper["momentum"]
        self.velocity *= mu
        self.velocity += grads
        np.multiply(self.velocity, mu, out=self._scratch)
        self._scratch += grads
        self._scratch *= -self.learning_rate
        params += self._scratch


class Adam(Optimizer):
    """Adam as torch.optim.Adam: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
    w ← w − η/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + ε)."""

    name = "adam"
    state_names = ("m", "v")

    def step(self, params, grads):
        b1, b2, eps = self.hyper["beta1"], self.hyper["beta2"], self.hyper["epsilon"]
        self.t += 1
        self.m *= b1
        np.multiply(grads, 1.0 - b1, out=self._scratch)
        self.m += self._scratch
        self.v *= b2
        np.multiply(grads, grads, out=self._scratch)
        self._scratch *= 1.0 - b2
        self.v += self._scratch
        step_size = self.learning_rate / (1.0 - _power(b1, self.t))
        np.sqrt(self.v, out=self._scratch)
        self._scratch /= math.sqrt(1.0 - _power(b2, self.t))
        self._scratch += eps
        np.divide(self.m, self._scratch, out=self._scratch)
        self._scratch *= -step_size
        params += self._scratch


_CLASSES = {cls.name: cls for cls in (Optimizer, Momentum, Nesterov, Adam)}


def state_names(name: str) -> tuple[str, ...]:
    """The names of optimiser ``name``'s state arrays (``velocity``; ``m``, ``v``)."""
    return lookup(_CLASSES, name, "optimizer").state_names


def make_optimizer(name: str, n_params: int, dtype, learning_rate: float, *,
                   momentum: float = 0.9, beta1: float = 0.9, beta2: float = 0.999,
                   epsilon: float = 1e-8) -> Optimizer:
    """Build an optimiser by name (one of ``OPTIMIZERS``)."""
    cls = lookup(_CLASSES, name, "optimizer")
    return cls(n_params, dtype, learning_rate, momentum=momentum, beta1=beta1, beta2=beta2,
               epsilon=epsilon)
