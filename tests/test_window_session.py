"""The window bound to the session, driven like a user, for the defects issue 10 names:
one owner of the live network, named probe sets, settings that survive, a timeline."""

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt

from nnsim.simulator.project import DatasetRef
from nnsim.simulator.resources import resource_path
from nnsim.simulator.trainingtypes import SAMPLES
from nnsim.ui.training_panel import SPEEDS

EXAMPLES = resource_path("examples")


def open_example(window, name):
    assert window.files.open_path(EXAMPLES / f"{name}.nnsim.json", example=True)
    return window.session


def click_neuron(qtbot, window, layer, neuron):
    canvas = window.canvas
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton,
                     pos=canvas.mapFromScene(canvas.neuron_position(layer, neuron)))


def step_epochs(qtbot, session, count: int) -> None:
    for _ in range(count):
        session.step_epoch()
        qtbot.waitUntil(lambda: not session.busy, timeout=5000)


def long_step(qtbot, window, drive: bool) -> np.ndarray:
    """XOR with batch size 1, 6,000 steps in one Step; with ``drive`` the inspector
    steps through the samples and the canvas is clicked all along."""
    session = open_example(window, "xor-2-4-1")
    session.set_config(replace(session.config, batch_size=1))
    qtbot.wait(50)  # the deferred fit-to-view
    click_neuron(qtbot, window, 1, 0)
    session.step(6000)
    driven = 0
    while session.busy:
        if drive:
            spin = window.inspector.sample_spin
            spin.setValue((spin.value() + 1) % 4)
            click_neuron(qtbot, window, 1, driven % 4)
            driven += 1
        qtbot.wait(2)
    assert session.trainer.step_count == 6000 and (driven >= 5 or not drive)
    return session.network.params.copy()


def test_a_long_step_trains_the_same_weights_while_the_inspector_is_driven(qtbot, window):
    """Issue 10: Step trained while the inspector traced the live network; the same
    seed gave other weights after 5 changes of the sample box."""
    assert np.array_equal(long_step(qtbot, window, drive=True),
                          long_step(qtbot, window, drive=False))


def test_histograms_and_watched_traces_count_the_samples_only(qtbot, window):
    """Issue 10: the histograms counted the decision surface's grid rows as well
    (10,256 counts where the probe has 256)."""
    session = open_example(window, "playground-circle")
    window.activations.watch(1, 0)
    session.step_epoch()
    qtbot.waitUntil(lambda: not session.busy and session.latest is not None, timeout=10_000)
    window.activation_plot.redraw()
    samples = session.latest.probes[SAMPLES]
    assert len(samples[0]) == session.config.probe_size == 64
    assert len(session.latest.probes["surface grid"][0]) > 1000   # what was mixed in
    counts = window.activation_plot.histogram_curves[0].getData()[1]
    assert counts.sum() == samples[1].size == 64 * session.network.sizes[1]
    trace = window.activation_plot._watched[(1, 0)][0]
    assert trace.column(1)[-1] == np.mean(samples[1][:, 0])


def test_the_speed_survives_reset_another_file_and_other_data(qtbot, window):
    """Issue 10: a new worker started at full speed after each of these."""
    session = open_example(window, "xor-2-4-1")
    slider = window.training_panel.speed
    slider.setValue(SPEEDS.index(1))
    qtbot.mouseClick(window.training_panel.reset_button, Qt.LeftButton)
    assert session.runner.steps_per_frame == 1
    open_example(window, "playground-circle")
    window.data.change_dataset(DatasetRef("gaussians", test_fraction=0.5))
    assert session.runner.steps_per_frame == 1 and slider.value() == SPEEDS.index(1)
    assert window.training_panel.speed_label.text() == "1 step/frame"


def test_clicking_the_epoch_axis_goes_back_to_that_epoch(qtbot, window):
    session = open_example(window, "xor-2-4-1")
    step_epochs(qtbot, session, 6)
    final = session.network.params.copy()
    checkpoint = session.timeline.at_or_before(3)
    assert checkpoint.epoch == 3
    plot = window.loss_plot
    plot.redraw()
    qtbot.wait(50)
    axis_plot = plot.accuracy_plot if plot.accuracy_plot.isVisible() else plot.loss_plot
    axis = axis_plot.getAxis("bottom")
    x = axis_plot.vb.mapViewToScene(QPointF(3.2, 0)).x()
    y = axis.sceneBoundingRect().center().y()
    point = plot.area.mapFromScene(QPointF(x, y))
    qtbot.mouseClick(plot.area.viewport(), Qt.LeftButton, pos=QPoint(point.x(), point.y()))
    assert session.trainer.epoch == 3
    assert np.array_equal(session.network.params, checkpoint.params)
    assert session.history.undo_text == "Back to epoch 3"
    assert "Back to epoch 3" in window.statusBar().currentMessage()
    session.undo()
    assert np.array_equal(session.network.params, final) and session.trainer.epoch == 6


def test_closing_clears_every_counter(qtbot, window):
    """Issue 10: after Close the status bar still showed the old epoch and accuracy."""
    session = open_example(window, "xor-2-4-1")
    step_epochs(qtbot, session, 1)
    assert window.status.labels["epoch"].text() == "Epoch 1"
    window.close_action.trigger()
    assert all(label.text() == "" for label in window.status.labels.values())
    assert window.inspector.sample_count.text() == ""


def test_new_data_starts_the_loss_plot_over(qtbot, window):
    """Issue 10: after changing the test split the loss plot kept the old run."""
    session = open_example(window, "playground-circle")
    step_epochs(qtbot, session, 3)
    window.loss_plot.redraw()
    assert len(window.loss_plot.train_loss_curve.getData()[1]) == 3
    window.data_panel.test_share.setValue(0.2)
    window.data_panel.test_share.editingFinished.emit()
    assert session.data.reference.test_fraction == 0.2 and session.trainer.epoch == 0
    window.loss_plot.redraw()
    assert window.loss_plot.train_loss_curve.getData()[1] is None or \
        len(window.loss_plot.train_loss_curve.getData()[1]) == 0


def test_the_selection_and_the_zoom_survive_an_edit_that_keeps_them_meaningful(qtbot, window):
    from nnsim.simulator import editing
    session = open_example(window, "xor-2-4-1")
    qtbot.wait(50)  # the deferred fit-to-view
    click_neuron(qtbot, window, 1, 0)
    window.canvas.zoom_in()
    zoom = window.canvas.transform().m11()
    session.edit_network("Add neuron", lambda net: editing.insert_neuron(net, 1))
    qtbot.wait(50)
    assert window.inspection.selected == ("neuron", 1, 0)
    assert window.inspector.header.text().startswith("<b>h1_1</b>")
    assert window.canvas.transform().m11() == zoom
    click_neuron(qtbot, window, 1, 4)
    session.edit_network("Remove layer", lambda net: editing.remove_layer(net, 1))
    assert window.inspection.selected is None   # 2-1 has no neuron 5 in layer 1
