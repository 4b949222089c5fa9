"""The Chinese interface: with zh_CN installed, no widget text, menu entry, dock title,
tab or tooltip of the main window is left in English (beyond names like ReLU or ONNX)."""

import re

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)

from nnsim.simulator import i18n
from nnsim.simulator.resources import resource_path

#: Names kept as they are in Chinese texts too: activations, optimisers, data sets, file
#: formats, products, keys.
KEPT = ("nnsim", "ReLU", "Leaky", "tanh", "sigmoid", "Sigmoid", "softmax", "Softmax",
        "softplus", "Softplus", "ELU", "SELU", "GELU", "SiLU", "Swish", "swish", "Adam", "SGD",
        "Nesterov", "XOR", "AND", "OR", "NAND", "MNIST", "Fashion", "ONNX", "PyTorch",
        "Netron", "CSV", "PNG", "SVG", "IDX", "JSON", "Qt", "numpy", "pyqtgraph", "PySide",
        "Ctrl", "Shift", "Alt", "Esc", "Tab", "Del", "Delete", "Left", "Right", "Up", "Down",
        "Backspace", "PgUp", "PgDown", "Home",
        "End", "Space", "Enter", "Return", "F1", "L1", "L2", "max", "min", "argmax", "exp",
        "log", "sin", "cos", "std", "tanh", "MSE", "Xavier", "Glorot", "He", "LeCun",
        "Playground", "TensorFlow", "dE", "dw", "dz", "db", "da", "ln", "Python", "float32",
        "float64", "opset", "onnxruntime", "MB", "dW",
        "English")   # a language's name in the language menu is written in that language
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}\d*")   # float32 is one name


