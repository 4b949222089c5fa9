"""What the canvas reads off the network besides its glow: the class probabilities of one
sample, the gradients of the loss, and which neurons are dead or saturated.

Plain functions of a network, its data and samples; the caller passes the network shown
(``session.display_network()``), never the one a training thread is changing.
"""

from __future__ import annotations

import numpy as np

from nnsim.simulator.dataset import CLASSIFICATION, Dataset
from nnsim.simulator.diagnostics import network_health
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.network import Network

from .canvas.gradients import Gradients, Health
from .canvas.outputs import OutputReading
from .plaintext import name

#: Output activations whose outputs are probabilities, and what their bars say.
PROBABILITY_HEADINGS = {
    "softmax": QT_TRANSLATE_NOOP("ui.network_readings", "p(class) · softmax · Σ = {total}"),
    "sigmoid": QT_TRANSLATE_NOOP("ui.network_readings", "p · sigmoid: independent, no sum")}


def fitting_targets(network: Network, data: Dataset | None) -> np.ndarray | None:
    """``data``'s targets encoded for the network's outputs (n, sizes[-1]), or None when
    they do not fit it (a network still being built)."""
    if data is None or network.n_layers < 2:
        return None
    try:
        return data.targets_for(network.activations[-1], network.sizes[-1])
    except ValueError:
        return None


def output_reading(network: Network, data: Dataset | None,
                   sample: tuple[np.ndarray, np.ndarray | None] | None) -> OutputReading | None:
    """Class names beside the outputs of a classification network, and for softmax and
    sigmoid outputs the probabilities ``network.forward`` gives ``sample`` (x, y)."""
    if data is None or data.task != CLASSIFICATION or network.n_layers < 2:
        return None
    classes, n_outputs = [name(c) for c in data.class_names], network.sizes[-1]
    if n_outputs == len(classes):
        reading = OutputReading(classes)
    elif n_outputs == 1 and len(classes) == 2:
        reading = OutputReading([translate("ui.network_readings", "{positive} (not {negative})")
                                 .format(positive=classes[1], negative=classes[0])])
    else:
        return None
    output = network.activation_of(network.n_layers - 1)
    heading = PROBABILITY_HEADINGS.get(output.name)
    if sample is None or len(sample[0]) != network.sizes[0] or heading is None \
            or network.overrides[-1]:
        return reading
    x, y = sample
    reading.probabilities = network.forward(np.asarray(x)[None, :])[0]
    reading.heading = translate("ui.network_readings", heading).format(
        total=f"{float(reading.probabilities.sum()):.3g}")
    if y is not None and len(y) == n_outputs > 1:
        reading.target = int(np.argmax(y))
    return reading


def gradients_over(network: Network, inputs: np.ndarray, targets: np.ndarray,
                   over: str) -> Gradients:
    """dE/dw of the mean loss E over the rows of ``inputs`` (m, sizes[0]) and
    ``targets`` (m, sizes[-1]), and each neuron's dE/dz summed over the rows, which is
    its dE/db (the trace's rows are each sample's share of the mean; its arrays are
    copies already)."""
    trace = network.trace(inputs, targets)
    return Gradients(trace.dE_dw, [np.zeros(network.sizes[0])] + trace.dE_db, over)


def health(network: Network, acts: list[np.ndarray] | None) -> Health | None:
    """Dead and saturated neurons of each layer judged on the probe's activations
    ``acts`` (per layer (m, sizes[l])), as the Activations dock counts them."""
    flags = network_health(network, acts)
    return None if flags is None else Health(*flags, len(acts[0]))
