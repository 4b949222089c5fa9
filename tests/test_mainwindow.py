"""The whole desktop app driven like a user: open, play, pause, step, reset, save, fail."""

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from nnsim.simulator.resources import resource_path
from nnsim.simulator.training import TrainingConfig
from nnsim.ui import pacing
from nnsim.ui.canvas.targets import NeuronRef
from nnsim.ui.welcome import example_files

EXAMPLES = resource_path("examples")
ROOT = Path(__file__).resolve().parent.parent


def open_example(window, name):
    assert window.files.open_path(EXAMPLES / f"{name}.nnsim.json", example=True)
    return window.session


def train_until(qtbot, window, epochs):
    document = window.session
    qtbot.mouseClick(window.training_panel.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: document.running, timeout=5000)
    qtbot.waitUntil(lambda: document.latest is not None
                    and document.latest.epoch >= epochs, timeout=20_000)
    qtbot.mouseClick(window.training_panel.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not document.running, timeout=5000)
    document.pause()


def test_welcome_page_lists_every_example(window):
    assert window.center.currentWidget() is window.welcome
    cards = window.welcome.grid.count()
    assert cards == len(example_files()) >= 10
    assert not window.play_action.isEnabled()
    # Every description is shown whole: none cut with "… (N characters)".
    texts = [label.text() for label in window.welcome.findChildren(QLabel)]
    assert any("13,002" in text for text in texts)
    assert not [text for text in texts if "characters)" in text]


def test_play_trains_live_and_the_picture_follows(qtbot, window):
    document = open_example(window, "playground-circle")
    assert window.center.currentWidget() is window.canvas
    before = window.canvas.grab().toImage()
    initial_weights = document.network.params.copy()
    train_until(qtbot, window, 30)
    history = document.trainer.history
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    assert not np.array_equal(document.network.params, initial_weights)
    after = window.canvas.grab().toImage()
    assert after != before
    curve = window.loss_plot.train_loss_curve
    plotted = lambda: curve.getData()[1] if curve.getData()[1] is not None else []  # noqa: E731
    qtbot.waitUntil(lambda: len(plotted()) == len(history.train_loss), timeout=3000)
    np.testing.assert_allclose(plotted(), history.train_loss)
    assert window.status.labels["epoch"].text().startswith("Epoch ")
    assert "Loss" in window.status.labels["loss"].text()
    assert window.isWindowModified()


def test_step_epoch_and_reset_buttons(qtbot, window):
    document = open_example(window, "xor-2-4-1")
    initial = document.network.params.copy()
    qtbot.mouseClick(window.training_panel.step_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: document.latest is not None, timeout=5000)
    assert document.latest.step == 1
    qtbot.mouseClick(window.training_panel.epoch_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: document.latest.epoch == 2, timeout=5000)
    assert not np.array_equal(document.network.params, initial)
    qtbot.mouseClick(window.training_panel.seed_lock, Qt.LeftButton)   # same weights
    qtbot.mouseClick(window.training_panel.reset_button, Qt.LeftButton)
    assert np.array_equal(document.network.params, initial)
    assert document.trainer.epoch == 0 and document.trainer.step_count == 0
    qtbot.mouseClick(window.training_panel.seed_lock, Qt.LeftButton)   # a new seed
    qtbot.mouseClick(window.training_panel.reset_button, Qt.LeftButton)
    assert not np.array_equal(document.network.params, initial)


def test_training_settings_reach_the_trainer(qtbot, window):
    document = open_example(window, "xor-2-4-1")
    rate = window.training_panel.learning_rate
    rate.lineEdit().selectAll()
    qtbot.keyClicks(rate, "0.3")
    qtbot.keyClick(rate, Qt.Key_Return)
    index = window.training_panel.optimizer.findData("adam")
    window.training_panel.optimizer.setCurrentIndex(index)
    assert document.config.learning_rate == 0.3 and document.config.optimizer == "adam"
    qtbot.mouseClick(window.training_panel.step_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: document.latest is not None, timeout=5000)
    assert document.trainer.optimizer.name == "adam"
    assert document.trainer.optimizer.learning_rate == 0.3


def test_a_bad_file_shows_an_error_and_keeps_the_open_network(window, messages, tmp_path):
    document = open_example(window, "xor-2-4-1")
    network, params = document.network, document.network.params.copy()
    bad = tmp_path / "broken.nnsim.json"
    data = json.loads((EXAMPLES / "xor-2-4-1.nnsim.json").read_text())
    data["network"]["layers"][1]["weights"] = [[1.0, 2.0]]
    bad.write_text(json.dumps(data))
    assert not window.files.open_path(bad)
    kind, _title, text = messages[-1]
    assert kind == "critical" and "broken.nnsim.json" in text and "weights" in text
    assert document.network is network
    assert np.array_equal(document.network.params, params)


