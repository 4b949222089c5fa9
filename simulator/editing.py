"""Structural edits of a :class:`Network`: add, remove, move and rename neurons and layers.

Every edit keeps the network's invariants (array shapes follow ``sizes``, removed
connections weigh exactly 0, overrides, names, masks and ``layout["positions"]`` follow
their neurons, the loss still pairs with the output layer) and is all or nothing: it
runs on a copy that replaces the network only when the edit succeeded, so a refused
edit (``ValueError``) leaves the network exactly as it was.

Rules worth knowing:

* Existing weights and biases are kept bit for bit; only connections that did not
  exist before get fresh values, drawn with the network's ``init_config`` as a full
  re-initialisation of their block would draw them (so scaled for the new fan-in and
  fan-out).  Without a ``seed`` the generator is derived from the init seed, the place
  of the edit and the parameter count: replaying the same edits gives the same weights.
* Biases belong to their neuron: they move, disappear and appear with it.
* A layer whose names are all the defaults (x1, h2_3, y1 …) is renamed to the defaults
  of its new position when layers are inserted or removed; hand-given names are kept.
  New neurons get the first default names not used anywhere in the network.
* Hand-placed positions of a layer follow its neurons (a removed neuron's goes with
  it); adding a neuron drops them (the layer's entry becomes ``None``): it has no place.
"""

from __future__ import annotations

import functools
import operator

import numpy as np

from .activations import get_activation
from .i18n import QT_TRANSLATE_NOOP, translate
from .initializers import draw_biases, draw_weights
from .limits import MAX_NAME_CHARS, check_network_size
from .network import Network, default_names, name_prefix

#: The loss an appended output layer falls back to when the old loss cannot pair with it.
FALLBACK_LOSS = "squared_error"


def _atomic(edit):
    """Run ``edit`` on a copy of the network and adopt the result only if it succeeds."""
    @functools.wraps(edit)
    def run(net: Network, *args, **kwargs):
        draft = net.copy()
        result = edit(draft, *args, **kwargs)
        draft._check_output_pairing()
        net._adopt(draft)  # the draft is private to this call: no need to copy it again
        return result
    return run


# ---------------------------------------------------------------------------- neurons
@_atomic
def insert_neuron(net: Network, layer: int, index: int | None = None, *, connect: bool = True,
                  seed: int | None = None, name: str | None = None) -> int:
    """Add a neuron to ``layer`` (input and output included) at ``index`` (default: the
    end) and return its index.  It is fully connected with fresh weights, or with every
    connection removed when ``connect`` is False; ``name`` defaults to an unused
    default name."""
    layer = _layer_index(net, layer)
    size = net.sizes[layer]
    check_network_size(_with_size(net.sizes, layer, size + 1))
    index = size if index is None else _position(index, size + 1, "index")
    source = np.insert(np.arange(size), index, -1)
    _rearrange_layer(net, layer, source, _edit_rng(net, seed, layer, index), connect)
    if name is not None:
        rename_neuron(net, layer, index, name)
    return index


@_atomic
def remove_neuron(net: Network, layer: int, index: int) -> None:
    """Remove one neuron with its bias, connections, override, name and position."""
    layer = _layer_index(net, layer)
    index = _neuron_index(net, layer, index)
    if net.sizes[layer] == 1:
        raise ValueError(translate("simulator.editing", "layer {layer} has only this neuron; a "
                                   "layer cannot be empty").format(layer=layer))
    source = np.delete(np.arange(net.sizes[layer]), index)
    _rearrange_layer(net, layer, source, _edit_rng(net, None, layer, index))


@_atomic
def move_neuron(net: Network, layer: int, source: int, target: int) -> None:
    """Move neuron ``source`` of ``layer`` to index ``target``, shifting those between.

    The network computes the same function; only the outputs are permuted when
    ``layer`` is the output layer (and the inputs expected in the new order for layer 0).
    """
    layer = _layer_index(net, layer)
    source = _neuron_index(net, layer, source)
    target = _neuron_index(net, layer, target, "target")
    order = np.insert(np.delete(np.arange(net.sizes[layer]), source), target, source)
    _rearrange_layer(net, layer, order, _edit_rng(net, None, layer, target))


