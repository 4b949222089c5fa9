"""The confusion matrix dock, driven like a user: it equals ``nnsim eval``'s, a click on
a cell lists exactly that cell's samples, and choosing one puts it in the inspector."""

import json

import numpy as np
from PySide6.QtCore import Qt

from nnsim.cli import commands as cli
from nnsim.simulator.resources import resource_path

EXAMPLES = resource_path("examples")


def open_example(window, name):
    assert window.files.open_path(EXAMPLES / f"{name}.nnsim.json", example=True)
    return window.session


def show_dock(qtbot, window):
    window.docks["confusion"].raise_()
    qtbot.waitUntil(window.confusion_view.isVisible)
    return window.confusion_view


def shown_matrix(view) -> np.ndarray:
    table = view.table
    return np.array([[int(table.item(i, j).text().replace(",", ""))
                      for j in range(table.columnCount())] for i in range(table.rowCount())])


def click_cell(qtbot, view, i, j):
    table = view.table
    rect = table.visualRect(table.model().index(i, j))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())


def trained_digits(qtbot, window, epochs=2):
    session = open_example(window, "digits-64-16-16-10")
    for _ in range(epochs):
        session.step_epoch()
        qtbot.waitUntil(lambda: not session.busy, timeout=10_000)
    return session


def test_the_matrix_equals_the_command_lines(qtbot, window, tmp_path, capsys):
    session = trained_digits(qtbot, window)
    view = show_dock(qtbot, window)
    path = tmp_path / "digits.nnsim.json"
    session.save(path)
    capsys.readouterr()
    assert cli.main(["eval", "--json", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert np.array_equal(shown_matrix(view), printed["train"]["confusion_matrix"])
    assert view.accuracy.text() == f"accuracy {printed['train']['accuracy']:.1%} on 1,438 samples"
    headers = [view.table.horizontalHeaderItem(j).text() for j in range(10)]
    assert headers == printed["train"]["classes"] == [str(d) for d in range(10)]
    view.part_box.setCurrentIndex(view.part_box.findData("test"))
    assert np.array_equal(shown_matrix(view), printed["test"]["confusion_matrix"])
    assert shown_matrix(view).sum() == printed["test"]["rows"] == 359


def test_a_cell_lists_exactly_its_samples_as_pictures(qtbot, window):
    session = trained_digits(qtbot, window, epochs=1)
    view = show_dock(qtbot, window)
    data, net = session.train_data, session.network
    true, predicted = data.labels, net.forward(data.inputs).argmax(axis=1)
    counts = shown_matrix(view)
    off = np.argwhere((counts > 0) & ~np.eye(10, dtype=bool))
    i, j = off[np.argmax(counts[tuple(off.T)])]           # the most crowded mistake
    click_cell(qtbot, view, i, j)
    expected = np.flatnonzero((true == i) & (predicted == j))
    assert view.listed_rows() == expected.tolist() and len(expected) == counts[i, j]
    assert view.cell_title.text().startswith(f"{len(expected):,} train samples of class {i} "
                                             f"predicted as {j}")
    assert not view.samples.item(0).icon().isNull()       # digits are pictured
    click_cell(qtbot, view, i, i)
    assert view.listed_rows() == np.flatnonzero((true == i) & (predicted == i)).tolist()


def test_choosing_a_listed_sample_makes_it_the_inspectors(qtbot, window):
    trained_digits(qtbot, window, epochs=1)
    view = show_dock(qtbot, window)
    click_cell(qtbot, view, 3, 3)
    rows = view.listed_rows()
    item = view.samples.item(2)
    qtbot.mouseClick(view.samples.viewport(), Qt.LeftButton,
                     pos=view.samples.visualItemRect(item).center())
    assert window.inspector.sample_spin.value() == rows[2]


def test_it_follows_training_and_shows_every_row_once_stopped(qtbot, window):
    session = open_example(window, "digits-64-16-16-10")
    view = show_dock(qtbot, window)
    before = shown_matrix(view)
    session.step_epoch()
    qtbot.waitUntil(lambda: not session.busy, timeout=10_000)
    after = shown_matrix(view)
    assert after.sum() == 1438 and not np.array_equal(before, after)
    assert np.array_equal(after, window.confusion.shown[2].confusion)


def test_regression_data_has_no_matrix(qtbot, window):
    open_example(window, "sine")
    view = show_dock(qtbot, window)
    assert view.table.rowCount() == 0 and "regression" in view.note.text()


def test_without_test_data_only_the_training_part_is_offered(qtbot, window):
    open_example(window, "xor-2-2-1")
    view = show_dock(qtbot, window)
    assert not view.part_box.model().item(1).isEnabled() and view.part() == "train"
    assert shown_matrix(view).sum() == 4


def test_other_data_forget_the_listed_cell(qtbot, window):
    trained_digits(qtbot, window, epochs=1)
    view = show_dock(qtbot, window)
    best = int(np.argmax(np.diag(shown_matrix(view))))
    click_cell(qtbot, view, best, best)
    assert view.listed_rows()
    open_example(window, "xor-2-2-1")
    assert view.listed_rows() == [] and view.cell_title.text() == ""
    assert shown_matrix(view).shape == (2, 2)
