"""Issue 13: lesson progress is remembered across windows, a teacher's lesson file
opens (a bad one says why in one line), and presentation mode suits a projector and
gives the window back exactly."""

import json

import pytest
from lessonsteps import (
    answer,
    choose,
    click,
    documented_lesson,
    next_step,
    panel_of,
    shown_step,
    type_into,
    wait_done,
)
from PySide6.QtCore import QSettings, Qt

from nnsim.ui import lessons as lessons_module
from nnsim.ui.mainwindow import MainWindow
from nnsim.ui.plaintext import tooltip_html


def progress(window) -> list[str]:
    items = panel_of(window).list
    return [items.item(row).text() for row in range(items.count())]


def dock_layout(window) -> dict:
    """Each dock's area, visibility (a tab behind another is not visible), rectangle
    and tab neighbours."""
    layout = {}
    for name, dock in window.docks.items():
        shown = dock.isVisible() and not dock.visibleRegion().isEmpty()
        layout[name] = (window.dockWidgetArea(dock), shown,
                        dock.geometry().getRect() if shown else None,
                        sorted(d.objectName() for d in window.tabifiedDockWidgets(dock)))
    return layout


@pytest.fixture
def second_window(qtbot, tmp_path, messages):
    """Makes another window on the same settings file as ``window``."""
    made = []

    def make(first):
        win = MainWindow(QSettings(first.settings.fileName(), QSettings.IniFormat),
                         recovery_folder=tmp_path / "recovery2")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win
    yield make
    for win in made:
        win.session.shutdown()
        win.close()


def test_progress_is_remembered_by_a_new_window_and_can_be_reset(qtbot, window,
                                                                 second_window):
    choose(qtbot, window, 3)                                      # the festival, to the end
    next_step(qtbot, window, "Predict")
    answer(qtbot, window, 1, 0)
    next_step(qtbot, window, "Set the threshold")
    type_into(qtbot, window.perceptron.bias_row.field, "-5")
    wait_done(qtbot, window, last=True)
    choose(qtbot, window, 1)                                      # weights: to step 2
    answer(qtbot, window, 1, 0)
    next_step(qtbot, window, "Raise the bias")
    assert progress(window)[1] == "2. Weights and bias  ·  step 2 of 4"
    window.settings.sync()
    window.close()

    again = second_window(window)
    rows = progress(again)
    assert rows[3] == "4. The perceptron decides  ·  ✓ done"
    assert rows[1] == "2. Weights and bias  ·  step 2 of 4"
    assert rows[0] == "1. One neuron"
    assert again.session.project is None
    choose(qtbot, again, 1)                    # resumes, set up as its steps set it up
    assert shown_step(again) == "Step 2 of 4: Raise the bias"
    assert again.session.network.sizes == [4, 1]
    assert again.docks["perceptron"].isVisible()
    click(qtbot, panel_of(again).reset_button)
    assert progress(again)[3] == "4. The perceptron decides"
    assert progress(again)[1] == "2. Weights and bias"
    assert shown_step(again) == "Step 1 of 4: Predict first"


def test_a_teachers_lesson_opens_from_a_file(qtbot, window, tmp_path, messages):
    path = tmp_path / "festival.nnsim-lesson.json"
    path.write_text(json.dumps(documented_lesson()), encoding="utf-8")
    assert window.lessons.open_file(path)
    assert progress(window)[-1] == "9. The festival threshold"
    assert shown_step(window) == "Step 1 of 3: The rule"
    assert window.session.network.biases[0][0] == 0.0          # its actions ran
    bad = tmp_path / "bad.nnsim-lesson.json"
    document = documented_lesson()
    document["steps"][0]["text"] = "<b>bold</b>\x07"
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert not window.lessons.open_file(bad)
    kind, title, text = messages[-1]
    assert (kind, title) == ("critical", "Could not open the lesson")
    assert text.endswith("bad.nnsim-lesson.json: steps[0].text: control character \\x07 "
                         "at character 12 on line 1; texts hold printable characters and "
                         "line breaks")
    assert len(progress(window)) == 9                         # the list is as it was


