"""Fitting a network's input and output layers to its data ("Fit layers to the data").

The outputs become what ``Dataset.targets_for`` asks for when it refuses them: for a
classification data set one output per class, softmax paired with cross-entropy; for a
regression data set one output per target column.  The input and output neurons take
the data's feature and class names, so that no name of the previous data stays.
"""

from __future__ import annotations

from . import editing
from .dataset import CLASSIFICATION, Dataset
from .i18n import translate
from .limits import MAX_NAME_CHARS
from .network import Network, default_names
from .project import default_loss
from .safetext import printable

#: What classification outputs, one per class, become.
CLASS_OUTPUTS = "softmax"


def needed_sizes(net: Network | None, data: Dataset | None) -> tuple[int, int] | None:
    """(inputs, outputs) the data needs when the network does not fit it, else None."""
    if net is None or data is None or net.n_layers < 2:
        return None
    n_in = data.n_features
    n_out = net.sizes[-1]
    try:
        data.targets_for(net.activations[-1], n_out)
    except ValueError:
        n_out = data.n_classes if data.task == CLASSIFICATION else data.n_outputs
    return None if (n_in, n_out) == (net.sizes[0], net.sizes[-1]) else (n_in, n_out)


def fit_to_data(net: Network, data: Dataset) -> None:
    """Give ``net`` the inputs and outputs ``data`` needs, named after the data's
    features and classes; hidden layers and kept connections stay as they were.

    Outputs resized to one per class (two or more) become softmax with cross-entropy;
    a softmax output fitted to regression targets becomes linear (softmax would make
    unrelated targets sum to 1).  All or nothing: a ValueError leaves ``net`` as it was.
    """
    if net.n_layers < 2:
        raise ValueError(translate("simulator.datafit", "a network needs an input and an "
                                   "output layer to fit its data"))
    draft = net.copy()
    last = draft.n_layers - 1
    n_in, n_out = needed_sizes(draft, data) or (draft.sizes[0], draft.sizes[-1])
    outputs_resized = n_out != draft.sizes[-1]
    editing.resize_layer(draft, 0, n_in)
    editing.resize_layer(draft, last, n_out)
    if outputs_resized and data.task == CLASSIFICATION and n_out >= 2:
        _set_output_activation(draft, CLASS_OUTPUTS)
    elif data.task != CLASSIFICATION and not draft.activation_of(last).per_neuron:
        _set_output_activation(draft, "linear")
    defaults = default_names(draft.sizes)
    draft.names[0] = _data_names(data.feature_names, defaults[0])
    draft.names[last] = _data_names(_output_names(data, n_out), defaults[last])
    net.assign(draft)


def _set_output_activation(net: Network, activation: str) -> None:
    """The whole output layer on ``activation`` (per-neuron choices cleared: softmax
    couples the layer), with that activation's natural loss."""
    last = net.n_layers - 1
    for neuron in list(net.overrides[last - 1]):
        net.set_neuron_activation(last, neuron, None)
    net.set_loss("squared_error")   # pairs with every output, so the switch is allowed
    net.set_activation(last, activation)
    net.set_loss(default_loss(activation))


def _output_names(data: Dataset, n_outputs: int) -> tuple[str, ...]:
    """The classes the outputs stand for: one each, or for a single output of two
    classes the class its 1 means (``targets_for``'s encoding); () for regression."""
    if data.task != CLASSIFICATION:
        return ()
    if n_outputs == data.n_classes:
        return data.class_names
    return (data.class_names[1],) if n_outputs == 1 and data.n_classes == 2 else ()


def _data_names(given: tuple[str, ...], defaults: list[str]) -> list[str]:
    """``given`` as neuron names (printable, within MAX_NAME_CHARS, a blank one
    replaced by its default), or the defaults when there is not one per neuron."""
    if len(given) != len(defaults):
        return list(defaults)
    names = [printable(str(name).strip())[:MAX_NAME_CHARS].strip() for name in given]
    return [name or default for name, default in zip(names, defaults)]
