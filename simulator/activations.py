"""Activation functions g(z) and their backward passes.

Every function works batch-major: ``z`` and ``a`` have shape ``(n_samples, n_units)``.
``forward`` writes ``a = g(z)`` into ``out``; ``backward`` turns ``dE/da`` into
``dE/dz`` in ``out``.  All operate in place on preallocated buffers because they sit on
the training hot path.  Where the derivative is cheaper from the output (sigmoid, tanh,
ReLU) it is computed from ``a``, as scikit-learn does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .i18n import QT_TRANSLATE_NOOP, translate
from .registry import lookup

LEAKY_RELU_SLOPE = 0.01
ELU_ALPHA = 1.0


@dataclass(frozen=True)
class Activation:
    """One activation: its forward and backward kernels and how to display it.

    ``value_range`` is what the canvas maps brightness on; ``None`` in either end means
    unbounded (the view then scales by the largest value seen).  ``has_gradient`` is
    False only for the step, whose derivative is zero wherever it exists.
    ``label`` and ``formula`` are in the interface's language; ``english_label`` and
    ``english_formula`` stay English (for exported code and files).
    """

    name: str
    english_label: str
    english_formula: str
    forward: Callable[[np.ndarray, np.ndarray], None]
    backward: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], None]
    value_range: tuple[float | None, float | None]
    has_gradient: bool = True
    per_neuron: bool = True

    @property
    def label(self) -> str:
        """The name shown to the user ("Step", "ReLU"), translated when read."""
        return translate("simulator.activations", self.english_label)

    @property
    def formula(self) -> str:
        """g(z) written out, translated when read (the step's "if … else" has words)."""
        return translate("simulator.activations", self.english_formula)

    def __call__(self, z: np.ndarray) -> np.ndarray:
        z = np.atleast_2d(np.asarray(z, dtype=float))
        out = np.empty_like(z)
        with np.errstate(over="ignore"):
            self.forward(z, out)
        return out

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """g'(z) elementwise, for plotting; softmax gives the diagonal of its Jacobian."""
        z = np.atleast_2d(np.asarray(z, dtype=float))
        a = self(z)
        if not self.per_neuron:
            return a * (1.0 - a)
        out = np.empty_like(z)
        self.backward(z, a, np.ones_like(z), out)
        return out


def _step_forward(z, out):
    np.greater_equal(z, 0.0, out=out, casting="unsafe")


def _zero_backward(z, a, grad_a, out):
    out.fill(0.0)


def _linear_forward(z, out):
    np.copyto(out, z)


def _linear_backward(z, a, grad_a, out):
    np.copyto(out, grad_a)


def _sigmoid_forward(z, out):
    np.negative(z, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)


def _sigmoid_backward(z, a, grad_a, out):
    np.subtract(1.0, a, out=out)
    out *= a
    out *= grad_a


def _tanh_forward(z, out):
    np.tanh(z, out=out)


def _tanh_backward(z, a, grad_a, out):
    np.multiply(a, a, out=out)
    np.subtract(1.0, out, out=out)
    out *= grad_a


def _relu_forward(z, out):
    # np.maximum(z, 0.0) takes numpy's slow scalar-broadcast path (3× slower on a
    # 128×128 float32 batch); against a zeroed array it is vectorised.
    out.fill(0.0)
    np.maximum(z, out, out=out)


def _relu_backward(z, a, grad_a, out):
    np.multiply(grad_a, a > 0.0, out=out)


def _leaky_relu_forward(z, out):
    np.multiply(z, LEAKY_RELU_SLOPE, out=out)
    np.maximum(z, out, out=out)


def _leaky_relu_backward(z, a, grad_a, out):
    slope = np.where(z > 0.0, 1.0, LEAKY_RELU_SLOPE)
    np.multiply(grad_a, slope, out=out)


def _elu_forward(z, out):
    np.minimum(z, 0.0, out=out)
    np.expm1(out, out=out)
    out *= ELU_ALPHA
    np.copyto(out, z, where=z > 0.0)


def _elu_backward(z, a, grad_a, out):
    slope = np.where(z > 0.0, 1.0, a + ELU_ALPHA)
    np.multiply(grad_a, slope, out=out)


def _softplus_forward(z, out):
    np.logaddexp(0.0, z, out=out)


def _softplus_backward(z, a, grad_a, out):
    _sigmoid_forward(z, out)
    out *= grad_a


def _silu_forward(z, out):
    _sigmoid_forward(z, out)
    out *= z


def _silu_backward(z, a, grad_a, out):
    """d/dz z·s(z) = s + z·s·(1 − s) = s·(1 + z − a) with a = z·s."""
    _sigmoid_forward(z, out)
    out *= 1.0 + z - a
    out *= grad_a


def _softmax_forward(z, out):
    np.subtract(z, np.maximum.reduce(z, axis=1, keepdims=True), out=out)
    np.exp(out, out=out)
    # Row sums as a matrix-vector product: BLAS beats a reduction over short rows.
    out /= np.dot(out, np.ones(out.shape[1], dtype=out.dtype)).reshape(-1, 1)


def _softmax_backward(z, a, grad_a, out):
    """Jacobian-vector product: dE/dz_i = a_i (dE/da_i − Σ_j dE/da_j a_j)."""
    np.multiply(grad_a, a, out=out)
    weighted = out.sum(axis=1, keepdims=True)
    np.subtract(grad_a, weighted, out=out)
    out *= a


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("step", QT_TRANSLATE_NOOP("simulator.activations", "Step"),
                   QT_TRANSLATE_NOOP("simulator.activations", "g(z) = 1 if z ≥ 0 else 0"),
                   _step_forward, _zero_backward, (0.0, 1.0), has_gradient=False),
        Activation("linear", QT_TRANSLATE_NOOP("simulator.activations", "Linear"), "g(z) = z",
                   _linear_forward, _linear_backward, (None, None)),
        Activation("sigmoid", "Sigmoid", "g(z) = 1 / (1 + e^(−z))", _sigmoid_forward,
                   _sigmoid_backward, (0.0, 1.0)),
        Activation("tanh", QT_TRANSLATE_NOOP("simulator.activations", "Tanh"), "g(z) = tanh(z)",
                   _tanh_forward, _tanh_backward, (-1.0, 1.0)),
        Activation("relu", "ReLU", "g(z) = max(0, z)", _relu_forward, _relu_backward,
                   (0.0, None)),
        Activation("leaky_relu", "Leaky ReLU", f"g(z) = max({LEAKY_RELU_SLOPE}·z, z)",
                   _leaky_relu_forward, _leaky_relu_backward, (None, None)),
        Activation("elu", "ELU",
                   QT_TRANSLATE_NOOP("simulator.activations", "g(z) = z if z > 0 else e^z − 1"),
                   _elu_forward, _elu_backward, (-ELU_ALPHA, None)),
        Activation("softplus", "Softplus", "g(z) = ln(1 + e^z)", _softplus_forward,
                   _softplus_backward, (0.0, None)),
        Activation("silu", "SiLU / Swish", "g(z) = z / (1 + e^(−z))", _silu_forward,
                   _silu_backward, (None, None)),
        Activation("softmax", "Softmax", "g(z)_i = e^(z_i) / Σ_j e^(z_j)",
                   _softmax_forward, _softmax_backward, (0.0, 1.0), per_neuron=False),
    )
}


def get_activation(name: str) -> Activation:
    """Look an activation up by name, with a message listing the valid names."""
    return lookup(ACTIVATIONS, name, "activation")