def test_save_then_reopen_is_bit_exact(qtbot, window, tmp_path):
    document = open_example(window, "xor-2-4-1")
    train_until(qtbot, window, 5)
    path = tmp_path / "mine.nnsim.json"
    assert window.files.save_to(path)
    assert not window.isWindowModified() and "mine.nnsim.json" in window.windowTitle()
    saved = document.network.params.copy()
    assert window.files.open_path(path)
    assert document.network is not None
    assert np.array_equal(document.network.params, saved)
    assert document.trainer.epoch == len(document.trainer.history.epoch) >= 5


def test_closing_with_unsaved_changes_asks_first(qtbot, window, messages):
    open_example(window, "xor-2-4-1")
    window.session.mark_unsaved()
    window.close()
    assert messages and messages[-1][0] == "question"


def test_divergence_pauses_with_a_message_and_finite_weights(qtbot, window, messages):
    document = open_example(window, "sine")
    document.set_config(replace(document.config, optimizer="sgd", learning_rate=1e6,
                                epochs=None))
    qtbot.mouseClick(window.training_panel.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: any("diverged" in m[2] for m in messages), timeout=10_000)
    qtbot.waitUntil(lambda: not document.running, timeout=5000)
    assert np.all(np.isfinite(document.network.params))


def test_clicking_the_article_neuron_shows_its_arithmetic(qtbot, window):
    open_example(window, "single-neuron")
    canvas = window.canvas
    qtbot.wait(50)  # let the deferred fit-to-view run before mapping scene points
    point = canvas.mapFromScene(canvas.neuron_position(1, 0))
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, pos=point)
    text = window.inspector.text()
    assert "6.3" in text and "0.998167" in text and "1.6798e-06" in text


def test_the_window_screenshot_is_not_blank(qtbot, window):
    open_example(window, "playground-circle")
    image = window.grab().toImage()
    assert image.width() > 800 and image.height() > 500
    sample = {image.pixel(x, y) for x in range(0, image.width(), 23)
              for y in range(0, image.height(), 23)}
    assert len(sample) > 50


