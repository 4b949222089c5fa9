"""Numbers typed into the window: only finite values of each field's stated range are
taken; anything else ("1e999" is infinity to Python) is refused with that range, and the
setting in use stays as it was, so the network can still be saved."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QToolTip

from nnsim.simulator.fileformat import load_project
from nnsim.simulator.network import Network
from nnsim.simulator.resources import resource_path
from nnsim.ui.numbers import NumberRange, NumberSpinBox, format_number

XOR = resource_path("examples") / "xor-2-4-1.nnsim.json"   # η 1, batch 4, 2,000 epochs


def type_into(qtbot, field, text: str) -> None:
    """Replace a field's text by typing, then press Enter, as a user does."""
    field.lineEdit().selectAll()
    qtbot.keyClick(field.lineEdit(), Qt.Key_Backspace)
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field.lineEdit(), Qt.Key_Return)


def refusal(what: str, accepted: str, typed: str) -> str:
    finite = typed.strip().lower() in ("1e999", "inf", "-inf", "nan")
    return (f"{what} must be {accepted}, not '{typed}'"
            f"{', which is not finite' if finite else ''}.")


@pytest.fixture
def panel(window):
    assert window.files.open_path(str(XOR))
    return window.training_panel


def saved_and_reloaded(window, tmp_path):
    path = tmp_path / "typed.nnsim.json"
    assert window.files.save_to(path)
    return load_project(path).training


def test_a_refused_learning_rate_keeps_the_rate_in_use(qtbot, window, panel, tmp_path):
    for typed in ("1e999", "inf", "nan", "-0.5", "0", "1e-9", "101", "abc", "0.1.2", ""):
        type_into(qtbot, panel.learning_rate, typed)
        assert window.session.config.learning_rate == 1.0
        assert panel.learning_rate.currentText() == "1"
        assert not panel.input_problem.isHidden()
        assert panel.input_problem.textFormat() == Qt.PlainText
        assert panel.input_problem.text() == refusal(
            "The learning rate", "a finite number from 1e-08 to 100", typed)
    assert saved_and_reloaded(window, tmp_path).learning_rate == 1.0


def test_a_refusal_is_seen_where_the_user_types_even_in_a_short_dock(qtbot, window, panel):
    """The reason sits at the end of the dock's form; in a short window it was scrolled
    out of sight, and the typed rate just turned back without a word."""
    window.resize(1200, 600)
    qtbot.wait(50)
    area = panel.parentWidget().parentWidget()          # the dock's scroll area
    assert area.verticalScrollBar().maximum() > 0        # the form does not fit
    area.verticalScrollBar().setValue(0)
    type_into(qtbot, panel.learning_rate, "1e999")
    top_left = panel.input_problem.mapTo(area.viewport(), panel.input_problem.rect().topLeft())
    assert area.viewport().rect().contains(top_left)     # scrolled into view
    assert "which is not finite" in QToolTip.text()       # and said under the field
    assert QToolTip.isVisible()


def test_typed_and_chosen_learning_rates_apply(qtbot, window, panel, tmp_path):
    type_into(qtbot, panel.learning_rate, "1e999")
    type_into(qtbot, panel.learning_rate, "2.5e-3")
    assert window.session.config.learning_rate == 0.0025 and panel.input_problem.isHidden()
    type_into(qtbot, panel.learning_rate, "1")       # a preset: the arrow keys go on from it
    qtbot.keyClick(panel.learning_rate, Qt.Key_Down)
    assert window.session.config.learning_rate == 3.0
    assert panel.learning_rate.currentText() == "3"
    assert saved_and_reloaded(window, tmp_path).learning_rate == 3.0


@pytest.mark.parametrize("field, what, accepted, refused, good, setting, value", [
    ("batch_size", "The batch size", "a whole number from 0 to 1,000,000",
     ["1e999", "2.5", "-1", "1e7", "ten"], "1e2", "batch_size", 100),
    ("epoch_limit", "The epoch limit", "a whole number from 0 to 10,000,000",
     ["1e999", "nan", "3.5", "2e7"], "50", "epochs", 50),
    ("target_loss", "The target loss", "a finite number from 0 to 1,000,000",
     ["1e999", "inf", "-1e-3", "1e7"], "1e-3", "target_loss", 0.001),
])
def test_spin_boxes_take_only_numbers_of_their_range(qtbot, window, panel, tmp_path, field,
                                                      what, accepted, refused, good, setting,
                                                      value):
    spin, before = getattr(panel, field), getattr(window.session.config, setting)
    for typed in refused:
        type_into(qtbot, spin, typed)
        assert getattr(window.session.config, setting) == before
        assert panel.input_problem.text() == refusal(what, accepted, typed)
        assert not panel.input_problem.isHidden()
    type_into(qtbot, spin, good)     # scientific notation is a number too
    assert getattr(window.session.config, setting) == value
    assert panel.input_problem.isHidden()
    assert getattr(saved_and_reloaded(window, tmp_path), setting) == value


