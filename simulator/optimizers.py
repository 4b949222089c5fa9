"""Optimisers that update a network's flat parameter buffer in place.

Each works on the whole flat ``params``/``grads`` pair (shape ``(n_params,)``) with a
few vector operations and preallocated scratch, so the cost per step does not grow
with the number of layers.  State (momentum buffers, Adam moments, step count) is
exposed by ``state_dict`` so a saved network continues exactly where it stopped.
"""

from __future__ import annotations

import numpy as np

from .registry import lookup

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam")


class Optimizer:
    """Plain gradient descent: w ← w − η·dE/dw."""

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
        for key in self.state_names:
            getattr(self, key).fill(0.0)
        self.t = 0

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
                raise ValueError(f"optimizer state {key!r} has {source.size} values, "
                                 f"the network has {target.size} parameters")
            target[...] = source
        self.t = int(state.get("t", 0))


class Momentum(Optimizer):
    """Heavy-ball momentum: v ← μ·v − η·g, w ← w + v."""

    name = "momentum"
    state_names = ("velocity",)

    def step(self, params, grads):
        np.multiply(grads, self.learning_rate, out=self._scratch)
        self.velocity *= self.hyper["momentum"]
        self.velocity -= self._scratch
        params += self.velocity


class Nesterov(Momentum):
    """Nesterov momentum (Sutskever's form): v ← μ·v − η·g, w ← w + μ·v − η·g."""

    name = "nesterov"

    def step(self, params, grads):
        mu = self.hyper["momentum"]
        np.multiply(grads, self.learning_rate, out=self._scratch)
        self.velocity *= mu
        self.velocity -= self._scratch
        params -= self._scratch
        np.multiply(self.velocity, mu, out=self._scratch)
        params += self._scratch


class Adam(Optimizer):
    """Adam with bias correction folded into the step size (Kingma & Ba, §2)."""

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
        step_size = self.learning_rate * np.sqrt(1.0 - b2 ** self.t) / (1.0 - b1 ** self.t)
        np.sqrt(self.v, out=self._scratch)
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