def test_closing_mid_training_exits_cleanly(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication
        from nnsim.ui.mainwindow import MainWindow
        app = QApplication([])
        window = MainWindow(QSettings({str(tmp_path / 'close-test.ini')!r},
                                      QSettings.IniFormat),
                            recovery_folder={str(tmp_path / 'recovery')!r})
        window.show()
        window.files.open_path({str(EXAMPLES / 'digits-64-16-16-10.nnsim.json')!r}, example=True)
        from dataclasses import replace
        window.session.set_config(replace(window.session.config, epochs=None))
        window.session.play()
        was_running = []
        def close():
            was_running.append(window.session.running)
            window.files.maybe_save = lambda: True  # close without asking
            window.close()
        QTimer.singleShot(1500, close)
        app.exec()
        sys.exit(0 if was_running == [True] else 3)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "QThread: Destroyed" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_save_reports_and_keeps_the_work(window, messages, monkeypatch, tmp_path):
    document = open_example(window, "xor-2-4-1")
    document.mark_unsaved()
    params = document.network.params.copy()

    def disk_full(project, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("nnsim.session.core.save_project", disk_full)
    assert not window.files.save_to(tmp_path / "full.nnsim.json")
    kind, _title, text = messages[-1]
    assert kind == "critical" and "No space left on device" in text
    assert document.dirty and window.isWindowModified()
    assert document.path is None
    assert np.array_equal(document.network.params, params)
    assert not (tmp_path / "full.nnsim.json").exists()


def test_a_minimised_window_does_not_hold_training_back(qtbot, window):
    """No paint comes to a minimised window, so its frames are acknowledged at once;
    otherwise the worker's wait would time out on every frame and training crawl."""
    document = open_example(window, "playground-circle")
    gate = document.runner.frame_drawn

    def frame_released_before_painting() -> bool:
        gate.clear()
        document.events.frame.emit(document.trainer.snapshot())
        return gate.is_set()

    assert not frame_released_before_painting()  # shown: the frame waits for its paint
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=2000)
    assert frame_released_before_painting()


def test_when_training_stops_every_counter_shows_the_final_step(qtbot, window, monkeypatch):
    """While training, the counters follow a few times a second; the last frames can
    fall between two updates, so stopping must bring them up to date."""
    monkeypatch.setattr(pacing, "SLOW_VIEWS_HZ", 1e-3)  # only the first frame updates
    document = open_example(window, "playground-circle")
    document.set_config(replace(document.config, epochs=300))
    qtbot.mouseClick(window.training_panel.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: document.running, timeout=5000)
    qtbot.waitUntil(lambda: not document.running, timeout=20_000)
    trainer = document.trainer
    assert trainer.epoch == 300
    assert window.training_panel.epoch_label.text() == "Epoch 300"
    assert window.training_panel.detail_label.text().startswith(f"step {trainer.step_count:,} ")
    assert window.status.labels["epoch"].text() == "Epoch 300"


def test_the_status_bar_names_the_rows_the_epoch_end_accuracy_covers(qtbot, window):
    document = open_example(window, "playground-circle")
    circle = document.project.dataset
    document.set_dataset(replace(circle, params={**circle.params, "n_samples": 30_000}))
    assert document.trainer.n_samples == 15_000  # half held out for testing
    qtbot.mouseClick(window.training_panel.epoch_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: document.latest is not None
                    and document.latest.epoch == 1, timeout=20_000)
    metrics = document.trainer.last_metrics
    qtbot.waitUntil(lambda: window.status.labels["accuracy"].text() ==
                    f"Accuracy {metrics.train_accuracy:.1%} (first 10,000 of 15,000 rows; "
                    f"test {metrics.test_accuracy:.1%})", timeout=5000)


def test_every_dock_can_be_closed_and_reopened_from_the_view_menu(qtbot, window):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    toggles = {action.text(): action for action in view_menu.actions()}
    assert set(window.docks) == {"training", "data", "inspector", "loss", "activations",
                                 "palette", "history", "perceptron", "walkthrough",
                                 "confusion", "lessons"}
    for dock in window.docks.values():
        dock.close()
        assert not dock.isVisible()
        toggles[dock.windowTitle()].trigger()
        assert dock.isVisible()


def test_the_canvas_glows_with_the_inspected_sample_even_past_the_probe_rows(qtbot, window):
    """The snapshots carry only the first 64 samples; the canvas and the inspector must
    still show the same sample when the inspector steps to sample 100."""
    document = open_example(window, "digits-64-16-16-10")
    canvas = window.canvas
    qtbot.wait(50)  # the deferred fit-to-view
    point = canvas.mapFromScene(canvas.neuron_position(1, 0))
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, pos=point)
    window.inspector.sample_spin.setValue(100)
    expected = document.network.forward_all(document.train_data.inputs[100:101])
    for layer, item in enumerate(canvas.layers):
        np.testing.assert_allclose(item.values, expected[layer][0], rtol=1e-12)
    assert f"{expected[1][0, 0]:.6g}" in window.inspector.text()


def count_calls(monkeypatch, calls, obj, name):
    original = getattr(obj, name)

    def counted(*args, **kwargs):
        calls[name] += 1
        return original(*args, **kwargs)
    monkeypatch.setattr(obj, name, counted)


def test_opening_builds_each_view_once(qtbot, window, monkeypatch):
    calls = Counter()
    count_calls(monkeypatch, calls, window.data_view, "set_dataset")
    count_calls(monkeypatch, calls, window.session, "set_probe")
    count_calls(monkeypatch, calls, window.canvas, "set_network")
    open_example(window, "playground-circle")
    assert calls == {"set_dataset": 1, "set_probe": 1, "set_network": 1}


def test_a_rename_keeps_the_run_the_watched_neurons_and_the_picture(qtbot, window,
                                                                     monkeypatch):
    """Issue 10: a rename went through the same rebuild as a new layer, and cleared the
    watched neurons, the running-loss and gradient-norm history and the optimiser."""
    session = open_example(window, "playground-circle")
    window.activations.watch(1, 2)
    train_until(qtbot, window, 8)
    window.loss_plot.redraw()
    window.activation_plot.redraw()
    steps = window.loss_plot.step_curve.getData()[0].copy()
    norms = window.activation_plot.norm_curves[0].getData()[1].copy()
    watched = window.activation_plot._watched[(1, 2)][1].getData()[1].copy()
    optimiser = session.trainer.state_dict()["optimizer"]
    calls = Counter()
    for obj, name in ((window.canvas, "set_network"), (window.data_view, "set_dataset"),
                      (window.activation_plot, "set_network"),
                      (window.loss_plot, "set_history")):
        count_calls(monkeypatch, calls, obj, name)
    trainer = session.trainer
    session.rename_neuron(1, 2, "edge")
    window.loss_plot.redraw()
    window.activation_plot.redraw()
    assert calls == {} and session.trainer is trainer
    assert window.canvas.describe(NeuronRef(1, 2)).startswith("edge ")
    assert window.activation_plot.watched == [(1, 2)]
    assert "edge" in window.activation_plot.traces.title.text()
    assert np.array_equal(window.loss_plot.step_curve.getData()[0], steps)
    assert np.array_equal(window.activation_plot.norm_curves[0].getData()[1], norms)
    assert np.array_equal(window.activation_plot._watched[(1, 2)][1].getData()[1], watched)
    for key, value in optimiser.items():
        assert np.array_equal(session.trainer.state_dict()["optimizer"][key], value)