def test_the_regularisation_rate_takes_scientific_notation(qtbot, window, panel, tmp_path):
    panel.regularisation.setCurrentText("L2")
    type_into(qtbot, panel.regularisation_rate, "1e-4")
    assert (window.session.config.l1, window.session.config.l2) == (0.0, 1e-4)
    type_into(qtbot, panel.regularisation_rate, "1e999")
    assert window.session.config.l2 == 1e-4
    assert panel.input_problem.text() == refusal(
        "The regularisation rate", "a finite number from 0 to 10", "1e999")
    assert saved_and_reloaded(window, tmp_path).l2 == 1e-4


def test_special_values_read_as_the_minimum(qtbot, window, panel):
    type_into(qtbot, panel.epoch_limit, "no limit")
    assert window.session.config.epochs is None
    type_into(qtbot, panel.batch_size, "full batch")
    assert window.session.config.batch_size == 0


def test_shown_values_read_back_exactly():
    for value in (0.1, 1e-05, 0.30000000000000004, 3.0, -2.5, 1e-300):
        assert float(format_number(value)) == value
    assert format_number(3.0) == "3" and format_number(-0.0) == "0"
    assert NumberRange("x", 0, 1).parse(" \u22120 ") == 0.0   # a typographic minus


# ---------------------------------------------------------------------- editor dialogs
def in_dialog(qtbot, open_dialog, steps) -> None:
    """Open a modal dialog with ``open_dialog()`` and drive it with ``steps(dialog)``."""
    driven = []

    def drive():
        dialog = QApplication.activeModalWidget()
        steps(dialog)
        driven.append(dialog)

    QTimer.singleShot(0, drive)
    open_dialog()
    assert driven, "no dialog was opened"


def refuse_then_accept(qtbot, refused: list[str], problem, accepted: str):
    """Dialog steps: each refused text keeps OK disabled and says ``problem(text)``; the
    accepted text enables OK, which is clicked."""
    def steps(dialog):
        field = dialog.findChild(NumberSpinBox)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
        labels = dialog.findChildren(QLabel)
        for text in refused:
            field.lineEdit().selectAll()
            qtbot.keyClicks(field.lineEdit(), text)
            assert not ok.isEnabled()
            assert any(not label.isHidden() and label.text() == problem(text)
                       for label in labels)
        field.lineEdit().selectAll()
        qtbot.keyClicks(field.lineEdit(), accepted)
        assert ok.isEnabled()
        qtbot.mouseClick(ok, Qt.LeftButton)
    return steps


def test_the_weight_dialog_takes_only_finite_weights(qtbot, window, panel):
    document = window.session
    in_dialog(qtbot, lambda: window.editor.ask_weight(0, 1, 2), refuse_then_accept(
        qtbot, ["1e999", "nan", "2e6", "w"],
        lambda t: refusal("The weight", "a finite number from -1,000,000 to 1,000,000", t),
        "-0.25"))
    assert document.network.weights[0][1, 2] == -0.25
    assert document.history.undo_text == "Set weight x2 → h1_3"


def test_the_bias_dialog_takes_only_finite_biases(qtbot, window, panel):
    document = window.session
    in_dialog(qtbot, lambda: window.editor.ask_bias(2, 0), refuse_then_accept(
        qtbot, ["-inf", "1e9"],
        lambda t: refusal("The bias", "a finite number from -1,000,000 to 1,000,000", t),
        "1e-7"))
    assert document.network.biases[1][0] == 1e-7


def test_the_layer_dialog_takes_a_whole_number_of_neurons(qtbot, window, panel):
    document = window.session
    in_dialog(qtbot, lambda: window.editor.edit_layer(1), refuse_then_accept(
        qtbot, ["1e999", "20000", "0", "2.5"],
        lambda t: refusal("The number of neurons", "a whole number from 1 to 10,000", t),
        "6"))
    assert document.network.sizes == [2, 6, 1]


def test_a_layer_too_big_for_a_network_file_is_refused_before_it_is_built(
        qtbot, window, panel, messages):
    document = window.session
    document.edit_network("Wide", lambda net: Network([10_000, 1, 10_000], ["tanh", "linear"]))
    steps = len(document.history.changes)
    in_dialog(qtbot, lambda: window.editor.edit_layer(1),
              refuse_then_accept(qtbot, [], str, "10000"))
    assert messages[-1] == ("warning", "Not possible", "200,020,000 weights and biases "
                            "are more than nnsim's limit of 500,000")
    assert document.network.sizes == [10_000, 1, 10_000]
    assert len(document.history.changes) == steps
