"""What a drag on the canvas would do, in scene coordinates; numpy only, so it is
unit-testable without a window.

The canvas describes its layers as ``Column``s.  ``drop_target`` says where a palette
item dropped at a point would go, ``neuron_drag_target`` what dragging a neuron to a
point would do (connect it to a neuron of a neighbouring layer, or move it within its
column).  Both return a ``Preview``: the request to emit (None when the spot is not
allowed) and a sentence saying what would happen or why not, plus where to draw it.

Role rules: input items only join layer 0 (a new input layer only on an empty
network); output items join the last layer or go beyond it; hidden items join hidden
layers or go between two layers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.network import layer_name, layer_role
from nnsim.simulator.safetext import shorten

from .geometry import nearest_point

if TYPE_CHECKING:
    from ..palette import PaletteItem

COLUMN_REACH = 36.0   # scene units either side of a column that still count as on it
END_GAP = 110.0       # how far beyond the first or last column a new layer's line sits

#: Why a neuron of each role cannot join a layer of another role.
ROLE_REFUSALS = {
    "input": QT_TRANSLATE_NOOP("ui.canvas.drop", "input neurons only join the input layer"),
    "hidden": QT_TRANSLATE_NOOP("ui.canvas.drop", "hidden neurons only join a hidden layer"),
    "output": QT_TRANSLATE_NOOP("ui.canvas.drop", "output neurons only join the output layer"),
}
#: A new layer of each role: (role, of a given size rather than one neuron).
NEW_LAYERS = {
    ("input", False): QT_TRANSLATE_NOOP("ui.canvas.drop", "new input layer"),
    ("input", True): QT_TRANSLATE_NOOP("ui.canvas.drop", "new input layer of {size}"),
    ("hidden", False): QT_TRANSLATE_NOOP("ui.canvas.drop", "new hidden layer"),
    ("hidden", True): QT_TRANSLATE_NOOP("ui.canvas.drop", "new hidden layer of {size}"),
    ("output", False): QT_TRANSLATE_NOOP("ui.canvas.drop", "new output layer"),
    ("output", True): QT_TRANSLATE_NOOP("ui.canvas.drop", "new output layer of {size}"),
}


@dataclass(frozen=True)
class Column:
    """One layer as drawn: its horizontal extent and its neuron centres (n, 2)."""

    x0: float
    x1: float
    positions: np.ndarray
    spacing: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class DropRequest:
    """``add_neuron``: ``item`` joins ``layer`` at neuron ``index``; ``insert_layer``:
    ``item`` becomes the new layer ``layer`` (``index`` is the same number)."""

    item: PaletteItem
    action: str
    layer: int
    index: int


class LinkRequest(NamedTuple):
    """Connect neuron i of layer ``block`` to neuron j of layer block + 1."""

    block: int
    i: int
    j: int


class MoveRequest(NamedTuple):
    layer: int
    source: int
    target: int


@dataclass(frozen=True)
class Preview:
    """``request`` is None when the spot is not allowed (``text`` says why).  ``column``
    is a layer to highlight, ``slot`` where a neuron would appear, ``line_x`` where a new
    layer would go."""

    text: str
    request: object = None
    column: int | None = None
    slot: tuple[float, float] | None = None
    line_x: float | None = None

    @property
    def allowed(self) -> bool:
        return self.request is not None


# ---------------------------------------------------------------------------- places
def column_at(columns: list[Column], x: float) -> int | None:
    """The layer whose column (with COLUMN_REACH either side) contains x."""
    for layer, column in enumerate(columns):
        if column.x0 - COLUMN_REACH <= x <= column.x1 + COLUMN_REACH:
            return layer
    return None


def gap_at(columns: list[Column], x: float) -> int:
    """The new layer's index if one were put at x: the columns whose centre is left of x."""
    return sum(column.center < x for column in columns)


def gap_x(columns: list[Column], gap: int) -> float:
    if gap == 0:
        return columns[0].x0 - END_GAP
    if gap == len(columns):
        return columns[-1].x1 + END_GAP
    return (columns[gap - 1].x1 + columns[gap].x0) / 2


def insertion_index(positions: np.ndarray, p: tuple[float, float]) -> int:
    """Where a neuron put at p joins a layer: before or after its nearest neuron along
    the direction the layer fills (down a column, along an image's rows)."""
    n = len(positions)
    if n == 0:
        return 0
    nearest = nearest_point(positions, p, np.inf)
    direction = positions[min(nearest + 1, n - 1)] - positions[max(nearest - 1, 0)]
    if not direction.any():
        direction = np.array([0.0, 1.0])
    return nearest + int(np.dot(np.asarray(p) - positions[nearest], direction) > 0)


def slot_point(column: Column, index: int) -> tuple[float, float]:
    """Where a neuron inserted at ``index`` shows up: between its new neighbours, or
    half a step beyond the end of the layer."""
    positions, n = column.positions, len(column.positions)
    if 0 < index < n:
        return tuple((positions[index - 1] + positions[index]) / 2)
    if n == 1:
        step = np.array([0.0, column.spacing])
    else:
        step = positions[1] - positions[0] if index == 0 else positions[-1] - positions[-2]
    end = positions[0] - step / 2 if index == 0 else positions[-1] + step / 2
    return float(end[0]), float(end[1])