@_atomic
def resize_layer(net: Network, layer: int, size: int, *, seed: int | None = None) -> None:
    """Give ``layer`` ``size`` neurons: new ones (fully connected) join at the end, or
    the last ones are removed."""
    layer = _layer_index(net, layer)
    size = operator.index(size)
    if size < 1:
        raise ValueError(translate("simulator.editing", "a layer needs at least one neuron, "
                                   "not {size}").format(size=size))
    check_network_size(_with_size(net.sizes, layer, size))
    old = net.sizes[layer]
    source = np.concatenate([np.arange(min(old, size)), np.full(max(size - old, 0), -1)])
    _rearrange_layer(net, layer, source, _edit_rng(net, seed, layer, size))


def connect(net: Network, block: int, i: int, j: int, *, seed: int | None = None) -> float:
    """Restore the connection from neuron i of layer ``block`` to neuron j of the next
    layer with a fresh weight drawn as its block's initialisation would; returns it.
    An existing connection keeps its weight."""
    if not 0 <= block < net.n_layers - 1:
        raise ValueError(translate("simulator.editing", "there is no layer after layer {layer} "
                                   "to connect to").format(layer=block))
    i = _neuron_index(net, block, i)
    j = _neuron_index(net, block + 1, j)
    if net.masks[block][i, j]:
        return float(net.weights[block][i, j])
    n_in, n_out = net.block_shapes[block]
    fresh = draw_weights(_edit_rng(net, seed, block, i, j), n_in, n_out, net.init_config)
    net.set_connection(block, i, j, True, float(fresh[i, j]))
    return float(fresh[i, j])


def rename_neuron(net: Network, layer: int, index: int, name: str) -> None:
    """Name a neuron; surrounding blanks are stripped and an empty name is refused."""
    layer = _layer_index(net, layer)
    index = _neuron_index(net, layer, index)
    stripped = str(name).strip()
    if not stripped:
        raise ValueError(translate("simulator.editing", "a neuron's name cannot be empty"))
    if len(stripped) > MAX_NAME_CHARS:
        raise ValueError(translate("simulator.editing", "a neuron's name can have at most "
                                   "{limit} characters, not {count}").format(
            limit=MAX_NAME_CHARS, count=f"{len(stripped):,}"))
    net.names[layer][index] = stripped


def _rearrange_layer(net: Network, layer: int, source: np.ndarray,
                     rng: np.random.Generator, connect: bool = True) -> None:
    """Rebuild ``layer`` so that its neuron j is old neuron ``source[j]``, or a new
    neuron where ``source[j]`` is -1; ``source`` has shape (new size,)."""
    size, config = len(source), net.init_config
    weights, biases = list(net.weights), list(net.biases)
    if layer > 0:                                    # the block into the layer: columns
        block, shape = layer - 1, (net.sizes[layer - 1], size)
        weights[block] = _rearranged(weights[block], source, 1,
                                     draw_weights(rng, *shape, config))
        net.masks[block] = _rearranged(net.masks[block], source, 1, np.full(shape, connect))
        biases[block] = _rearranged(biases[block], source, 0, draw_biases(rng, size, config))
        overrides = net.overrides[block]
        net.overrides[block] = {new: overrides[old] for new, old in enumerate(source)
                                if old in overrides}
    if layer < net.n_layers - 1:                     # the block out of the layer: rows
        shape = (size, net.sizes[layer + 1])
        weights[layer] = _rearranged(weights[layer], source, 0,
                                     draw_weights(rng, *shape, config))
        net.masks[layer] = _rearranged(net.masks[layer], source, 0, np.full(shape, connect))
    taken = {name for names in net.names for name in names}
    fresh = iter(_unused_names(taken, name_prefix(layer, net.n_layers), np.sum(source < 0)))
    names = net.names[layer]
    net.names[layer] = [names[old] if old >= 0 else next(fresh) for old in source]
    _rearrange_positions(net, layer, source)
    net.sizes[layer] = size
    _install(net, weights, biases)


