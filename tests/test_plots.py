"""LossPlot and ActivationPlot: what they draw is exactly what they were fed."""

import csv
import math
import time

import numpy as np
import pytest
from PySide6.QtGui import QImage

from simulator.network import Network
from simulator.training import History, Metrics, Snapshot, Trainer, TrainingConfig
from ui.plots import ActivationPlot, GrowingBuffer, LogFriendlyAxis, LossPlot, Throttle


def curve_xy(curve):
    """The arrays last given to ``curve.setData`` (empty ones for no data)."""
    x, y = curve.getOriginalDataset()
    return (np.empty(0), np.empty(0)) if x is None else (np.asarray(x), np.asarray(y))


@pytest.fixture
def loss_plot(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    return plot


EPOCHS = [(1, Metrics(0.5, 0.6, 0.55, 0.5)),
          (2, Metrics(0.25, 0.8, None, None)),
          (3, Metrics(0.125, 0.9, 0.2, 0.85))]


def feed(plot):
    for epoch, metrics in EPOCHS:
        plot.add_epoch(epoch, metrics)


def test_growing_buffer_doubles_and_keeps_rows():
    buffer = GrowingBuffer(2, capacity=4)
    for i in range(9):
        buffer.append((i, i * i))
    assert len(buffer) == 9 and buffer.capacity == 16
    assert buffer.column(1).tolist() == [i * i for i in range(9)]
    assert buffer.column(0).flags.c_contiguous
    buffer.clear()
    assert len(buffer) == 0 and buffer.column(0).size == 0


def test_epoch_curves_hold_the_values_fed(loss_plot, qtbot):
    feed(loss_plot)
    qtbot.waitUntil(lambda: curve_xy(loss_plot.train_loss_curve)[0].size == 3)
    x, train = curve_xy(loss_plot.train_loss_curve)
    assert x.tolist() == [1, 2, 3]
    assert train.tolist() == [0.5, 0.25, 0.125]
    _, test = curve_xy(loss_plot.test_loss_curve)
    assert test[0] == 0.55 and math.isnan(test[1]) and test[2] == 0.2
    _, accuracy = curve_xy(loss_plot.train_accuracy_curve)
    assert accuracy.tolist() == [0.6, 0.8, 0.9]
    assert loss_plot.accuracy_plot.scene() is not None   # shown: there is accuracy


def test_regression_history_hides_the_accuracy_plot(loss_plot):
    loss_plot.add_epoch(1, Metrics(0.3))
    loss_plot.redraw()
    assert loss_plot.accuracy_plot.scene() is None


def test_log_scale_switches_the_loss_axis(loss_plot):
    assert not loss_plot.log_scale
    loss_plot.log_checkbox.setChecked(True)
    assert loss_plot.log_scale and loss_plot.loss_plot.getAxis("left").logMode
    loss_plot.set_log_scale(False)
    assert not loss_plot.log_checkbox.isChecked() and not loss_plot.log_scale


def test_export_csv_writes_one_exact_row_per_epoch(loss_plot, tmp_path):
    feed(loss_plot)
    path = tmp_path / "history.csv"
    loss_plot.export_csv(path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows == [["epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy"],
                    ["1", "0.5", "0.55", "0.6", "0.5"],
                    ["2", "0.25", "", "0.8", ""],
                    ["3", "0.125", "0.2", "0.9", "0.85"]]


def test_export_png_writes_an_image(loss_plot, tmp_path):
    feed(loss_plot)
    loss_plot.redraw()
    loss_plot.resize(400, 300)
    path = tmp_path / "loss.png"
    loss_plot.export_png(path)
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 100


def test_export_actions_are_in_the_context_menus(loss_plot):
    for plot in (loss_plot.loss_plot, loss_plot.accuracy_plot):
        actions = plot.getViewBox().menu.actions()
        assert loss_plot.export_png_action in actions
        assert loss_plot.export_csv_action in actions


def test_100k_step_losses_fill_a_doubling_buffer_and_one_curve(loss_plot, qtbot):
    n = 100_000
    losses = 1.0 / (1.0 + np.arange(n))
    for i, loss in enumerate(losses):
        loss_plot.add_step_loss(i / 100, loss)
    loss_plot.add_step_loss(n / 100, math.nan)   # a snapshot without steps: skipped
    assert len(loss_plot._steps) == n
    assert loss_plot._steps.capacity == 131_072
    qtbot.waitUntil(lambda: curve_xy(loss_plot.step_curve)[0].size == n)
    x, y = curve_xy(loss_plot.step_curve)
    np.testing.assert_array_equal(y, losses)
    assert len(loss_plot.loss_plot.listDataItems()) == 3


def test_set_history_replaces_everything(loss_plot):
    feed(loss_plot)
    loss_plot.add_step_loss(0.5, 1.0)
    history = History()
    history.append(7, Metrics(0.4))
    history.append(8, Metrics(0.3))
    loss_plot.set_history(history)
    assert curve_xy(loss_plot.train_loss_curve)[1].tolist() == [0.4, 0.3]
    assert curve_xy(loss_plot.step_curve)[0].size == 0
    assert loss_plot.accuracy_plot.scene() is None


def test_crosshair_readout_shows_the_nearest_epoch(loss_plot):
    feed(loss_plot)
    loss_plot.add_step_loss(2.9, 0.13)
    text = loss_plot.readout_text(2.8)
    assert "epoch 3" in text and "train loss  0.125" in text
    assert "test accuracy  85.0%" in text and "running loss  0.13" in text
    assert "test loss" not in loss_plot.readout_text(2.1)   # epoch 2 has no test loss


# ---------------------------------------------------------------------- ActivationPlot
def snapshot(probe, norms, progress=0.5):
    return Snapshot(step=1, epoch=0, epoch_progress=progress, loss=0.1, metrics=None,
                    params=np.zeros(1), weights=[], biases=[], probe_activations=probe,
                    grad_norms=norms)


@pytest.fixture
def act_plot(qtbot):
    plot = ActivationPlot()
    qtbot.addWidget(plot)
    plot.set_network(Network([2, 4, 3, 1], ["relu", "tanh", "sigmoid"]))
    return plot


def test_histograms_count_the_probe_activations(qtbot):
    net = Network([2, 5, 1], ["relu", "sigmoid"])
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    trainer = Trainer(net, x, (x[:, :1] > 0).astype(float), TrainingConfig(epochs=1))
    snap = next(trainer.run(max_steps=2))
    plot = ActivationPlot()
    qtbot.addWidget(plot)
    plot.set_network(net)
    plot.update_snapshot(snap)
    plot.redraw()
    assert len(plot.histogram_curves) == 2
    for layer, curve in enumerate(plot.histogram_curves, start=1):
        edges, counts = curve_xy(curve)
        expected, _ = np.histogram(snap.probe_activations[layer], bins=edges)
        np.testing.assert_array_equal(counts, expected)
        assert counts.sum() == snap.probe_activations[layer].size
    sigmoid_edges = curve_xy(plot.histogram_curves[1])[0]
    assert sigmoid_edges[0] == 0.0 and sigmoid_edges[-1] == 1.0


def test_titles_count_dead_and_saturated_units(act_plot):
    relu = np.array([[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 2.0, 0.5]])      # 2 of 4 dead
    tanh = np.array([[0.999, -0.99, 0.1], [0.995, -0.999, -0.2]])       # 2 of 3 saturated
    probe = [np.zeros((2, 2)), relu, tanh, np.array([[0.3], [0.6]])]
    act_plot.update_snapshot(snapshot(probe, [1.0, 0.1, 0.01]))
    act_plot.redraw()
    titles = [h.title.text() for h in act_plot.histograms]
    assert "dead: 2/4" in titles[0]
    assert "saturated: 2/3" in titles[1]
    assert "saturated: 0/1" in titles[2]


def test_gradient_norms_and_watched_neurons_over_time(act_plot):
    act_plot.watch_neuron(1, 2)
    probe = [np.zeros((2, 2)), np.array([[0, 0, 1.0, 0], [0, 0, 3.0, 0]]),
             np.zeros((2, 3)), np.zeros((2, 1))]
    act_plot.update_snapshot(snapshot(probe, [1.0, 0.1, 0.01], progress=0.5))
    act_plot.update_snapshot(snapshot(probe, [2.0, 0.2, 0.02], progress=1.0))
    act_plot.redraw()
    x, top = curve_xy(act_plot.norm_curves[0])
    assert x.tolist() == [0.5, 1.0] and top.tolist() == [1.0, 2.0]
    assert curve_xy(act_plot.norm_curves[2])[1].tolist() == [0.01, 0.02]
    assert act_plot.norms.plot.getAxis("left").logMode
    buffer, curve, _ = act_plot._watched[(1, 2)]
    assert curve_xy(curve)[1].tolist() == [2.0, 2.0]   # mean over the probe batch
    assert "h1_3" in act_plot.traces.title.text()
    act_plot.unwatch(1, 2)
    assert curve not in act_plot.traces.plot.listDataItems() and act_plot.watched == []


def test_snapshot_of_another_shape_is_ignored(act_plot):
    act_plot.update_snapshot(snapshot([np.zeros((2, 2)), np.zeros((2, 7)), np.zeros((2, 1))],
                                      [1.0, 1.0]))
    act_plot.redraw()
    assert curve_xy(act_plot.norm_curves[0])[0].size == 0


def test_clear_forgets_history(act_plot):
    probe = [np.zeros((2, 2)), np.zeros((2, 4)), np.zeros((2, 3)), np.zeros((2, 1))]
    act_plot.update_snapshot(snapshot(probe, [1.0, 1.0, 1.0]))
    act_plot.clear()
    assert curve_xy(act_plot.norm_curves[0])[0].size == 0
    assert curve_xy(act_plot.histogram_curves[0])[0].size == 0


def test_a_throttled_redraw_can_be_served_early_within_its_last_quarter(qtbot):
    calls = []
    throttle = Throttle(None, lambda: calls.append(time.perf_counter()), interval_ms=1000)
    started = time.perf_counter()
    throttle.request()
    throttle.request()          # rides along with the first
    throttle.serve_early()      # a whole second to go: too early
    assert calls == []
    qtbot.waitUntil(lambda: throttle.timer.remainingTime() <= 200, timeout=3000)
    throttle.serve_early()
    assert len(calls) == 1 and calls[0] - started < 1.0
    assert not throttle.timer.isActive()
    qtbot.wait(1100)            # the timer was stopped: no second call
    assert len(calls) == 1


@pytest.mark.parametrize("top, pixels, expected", [
    (0.35, 600, [0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.2, 0.3]),  # all fit
    (0.35, 60, [0.05, 0.1, 0.2]),     # four fit: 1-2-5
    (0.95, 45, [0.03, 0.1, 0.3]),     # three fit, 1-2-5 would need four: 1-3
    (0.35, 20, [0.1]),                # at least two fit: decades
])
def test_log_axis_labels_only_as_many_ticks_as_fit(top, pixels, expected):
    """pyqtgraph's own log axis labels all nine minor ticks of a decade, which overlap
    on a short plot (the gradient-norm plot is ~70 px high)."""
    axis = LogFriendlyAxis("left")
    axis.setLogMode(False, True)
    (level,) = axis.tickValues(math.log10(0.025), math.log10(top), pixels)
    assert level[0] is None
    np.testing.assert_allclose(10 ** np.asarray(level[1]), expected)


def test_log_axis_thins_many_decades_to_every_kth():
    axis = LogFriendlyAxis("left")
    axis.setLogMode(False, True)
    (level,) = axis.tickValues(-12.0, 0.0, 60)   # 13 decades, room for 4 labels
    assert level[1] == [-12.0, -8.0, -4.0, 0.0]
