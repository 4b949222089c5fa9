"""Building networks on the canvas: palette drops, connection and reorder drags,
selection, and the requests they emit (the canvas never edits the network itself)."""

import json
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
)
from PySide6.QtWidgets import QApplication

from nnsim.simulator.network import Network
from nnsim.ui.canvas.drop import (
    Column,
    DropRequest,
    LinkRequest,
    MoveRequest,
    drop_target,
    insertion_index,
    neuron_drag_target,
)
from nnsim.ui.canvas.targets import ConnectionRef, LayerRef, NeuronRef
from nnsim.ui.palette import ENTRIES, MIME_TYPE, PaletteItem, PaletteWidget


@pytest.fixture
def canvas(canvas):
    """The shared empty canvas (conftest) showing a 2-3-3-1 network."""
    canvas.set_network(Network([2, 3, 3, 1], ["tanh", "tanh", "sigmoid"]))
    return canvas


@pytest.fixture
def palette(qtbot):
    widget = PaletteWidget()
    qtbot.addWidget(widget)
    return widget


def mime_of(widget: PaletteWidget, label: str) -> QMimeData:
    palette = widget.palette
    row = next(k for k in range(palette.count()) if palette.item(k).text() == label)
    return palette.mimeData([palette.item(row)])


def between(canvas, layer: int, a: int, b: int) -> QPointF:
    return (canvas.neuron_position(layer, a) + canvas.neuron_position(layer, b)) / 2


def gap_point(canvas, left: int) -> QPointF:
    """Halfway between the columns of layers ``left`` and left + 1."""
    return QPointF((canvas.neuron_position(left, 0).x()
                    + canvas.neuron_position(left + 1, 0).x()) / 2, 0.0)


def drag_over(canvas, mime: QMimeData, scene_point: QPointF) -> tuple[bool, bool]:
    """Enter and move over the viewport at a scene point: (enter accepted, move accepted)."""
    pos = canvas.mapFromScene(scene_point)
    enter = QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(canvas.viewport(), enter)
    move = QDragMoveEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(canvas.viewport(), move)
    return enter.isAccepted(), move.isAccepted()


def drop_at(canvas, mime: QMimeData, scene_point: QPointF) -> bool:
    drag_over(canvas, mime, scene_point)
    drop = QDropEvent(QPointF(canvas.mapFromScene(scene_point)), Qt.CopyAction, mime,
                      Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(canvas.viewport(), drop)
    return drop.isAccepted()


def recorded(signal) -> list:
    calls = []
    signal.connect(lambda *args: calls.append(args))
    return calls


# ---------------------------------------------------------------------------- drops
def test_hidden_neuron_dropped_on_a_hidden_column_joins_it_where_dropped(canvas, palette):
    requests = recorded(canvas.dropRequested)
    assert drop_at(canvas, mime_of(palette, "Hidden neuron"), between(canvas, 1, 1, 2))
    (request,), = requests
    assert (request.action, request.layer, request.index) == ("add_neuron", 1, 2)
    assert request.item.role == "hidden" and request.item.kind == "neuron"


def test_hidden_layer_dropped_between_input_and_hidden_1_is_inserted_there(canvas, palette):
    requests = recorded(canvas.dropRequested)
    assert drop_at(canvas, mime_of(palette, "Hidden layer"), gap_point(canvas, 0))
    assert requests == [(DropRequest(requests[0][0].item, "insert_layer", 1, 1),)]
    assert requests[0][0].item.size == 4 and requests[0][0].item.activation == "tanh"


def test_neuron_dropped_between_columns_starts_a_layer(canvas, palette):
    requests = recorded(canvas.dropRequested)
    drop_at(canvas, mime_of(palette, "Hidden neuron"), gap_point(canvas, 1))
    assert (requests[0][0].action, requests[0][0].layer) == ("insert_layer", 2)


def test_output_neuron_on_a_hidden_column_is_refused_with_a_reason(canvas, palette):
    requests = recorded(canvas.dropRequested)
    mime = mime_of(palette, "Output neuron")
    entered, moved = drag_over(canvas, mime, canvas.neuron_position(1, 0))
    assert entered and not moved
    assert "output neurons only join the output layer" in canvas.tag.text
    assert not canvas.guide.allowed
    assert not drop_at(canvas, mime, canvas.neuron_position(1, 0))
    assert requests == []


def test_output_neuron_on_the_output_column_joins_it(canvas, palette):
    requests = recorded(canvas.dropRequested)
    drop_at(canvas, mime_of(palette, "Linear output neuron"),
            canvas.neuron_position(3, 0) + QPointF(0, 5))
    request = requests[0][0]
    assert (request.action, request.layer, request.index) == ("add_neuron", 3, 1)
    assert request.item.activation == "linear"


def test_plain_text_is_refused_on_entry(canvas):
    mime = QMimeData()
    mime.setText("a neuron, honest")
    entered, _ = drag_over(canvas, mime, canvas.neuron_position(1, 0))
    assert not entered
    assert not canvas.tag.isVisible()


def foreign_drag(payload: bytes) -> QMimeData:
    """A drag from another program that claims to carry a palette item."""
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(payload))
    return mime


