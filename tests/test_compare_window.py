"""Compare… driven like a user: the dialog, the comparison window's overlaid curves,
its table, small multiples, exports, and keeping a run."""

import csv
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from nnsim.simulator.resources import resource_path

EXAMPLES = resource_path("examples")


def open_example(window, name):
    assert window.files.open_path(EXAMPLES / f"{name}.nnsim.json", example=True)
    return window.session


def open_dialog(qtbot, window):
    window.compare.action.trigger()
    dialog = window.compare.dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def choose(row, title: str, value: str) -> None:
    row.setting.setCurrentIndex(row.setting.findText(title))
    if row.value.isEditable():
        row.value.setEditText(value)
    else:
        row.value.setCurrentIndex(row.value.findText(value))


def compare(qtbot, window, *choices):
    """Open Compare…, choose ``(setting title, value)`` per row, press Compare."""
    dialog = open_dialog(qtbot, window)
    for row, (title, value) in zip(dialog.rows, choices):
        choose(row, title, value)
    qtbot.mouseClick(dialog.compare_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.compare.view is not None and
                    window.compare.view.isVisible())
    return window.compare.view


def click_and_wait(qtbot, view, button, samples: int) -> None:
    """Click ``button`` and wait until run 1 has seen ``samples``."""
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.comparison.frames[0].samples == samples, timeout=10000)


def test_two_learning_rates_show_two_labelled_curves_alike_at_first(qtbot, window):
    open_example(window, "xor-2-4-1")
    view = compare(qtbot, window, ("Learning rate", "3"))
    for epoch in range(1, 6):
        click_and_wait(qtbot, view, view.epoch_button, 4 * epoch)
    assert [label.text for _, label in view.plot.legend.items] == ["η = 1", "η = 3"]
    (x0, y0), (x1, y1) = [(c.xData, c.yData) for c in view.plot.curves]
    assert list(x0) == list(x1) == [0, 1, 2, 3, 4, 5]
    assert y0[0] == y1[0]
    assert np.all(y0[1:] != y1[1:])
    first = [frame.first_loss for frame in view.comparison.frames]
    assert first[0] == first[1]
    assert view.table.item(0, 0).text().endswith("η = 1")
    assert view.table.item(1, 1).text() == "5"
    assert float(view.table.item(1, 2).text()) == float(f"{y1[-1]:.4g}")
    assert window.session.progress() == (0, 0)


def test_a_setting_the_network_cannot_take_is_explained_in_the_dialog(qtbot, window):
    open_example(window, "xor-2-4-1")
    dialog = open_dialog(qtbot, window)
    choose(dialog.rows[0], "Loss", "Cross-entropy")
    qtbot.mouseClick(dialog.compare_button, Qt.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "Cross-entropy needs" in dialog.error.text()
    assert window.compare.view is None
    dialog.reject()


def test_keep_this_run_is_one_undo_step(qtbot, window):
    session = open_example(window, "xor-2-4-1")
    before = session.network.params.copy()
    view = compare(qtbot, window, ("Learning rate", "3"), ("Batch size", "2"))
    click_and_wait(qtbot, view, view.epoch_button, 4)
    click_and_wait(qtbot, view, view.step_button, 8)
    assert not view.keep_button.isEnabled()
    view.table.selectRow(2)
    assert view.keep_button.text() == "Keep “batch = 2”"
    kept = view.comparison.runs[2].network.params.copy()
    steps = len(session.history.texts)
    qtbot.mouseClick(view.keep_button, Qt.LeftButton)
    assert window.compare.view is None
    assert len(session.history.texts) == steps + 1
    assert np.array_equal(session.network.params, kept)
    assert session.config.batch_size == 2 and session.progress() == (2, 4)
    session.undo()
    assert np.array_equal(session.network.params, before)
    assert session.config.batch_size == 4 and session.progress() == (0, 0)


def test_the_csv_and_png_exports(qtbot, window, tmp_path, monkeypatch, messages):
    open_example(window, "xor-2-4-1")
    view = compare(qtbot, window, ("Optimiser", "Adam"))
    click_and_wait(qtbot, view, view.epoch_button, 4)
    click_and_wait(qtbot, view, view.epoch_button, 8)
    target = tmp_path / "runs.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(view.csv_button, Qt.LeftButton)
    with target.open(encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0][:2] == ["epochs", "optimiser = SGD: train loss"]
    assert rows[0][5] == "optimiser = Adam: train loss"
    assert [row[0] for row in rows[1:]] == ["0", "1", "2"]
    for index, curve in enumerate(view.plot.curves):
        assert [float(row[1 + 4 * index]) for row in rows[1:]] == list(curve.yData)
    picture = tmp_path / "runs.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(picture), ""))
    qtbot.mouseClick(view.png_button, Qt.LeftButton)
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (view.width(), view.height())
    nowhere = tmp_path / "no folder" / "runs.png"     # the file is named once, with why
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(nowhere), ""))
    qtbot.mouseClick(view.png_button, Qt.LeftButton)
    kind, title, text = messages[-1]
    assert (kind, title) == ("warning", "Not exported")
    assert text.count("runs.png") == 1 and text.endswith(": cannot write the file"), text


