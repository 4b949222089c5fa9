"""What can be pointed at on the canvas: a neuron, a connection, a layer (its header).

The canvas's selection, hover and context menu speak in these; the editor turns them into
edits.
"""

from __future__ import annotations

from typing import NamedTuple


class NeuronRef(NamedTuple):
    layer: int
    neuron: int


class ConnectionRef(NamedTuple):
    block: int
    i: int
    j: int


class LayerRef(NamedTuple):
    layer: int
