"""Time travel in the window, driven like a user: scrub the timeline back, see that
moment everywhere, restore it and train on, replay the run, size its memory."""

import numpy as np
from PySide6.QtCore import QPoint, Qt
from test_window_session import open_example, step_epochs

from nnsim.simulator.trainingtypes import SAMPLES
from nnsim.ui.canvas.targets import ConnectionRef
from nnsim.ui.plots import HISTOGRAM_BINS
from nnsim.ui.timeline_bar import REPLAY_SPEEDS


def moment_of_epoch(session, epoch: int):
    """The independent record of the idle state after ``epoch`` epochs: the live
    network's parameters and the trainer's own snapshot of itself."""
    assert session.trainer.epoch == epoch and not session.busy
    return session.network.params.copy(), session.trainer.snapshot(consume=False)


def scrub_to(qtbot, window, epoch: float) -> None:
    """Press on the timeline's track where ``epoch`` is and drag a little around it."""
    track = window.timeline_bar.track
    x = round(track.x_of(epoch))
    y = track.height() // 2
    qtbot.mousePress(track, Qt.LeftButton, pos=QPoint(x + 6, y))
    qtbot.mouseMove(track, QPoint(x, y))
    qtbot.mouseRelease(track, Qt.LeftButton, pos=QPoint(x, y))


def histogram_counts(acts: np.ndarray, window, layer: int) -> np.ndarray:
    """The counts the activations dock should draw for ``acts``, computed here."""
    activation = window.session.network.activation_of(layer)
    lo, hi = activation.value_range
    finite = acts[np.isfinite(acts)]
    lo = finite.min() if lo is None else min(lo, finite.min())
    hi = finite.max() if hi is None else max(hi, finite.max())
    return np.histogram(acts, bins=HISTOGRAM_BINS, range=(lo, hi))[0]


def weight_text(w: float) -> str:
    """How the canvas's tooltip writes a weight."""
    return f"w = {w:.4f}".replace("-", "−")


def digits_run(qtbot, window):
    """A digits network trained 3 epochs; the record of epoch 1 taken on the way."""
    session = open_example(window, "digits-64-16-16-10")
    step_epochs(qtbot, session, 1)
    epoch1 = moment_of_epoch(session, 1)
    step_epochs(qtbot, session, 2)
    return session, epoch1


def test_scrubbing_back_shows_that_epoch_everywhere_and_back_to_now_returns(qtbot, window):
    session, (params1, snapshot1) = digits_run(qtbot, window)
    final = session.network.params.copy()
    canvas, bar = window.canvas, window.timeline_bar
    window.activation_plot.redraw()
    samples3 = session.frame().probes[SAMPLES]
    counts3 = window.activation_plot.histogram_curves[0].getData()[1]
    assert np.array_equal(counts3, histogram_counts(samples3[1], window, 1))
    scrub_to(qtbot, window, 1.0)
    assert session.viewing.epoch == 1 and session.viewing.step == snapshot1.step
    # The canvas: node glow and weights of epoch 1.
    samples1 = snapshot1.probes[SAMPLES]
    for layer, item in enumerate(canvas.layers):
        np.testing.assert_allclose(item.values, samples1[layer].mean(axis=0), rtol=1e-12)
    w1 = session.network.split_flat(params1)[0][1][3, 4]
    assert w1 != session.network.weights[1][3, 4]
    assert canvas.describe(ConnectionRef(1, 3, 4)).startswith(weight_text(w1))
    # The histograms count epoch 1's activations of the samples probe.
    for layer in (1, 2):
        counts = window.activation_plot.histogram_curves[layer - 1].getData()[1]
        assert np.array_equal(counts, histogram_counts(samples1[layer], window, layer))
    assert not np.array_equal(counts3, histogram_counts(samples1[1], window, 1))
    # The status bar, the state line and the loss plot's marker say which moment.
    assert window.status.labels["epoch"].text() == "Epoch 1"
    assert window.training_panel.epoch_label.text() == "Epoch 1"   # the dock's counter too
    assert window.status.labels["step"].text() == f"Step {snapshot1.step:,}"
    assert window.status.labels["rate"].text() == "looking back"
    assert bar.state_label.text().startswith("Viewing epoch 1 of 3")
    assert window.loss_plot.moment == 1.0
    # Nothing of the present was touched.
    assert np.array_equal(session.network.params, final) and session.trainer.epoch == 3
    qtbot.mouseClick(bar.back_button, Qt.LeftButton)
    assert session.viewing is None and window.loss_plot.moment is None
    assert window.status.labels["epoch"].text() == "Epoch 3"
    assert window.training_panel.epoch_label.text() == "Epoch 3"
    assert window.status.labels["rate"].text() == "paused"
    now = session.network.weights[1][3, 4]
    assert canvas.describe(ConnectionRef(1, 3, 4)).startswith(weight_text(now))