def test_small_multiples_side_by_side_or_one_at_a_time(qtbot, window):
    open_example(window, "xor-2-4-1")
    view = compare(qtbot, window, ("Learning rate", "3"), ("Weight seed", "7"))
    click_and_wait(qtbot, view, view.epoch_button, 4)
    cards = view.cards
    assert [card.isVisible() for card in cards.cards] == [True, True, True]
    seeded = cards.cards[2]
    assert np.array_equal(seeded.network.params, view.comparison.frames[2].params)
    qtbot.mouseClick(cards.one_at_a_time, Qt.LeftButton)
    assert [card.isVisible() for card in cards.cards] == [True, False, False]
    cards.chooser.setCurrentIndex(2)
    assert [card.isVisible() for card in cards.cards] == [False, False, True]
    assert "seed = 7" in seeded.title.text()


def test_play_trains_every_run_in_lockstep_until_paused(qtbot, window):
    open_example(window, "xor-2-4-1")
    view = compare(qtbot, window, ("Batch size", "1"))
    qtbot.mouseClick(view.play_button, Qt.LeftButton)
    assert view.play_button.text() == "⏸ Pause" and not view.step_button.isEnabled()
    qtbot.waitUntil(lambda: view.comparison.frames[0].samples >= 40, timeout=10000)
    qtbot.mouseClick(view.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not view.comparison.running)
    qtbot.wait(50)  # the last frame, posted before the worker ended
    assert view.play_button.text() == "▶ Play" and view.step_button.isEnabled()
    samples = [frame.samples for frame in view.comparison.frames]
    assert samples[0] == samples[1]
    steps = [run.trainer.step_count for run in view.comparison.runs]
    assert steps[1] == 4 * steps[0]


def test_other_data_or_another_network_closes_the_comparison(qtbot, window):
    session = open_example(window, "playground-circle")
    view = compare(qtbot, window, ("Learning rate", "0.3"))
    reference = replace(session.data.reference, params={"noise": 0.3})
    session.set_dataset(reference)
    assert window.compare.view is None and not view.comparison.busy
    view = compare(qtbot, window, ("Learning rate", "0.3"))
    qtbot.keyClick(view, Qt.Key_Escape)
    assert not view.isVisible()
    view = compare(qtbot, window, ("Learning rate", "0.3"))
    open_example(window, "xor-2-4-1")
    assert window.compare.view is None


def test_hovering_the_plot_reads_every_run_at_the_nearest_epoch(qtbot, window):
    open_example(window, "xor-2-4-1")
    view = compare(qtbot, window, ("Learning rate", "3"))
    for epoch in range(1, 4):
        click_and_wait(qtbot, view, view.epoch_button, 4 * epoch)
    plot = view.plot
    qtbot.wait(50)  # laid out: the view box maps epochs to the scene
    low, high = plot.plot.vb.viewRange()[1]
    plot.hover(plot.plot.vb.mapViewToScene(QPointF(1.8, (low + high) / 2)))
    assert plot.cursor.isVisible() and plot.cursor.value() == 2
    text = plot.readout.textItem.toPlainText()
    values = [f"{frame.series('train_loss')[1][2]:.4g}" for frame in view.comparison.frames]
    assert text.splitlines() == ["epoch 2", f"━ η = 1: {values[0]}", f"━ η = 3: {values[1]}"]
    plot.metric_choice.setCurrentIndex(plot.metric_choice.findText("Training accuracy"))
    assert "%" in plot.readout_html(2.0)
    plot.hover(QPointF(-100, -100))
    assert not plot.cursor.isVisible() and not plot.readout.isVisible()
    qtbot.wait(50)
    low, high = plot.plot.vb.viewRange()[1]
    plot.hover(plot.plot.vb.mapViewToScene(QPointF(1.0, (low + high) / 2)))
    assert plot.cursor.isVisible() and plot.cursor.value() == 1
    QApplication.sendEvent(plot.widget.viewport(), QEvent(QEvent.Leave))
    assert not plot.cursor.isVisible() and not plot.readout.isVisible()


def test_the_loss_axis_is_logarithmic_unless_unticked(qtbot, window):
    open_example(window, "xor-2-4-1")
    view = compare(qtbot, window, ("Learning rate", "3"))
    click_and_wait(qtbot, view, view.epoch_button, 4)
    plot = view.plot
    y = view.comparison.frames[0].series("train_loss")[1]
    assert plot.plot.getAxis("left").logMode
    assert np.allclose(plot.curves[0].getData()[1], np.log10(y))
    plot.log_scale.setChecked(False)
    assert not plot.plot.getAxis("left").logMode
    assert np.array_equal(plot.curves[0].getData()[1], y)
    plot.metric_choice.setCurrentIndex(plot.metric_choice.findText("Training accuracy"))
    assert not plot.log_scale.isVisible()


def test_a_value_out_of_range_is_refused_in_one_line_naming_the_run(qtbot, window):
    open_example(window, "xor-2-4-1")
    dialog = open_dialog(qtbot, window)
    choose(dialog.rows[1], "Batch size", "0")
    qtbot.mouseClick(dialog.compare_button, Qt.LeftButton)
    assert dialog.error.text() == ("Run 3: batch size must be a whole number from 1 to "
                                   "1e+06, not 0")
    assert window.compare.view is None
    choose(dialog.rows[1], "Batch size", "2")
    qtbot.mouseClick(dialog.compare_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert [f.label for f in window.compare.view.comparison.frames] == \
        ["η = 1, batch = 4", "η = 3", "batch = 2"]