def english_in(text: str) -> list[str]:
    """The English words of ``text`` once markup, kept names, mnemonics and file names are
    gone."""
    text = re.sub(r"<[^>]*>|&\w+;", " ", text)   # rich text's tags and entities are not read
    text = re.sub(r"\(&\w\)|&(?=\w)", "", text)
    text = re.sub(r"\S+\.(nnsim\.json|nnsim-lesson\.json|csv|png|svg|onnx|py|gz|npz)\b", "", text)
    # Values echoed as the file has them: a data set's name in quotes, its parameters' keys.
    text = re.sub(r"'[\w.-]+'|\b\w+(?==)", "", text)
    return [word for word in ENGLISH_WORD.findall(text) if word not in KEPT]


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a user can read on ``root`` and its children."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append((kind, widget.text()))
        if isinstance(widget, QGroupBox):
            found.append((kind, widget.title()))
        if isinstance(widget, QDockWidget):
            found.append((kind, widget.windowTitle()))
        if isinstance(widget, QLineEdit):
            found.append((kind, widget.placeholderText()))
        if isinstance(widget, QComboBox):
            found += [(kind, widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            found += [(kind, widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            found += [(kind, widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            found += [("menu", action.text()) for action in widget.actions()]
        found.append((kind + " tooltip", widget.toolTip()))
    return found


def menu_texts(window) -> list[tuple[str, str]]:
    found = []
    for action in window.menuBar().actions():
        found.append(("menu bar", action.text()))
        menu = action.menu()
        stack = [menu] if menu else []
        while stack:
            for item in stack.pop().actions():
                found += [("menu", item.text()), ("menu tooltip", item.toolTip()),
                          ("status tip", item.statusTip())]
                if item.menu():
                    stack.append(item.menu())
    return found


def left_in_english(window) -> list[str]:
    texts = widget_texts(window) + menu_texts(window)
    return sorted({f"{where}: {text!r}" for where, text in texts if english_in(text)})


def test_the_chinese_translation_is_installed(chinese_window):
    assert i18n.language() == "zh_CN"
    assert chinese_window.menuBar().actions()[0].text() == "文件(&F)"


def test_nothing_is_left_in_english_on_the_welcome_page(chinese_window):
    assert left_in_english(chinese_window) == []


@pytest.mark.parametrize("example", ["xor-2-2-1", "playground-circle", "digits-64-16-16-10"])
def test_nothing_is_left_in_english_with_an_example_open(chinese_window, qtbot, example):
    chinese_window.files.open_path(resource_path("examples") / f"{example}.nnsim.json",
                                   example=True)
    qtbot.wait(50)
    assert chinese_window.session.project is not None
    assert left_in_english(chinese_window) == []


def test_english_words_are_found_and_names_are_kept():
    assert english_in("训练 (&T)") == []
    assert english_in("ReLU 与 tanh，Ctrl+E，xor-2-2-1.nnsim.json") == []
    assert english_in("学习率 η = 0.5") == []
    assert english_in("Play 播放") == ["Play"]
    assert english_in("<span style='color:#8d97aa'>单击</span>&nbsp;神经元") == []
    assert english_in("内置数据集 'circle'（n_samples=500）") == []
    assert english_in("<b>Epoch</b> 3") == ["Epoch"]


def test_qt_dialogs_speak_chinese_too(chinese_window):
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
    assert sorted(button.text() for button in box.buttons()) == sorted(["保存", "丢弃", "取消"])


def test_the_language_menu_remembers_the_choice_and_offers_a_restart(window, messages):
    from nnsim.ui.preferences import chosen_language
    menu = window.language_menu
    labels = [action.text() for action in menu.group.actions()]
    assert labels[1:] == ["English", "简体中文"] and labels[0].startswith("System")
    assert chosen_language(window.settings) in ("en", "zh_CN")   # the system's
    menu.group.actions()[2].trigger()
    assert window.settings.value("language") == "zh_CN"
    assert chosen_language(window.settings) == "zh_CN"
    assert menu.group.actions()[2].isChecked()
    if messages:   # no box when the system's language already was Chinese
        assert messages[-1][:2] == ("information", "Restart nnsim")
    messages.clear()
    menu.group.actions()[1].trigger()
    assert chosen_language(window.settings) == "en"
    assert messages[-1][:2] == ("information", "Restart nnsim")   # a change: a box
    assert window.session is not None   # Later: the window stays as it was


def test_an_unknown_remembered_language_falls_back_to_the_system(tmp_path):
    from nnsim.ui.preferences import chosen_language, system_language
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    settings.setValue("language", "xx_YY")
    assert chosen_language(settings) == system_language()


@pytest.mark.parametrize("locale, expected", [("zh_CN.UTF-8", "zh_CN"), ("zh_SG.UTF-8", "zh_CN"),
                                              ("zh_TW.UTF-8", "en"), ("de_DE.UTF-8", "en")])
def test_the_system_language_follows_the_desktop_locale(locale, expected):
    import os
    import subprocess
    import sys
    env = {**os.environ, "LANG": locale, "LC_ALL": locale, "QT_QPA_PLATFORM": "offscreen"}
    found = subprocess.run(
        [sys.executable, "-c", "from nnsim.ui.preferences import system_language as s; "
                               "print(s())"], env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == expected


def test_chinese_characters_are_drawn_with_real_glyphs(qapp):
    """Without a CJK font (README: fonts-noto-cjk) every character is the same empty box."""
    from PySide6.QtGui import QColor, QImage, QPainter

    def drawn(text: str) -> QImage:
        image = QImage(60, 40, QImage.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawText(5, 30, text)
        painter.end()
        return image

    glyphs = [drawn(character) for character in "神经元权重"]
    assert all(a != b for i, a in enumerate(glyphs) for b in glyphs[i + 1:]), \
        "Chinese text draws as boxes: install a CJK font (fonts-noto-cjk)"


def test_qt_file_dialog_reads_in_chinese(chinese_window):
    """Qt's own translation lacks a few of its file dialog's texts; nnsim's supplies them."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QFileDialog

    from nnsim.ui.qt_texts import QT_TEXTS
    dialog = QFileDialog(chinese_window)
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert labels and not [text for text in labels if english_in(text)], labels
    for context, text in QT_TEXTS:
        assert not english_in(QCoreApplication.translate(context, text)), text
    dialog.deleteLater()