def _rearranged(old: np.ndarray, source: np.ndarray, axis: int,
                fresh: np.ndarray) -> np.ndarray:
    """``fresh`` (the result's shape) with entry j along ``axis`` replaced by ``old``'s
    entry ``source[j]`` wherever ``source[j]`` ≥ 0, in ``old``'s dtype."""
    result = np.array(fresh, dtype=old.dtype)
    kept = np.flatnonzero(source >= 0)
    np.moveaxis(result, axis, 0)[kept] = np.moveaxis(old, axis, 0)[source[kept]]
    return result


def _rearrange_positions(net: Network, layer: int, source: np.ndarray) -> None:
    positions = net.layout.get("positions")
    if not isinstance(positions, list) or layer >= len(positions) \
            or positions[layer] is None:
        return
    entry = positions[layer]
    # A hand-placed layer keeps its places only if every neuron still has one.
    if len(entry) == net.sizes[layer] and np.all(source >= 0):
        positions[layer] = [entry[old] for old in source]
    else:
        positions[layer] = None


# ---------------------------------------------------------------------------- layers
@_atomic
def insert_layer(net: Network, index: int, size: int, activation: str, *,
                 seed: int | None = None) -> str | None:
    """Insert a fully connected layer of ``size`` neurons at position ``index``
    (1 ≤ index ≤ n_layers; n_layers appends a new output layer).

    Between two layers the block joining them is replaced by two fresh blocks; every
    other block is kept.  When an appended output layer cannot pair with a fused loss
    (cross-entropy needs softmax, binary cross-entropy sigmoid), the loss becomes
    ``FALLBACK_LOSS``; the new loss's name is returned then, ``None`` otherwise.
    """
    index, size = operator.index(index), operator.index(size)
    if not 1 <= index <= net.n_layers:
        raise ValueError(translate("simulator.editing", "a layer can be inserted at positions "
                                   "1 to {last}, not {index}").format(last=net.n_layers,
                                                                     index=index))
    if size < 1:
        raise ValueError(translate("simulator.editing", "a layer needs at least one neuron, "
                                   "not {size}").format(size=size))
    check_network_size(net.sizes[:index] + [size] + net.sizes[index:])
    act = get_activation(activation)
    appending = index == net.n_layers
    if not act.per_neuron and not appending:
        raise ValueError(translate("simulator.editing", "{activation} is for the output layer "
                                   "only").format(activation=act.label))
    if appending and not net.activation_of(net.n_layers - 1).per_neuron:
        raise ValueError(translate(
            "simulator.editing", "the output layer uses {activation}, which only works as the "
            "output layer; change it before adding a layer after it").format(
            activation=net.activation_of(net.n_layers - 1).label))
    source = list(range(index)) + [-1] + list(range(index, net.n_layers))
    _rearrange_layers(net, source, _edit_rng(net, seed, index, size), size, act.name)
    if appending and net.loss.fused_activation not in (None, act.name):
        net.loss_name = FALLBACK_LOSS
        return FALLBACK_LOSS
    return None


@_atomic
def remove_layer(net: Network, index: int) -> None:
    """Remove hidden layer ``index`` (1 ≤ index < n_layers - 1); its two neighbours are
    joined by a fresh fully connected block, every other block is kept."""
    index = operator.index(index)
    if net.n_layers == 2:
        raise ValueError(translate("simulator.editing", "this network has no hidden layer to "
                                   "remove"))
    if not 1 <= index < net.n_layers - 1:
        raise ValueError(translate("simulator.editing", "only hidden layers (1 to {last}) can be "
                                   "removed; the input and output layers must stay").format(
            last=net.n_layers - 2))
    source = [layer for layer in range(net.n_layers) if layer != index]
    _rearrange_layers(net, source, _edit_rng(net, None, index))


