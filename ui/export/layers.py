"""What every export reads from a network: its layers' neurons grouped by activation."""

from __future__ import annotations

import numpy as np

from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network


def check_exportable(network: Network) -> None:
    """ValueError unless ``network`` computes something (an output layer after its inputs)."""
    if network.n_layers < 2:
        raise ValueError(translate("export.layers", "the network has only its input layer: "
                                                    "add an output layer before exporting it"))


def activation_groups(network: Network, layer: int) -> list[tuple[str, np.ndarray]]:
    """Layer ``layer`` (≥ 1) as ``(activation name, neuron indices)`` pairs: the layer's
    own activation first (the neurons without an override; possibly none), then each
    override activation in name order with its neurons, indices ascending."""
    names = np.array([network.activation_of(layer, j).name
                      for j in range(network.sizes[layer])])
    own = network.activations[layer - 1]
    others = sorted(set(network.overrides[layer - 1].values()) - {own})
    return [(name, np.flatnonzero(names == name)) for name in [own, *others]]