# ---------------------------------------------------------------------------- palette drops
def drop_target(item: PaletteItem, columns: list[Column], p: tuple[float, float]) -> Preview:
    """What dropping ``item`` at scene point p would do.  Neurons join the column they
    are over, else start a layer in the gap; layers always go into the nearest gap."""
    layer = column_at(columns, p[0]) if item.kind == "neuron" else None
    if layer is not None:
        return _join(item, columns, layer, p)
    return _insert(item, columns, gap_at(columns, p[0]))


def _join(item: PaletteItem, columns: list[Column], layer: int, p) -> Preview:
    n = len(columns)
    if layer_role(layer, n) != item.role:
        return Preview(translate("ui.canvas.drop", ROLE_REFUSALS[item.role]), column=layer)
    index = insertion_index(columns[layer].positions, p)
    return Preview(translate("ui.canvas.drop", "add to {layer} at position {position}").format(
                       layer=layer_name(layer, n), position=index + 1),
                   DropRequest(item, "add_neuron", layer, index), column=layer,
                   slot=slot_point(columns[layer], index))


def _insert(item: PaletteItem, columns: list[Column], gap: int) -> Preview:
    n = len(columns)
    line_x = gap_x(columns, gap) if columns else None
    reason = _insert_refusal(item, gap, n)
    if reason:
        return Preview(reason, line_x=line_x)
    return Preview(_insert_text(item, gap, n), DropRequest(item, "insert_layer", gap, gap),
                   line_x=line_x)


def _insert_refusal(item: PaletteItem, gap: int, n: int) -> str | None:
    """Why ``item`` cannot start a layer at index ``gap`` of n layers (None: it can)."""
    if n == 0:
        return None if item.role == "input" else translate("ui.canvas.drop",
                                                           "start with an input layer")
    if item.role == "input":
        return translate("ui.canvas.drop", ROLE_REFUSALS["input"]) if item.kind == "neuron" \
            else translate("ui.canvas.drop", "the network already has an input layer")
    if item.role == "output":
        return None if gap == n else translate("ui.canvas.drop",
                                               "an output layer goes after the last layer")
    if gap == 0:
        return translate("ui.canvas.drop", "nothing goes before the input layer")
    if gap == n:
        return translate("ui.canvas.drop", "add an output layer first: hidden layers go "
                         "between input and output") if n == 1 \
            else translate("ui.canvas.drop", "hidden layers go before the output layer")
    return None


def _insert_text(item: PaletteItem, gap: int, n: int) -> str:
    text = translate("ui.canvas.drop", NEW_LAYERS[item.role, item.kind != "neuron"]).format(
        size=item.size)
    if item.role == "hidden":
        return translate("ui.canvas.drop", "{layer} between {before} and {after}").format(
            layer=text, before=layer_name(gap - 1, n), after=layer_name(gap, n))
    if item.role == "output" and n > 1:   # the old output layer becomes a hidden one
        return translate("ui.canvas.drop", "{layer} after {output} (which becomes {hidden})"
                         ).format(layer=text, output=layer_name(n - 1, n),
                                  hidden=layer_name(n - 1, n + 1))
    if item.role == "output":
        return translate("ui.canvas.drop", "{layer} after {input}").format(
            layer=text, input=layer_name(0, n))
    return text


# ---------------------------------------------------------------------------- neuron drags
def neuron_drag_target(columns: list[Column], names: list[list[str]], masks: list[np.ndarray],
                       source: tuple[int, int], p: tuple[float, float],
                       over: tuple[int, int] | None) -> Preview:
    """Dragging neuron ``source`` (layer, neuron) to p, where ``over`` is the neuron
    under p if any: within its own column it moves, onto a neuron of a neighbouring
    layer it connects."""
    layer, neuron = source
    if column_at(columns, p[0]) == layer:
        return _reorder(columns[layer], names[layer], layer, neuron, p)
    if over is None:
        return Preview(translate("ui.canvas.drop",
                                 "drop on a neuron in the next or previous layer to connect"))
    if abs(over[0] - layer) != 1:
        return Preview(translate("ui.canvas.drop", "only neurons in neighbouring layers connect"),
                       column=over[0])
    (block, i), (_, j) = sorted([source, over])
    a, b = shorten(names[block][i]), shorten(names[block + 1][j])
    if masks[block][i, j]:
        return Preview(translate("ui.canvas.drop", "{a} and {b} are already connected").format(
            a=a, b=b), column=over[0])
    return Preview(translate("ui.canvas.drop", "connect {a} → {b}").format(a=a, b=b),
                   LinkRequest(block, i, j), column=over[0])


def _reorder(column: Column, names: list[str], layer: int, neuron: int, p) -> Preview:
    slot = insertion_index(column.positions, p)
    target = slot - (slot > neuron)   # the slots above and below a neuron are its own place
    if target == neuron:
        return Preview(translate("ui.canvas.drop", "drag up or down the column to reorder"),
                       column=layer)
    return Preview(translate("ui.canvas.drop", "move {name} to position {position}").format(
                       name=shorten(names[neuron]), position=target + 1),
                   MoveRequest(layer, neuron, target), column=layer,
                   slot=slot_point(column, slot))
