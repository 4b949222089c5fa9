"""The network as a short PyTorch script: an ``nn.Module`` holding the trained weights,
with nnsim's loss and optimiser settings, ready to go on training in PyTorch.

The weights are nested lists of Python floats, written with ``repr`` (the shortest text
that reads back to the same float64, and exact for a float32 network too), one row per
line as in the ``.nnsim.json`` file.  Everything taken from the network file is written
as a Python literal (``repr``) or, in comments, made printable on one line, so no name
or title can break out of it.  Needs numpy and the standard library only.
"""

from __future__ import annotations

import os
from importlib import metadata

import numpy as np

from nnsim.simulator.filesafe import write_atomically
from nnsim.simulator.network import Network, layer_role
from nnsim.simulator.safetext import shorten
from nnsim.simulator.trainingtypes import TrainingConfig

from .layers import activation_groups, check_exportable

#: The names of the arrays the script holds, in the order it defines them.
ARRAYS = ("WEIGHTS", "BIASES", "REMOVED")

_HEADER = '''\
# {title}: exported from nnsim {version} as a PyTorch module.
#
# {summary}
# Loss: {loss_label}.  Computes in {dtype}.  Inputs are what nnsim feeds the
# network: the data's columns in order (standardised, if the data set says so).
#
#     model = Net()                        # the trained weights below
#     train(model, inputs, targets, 10)    # 10 epochs: nnsim's loss, optimiser, batches
#     model.predict(inputs)                # the outputs nnsim shows
#
# inputs (n, SIZES[0]) and targets (n, SIZES[-1]) are tensors of DTYPE, a row per sample.
# The optimiser's state (momentum, Adam's moments) is not carried over: training
# here starts it afresh.  Run this file to print the model and its outputs for an
# all-zero input.

import torch
import torch.nn.functional as F
from torch import nn

TITLE = {title_literal}
DTYPE = torch.{dtype}
SIZES = {sizes}
INPUT_NAMES = {input_names}
OUTPUT_NAMES = {output_names}
# Each layer's activation after the input, and the neurons (counted from 0) that
# use another one.
ACTIVATIONS = {activations}
OVERRIDES = {overrides}
'''

_ARRAYS_NOTE = '''
# WEIGHTS[k][i][j] joins neuron i of layer k to neuron j of layer k + 1, as in the
# .nnsim.json file: (inputs, outputs) per layer.  torch's nn.Linear stores the
# transpose, (outputs, inputs); Net transposes when it loads them.
'''

_REMOVED_NOTE = '''
# Removed connections (i, j) per layer: their weights are 0 and stay 0, because Net
# multiplies each weight matrix by a mask buffer in forward (so their gradient is 0).
'''

_TRAINING = '''
# nnsim's training settings.
OPTIMIZER = {optimizer!r}
LEARNING_RATE = {learning_rate!r}
MOMENTUM = {momentum!r}
BETAS = ({beta1!r}, {beta2!r})
EPSILON = {epsilon!r}
BATCH_SIZE = {batch_size!r}     # 0: the whole training set in one batch
EPOCHS = {epochs!r}        # the epoch nnsim stops at (None: no limit)
SHUFFLE = {shuffle!r}
L1 = {l1!r}             # adds L1·sign(w) to the weights' gradient (torch has no option)
L2 = {l2!r}             # weight_decay on the weights, not the biases, as nnsim does
CLIP_NORM = {clip_norm!r}

FUNCTIONS = {{
    "step": lambda z: (z >= 0).to(z.dtype),        # 1 if z >= 0 else 0: no gradient
    "linear": lambda z: z,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "elu": lambda z: F.elu(z, 1.0),
    # ln(1 + e^z) exactly: F.softplus returns z itself above 20.
    "softplus": lambda z: torch.logaddexp(z, torch.zeros_like(z)),
    "silu": F.silu,
    "softmax": lambda z: torch.softmax(z, dim=1),
}}


class Net(nn.Module):
    """The network: one nn.Linear per layer after the input, masks, activations."""

    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(n_in, n_out, dtype=DTYPE)
                                    for n_in, n_out in zip(SIZES, SIZES[1:]))
        with torch.no_grad():
            for k, layer in enumerate(self.layers):
                mask = torch.ones_like(layer.weight)
                for i, j in REMOVED[k]:
                    mask[j, i] = 0.0
                self.register_buffer(f"mask{{k}}", mask)
                layer.weight.copy_(torch.tensor(WEIGHTS[k], dtype=DTYPE).T * mask)
                layer.bias.copy_(torch.tensor(BIASES[k], dtype=DTYPE))
                for name, neurons in OVERRIDES[k].items():
                    chosen = torch.zeros(SIZES[k + 1], dtype=torch.bool)
                    chosen[neurons] = True
                    self.register_buffer(f"uses_{{name}}{{k}}", chosen)

    def activate(self, k, z):
        """Layer k's activation of z (n, SIZES[k + 1]), overridden neurons their own."""
        a = FUNCTIONS[ACTIVATIONS[k]](z)
        for name in OVERRIDES[k]:
            a = torch.where(getattr(self, f"uses_{{name}}{{k}}"), FUNCTIONS[name](z), a)
        return a

    def scores(self, x):
        """The output layer's z = a·W + b (n, SIZES[-1]) for inputs x (n, SIZES[0])."""
        for k, layer in enumerate(self.layers):
            if k:
                x = self.activate(k - 1, x)
            x = F.linear(x, layer.weight * getattr(self, f"mask{{k}}"), layer.bias)
        return x
'''