GOOD_ITEM = {"kind": "layer", "role": "hidden", "size": 3, "activation": "relu", "label": "x"}


@pytest.mark.parametrize("payload, reason", [
    (b"\x00\x01 not json", "not JSON"),
    (json.dumps([GOOD_ITEM]).encode(), "expected an object with the fields"),
    (json.dumps({**GOOD_ITEM, "extra": 1}).encode(), "expected an object with the fields"),
    (json.dumps({**GOOD_ITEM, "activation": ["relu"]}).encode(), "activation an array"),
    (json.dumps({**GOOD_ITEM, "kind": {"layer": 1}}).encode(), "kind must be one of"),
    (json.dumps({**GOOD_ITEM, "size": -4}).encode(), "size must be a whole number from 1 "
                                                     "to 1,024, not -4"),
    (json.dumps({**GOOD_ITEM, "size": 10 ** 300}).encode(), "not a 301-digit number"),
    (b'{"kind": "layer", "role": "hidden", "size": 1e999, "activation": null, '
     b'"label": ""}', "not inf"),
    (b"[" * 3000, "not JSON (maximum recursion depth exceeded"),
    (b" " * 100_000, "100,000 bytes is more than a palette item's 4,096")])
def test_malformed_palette_drags_are_refused_with_a_reason(canvas, payload, reason):
    """Nothing is requested; the reason shows beside the cursor and goes to the status bar."""
    requests, refusals = recorded(canvas.dropRequested), recorded(canvas.dropRefused)
    mime, target = foreign_drag(payload), gap_point(canvas, 0)
    entered, moved = drag_over(canvas, mime, target)
    assert entered and not moved              # in, to say why it cannot land
    assert canvas.tag.isVisible() and not canvas.guide.allowed
    assert canvas.tag.text.startswith("not a palette item nnsim can use: ")
    assert reason in canvas.tag.text and "\n" not in canvas.tag.text
    assert not drop_at(canvas, mime, target)
    assert requests == [] and refusals and all(r == (canvas.tag.text,) for r in refusals)
    assert canvas.net.sizes == [2, 3, 3, 1]


def test_a_malformed_drag_changes_nothing_and_says_why_in_the_status_bar(window):
    window.editor.new_network()
    document = window.session
    mime = foreign_drag(json.dumps({**GOOD_ITEM, "role": "input", "size": -2}).encode())
    assert not drop_at(window.canvas, mime, QPointF(0, 0))
    assert window.statusBar().currentMessage() == (
        "Drop ignored: not a palette item nnsim can use: size must be a whole number from 1 "
        "to 1,024, not -2")
    assert document.network is None and len(document.history.changes) == 0


def test_dropping_a_network_file_asks_to_open_it(canvas, tmp_path):
    files = recorded(canvas.fileDropped)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "xor.nnsim.json"))])
    assert drop_at(canvas, mime, QPointF(0, 0))
    assert files == [(str(tmp_path / "xor.nnsim.json"),)]
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    assert drag_over(canvas, other, QPointF(0, 0)) == (False, False)


