"""Text from files and users is shown as written, never as HTML: titles, descriptions,
neuron names, file paths and messages, in every widget of the window that shows them.

A string that "might be rich text" (``<h1 style="color:red">FAKE WARNING</h1>``) would be
rendered by a QLabel, a QMessageBox or a tooltip as a red heading; newlines and terminal
escapes would break lines or hide.  Each check reads what the widget displays: its text
in PlainText format, or the plain text of the document a rich-text widget renders.
"""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QToolTip

from nnsim.simulator import editing
from nnsim.simulator.resources import resource_path
from nnsim.simulator.safetext import printable
from nnsim.ui import messages
from nnsim.ui.canvas.targets import NeuronRef
from nnsim.ui.welcome import ExampleCard, WelcomePage

XOR = resource_path("examples") / "xor-2-4-1.nnsim.json"
HEADING = '<h1 style="color:red">FAKE WARNING</h1>'
ESCAPES = "\n\x1b[31mnnsim: all good\x1b[0m"
FILE_NAME = f"R&D [*] <b>net<i>{ESCAPES}.nnsim.json"   # no "/": it is a file name
INPUT_NAME = "<i>x</i> & <b>y</b>"
HIDDEN_NAME = f"<h2>h</h2>{ESCAPES}"
TAGS = ("<i>x</i>", "<b>y</b>", "<h2>h</h2>", "<b>net<i>", HEADING)


def rendered(rich_text: str) -> str:
    """What a rich-text widget shows for ``rich_text``, as plain text."""
    document = QTextDocument()
    document.setHtml(rich_text)
    return document.toPlainText()


def shown(label: QLabel) -> str:
    """What a label displays: its text when plain, else the text its HTML renders."""
    rich = label.textFormat() == Qt.RichText or (
        label.textFormat() == Qt.AutoText and GuiQt.mightBeRichText(label.text()))
    return rendered(label.text()) if rich else label.text()


def hostile_file(folder: Path, **header) -> Path:
    """The XOR example with HTML in its title, description and first input's name, saved
    under a file name holding HTML, ``&``, ``[*]``, a newline and terminal escapes."""
    document = json.loads(XOR.read_text(encoding="utf-8"))
    document["network"]["layers"][0]["names"][0] = INPUT_NAME
    document.update({"title": HEADING, "description": f"{HEADING} described", **header})
    path = folder / FILE_NAME
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def opened(window, tmp_path):
    """The hostile file opened, and its first hidden neuron renamed to more of the same."""
    path = hostile_file(tmp_path)
    assert window.files.open_path(str(path))
    window.session.edit_network("Rename", lambda net: editing.rename_neuron(
        net, 1, 0, HIDDEN_NAME))
    return window


def test_the_window_title_shows_the_file_name_as_written(opened):
    title = opened.windowHandle().title()
    assert title == f"{printable(FILE_NAME)}* — nnsim"   # * marks the unsaved rename
    assert "[*]" in title and "\n" not in title and "\x1b" not in title


def test_recent_files_menu_and_status_bar_show_the_file_name_as_written(window, tmp_path):
    assert window.files.open_path(str(hostile_file(tmp_path)))
    assert window.statusBar().currentMessage() == f"Opened {printable(FILE_NAME)}"
    (action,) = window.files.recent_menu.actions()
    assert action.iconText() == printable(FILE_NAME)    # & is text, not a mnemonic


def test_canvas_tooltips_show_neuron_names_as_written(opened, qtbot):
    canvas = opened.canvas
    canvas.fit_to_view()
    for layer, name in ((0, INPUT_NAME), (1, HIDDEN_NAME)):
        point = canvas.mapFromScene(canvas.neuron_position(layer, 0))
        qtbot.mouseMove(canvas.viewport(), point)
        qtbot.waitUntil(lambda name=name: QToolTip.isVisible()
                        and printable(name) in rendered(QToolTip.text()))
        assert rendered(QToolTip.text()) == canvas.describe(NeuronRef(layer, 0))
        assert rendered(QToolTip.text()).startswith(f"{printable(name)} · ")


def test_the_inspector_shows_neuron_names_as_written(opened, qtbot):
    canvas = opened.canvas
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton,
                     pos=canvas.mapFromScene(canvas.neuron_position(1, 0)))
    header = shown(opened.inspector.header)
    assert header.startswith(f"{printable(HIDDEN_NAME)} · neuron 1 of layer 1")
    sheet = opened.inspector.text()
    assert INPUT_NAME in sheet and "\x1b" not in sheet     # the input table's first row
    assert opened.inspector.header.textFormat() == Qt.RichText   # escaped, not plain


