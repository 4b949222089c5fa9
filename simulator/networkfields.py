"""The layers of a network file, read within limits and built into a :class:`Network`.

The layer sizes are read and checked against nnsim's limits first, before any layer's
arrays, names or masks are read or a single array is allocated: a file of a hundred
bytes can ask for a billion neurons.  Then every layer's weights, biases, removed
connections, per-neuron activations and names are checked against those sizes, and
only then is the network built.  ``docs/file-format.md`` explains the limits.
"""

from __future__ import annotations

import re

import numpy as np

from .activations import ACTIVATIONS
from .i18n import translate
from .initializers import InitConfig
from .jsonfields import Field
from .limits import MAX_LAYERS, MAX_NAME_CHARS, MAX_NEURONS, network_size_problem
from .network import Network, default_names

_INPUT_LAYER_KEYS = ("size",), ("names",)
_LAYER_KEYS = ("size", "activation", "weights", "biases"), ("names", "overrides", "removed")
#: An override's key: a neuron number as nnsim writes it ("0", "12"; never "00" or "+1").
_NEURON_NUMBER = re.compile(r"0|[1-9][0-9]{0,8}")


# ====================================================================== reading
def read_layers(field: Field) -> dict:
    """The checked ``layers`` array: ``sizes``, per layer after the input its ``layers``
    entry (activation, overrides, weights, biases, removed pairs) and every layer's
    ``names``."""
    layers = field.array(min_length=1, max_length=MAX_LAYERS)
    sizes = [_read_size(layer, index == 0) for index, layer in enumerate(layers)]
    problem = network_size_problem(sizes)
    if problem:
        field.fail(problem)
    return {
        "sizes": sizes,
        "layers": [_read_layer(layers[k + 1], sizes[k], sizes[k + 1])
                   for k in range(len(sizes) - 1)],
        "names": [_read_names(layer, default)
                  for layer, default in zip(layers, default_names(sizes))],
    }


def _read_size(layer: Field, is_input: bool) -> int:
    required, optional = _INPUT_LAYER_KEYS if is_input else _LAYER_KEYS
    return layer.object(required, optional)["size"].integer(minimum=1, maximum=MAX_NEURONS)


def _read_layer(layer: Field, n_in: int, n_out: int) -> dict:
    """One layer after the input: ``weights`` (n_in, n_out), ``biases`` (n_out,),
    ``removed`` (k, 2) index pairs, ``activation`` and ``overrides``."""
    weights = layer["weights"].matrix(n_in, n_out)
    removed = layer.get("removed")
    removed = np.zeros((0, 2), dtype=np.int64) if removed is None \
        else removed.index_pairs(n_in, n_out)
    nonzero = np.flatnonzero(weights[removed[:, 0], removed[:, 1]])
    if nonzero.size:
        i, j = removed[nonzero[0]]
        layer["weights"].child(int(i)).child(int(j)).fail(
            translate("simulator.networkfields", "a removed connection must have weight 0"))
    return {"activation": layer["activation"].string(
                choices=ACTIVATIONS, what=translate("simulator.networkfields", "activation")),
            "overrides": _read_overrides(layer.get("overrides"), n_out),
            "weights": weights, "biases": layer["biases"].vector(n_out), "removed": removed}


def _read_overrides(field: Field | None, n_out: int) -> dict[int, str]:
    if field is None:
        return {}
    overrides = {}
    what = translate("simulator.networkfields", "activation")  # once, not per neuron
    for key, value in field.items():
        if not (_NEURON_NUMBER.fullmatch(key) and int(key) < n_out):
            value.fail(translate("simulator.networkfields", "expected a neuron number from 0 to "
                                 "{last} as the key").format(last=n_out - 1))
        overrides[int(key)] = value.string(choices=ACTIVATIONS, what=what)
    return overrides


def _read_names(layer: Field, defaults: list[str]) -> list[str]:
    names = layer.get("names")
    if names is None:
        return defaults
    return names.strings(len(defaults), max_length=MAX_NAME_CHARS)


def read_layout(field: Field, n_layers: int) -> dict:
    """The canvas layout: free-form, except ``positions``, which the canvas reads: at
    most one entry per layer, each null or a list of ``[x, y]`` scene positions."""
    layout = field.object(extra_keys=True).plain_data()
    positions = field.get("positions")
    if positions is not None and positions.value is not None:
        for entry in positions.array(max_length=n_layers):
            if entry.value is not None:
                entry.matrix(None, 2)
    return layout


# ====================================================================== building
def build_network(field: Field, spec: dict) -> Network:
    """The network that ``spec`` (read from the ``network`` ``field``) describes; the
    engine's own rules (softmax only in the output layer, losses that need a certain
    output) fail naming the field."""
    network = Network(spec["sizes"], "linear", dtype=spec["dtype"],
                      init=InitConfig(weights="zeros"), names=spec["names"],
                      layout=spec["layout"])
    network.init_config = spec["init"]
    layers = field["layers"].array()
    _apply_activations(network, layers, spec["layers"])
    _apply_or_fail(field["loss"], network.set_loss, spec["loss"])
    _apply_parameters(network, spec["layers"])
    return network


def _apply_or_fail(field: Field, setter, *args) -> None:
    """Run an engine setter; its ValueError (a rule the network enforces) names ``field``."""
    try:
        setter(*args)
    except ValueError as error:
        field.fail(str(error))


def _apply_activations(network: Network, layers: list[Field], specs: list[dict]) -> None:
    for layer, spec in enumerate(specs, start=1):
        _apply_or_fail(layers[layer]["activation"], network.set_activation, layer,
                       spec["activation"])
        for neuron, name in spec["overrides"].items():
            _apply_or_fail(layers[layer]["overrides"].child(str(neuron)),
                           network.set_neuron_activation, layer, neuron, name)


def _apply_parameters(network: Network, specs: list[dict]) -> None:
    for k, spec in enumerate(specs):
        network.weights[k][...] = spec["weights"]
        network.biases[k][...] = spec["biases"]
        network.masks[k][spec["removed"][:, 0], spec["removed"][:, 1]] = False
    if any(spec["removed"].size for spec in specs):
        network.masks_changed()  # once for all removals; set_connection would redo it per pair