def test_preview_shows_while_dragging_and_hides_after(canvas, palette):
    mime = mime_of(palette, "Hidden layer")
    drag_over(canvas, mime, gap_point(canvas, 0))
    assert canvas.tag.isVisible()
    assert canvas.tag.text == "new hidden layer of 4 between Input and Hidden 1"
    assert canvas.guide.insertion is not None and canvas.guide.allowed
    drag_over(canvas, mime_of(palette, "Hidden neuron"), between(canvas, 1, 0, 1))
    assert canvas.tag.text == "add to Hidden 1 at position 2"
    assert canvas.guide.slot is not None and canvas.guide.column is not None
    QApplication.sendEvent(canvas.viewport(), QDragLeaveEvent())
    assert not canvas.tag.isVisible() and canvas.guide.empty
    drop_at(canvas, mime, gap_point(canvas, 0))
    assert not canvas.tag.isVisible() and canvas.guide.empty


def test_empty_canvas_takes_an_input_layer_first(canvas, palette):
    canvas.set_network(None)
    requests = recorded(canvas.dropRequested)
    assert drag_over(canvas, mime_of(palette, "Hidden layer"), QPointF(0, 0)) == (True, False)
    assert canvas.tag.text == "start with an input layer"
    assert not drop_at(canvas, mime_of(palette, "Hidden layer"), QPointF(0, 0))
    assert requests == []
    assert drop_at(canvas, mime_of(palette, "Input layer"), QPointF(30, -20))
    request = requests[0][0]
    assert (request.action, request.layer, request.index) == ("insert_layer", 0, 0)
    assert request.item.size == 2


def single_layer_network():
    """An input layer alone (a stand-in while the model refuses one layer)."""
    try:
        return Network([3], [])
    except ValueError:
        net = Network([3, 1], "sigmoid")
        return SimpleNamespace(sizes=[3], masks=[], weights=[], names=[net.names[0]],
                               layout={}, n_layers=1, n_connections=0, overrides=[],
                               activation_of=net.activation_of)


def test_a_lone_input_layer_is_drawn_and_takes_an_output_layer(canvas, palette):
    canvas.set_network(single_layer_network())
    assert len(canvas.layers) == 1 and canvas.blocks == []
    requests = recorded(canvas.dropRequested)
    right = canvas.neuron_position(0, 0) + QPointF(200, 0)
    assert not drop_at(canvas, mime_of(palette, "Hidden layer"), right)
    assert drop_at(canvas, mime_of(palette, "Output layer"), right)
    assert (requests[0][0].action, requests[0][0].layer) == ("insert_layer", 1)


# ---------------------------------------------------------------------------- rules
def columns(sizes) -> list[Column]:
    return [Column(400.0 * k - 20, 400.0 * k + 20,
                   np.column_stack([np.full(n, 400.0 * k), 60.0 * np.arange(n)]), 60.0)
            for k, n in enumerate(sizes)]


def item(kind: str, role: str) -> PaletteItem:
    return PaletteItem(kind, role, label=f"{role} {kind}")


@pytest.mark.parametrize("kind, role, x, expected", [
    ("neuron", "input", 0, ("add_neuron", 0)),
    ("neuron", "input", 200, None),
    ("layer", "input", -200, None),           # an input layer only on an empty network
    ("neuron", "hidden", 0, None),
    ("neuron", "hidden", -200, None),          # nothing before the input
    ("neuron", "hidden", 1200, None),          # nor after the output
    ("layer", "hidden", 600, ("insert_layer", 2)),
    ("layer", "hidden", 410, ("insert_layer", 2)),   # layers go to the nearest gap
    ("neuron", "output", 800, ("add_neuron", 2)),
    ("layer", "output", 1000, ("insert_layer", 3)),
    ("layer", "output", 600, None),
])
def test_role_rules(kind, role, x, expected):
    preview = drop_target(item(kind, role), columns([2, 2, 2]), (x, 30.0))
    request = preview.request
    assert (None if request is None else (request.action, request.layer)) == expected
    assert preview.text


def test_insertion_index_follows_the_drop_height():
    positions = columns([4])[0].positions
    indices = [insertion_index(positions, (0.0, y)) for y in (-100, -10, 50, 70, 500)]
    assert indices == [0, 0, 1, 2, 4]


