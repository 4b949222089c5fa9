"""The forward and backward passes over preallocated buffers.

A ``Workspace`` owns every intermediate array for one batch size, so a training step
allocates nothing: matmuls write with ``out=``, activations work in place, and weight
and bias gradients land directly in a flat gradient buffer: the network's ``grads``
(training), or one the caller owns (diagnostics, which must never touch training's).
A ``Trace`` copies a workspace's arrays for display.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .activations import ACTIVATIONS
from .losses import LossScratch

if TYPE_CHECKING:
    from .network import Network


class LayerKernel:
    """A layer's activation, honouring per-neuron overrides.

    Without overrides ``forward``/``backward`` are the activation's own kernels (no
    extra Python frame on the hot path); with overrides each group of columns sharing
    an activation is computed separately.
    """

    def __init__(self, name: str, overrides: dict[int, str], size: int):
        base = ACTIVATIONS[name]
        if not overrides:
            self.forward = base.forward
            self.backward = base.backward
            return
        per_neuron = np.array([overrides.get(j, name) for j in range(size)])
        self.groups = [(ACTIVATIONS[str(n)], np.flatnonzero(per_neuron == n))
                       for n in np.unique(per_neuron)]
        self.forward = self._grouped_forward
        self.backward = self._grouped_backward

    def _grouped_forward(self, z, out):
        for act, idx in self.groups:
            part = np.empty((z.shape[0], idx.size), dtype=z.dtype)
            act.forward(z[:, idx], part)
            out[:, idx] = part

    def _grouped_backward(self, z, a, grad_a, out):
        for act, idx in self.groups:
            part = np.empty((z.shape[0], idx.size), dtype=z.dtype)
            act.backward(z[:, idx], a[:, idx], grad_a[:, idx], part)
            out[:, idx] = part


class Workspace:
    """Buffers for batches of ``n`` rows: z, a, dE/da and dE/dz of every layer.

    ``acts[l]`` is (n, sizes[l]) with ``acts[0]`` the input batch itself; ``zs[k]``,
    ``dzs[k]`` are (n, sizes[k+1]); ``das[l]`` is (n, sizes[l]) for l ≥ 1 and ``None``
    for the input layer, whose dE/da no weight needs.  ``dzs`` and ``das`` exist only
    once ``forward_backward`` has run: forward-only batches (evaluation, probes) do not
    pay for them.  ``grads``, laid out like ``net.params`` (shape ``(n_params,)``),
    receives the gradients: ``net.grads`` unless the caller passes its own buffer.
    """

    def __init__(self, net: Network, n: int, grads: np.ndarray | None = None):
        self.net = net
        self.n = n
        self.grads = net.grads if grads is None else _gradient_buffer(net, grads)
        dt = net.dtype
        outs = net.sizes[1:]
        self.kernels = [net.kernel(k) for k in range(len(outs))]
        self.zs = [np.empty((n, m), dtype=dt) for m in outs]
        self.acts: list[np.ndarray | None] = [None] + [np.empty((n, m), dtype=dt)
                                                      for m in outs]
        self.dzs: list[np.ndarray] | None = None
        self.das: list[np.ndarray | None] | None = None
        self.loss_scratch: LossScratch | None = None
        self.ones = np.ones(n, dtype=dt)
        self.targets = None
        # Hot-path plans: every operand bound once, so a step does no list indexing,
        # attribute lookups or .T view creation beyond the input batch's.
        self._forward_plan = list(zip(net.weights, net.biases, self.zs, self.acts[1:],
                                      [k.forward for k in self.kernels]))
        self._backward_plan: list[tuple] = []

    def _make_backward_buffers(self) -> None:
        net, dt, outs = self.net, self.net.dtype, self.net.sizes[1:]
        self.dzs = [np.empty((self.n, m), dtype=dt) for m in outs]
        self.das = [None] + [np.empty((self.n, m), dtype=dt) for m in outs]
        # The output layer's dE/da and dE/dz are free until the loss has been computed.
        self.loss_scratch = LossScratch((self.das[-1], self.dzs[-1]))
        grad_weights, grad_biases = net.split_flat(self.grads)
        self._backward_plan = [
            (self.acts[k].T, self.dzs[k], grad_weights[k], grad_biases[k],
             net.weights[k].T, self.das[k], self.kernels[k - 1].backward,
             self.zs[k - 1], self.acts[k], self.dzs[k - 1])
            for k in range(len(outs) - 1, 0, -1)]
        self._first_block_grads = grad_weights[0], grad_biases[0]

    def forward(self, x: np.ndarray) -> None:
        """Fill ``zs`` and ``acts`` for the input batch ``x`` (n, sizes[0]).

        Call inside ``np.errstate(over="ignore")``: exp overflowing to inf is harmless.
        """
        self.acts[0] = a = x
        dot = np.dot
        for w, b, z, out, forward in self._forward_plan:
            dot(a, w, out=z)
            z += b
            forward(z, out)
            a = out

    def forward_backward(self, x: np.ndarray, y: np.ndarray) -> float:
        """Forward, then backpropagate into ``grads`` (unmasked); return the loss.

        Callers wrap it in ``np.errstate`` (overflow to inf is expected and caught by
        the loss check); doing it here would cost more than the arithmetic on small nets.
        """
        if self.dzs is None:
            self._make_backward_buffers()
        self.forward(x)
        self.targets = y
        net = self.net
        loss = net.loss.output_delta(self.zs[-1], self.acts[-1], y, self.kernels[-1],
                                     self.das[-1], self.dzs[-1], self.loss_scratch)
        dot, ones = np.dot, self.ones
        for a_t, dz, gw, gb, w_t, da, backward, z_prev, a, dz_prev in self._backward_plan:
            dot(a_t, dz, out=gw)
            dot(ones, dz, out=gb)
            dot(dz, w_t, out=da)
            backward(z_prev, a, da, dz_prev)
        dz = self.dzs[0]
        grad_weights, grad_biases = self._first_block_grads
        dot(x.T, dz, out=grad_weights)
        dot(ones, dz, out=grad_biases)
        return loss


@dataclass
class Trace:
    """Copies of every per-neuron quantity for one batch (see ``Network.trace``)."""

    z: list[np.ndarray]
    a: list[np.ndarray]
    dE_da: list[np.ndarray] | None
    dE_dz: list[np.ndarray] | None
    dE_dw: list[np.ndarray] | None
    dE_db: list[np.ndarray] | None
    loss: float | None

    @classmethod
    def from_workspace(cls, ws: Workspace, loss, dE_dw, dE_db) -> Trace:
        a = [x.copy() for x in ws.acts]
        z = [a[0]] + [x.copy() for x in ws.zs]
        if loss is None:
            return cls(z, a, None, None, None, None, None)
        net = ws.net
        input_grad = ws.dzs[0] @ net.weights[0].T
        dE_da = [input_grad] + [d.copy() for d in ws.das[1:]]
        if net.loss.fused_activation:
            # Fused losses skip dE/da on the hot path; derive it here for display
            # (finite where a rounded to 0 or 1: see the loss's grad_output).
            dE_da[-1] = net.loss.grad_output(a[-1], ws.targets) / ws.n
        dE_dz = [input_grad.copy()] + [d.copy() for d in ws.dzs]
        return cls(z, a, dE_da, dE_dz, dE_dw, dE_db, loss)


def _gradient_buffer(net: Network, grads: np.ndarray) -> np.ndarray:
    """``grads`` when it can stand in for ``net.grads``: same shape and dtype, writable,
    contiguous (the matmuls write into views of it)."""
    if grads.shape != net.params.shape or grads.dtype != net.dtype or \
            not grads.flags.c_contiguous or not grads.flags.writeable:
        raise ValueError(f"a gradient buffer must be a writable, contiguous {net.dtype} "
                         f"array of shape {net.params.shape}, like the network's params; "
                         f"got {grads.dtype} {grads.shape}")
    return grads


class ThreadWorkspaces(threading.local):
    """Each thread's workspaces, by batch size.

    Per thread, so that a forward pass for display on one thread never writes into
    the buffers a training step is using on another.
    """

    def __init__(self):
        self.by_rows: dict[int, Workspace] = {}