def test_lesson_text_is_plain_text(qtbot, window, tmp_path):
    document = documented_lesson()
    document["steps"][0]["text"] = "<b>not bold</b> & <i>x</i>"
    path = tmp_path / "html.nnsim-lesson.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert window.lessons.open_file(path)
    label = panel_of(window).text
    assert label.textFormat() == Qt.PlainText
    assert label.text() == "<b>not bold</b> & <i>x</i>"
    summary = panel_of(window).list.item(8).toolTip()     # shown literally as well
    assert summary == tooltip_html("Set the bias so the perceptron goes for the singer alone.")


def test_presentation_mode_and_back(qtbot, window):
    choose(qtbot, window, 0)
    before_docks = {name for name, dock in window.docks.items() if dock.isVisible()}
    before_font = window.font().pointSizeF()
    before_geometry, before_layout = window.geometry(), dock_layout(window)
    text_before = panel_of(window).text.font().pointSizeF()
    assert not window.isFullScreen()
    window.presentation.action.trigger()
    qtbot.waitUntil(window.isFullScreen)
    assert window.presentation.action.isChecked()
    assert window.font().pointSizeF() == pytest.approx(before_font * 1.5)
    assert panel_of(window).text.font().pointSizeF() == pytest.approx(text_before * 1.5 * 1.3)
    shown = {name for name, dock in window.docks.items() if dock.isVisible()}
    assert shown == {"lessons"}
    assert window.dockWidgetArea(window.docks["lessons"]) == Qt.LeftDockWidgetArea
    assert window.docks["lessons"].width() > window.width() * 0.2
    assert window.centralWidget().isVisible()
    qtbot.keyClick(window, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.presentation.action.isChecked()
    assert window.font().pointSizeF() == pytest.approx(before_font)
    assert panel_of(window).text.font().pointSizeF() == pytest.approx(text_before)
    assert {name for name, dock in window.docks.items() if dock.isVisible()} == before_docks
    qtbot.wait(100)
    assert window.geometry() == before_geometry
    assert dock_layout(window) == before_layout        # every dock where it was, as large


def test_the_walk_through_stays_in_presentation_mode(qtbot, window):
    choose(qtbot, window, 4)
    next_step(qtbot, window, "Forward")
    window.presentation.enter()
    assert window.docks["walkthrough"].isVisible() and window.walkthrough.active
    window.presentation.leave()
    assert window.walkthrough.active


def test_a_highlight_frames_its_control_for_a_while_and_back_goes_a_step_back(qtbot, window):
    choose(qtbot, window, 1)
    answer(qtbot, window, 1, 0)
    field = window.perceptron.bias_row.field
    style = field.styleSheet()
    next_step(qtbot, window, "Raise the bias")           # its action frames the bias field
    assert field.property("lessonHighlight") and "border: 2px solid" in field.styleSheet()
    window.lessons.highlight("perceptron.bias")          # again while framed: no change
    click(qtbot, panel_of(window).back_button)
    assert shown_step(window) == "Step 1 of 4: Predict first"
    qtbot.waitUntil(lambda: not field.property("lessonHighlight"), timeout=10_000)
    assert field.styleSheet() == style


def test_a_damaged_built_in_lesson_is_left_out_and_named(qtbot, window, second_window,
                                                        tmp_path, monkeypatch):
    bad = tmp_path / "99-bad.nnsim-lesson.json"
    bad.write_text('{"format": "nnsim-lesson"', encoding="utf-8")
    installed = lessons_module.bundled_lessons()
    monkeypatch.setattr(lessons_module, "bundled_lessons", lambda: [*installed, bad])
    again = second_window(window)
    assert len(progress(again)) == 8
    message = again.statusBar().currentMessage()
    assert "99-bad.nnsim-lesson.json: not valid JSON" in message


def test_the_lesson_shown_as_the_window_opens_waits_for_start(qtbot, window):
    """Its first step says "the first article's neuron is open": nothing is open until
    the learner presses Start, which opens it and shows the usual Back/Next."""
    panel = panel_of(window)
    window.docks["lessons"].show()
    window.docks["lessons"].raise_()
    assert window.session.network is None
    assert panel.start_button.isVisible() and not panel.next_button.isVisible()
    assert not panel.check_button.isVisible()
    click(qtbot, panel.start_button)
    assert window.session.network is not None and window.session.network.sizes == [4, 1]
    assert not panel.start_button.isVisible()
    assert panel.next_button.isVisible() and panel.next_button.isEnabled()
    assert shown_step(window) == "Step 1 of 4: A neuron adds and squashes"