def test_neuron_drag_rules():
    cols, names = columns([2, 2, 2]), [["a", "b"], ["c", "d"], ["e", "f"]]
    masks = [np.zeros((2, 2), bool), np.ones((2, 2), bool)]
    assert neuron_drag_target(cols, names, masks, (1, 0), (0, 60), (0, 1)).request == \
        LinkRequest(0, 1, 0)
    assert neuron_drag_target(cols, names, masks, (1, 0), (800, 0), (2, 0)).request is None
    assert neuron_drag_target(cols, names, masks, (0, 0), (800, 0), (2, 0)).request is None
    assert neuron_drag_target(cols, names, masks, (1, 0), (400, 100), None).request == \
        MoveRequest(1, 0, 1)


# ---------------------------------------------------------------------------- mouse drags
def mouse_drag(qtbot, canvas, start: QPointF, end: QPointF, modifier=Qt.NoModifier) -> None:
    """Press, move in two steps (past the start-drag distance) and release, at scene points."""
    viewport, a, b = canvas.viewport(), canvas.mapFromScene(start), canvas.mapFromScene(end)
    qtbot.mousePress(viewport, Qt.LeftButton, modifier, a)
    qtbot.mouseMove(viewport, (a + b) / 2)
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.LeftButton, modifier, b)


def test_dragging_a_neuron_to_the_next_layer_asks_for_a_connection(canvas, qtbot):
    net = canvas.net
    net.set_connection(1, 2, 0, False)
    canvas.set_network(net)
    links = recorded(canvas.connectionRequested)
    mouse_drag(qtbot, canvas, canvas.neuron_position(1, 2), canvas.neuron_position(2, 0))
    assert links == [(1, 2, 0)]
    mouse_drag(qtbot, canvas, canvas.neuron_position(2, 0), canvas.neuron_position(1, 2))
    assert links == [(1, 2, 0)] * 2      # dragged right to left: still (left, right)


def test_connection_drags_that_cannot_connect_emit_nothing(canvas, qtbot):
    links = recorded(canvas.connectionRequested)
    mouse_drag(qtbot, canvas, canvas.neuron_position(1, 0), canvas.neuron_position(3, 0))
    mouse_drag(qtbot, canvas, canvas.neuron_position(1, 0), canvas.neuron_position(2, 0))
    mouse_drag(qtbot, canvas, canvas.neuron_position(1, 0), gap_point(canvas, 1) + QPointF(0, 300))
    assert links == []
    assert not canvas.tag.isVisible()


def test_rubber_line_and_reason_show_during_a_connection_drag(canvas, qtbot):
    viewport = canvas.viewport()
    a = canvas.mapFromScene(canvas.neuron_position(1, 0))
    b = canvas.mapFromScene(canvas.neuron_position(3, 0))
    qtbot.mousePress(viewport, Qt.LeftButton, pos=a)
    qtbot.mouseMove(viewport, b)
    assert canvas.guide.rubber is not None and not canvas.guide.allowed
    assert canvas.tag.text == "only neurons in neighbouring layers connect"
    qtbot.mouseRelease(viewport, Qt.LeftButton, pos=b)


def test_dragging_a_neuron_down_its_column_asks_to_move_it(canvas, qtbot):
    moves = recorded(canvas.moveRequested)
    below = canvas.neuron_position(1, 2) + QPointF(0, 30)
    mouse_drag(qtbot, canvas, canvas.neuron_position(1, 0), below)
    assert moves == [(1, 0, 2)]
    start = canvas.neuron_position(1, 1)
    mouse_drag(qtbot, canvas, start, start + QPointF(0, 12))
    assert moves == [(1, 0, 2)]          # its own place: nothing to do


