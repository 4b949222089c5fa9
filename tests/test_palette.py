"""The building-block palette: its entries, their drag payload and the controls."""

import json

import pytest
from PySide6.QtCore import QByteArray, QMimeData, Qt

from nnsim.ui.palette import (
    ENTRIES,
    MIME_TYPE,
    PaletteItem,
    PaletteWidget,
    allowed_activations,
    carries_item,
    encode,
    read_item,
)


@pytest.fixture
def widget(qtbot):
    palette_widget = PaletteWidget()
    qtbot.addWidget(palette_widget)
    return palette_widget


def row_of(palette, label: str) -> int:
    return next(k for k in range(palette.count()) if palette.item(k).text() == label)


def dragged(palette, label: str) -> PaletteItem:
    """What dragging the entry would carry, through the real mime payload."""
    return read_item(palette.mimeData([palette.item(row_of(palette, label))]))


def test_lists_every_building_block(widget):
    labels = [widget.palette.item(k).text() for k in range(widget.palette.count())]
    assert labels == ["Input neuron", "Hidden neuron", "Output neuron", "Input layer",
                      "Hidden layer", "Output layer", "Linear hidden layer",
                      "Linear output neuron"]
    assert not any(widget.palette.item(k).icon().isNull() for k in range(len(labels)))


def test_drags_copy_under_the_palette_mime_type(widget):
    mime = widget.palette.mimeData([widget.palette.item(0)])
    assert mime.formats() == [MIME_TYPE]
    assert widget.palette.supportedDragActions() == Qt.CopyAction


def test_layers_default_to_tanh_hidden_and_sigmoid_output(widget):
    hidden = dragged(widget.palette, "Hidden layer")
    output = dragged(widget.palette, "Output layer")
    assert (hidden.kind, hidden.role, hidden.activation) == ("layer", "hidden", "tanh")
    assert (output.kind, output.role, output.activation) == ("layer", "output", "sigmoid")
    assert dragged(widget.palette, "Linear hidden layer").activation == "linear"
    assert dragged(widget.palette, "Linear output neuron") == PaletteItem(
        "neuron", "output", 1, "linear", "Linear output neuron")


def test_controls_set_the_selected_layers_size_and_activation(widget):
    widget.palette.setCurrentRow(row_of(widget.palette, "Hidden layer"))
    widget.size_spin.setValue(12)
    widget.activation_combo.setCurrentIndex(widget.activation_combo.findData("relu"))
    assert dragged(widget.palette, "Hidden layer").size == 12
    assert dragged(widget.palette, "Hidden layer").activation == "relu"
    assert dragged(widget.palette, "Output layer").activation == "sigmoid"
    assert dragged(widget.palette, "Linear hidden layer").size == 12
    assert dragged(widget.palette, "Hidden neuron").size == 1


def test_controls_follow_the_selected_entry(widget):
    widget.palette.setCurrentRow(row_of(widget.palette, "Output layer"))
    assert widget.activation_combo.currentData() == "sigmoid"
    assert widget.activation_combo.findData("softmax") >= 0
    widget.palette.setCurrentRow(row_of(widget.palette, "Hidden layer"))
    assert widget.activation_combo.currentData() == "tanh"
    assert widget.activation_combo.findData("softmax") < 0      # output layers only
    widget.palette.setCurrentRow(row_of(widget.palette, "Hidden neuron"))
    assert not widget.size_spin.isEnabled() and not widget.activation_combo.isEnabled()
    assert widget.size_spin.maximum() == 1024


def test_every_entry_survives_the_round_trip(widget):
    for entry in ENTRIES:
        assert read_item(encode(entry)) == entry


def raw(payload) -> QMimeData:
    mime = QMimeData()
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    mime.setData(MIME_TYPE, QByteArray(data))
    return mime


GOOD = {"kind": "layer", "role": "hidden", "size": 3, "activation": "relu", "label": "x"}


@pytest.mark.parametrize("payload, reason", [
    (b"not json", "not JSON"), (b"\xff\xfe", "not JSON"),
    (b"[" * 4000, "not JSON (maximum recursion depth exceeded"),
    ([1, 2], "expected an object"), ({**GOOD, "extra": 1}, "expected an object"),
    ({k: v for k, v in GOOD.items() if k != "label"}, "expected an object"),
    ({**GOOD, "kind": "blob"}, "kind must be one of neuron, layer, not 'blob'"),
    ({**GOOD, "kind": [1]}, "kind must be one of neuron, layer, not an array of 1 item"),
    ({**GOOD, "role": {"a": 1}}, "role must be one of input, hidden, output, not an object"),
    ({**GOOD, "size": 0}, "size must be a whole number from 1 to 1,024, not 0"),
    ({**GOOD, "size": -5}, "not -5"), ({**GOOD, "size": 5000}, "not 5000"),
    ({**GOOD, "size": 10 ** 400}, "not a 401-digit number"),
    ({**GOOD, "size": "3"}, "not '3'"), ({**GOOD, "size": True}, "not true"),
    ({**GOOD, "size": 3.0}, "not 3.0"),
    ({**GOOD, "activation": "os.system"}, "activation 'os.system' is not one nnsim knows"),
    ({**GOOD, "activation": ["relu"]}, "activation an array of 1 item is not one"),
    ({**GOOD, "label": 3}, "label must be a text of at most 100 characters"),
    ({**GOOD, "label": "x" * 101}, "label must be a text")])
def test_malformed_payloads_are_refused_with_a_reason(payload, reason):
    with pytest.raises(ValueError) as refused:
        read_item(raw(payload))
    assert reason in str(refused.value)
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 200


def test_a_huge_payload_is_refused_before_it_is_parsed(monkeypatch):
    parsed = []
    monkeypatch.setattr(json, "loads", lambda *args: parsed.append(args) or GOOD)
    with pytest.raises(ValueError, match="10,000,000 bytes is more than a palette item's 4,096"):
        read_item(raw(b" " * 10_000_000))
    assert parsed == []


def test_only_drags_under_the_palette_type_carry_an_item():
    mime = QMimeData()
    mime.setText("hello")
    assert not carries_item(mime) and not carries_item(None)
    assert carries_item(raw(GOOD)) and read_item(raw(GOOD)) == PaletteItem(**GOOD)


def test_the_neuron_count_takes_only_whole_numbers_of_its_range(qtbot, widget):
    widget.show()
    widget.palette.setCurrentRow(row_of(widget.palette, "Hidden layer"))
    spin = widget.size_spin
    for typed in ("1e999", "2000", "-3", "2.5", "nan"):
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, typed)
        qtbot.keyClick(spin, Qt.Key_Return)
        assert spin.value() == 4 and dragged(widget.palette, "Hidden layer").size == 4
        assert widget.problem.isVisible()
        assert widget.problem.text() == ("The number of neurons must be a whole number from 1 "
                                         f"to 1,024, not '{typed}'"
                                         + (", which is not finite." if typed in ("1e999", "nan")
                                            else "."))
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "1e3")
    qtbot.keyClick(spin, Qt.Key_Return)
    assert dragged(widget.palette, "Hidden layer").size == 1000
    assert not widget.problem.isVisible()


def test_softmax_is_offered_for_output_layers_only():
    assert "softmax" in allowed_activations("output")
    assert "softmax" not in allowed_activations("hidden")