_OUTPUTS = {
    "cross_entropy": '''
    def forward(self, x):
        """Raw scores (logits), (n, SIZES[-1]): no softmax here, because torch's
        CrossEntropyLoss takes logits and applies log-softmax itself."""
        return self.scores(x)

    def predict(self, x):
        """The probabilities nnsim's outputs show: the softmax of the logits."""
        return torch.softmax(self(x), dim=1)


def nnsim_loss(logits, targets):
    """nnsim's cross-entropy, -Σ_k y_k·ln softmax(z)_k averaged over the batch: exactly
    torch's cross_entropy (mean reduction) with targets as probabilities (n, m), e.g.
    one-hot rows (class indices (n,) work too)."""
    return F.cross_entropy(logits, targets)
''',
    "binary_cross_entropy": '''
    def forward(self, x):
        """Raw scores (logits), (n, SIZES[-1]): no sigmoid here, because torch's
        BCEWithLogitsLoss applies it itself (exactly, even for large scores)."""
        return self.scores(x)

    def predict(self, x):
        """The probabilities nnsim's outputs show: the sigmoid of the logits."""
        return torch.sigmoid(self(x))


def nnsim_loss(logits, targets):
    """nnsim's binary cross-entropy: summed over the outputs, averaged over the batch.
    torch's BCEWithLogitsLoss() averages over all n·m entries, so it is this / m."""
    return F.binary_cross_entropy_with_logits(logits, targets, reduction="sum") / len(logits)
''',
    "squared_error": '''
    def forward(self, x):
        """The outputs ŷ (n, SIZES[-1]), as nnsim computes them."""
        return self.activate(len(self.layers) - 1, self.scores(x))

    def predict(self, x):
        return self(x)


def nnsim_loss(outputs, targets):
    """nnsim's squared error, ½·Σ over the outputs of (y − ŷ)², averaged over the batch.
    torch's MSELoss() averages over all n·m entries and has no ½: this is
    MSELoss()(outputs, targets) · m / 2."""
    return 0.5 * ((outputs - targets) ** 2).sum(dim=1).mean()
''',
}

_OPTIMIZERS = {
    "sgd": "torch.optim.SGD(groups, lr=LEARNING_RATE)",
    "momentum": "torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM)",
    "nesterov": "torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=True)",
    "adam": "torch.optim.Adam(groups, lr=LEARNING_RATE, betas=BETAS, eps=EPSILON)",
}