# ---------------------------------------------------------------------------- selection
def test_rubber_band_selects_the_neurons_inside(canvas, qtbot):
    changes = recorded(canvas.selectionChanged)
    top_left = canvas.neuron_position(1, 0) - QPointF(40, 30)
    bottom_right = canvas.neuron_position(2, 1) + QPointF(40, 10)
    mouse_drag(qtbot, canvas, top_left, bottom_right)
    assert sorted(canvas.selected()) == [NeuronRef(1, 0), NeuronRef(1, 1),
                                         NeuronRef(2, 0), NeuronRef(2, 1)]
    assert changes
    mouse_drag(qtbot, canvas, canvas.neuron_position(0, 0) - QPointF(30, 30),
               canvas.neuron_position(0, 0) + QPointF(30, 30), Qt.ShiftModifier)
    assert NeuronRef(0, 0) in canvas.selected() and len(canvas.selected()) == 5


def test_shift_and_ctrl_click_add_and_toggle(canvas, qtbot):
    viewport = canvas.viewport()
    for layer, neuron, modifier in ((1, 0, Qt.NoModifier), (2, 1, Qt.ShiftModifier),
                                    (1, 2, Qt.ControlModifier), (1, 0, Qt.ControlModifier)):
        qtbot.mouseClick(viewport, Qt.LeftButton, modifier,
                         canvas.mapFromScene(canvas.neuron_position(layer, neuron)))
    assert canvas.selected() == [NeuronRef(2, 1), NeuronRef(1, 2)]


def test_clicking_a_header_selects_the_layer(canvas, qtbot):
    header = canvas.header_rect(2).center().toPoint()
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, pos=header)
    assert canvas.selected() == [LayerRef(2)]
    assert "Hidden 2" in canvas.describe(LayerRef(2))


def test_select_all_and_delete(canvas, qtbot):
    deletes = recorded(canvas.deleteRequested)
    qtbot.keyClick(canvas, Qt.Key_A, Qt.ControlModifier)
    assert len(canvas.selected()) == 2 + 3 + 3 + 1
    qtbot.keyClick(canvas, Qt.Key_Delete)
    qtbot.keyClick(canvas, Qt.Key_Backspace)
    assert len(deletes) == 2


def test_double_clicks_ask_to_rename_or_edit(canvas, qtbot):
    renames, edits = recorded(canvas.renameRequested), recorded(canvas.layerEditRequested)
    qtbot.mouseDClick(canvas.viewport(), Qt.LeftButton,
                      pos=canvas.mapFromScene(canvas.neuron_position(2, 1)))
    qtbot.mouseDClick(canvas.viewport(), Qt.LeftButton,
                      pos=canvas.header_rect(1).center().toPoint())
    assert renames == [(2, 1)] and edits == [(1,)]


def test_right_click_asks_for_a_menu_on_its_target(canvas):
    menus = recorded(canvas.contextMenuRequested)
    pos = canvas.mapFromScene(canvas.connection_midpoint(0, 0, 0))
    event = QContextMenuEvent(QContextMenuEvent.Mouse, pos, canvas.viewport().mapToGlobal(pos))
    QApplication.sendEvent(canvas.viewport(), event)
    assert menus[0][0] == ConnectionRef(0, 0, 0)
    assert canvas.selected() == [ConnectionRef(0, 0, 0)]
    corner = QPoint(canvas.viewport().width() - 3, canvas.viewport().height() - 3)
    QApplication.sendEvent(canvas.viewport(), QContextMenuEvent(
        QContextMenuEvent.Mouse, corner, canvas.viewport().mapToGlobal(corner)))
    assert menus[1][0] is None


def test_selection_survives_a_rebuild_where_it_still_exists(canvas):
    canvas._set_selection([NeuronRef(2, 2), LayerRef(3), ConnectionRef(0, 1, 1)])
    canvas.set_network(Network([2, 3, 2, 1], ["tanh", "tanh", "sigmoid"]))
    assert canvas.selected() == [LayerRef(3), ConnectionRef(0, 1, 1)]
    canvas.set_network(None)
    assert canvas.selected() == []


def test_palette_entries_all_have_a_target_on_some_network(canvas):
    """Every entry can land somewhere on a 2-3-3-1 network or an empty one."""
    for entry in ENTRIES:
        empty = drop_target(entry, [], (0.0, 0.0)).allowed
        anywhere = any(drop_target(entry, canvas._columns(), (x, 0.0)).allowed
                       for x in np.linspace(-300, 2000, 60))
        assert empty or anywhere, entry.label
