"""Driving the Lessons dock as a learner does, for the lesson window tests: choose a
lesson, press Check, Next, answer a question, right-click a neuron's menu, type into
a field."""

import json
import re
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from nnsim.ui import editor
from nnsim.ui.numbers import NumberDialog

DOCS = Path(__file__).resolve().parent.parent / "docs" / "lesson-format.md"


def documented_lesson() -> dict:
    """The complete example of docs/lesson-format.md, parsed."""
    text = DOCS.read_text(encoding="utf-8")
    return json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))


def panel_of(window):
    return window.lessons_panel


def choose(qtbot, window, row: int) -> None:
    """Click lesson ``row`` in the list (the Lessons dock comes forward first)."""
    window.docks["lessons"].show()
    window.docks["lessons"].raise_()
    lessons = panel_of(window).list
    rect = lessons.visualItemRect(lessons.item(row))
    qtbot.mouseClick(lessons.viewport(), Qt.LeftButton, pos=rect.center())


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.LeftButton)


def shown_step(window) -> str:
    panel = panel_of(window)
    return f"{panel.position.text()}: {panel.step_title.text()}"


def next_step(qtbot, window, expected_title: str) -> None:
    click(qtbot, panel_of(window).next_button)
    assert panel_of(window).step_title.text() == expected_title


def check_fails(qtbot, window, *words: str) -> str:
    """Press Check on an undone task: ✗, what was found, the hint; Next stays off."""
    panel = panel_of(window)
    click(qtbot, panel.check_button)
    text = panel.result.text()
    assert text.startswith("✗"), text
    for word in words:
        assert word in text, (word, text)
    assert not panel.next_button.isEnabled()
    return text


def wait_done(qtbot, window, last: bool = False) -> None:
    """The ✓ appears by itself (the check runs on the session's events)."""
    panel = panel_of(window)
    done = "✓ Lesson complete!" if last else "✓ Done — press Next."
    qtbot.waitUntil(lambda: panel.result.text() == done, timeout=10_000)
    assert panel.next_button.isEnabled() != last


def choose_answer(qtbot, button) -> None:
    """Click a radio button on its circle (a click beyond its text misses it)."""
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.LeftButton, pos=QPoint(8, button.height() // 2))


def answer(qtbot, window, wrong: int, right: int) -> None:
    """A wrong answer first (not accepted), then the right one."""
    panel = panel_of(window)
    choose_answer(qtbot, panel.choices.button(wrong))
    assert panel.explanation.text().startswith("Not quite")
    assert not panel.next_button.isEnabled()
    choose_answer(qtbot, panel.choices.button(right))
    assert panel.explanation.text().startswith("Right.")


def type_into(qtbot, field, text: str) -> None:
    """Replace a number field's text by typing, then Enter."""
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClick(field.lineEdit(), Qt.Key_Backspace)
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field.lineEdit(), Qt.Key_Return)


def click_neuron(qtbot, window, layer: int, neuron: int) -> None:
    canvas = window.canvas
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton,
                     pos=canvas.mapFromScene(canvas.neuron_position(layer, neuron)))


def neuron_menu(monkeypatch, window, layer: int, neuron: int, *path: str) -> None:
    """Right-click a neuron and choose ``path`` in its menu (see ``canvas_menu``)."""
    canvas = window.canvas
    canvas_menu(monkeypatch, window, canvas.mapFromScene(canvas.neuron_position(layer, neuron)),
                *path)


def layer_menu(monkeypatch, window, layer: int, *path: str) -> None:
    """Right-click a layer's title and choose ``path`` in its menu."""
    canvas_menu(monkeypatch, window, window.canvas.header_rect(layer).center().toPoint(),
                *path)


def canvas_menu(monkeypatch, window, pos, *path: str) -> None:
    """Right-click the canvas at ``pos`` and choose ``path`` in the menu (menus and
    submenus by their texts): the editor's menu picks the entry instead of waiting."""
    class PickingMenu(QMenu):
        def exec(self, *_args):
            menu = self
            for text in path[:-1]:
                menu = next(a.menu() for a in menu.actions() if a.text() == text)
            action = next(a for a in menu.actions() if a.text() == path[-1])
            action.trigger()
            return action

    monkeypatch.setattr(editor, "QMenu", PickingMenu)
    viewport = window.canvas.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Mouse, pos,
                                                       viewport.mapToGlobal(pos)))


def choose_layer_activation(monkeypatch, label: str) -> None:
    """The layer dialog gets ``label`` chosen in its activation list, then OK."""
    class ChoosingDialog(editor.LayerDialog):
        def exec(self):
            self.activation.setCurrentIndex(self.activation.findText(label))
            return QDialog.Accepted

    monkeypatch.setattr(editor, "LayerDialog", ChoosingDialog)


def answer_number_dialogs(monkeypatch, qtbot, typed: str) -> None:
    """The editor's number dialogs get ``typed`` in their field, then OK."""
    class TypingDialog(NumberDialog):
        def exec(self):
            type_into(qtbot, self.field, typed)
            return QDialog.Accepted

    monkeypatch.setattr(editor, "NumberDialog", TypingDialog)