_LOOP = '''

def make_optimizer(model):
    """nnsim's optimiser: nnsim follows torch.optim's update rules."""
    groups = [{{"params": [layer.weight for layer in model.layers], "weight_decay": L2}},
              {{"params": [layer.bias for layer in model.layers], "weight_decay": 0.0}}]
    return {optimizer_call}


def train_step(model, optimizer, inputs, targets):
    """One batch in nnsim's order: gradient, clipping, L1, then the optimiser's step."""
    optimizer.zero_grad()
    loss = nnsim_loss(model(inputs), targets)
    loss.backward()
    if CLIP_NORM is not None:
        nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)
    if L1:
        for layer in model.layers:
            layer.weight.grad += L1 * layer.weight.sign()
    optimizer.step()
    return loss.item()


def train(model, inputs, targets, epochs):
    """Train ``epochs`` epochs on inputs (n, SIZES[0]) and targets (n, SIZES[-1]) in
    batches of BATCH_SIZE rows, reshuffled every epoch when SHUFFLE; returns the last
    batch's loss."""
    optimizer, n = make_optimizer(model), len(inputs)
    size, loss = BATCH_SIZE or n, float("nan")
    for _ in range(epochs):
        order = torch.randperm(n) if SHUFFLE else torch.arange(n)
        for start in range(0, n, size):
            rows = order[start:start + size]
            loss = train_step(model, optimizer, inputs[rows], targets[rows])
    return loss


if __name__ == "__main__":
    model = Net()
    print(model)
    print(model.predict(torch.zeros(1, SIZES[0], dtype=DTYPE)))
'''


def torch_script(network: Network, training: TrainingConfig, title: str = "") -> str:
    """The script's text (see the module's description)."""
    check_exportable(network)
    loss = network.loss
    parts = [_HEADER.format(
        title=_comment(title or "A network"), version=_version(), summary=_summary(network),
        loss_label=loss.english_label, dtype=network.dtype.name, title_literal=repr(title),
        sizes=repr(network.sizes), input_names=repr(network.names[0]),
        output_names=repr(network.names[-1]), activations=repr(network.activations),
        overrides=repr(_overrides(network)))]
    parts += [_ARRAYS_NOTE, _weights_text(network), _biases_text(network),
              _REMOVED_NOTE, _removed_text(network)]
    parts.append(_TRAINING.format(**training.to_dict()))
    parts.append(_OUTPUTS[network.loss_name])
    parts.append(_LOOP.format(optimizer_call=_OPTIMIZERS[training.optimizer]))
    return "".join(parts)


def save_torch_script(network: Network, training: TrainingConfig,
                      path: str | os.PathLike, title: str = "") -> int:
    """Write the script to ``path`` (atomically, as nnsim saves); returns its size in bytes."""
    data = torch_script(network, training, title).encode("utf-8")
    write_atomically(path, data)
    return len(data)


def _overrides(network: Network) -> list[dict[str, list[int]]]:
    """Per layer after the input: {activation: [neurons]} of its overridden neurons."""
    return [{name: neurons.tolist() for name, neurons in activation_groups(network, layer)[1:]}
            for layer in range(1, network.n_layers)]


def _weights_text(network: Network) -> str:
    lines = ["WEIGHTS = ["]
    for k, weights in enumerate(network.weights):
        lines.append(f"    [  # layer {k + 1}: {weights.shape[0]} × {weights.shape[1]}")
        lines += [f"        {_row(row)}," for row in weights]
        lines.append("    ],")
    return "\n".join(lines) + "\n]\n"


def _biases_text(network: Network) -> str:
    rows = [f"    {_row(b)},  # layer {k + 1}" for k, b in enumerate(network.biases)]
    return "\n".join(["BIASES = [", *rows, "]"]) + "\n"


def _removed_text(network: Network) -> str:
    rows = [f"    {[tuple(pair) for pair in np.argwhere(~mask).tolist()]!r},  # layer {k + 1}"
            for k, mask in enumerate(network.masks)]
    return "\n".join(["REMOVED = [", *rows, "]"]) + "\n"


def _row(values: np.ndarray) -> str:
    """``[0.5, -1.25]``: each number as the shortest text that reads back exactly."""
    return "[" + ", ".join(map(repr, values.tolist())) + "]"


def _summary(network: Network) -> str:
    """One comment line per layer: its size, role and activations."""
    lines = [f"Layer 0: {network.sizes[0]} inputs."]
    for layer in range(1, network.n_layers):
        groups = activation_groups(network, layer)
        acts = ", ".join(f"{name} ({len(neurons)})" for name, neurons in groups if neurons.size)
        size = network.sizes[layer]
        lines.append(f"Layer {layer}: {size} {layer_role(layer, network.n_layers)} "
                     f"neuron{'' if size == 1 else 's'}, {acts}.")
    return "\n# ".join(lines)


def _comment(text: str) -> str:
    """``text`` shortened to one printable line, safe inside a comment."""
    return shorten(text, 120)


def _version() -> str:
    try:
        return metadata.version("nnsim")
    except metadata.PackageNotFoundError:
        return "(source checkout)"