def _rearrange_layers(net: Network, source: list[int], rng: np.random.Generator,
                      size: int = 0, activation: str = "") -> None:
    """Rebuild the network so that its layer m is old layer ``source[m]``, or a new
    layer of ``size`` neurons with ``activation`` where ``source[m]`` is -1.

    A block is kept when its two layers were adjacent in that order; any other block
    is fresh and fully connected.
    """
    sizes = [net.sizes[old] if old >= 0 else size for old in source]
    config = net.init_config
    weights, masks, biases = [], [], []
    for m in range(1, len(source)):
        before, here = source[m - 1], source[m]
        if before >= 0 and here == before + 1:
            weights.append(net.weights[before])
            masks.append(net.masks[before])
        else:
            weights.append(draw_weights(rng, sizes[m - 1], sizes[m], config))
            masks.append(np.ones((sizes[m - 1], sizes[m]), dtype=bool))
        biases.append(net.biases[here - 1] if here >= 0 else draw_biases(rng, size, config))
    net.activations = [net.activations[old - 1] if old >= 0 else activation
                       for old in source[1:]]
    net.overrides = [net.overrides[old - 1] if old >= 0 else {} for old in source[1:]]
    net.masks = masks
    net.names = _names_of_layers(net, source, sizes)
    positions = net.layout.get("positions")
    if isinstance(positions, list):
        net.layout["positions"] = [positions[old] if 0 <= old < len(positions) else None
                                   for old in source]
    net.sizes = sizes
    _install(net, weights, biases)


def _names_of_layers(net: Network, source: list[int], sizes: list[int]) -> list[list[str]]:
    """Names after a layer edit: hand-named layers keep theirs; default-named and new
    layers get the defaults of their new position, skipping hand-given names."""
    defaults = default_names(net.sizes)
    kept = [list(net.names[old]) if old >= 0 and net.names[old] != defaults[old] else None
            for old in source]
    taken = {name for names in kept if names for name in names}
    names = []
    for m, entry in enumerate(kept):
        if entry is None:
            entry = _unused_names(taken, name_prefix(m, len(sizes)), sizes[m])
            taken.update(entry)
        names.append(entry)
    return names


# ---------------------------------------------------------------------------- shared
def _install(net: Network, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
    """Reallocate ``net`` for its (already updated) sizes and masks and write the
    weights (one (sizes[k], sizes[k+1]) array per block) and biases (one per layer ≥ 1)."""
    net._allocate()
    for view, values in zip(net.weights + net.biases, weights + biases):
        view[...] = values
    net.weights_changed()


def _unused_names(taken: set[str], prefix: str, count: int) -> list[str]:
    """The first ``count`` names ``prefix1``, ``prefix2`` … not in ``taken``."""
    names, number = [], 1
    while len(names) < count:
        if f"{prefix}{number}" not in taken:
            names.append(f"{prefix}{number}")
        number += 1
    return names


def _edit_rng(net: Network, seed: int | None, *place: int) -> np.random.Generator:
    """The generator for an edit's fresh weights: from ``seed``, or derived from the
    init seed, the edit's ``place`` and the parameter count, so replays agree."""
    if seed is None:
        seed = [net.init_config.seed or 0, net.params.size, *place]
    return np.random.default_rng(seed)


def _with_size(sizes: list[int], layer: int, size: int) -> list[int]:
    """``sizes`` with layer ``layer`` resized to ``size``."""
    return sizes[:layer] + [size] + sizes[layer + 1:]


#: What ``_position`` checks, as its message names it (marked for translation).
POSITIONS = (QT_TRANSLATE_NOOP("simulator.editing", "layer"),
             QT_TRANSLATE_NOOP("simulator.editing", "neuron"),
             QT_TRANSLATE_NOOP("simulator.editing", "target"),
             QT_TRANSLATE_NOOP("simulator.editing", "index"))


def _layer_index(net: Network, layer: int) -> int:
    return _position(layer, net.n_layers, "layer", translate(
        "simulator.editing", "the network has layers 0 to {last}").format(last=net.n_layers - 1))


def _neuron_index(net: Network, layer: int, index: int, what: str = "neuron") -> int:
    return _position(index, net.sizes[layer], what, translate(
        "simulator.editing", "layer {layer} has neurons 0 to {last}").format(
        layer=layer, last=net.sizes[layer] - 1))


def _position(value: int, count: int, what: str, valid: str = "") -> int:
    """``value`` as an int in ``0 … count - 1``, else a ValueError saying ``valid``;
    ``what`` is one of ``POSITIONS``."""
    value = operator.index(value)
    if not 0 <= value < count:
        valid = valid or translate("simulator.editing", "use 0 to {last}").format(last=count - 1)
        raise ValueError(translate("simulator.editing", "{what} {value} does not exist; {valid}")
                         .format(what=translate("simulator.editing", what), value=value,
                                 valid=valid))
    return value