def test_without_a_project_the_training_dock_shows_a_new_projects_settings(qtbot, window):
    """Not the closed project's values, nor a combo box's first entry."""
    panel, fresh = window.training_panel, TrainingConfig()
    document = open_example(window, "digits-64-16-16-10")
    assert panel.learning_rate.currentText() == f"{document.config.learning_rate:g}" != \
        f"{fresh.learning_rate:g}"
    window.close_action.trigger()
    assert window.session.project is None and not panel.isEnabled()
    assert panel.learning_rate.currentText() == f"{fresh.learning_rate:g}"
    assert panel.optimizer.currentData() == fresh.optimizer
    assert panel.batch_size.value() == fresh.batch_size
    assert panel.epoch_limit.value() == (fresh.epochs or 0)


def test_no_two_actions_share_a_shortcut(window):
    """Ctrl+W was both Close and Show Weights: Qt called it ambiguous and did neither."""
    from PySide6.QtGui import QAction
    bound = Counter(sequence.toString() for action in window.findChildren(QAction)
                    for sequence in action.shortcuts() if not sequence.isEmpty())
    assert bound and [key for key, count in bound.items() if count > 1] == []


def test_choosing_a_logic_gate_holds_no_samples_out(qtbot, window):
    """The README's XOR walkthrough kept 2 of the 4 rows for testing and could not
    learn XOR; a gate's four rows are all there is."""
    open_example(window, "playground-circle")                 # a 50 % test share
    panel = window.data_panel
    panel.choice.setCurrentIndex(panel.choice.findData("xor"))
    panel.choice.activated.emit(panel.choice.currentIndex())
    session = window.session
    assert session.data.reference.name == "xor"
    assert session.train_data.n_samples == 4 and session.test_data.n_samples == 0
    assert panel.test_share.value() == 0.0
    panel.choice.setCurrentIndex(panel.choice.findData("spiral"))
    panel.choice.activated.emit(panel.choice.currentIndex())
    assert session.data.reference.test_fraction == 0.3


def test_the_status_bar_shows_the_loss_before_the_first_step(window):
    """It said "Loss —" until an epoch had ended; a learner sees where training starts."""
    session = open_example(window, "xor-2-4-1")
    network, data = session.network, session.train_data
    targets = data.targets_for(network.activations[-1], network.sizes[-1])
    loss = network.loss_value(data.inputs, targets)
    assert session.trainer.step_count == 0
    assert window.status.labels["loss"].text() == f"Loss {loss:.4g}"
    assert window.status.labels["accuracy"].text().startswith("Accuracy ")
    assert window.status.labels["accuracy"].text() != "Accuracy —"


def test_a_bundled_examples_data_is_named_without_the_install_folder(window):
    """The festival example's Data dock showed a .../site-packages/... path."""
    open_example(window, "festival-perceptron")
    summary = window.data_panel.summary.text()
    assert "CSV file examples/festival.csv" in summary
    assert "site-packages" not in summary and str(Path.home()) not in summary


def test_the_sine_examples_noise_is_shown_as_its_sigma(qtbot, window):
    """The Data dock said "0 % noise" for the sine example's noise σ = 0.05."""
    session = open_example(window, "sine")
    noise = window.data_panel.noise
    assert session.data.reference.params["noise"] == 0.05
    assert noise.isVisibleTo(window.data_panel) and noise.text() == "noise σ 0.05"
    noise.lineEdit().selectAll()
    qtbot.keyClicks(noise.lineEdit(), "0.1")
    qtbot.keyClick(noise.lineEdit(), Qt.Key_Return)
    assert session.data.reference.params["noise"] == 0.1
    session = open_example(window, "playground-circle")
    assert noise.text() == "0 % noise"
