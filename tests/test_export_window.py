"""File › Export in the window: ONNX, PyTorch script and the network picture, driven
through the menu's actions and the size dialog's spin boxes."""

import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QFileDialog

from nnsim.simulator.resources import resource_path
from nnsim.ui import export_controller
from nnsim.ui.canvas import style
from nnsim.ui.network_image import ImageSizeDialog, natural_size, network_rect

EXAMPLES = resource_path("examples")
SVG = "{http://www.w3.org/2000/svg}"


def open_example(window, name):
    assert window.files.open_path(EXAMPLES / f"{name}.nnsim.json", example=True)
    return window.session


def export_menu(window):
    (file_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    (menu,) = [a.menu() for a in file_menu.actions() if a.text() == "&Export"]
    return menu


def choose_file(monkeypatch, path):
    asked = []

    def answer(parent, caption, start, filters):
        asked.append((caption, start, filters))
        return str(path), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def type_width(monkeypatch, qtbot, width):
    """The size dialog, answered by typing a width into its spin box and pressing OK."""
    seen = {}

    def run(dialog):
        box = dialog.width_box
        box.selectAll()
        qtbot.keyClicks(box, str(width))
        seen["size"] = dialog.size()
        return QDialog.Accepted
    monkeypatch.setattr(ImageSizeDialog, "exec", run)
    return seen


def test_the_submenu_holds_the_three_exports_enabled_with_a_network(window):
    menu = export_menu(window)
    assert [a.text() for a in menu.actions()] == ["&ONNX…", "&PyTorch Script…",
                                                   "Network &Image…"]
    assert not any(a.isEnabled() for a in menu.actions())
    open_example(window, "xor-2-4-1")
    assert all(a.isEnabled() for a in menu.actions())


def test_png_has_the_size_asked_and_shows_every_neuron_in_its_colour(qtbot, window,
                                                                     monkeypatch, tmp_path):
    open_example(window, "xor-2-4-1")
    canvas = window.canvas
    path = tmp_path / "xor.png"
    choose_file(monkeypatch, path)
    seen = type_width(monkeypatch, qtbot, 1500)
    export_menu(window).actions()[2].trigger()
    rect, natural = network_rect(canvas), natural_size(canvas)
    assert (natural.width(), natural.height()) == (round(rect.width() * 2),
                                                   round(rect.height() * 2))
    assert seen["size"].width() == 1500      # the height follows, proportions kept
    assert seen["size"].height() == round(1500 * natural.height() / natural.width())
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1500, seen["size"].height())
    scale = min(image.width() / rect.width(), image.height() / rect.height())
    offset = (QPointF(image.width(), image.height()) - QPointF(rect.width(), rect.height())
              * scale) / 2                     # the network is centred
    pixels = {image.pixel(x, y) for x in range(0, image.width(), 7)
              for y in range(0, image.height(), 7)}
    assert len(pixels) > 50
    # The network fills the picture from margin to margin, the output panel's class
    # names and bars included (its item claims 4,000 units of blank for zooming out).
    assert canvas.output_room_px > 0
    background = QColor(image.pixel(0, 0)).rgb()
    drawn = [x for x in range(image.width())
             if any(QColor(image.pixel(x, y)).rgb() != background
                    for y in range(0, image.height(), 2))]
    assert drawn[0] < 0.06 * image.width() and drawn[-1] > 0.94 * image.width()
    for layer, neurons in enumerate(canvas.layers):
        brushes = style.glow_brushes()
        for j, bucket in enumerate(neurons.buckets.tolist()):
            center = (canvas.neuron_position(layer, j) - rect.topLeft()) * scale + offset
            got = QColor(image.pixel(round(center.x()), round(center.y())))
            want = brushes[bucket].color()
            assert abs(got.red() - want.red()) + abs(got.green() - want.green()) \
                + abs(got.blue() - want.blue()) <= 6, (layer, j)
    assert "Exported xor.png (1,500 × " in window.statusBar().currentMessage()


def test_svg_is_xml_with_a_circle_for_every_neuron(qtbot, window, monkeypatch, tmp_path):
    session = open_example(window, "digits-64-16-16-10")
    path = tmp_path / "digits.svg"
    choose_file(monkeypatch, path)
    type_width(monkeypatch, qtbot, 900)
    window.exports.window.export_action.trigger()
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{SVG}svg" and root.get("viewBox").startswith("0 0 900 ")
    circles = root.iter(f"{SVG}circle")
    assert len(list(circles)) == sum(session.network.sizes) == 106
    assert root.find(f"{SVG}title").text == session.project.title
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Hidden 1" in texts and "softmax" in texts