def test_restoring_a_moment_trains_on_bit_for_bit_as_the_run_did(qtbot, window):
    session, (params1, _) = digits_run(qtbot, window)
    final = session.network.params.copy()
    scrub_to(qtbot, window, 1.0)
    qtbot.mouseClick(window.timeline_bar.restore_button, Qt.LeftButton)
    assert session.viewing is None and session.trainer.epoch == 1
    assert np.array_equal(session.network.params, params1)
    assert session.history.undo_text == "Back to epoch 1"
    step_epochs(qtbot, session, 2)
    assert np.array_equal(session.network.params, final)


def test_replay_shows_every_saved_moment_in_order(qtbot, window):
    session = open_example(window, "xor-2-4-1")
    step_epochs(qtbot, session, 6)
    viewed = []
    session.events.viewing_changed.connect(lambda c: viewed.append(c and c.step))
    bar = window.timeline_bar
    bar.replay_speed.setCurrentIndex(len(REPLAY_SPEEDS) - 1)
    qtbot.mouseClick(bar.replay_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not bar.replay_button.isChecked(), timeout=5000)
    assert viewed == [c.step for c in session.timeline.checkpoints] == list(range(7))
    assert session.viewing.step == 6  # it stays on the last moment
    assert session.trainer.step_count == 6   # nothing was trained again


def test_pressing_play_while_looking_back_goes_on_from_the_present(qtbot, window):
    session = open_example(window, "xor-2-4-1")
    step_epochs(qtbot, session, 3)
    scrub_to(qtbot, window, 1.0)
    assert session.viewing.epoch == 1
    step_epochs(qtbot, session, 1)
    assert session.viewing is None and session.trainer.epoch == 4


def test_the_timeline_is_keyboard_accessible(qtbot, window):
    session = open_example(window, "xor-2-4-1")
    step_epochs(qtbot, session, 3)
    track = window.timeline_bar.track
    track.setFocus()
    qtbot.keyClick(track, Qt.Key_Left)
    assert session.viewing.step == 3
    qtbot.keyClick(track, Qt.Key_Left)
    qtbot.keyClick(track, Qt.Key_Left)
    assert session.viewing.step == 1
    qtbot.keyClick(track, Qt.Key_Home)
    assert session.viewing.step == 0
    qtbot.keyClick(track, Qt.Key_End)
    assert session.viewing is None


def test_the_budget_shows_and_changes_what_the_timeline_may_hold(qtbot, window):
    session = open_example(window, "xor-2-4-1")
    step_epochs(qtbot, session, 3)
    bar = window.timeline_bar
    timeline = session.timeline
    assert bar.budget.value() == 256
    assert bar.budget_label.text() == f"4 saved moments · {timeline.nbytes / 2**20:.1f} MB of"
    bar.budget.setValue(64)
    assert timeline.budget_bytes == 64 * 2**20
    assert window.settings.value("timelineBudgetMB") in (64, "64")


def test_the_present_line_follows_training_to_its_end(qtbot, window):
    """It said "Now: epoch 39" after a run had stopped at epoch 40."""
    session = open_example(window, "xor-2-4-1")
    label = window.timeline_bar.state_label
    session.play()
    qtbot.waitUntil(lambda: session.trainer.epoch >= 50 or not session.running, timeout=5000)
    session.pause()
    qtbot.waitUntil(lambda: not session.busy, timeout=5000)
    assert label.text() == f"Now: epoch {session.trainer.epoch:,} · drag to look back"
    step_epochs(qtbot, session, 3)
    assert label.text() == f"Now: epoch {session.trainer.epoch:,} · drag to look back"