def test_undo_texts_show_neuron_names_on_one_line(opened):
    document = opened.session
    document.set_weight(0, 0, 0, 0.5)
    expected = f"Set weight {INPUT_NAME} → {printable(HIDDEN_NAME)}"
    assert document.history.undo_text == expected
    assert opened.editor.undo_action.iconText() == f"Undo {expected}"   # "&" shown as is


def test_no_label_of_the_window_renders_a_tag_from_the_file(opened, qtbot):
    canvas = opened.canvas
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton,
                     pos=canvas.mapFromScene(canvas.neuron_position(1, 0)))
    labels = opened.findChildren(QLabel)
    for label in labels:
        if any(tag in label.text() for tag in TAGS):
            assert label.textFormat() == Qt.PlainText, label.text()
    assert any(printable(HIDDEN_NAME) in shown(label) for label in labels)
    assert not any("\x1b" in shown(label) for label in labels)


def test_example_cards_show_title_and_description_as_written(qtbot, tmp_path):
    path = hostile_file(tmp_path, title=f"{HEADING}{ESCAPES}")
    card = ExampleCard(path)
    qtbot.addWidget(card)
    labels = card.findChildren(QLabel)
    assert all(label.textFormat() == Qt.PlainText for label in labels)
    assert [label.text() for label in labels] == [
        printable(f"{HEADING}{ESCAPES}"), "2 – 4 – 1", f"{HEADING} described"]


@pytest.mark.parametrize("header", [{"title": 3, "description": ["x"]},
                                    {"network": "none"}, {"network": {"layers": 7}}])
def test_example_cards_survive_malformed_headers(qtbot, tmp_path, header):
    path = hostile_file(tmp_path, **header)
    card = ExampleCard(path)
    qtbot.addWidget(card)
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert texts[0] == (printable(Path(FILE_NAME).stem) if "title" in header else HEADING)


def test_recent_files_on_the_welcome_page_show_paths_as_written(qtbot, tmp_path):
    path = hostile_file(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    settings.setValue("recentFiles", [str(path), str(tmp_path / "gone.nnsim.json")])
    page = WelcomePage(settings)
    qtbot.addWidget(page)
    assert shown(page.recent_label).splitlines() == [
        "Recent", f"{printable(path.name)} — {printable(str(tmp_path))}"]
    with qtbot.waitSignal(page.openRequested) as opened:
        page.recent_label.linkActivated.emit("recent:0")
    assert opened.args == [str(path)]
    with qtbot.assertNotEmitted(page.openRequested):
        for link in ("recent:1", "recent:-1", str(path), "recent:x"):
            page.recent_label.linkActivated.emit(link)


def test_message_boxes_show_one_bounded_plain_line(qtbot):
    text = f"{HEADING}{ESCAPES}" + "x" * 10_000_000
    box = messages.message_box(None, messages.QMessageBox.Warning, f"{HEADING}\ntitle", text)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.PlainText
    assert box.text().startswith(printable(f"{HEADING}{ESCAPES}"))
    assert box.text().endswith(f"… ({len(text):,} characters)") and len(box.text()) < 530
    assert "\n" not in box.windowTitle() and "\x1b" not in box.text()


def test_a_file_that_fails_to_open_shows_its_error_as_text(window, messages, tmp_path):
    path = hostile_file(tmp_path, **{HEADING: 1})    # an unknown key, echoed in the error
    assert not window.files.open_path(str(path))
    kind, title, text = messages[-1]                  # the fixture checks PlainText
    assert (kind, title) == ("critical", "Could not open the file")
    assert HEADING in text and printable(FILE_NAME)[:40] in text and "\n" not in text


def test_a_file_error_says_why_in_the_interface_language_without_the_path(tmp_path):
    import errno

    from nnsim.simulator.safetext import os_reason
    missing = tmp_path / "gone.csv"
    try:
        missing.read_bytes()
    except OSError as error:
        assert os_reason(error) == "No such file or directory"
        assert "gone.csv" not in os_reason(error)
    assert os_reason(OSError(errno.EOVERFLOW, "Value too large")) == "Value too large"
    assert os_reason(ValueError("embedded null byte")) == "embedded null byte"