def test_onnx_and_pytorch_scripts_from_the_menu(window, monkeypatch, tmp_path):
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    session = open_example(window, "spiral")
    model_path, script_path = tmp_path / "spiral.onnx", tmp_path / "spiral.py"
    asked = choose_file(monkeypatch, model_path)
    export_menu(window).actions()[0].trigger()
    assert asked[-1][0] == "Export ONNX model" and asked[-1][1].endswith(".onnx")
    inputs = np.random.default_rng(0).normal(size=(30, 2)).astype(np.float32)
    run = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    np.testing.assert_allclose(run.run(None, {"inputs": inputs})[0],
                               session.network.forward(inputs), rtol=2e-5, atol=2e-6)
    choose_file(monkeypatch, script_path)
    export_menu(window).actions()[1].trigger()
    compile(script_path.read_text(encoding="utf-8"), "spiral.py", "exec")
    assert "Exported spiral.py (PyTorch script, " in window.statusBar().currentMessage()


def test_without_onnx_the_action_says_how_to_install_it(window, messages, monkeypatch,
                                                         tmp_path):
    open_example(window, "xor-2-4-1")
    monkeypatch.setattr(export_controller, "onnx_available", lambda: False)
    asked = choose_file(monkeypatch, tmp_path / "x.onnx")
    export_menu(window).actions()[0].trigger()
    assert messages == [("information", "ONNX export", "ONNX export needs the onnx "
                         "package: pip install onnx onnxruntime (nnsim's extra [export])")]
    assert asked == [] and list(tmp_path.glob("*.onnx")) == []


def test_a_failed_export_is_one_line_and_writes_nothing(qtbot, window, messages,
                                                        monkeypatch, tmp_path):
    open_example(window, "xor-2-4-1")
    folder = tmp_path / "taken.png"
    folder.mkdir()
    choose_file(monkeypatch, folder)
    type_width(monkeypatch, qtbot, 400)
    window.export_action.trigger()
    choose_file(monkeypatch, tmp_path / "missing" / "x.py")
    export_menu(window).actions()[1].trigger()
    assert [(kind, title) for kind, title, _ in messages] == [
        ("critical", "Could not export")] * 2
    assert messages[0][2] == f"{folder}: cannot write the file"
    assert messages[1][2].startswith(f"{tmp_path / 'missing' / 'x.py'}: ")
    assert list(folder.iterdir()) == [] and not (tmp_path / "missing").exists()


def test_the_size_dialog_keeps_the_proportions(qtbot):
    from PySide6.QtCore import QSize
    dialog = ImageSizeDialog(QSize(800, 200))
    qtbot.addWidget(dialog)
    dialog.height_box.selectAll()
    qtbot.keyClicks(dialog.height_box, "50")
    qtbot.keyClick(dialog.height_box, Qt.Key_Enter)
    assert (dialog.size().width(), dialog.size().height()) == (200, 50)


def test_looking_back_exports_the_moment_shown(qtbot, window, monkeypatch, tmp_path):
    """The exports write what the canvas shows: a moment of the timeline while it is
    viewed, never the live buffers."""
    import ast
    session = open_example(window, "xor-2-4-1")
    for _ in range(3):
        session.step_epoch()
        qtbot.waitUntil(lambda: not session.busy, timeout=5000)
    session.view_past(session.timeline.checkpoints[0])
    shown = session.display_network()
    assert not np.array_equal(shown.params, session.network.params)
    path = tmp_path / "past.py"
    choose_file(monkeypatch, path)
    export_menu(window).actions()[1].trigger()
    literals = {node.targets[0].id: node.value for node in ast.parse(path.read_text()).body
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    weights = [np.array(w) for w in ast.literal_eval(literals["WEIGHTS"])]
    assert all(np.array_equal(w, v) for w, v in zip(weights, shown.weights))


def test_the_svg_title_is_the_networks_made_printable(qtbot, window, monkeypatch, tmp_path):
    session = open_example(window, "xor-2-4-1")
    session.project.title = "XOR <&> \x01 \u202e"
    path = tmp_path / "xor.svg"
    choose_file(monkeypatch, path)
    type_width(monkeypatch, qtbot, 300)
    window.export_action.trigger()
    root = ElementTree.parse(path).getroot()
    assert root.find(f"{SVG}title").text == "XOR <&> \\x01 \\u202e"
