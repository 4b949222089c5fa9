"""LossPlot and ActivationPlot: what they draw is exactly what they were fed."""

import csv
import math
import time

import numpy as np
import pytest
from PySide6.QtGui import QImage, QTextDocument

from nnsim.simulator.network import Network
from nnsim.simulator.training import History, Metrics, Trainer, TrainingConfig
from nnsim.simulator.trainingtypes import SAMPLES, Snapshot
from nnsim.ui.activation_plot import ActivationPlot
from nnsim.ui.loss_plot import LossPlot
from nnsim.ui.plots import PLOT_POINTS, EnvelopeBuffer, LogFriendlyAxis, Throttle


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


def test_envelope_buffer_keeps_rows_until_full_then_halves_to_min_max_pairs():
    buffer = EnvelopeBuffer(3, capacity=4)
    v = [5.0, 1.0, 7.0, 3.0, 2.0, 9.0, 4.0]
    w = [-1.0, -6.0, -2.0, math.nan, 8.0, 0.0, 1.0]
    for i in range(4):
        buffer.append((i, v[i], w[i]))
    assert buffer.column(1).tolist() == v[:4] and buffer.column(0).flags.c_contiguous
    for i in (4, 5):
        buffer.append((i, v[i], w[i]))
    # Full at the fifth row: rows 0..3 became two rows at the first and last x holding
    # each column's minimum and maximum in the order they came (v: 1 at row 1, then 7
    # at row 2; w: -1 at row 0, then -6 at row 1); a NaN among numbers is skipped.
    assert buffer.column(0).tolist() == [0, 3, 4, 5]
    assert buffer.column(1).tolist() == [1.0, 7.0, 2.0, 9.0]
    assert buffer.column(2).tolist() == [-1.0, -6.0, 8.0, 0.0]
    buffer.append((6, v[6], w[6]))
    # Full again: the pairs merge, still over everything fed so far, still in order.
    assert len(buffer) == 3 and buffer.capacity == 4
    assert buffer.column(0).tolist() == [0, 5, 6]
    assert buffer.column(1).tolist() == [1.0, 9.0, 4.0]
    assert buffer.column(2).tolist() == [-6.0, 8.0, 1.0]


def test_envelope_buffer_keeps_a_falling_curve_falling():
    """Minima first and maxima second turned a falling loss into a zigzag."""
    buffer = EnvelopeBuffer(2, capacity=64)
    x = np.arange(10_000.0)
    for xi in x:
        buffer.append((xi, 1.0 / (1.0 + xi)))
    ys = buffer.column(1)
    assert np.all(np.diff(ys) <= 0) and ys[0] == 1.0 and ys[-1] == 1.0 / 10_000
    buffer.clear()
    assert len(buffer) == 0 and buffer.column(0).size == 0


def test_envelope_buffer_capacity_is_a_multiple_of_four():
    with pytest.raises(ValueError, match="multiple of 4"):
        EnvelopeBuffer(2, capacity=6)


@pytest.mark.parametrize("n", [1, 63, 64, 65, 1000, 12_345])
def test_envelope_buffer_stays_bounded_and_keeps_span_and_spikes(n):
    rng = np.random.default_rng(n)
    x = np.cumsum(rng.uniform(0.1, 1.0, n))
    y = rng.normal(size=n)
    high, low = rng.integers(n), rng.integers(n)
    y[high], y[low] = 100.0, -100.0
    buffer = EnvelopeBuffer(2, capacity=64)
    for i in range(n):
        buffer.append((x[i], y[i]))
        assert len(buffer) <= 64
    xs, ys = buffer.column(0), buffer.column(1)
    assert xs[0] == x[0] and (xs[-1], ys[-1]) == (x[-1], y[-1])   # the whole run
    assert np.all(np.diff(xs) >= 0)
    assert ys.max() == 100.0 and ys.min() == -100.0 or n == 1      # the spikes
    # Each kept extreme stands for a span of x, a pair of rows, where it was fed.
    for r, fed in ((int(np.argmax(ys)), x[high]), (int(np.argmin(ys)), x[low])):
        pair = r - r % 2
        assert xs[pair] <= fed <= xs[min(pair + 1, len(xs) - 1)]


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


def test_100k_step_losses_keep_a_bounded_curve_over_the_whole_run(loss_plot):
    """An hour of snapshots at 30 a second: one curve of at most PLOT_POINTS points that
    still runs from the first to the last step and shows a one-snapshot spike."""
    n = 100_000
    losses = 1.0 / (1.0 + np.arange(n))
    losses[54_321] = 3.0
    for i, loss in enumerate(losses):
        loss_plot.add_step_loss(i / 100, loss)
    loss_plot.add_step_loss(n / 100, math.nan)   # a snapshot without steps: skipped
    loss_plot.redraw()
    x, y = curve_xy(loss_plot.step_curve)
    assert PLOT_POINTS // 2 <= x.size <= PLOT_POINTS
    assert x[0] == 0.0 and x[-1] == (n - 1) / 100 and y[-1] == losses[-1]
    assert y.max() == 3.0 and y.min() == losses[-1]
    # Rows pair up (x range of a span: its min, its max; or two points as fed).  The
    # running loss falls, so a span's lowest loss is its last and its highest its first.
    starts, ends = np.rint(x[0::2] * 100).astype(int), np.rint(x[1::2] * 100).astype(int)
    low, high = np.minimum(y[0::2], y[1::2]), np.maximum(y[0::2], y[1::2])
    spike = (starts <= 54_321) & (ends >= 54_321)
    assert spike.sum() == 1 and high[spike] == 3.0
    np.testing.assert_array_equal(low, losses[ends])
    np.testing.assert_array_equal(high[~spike], losses[starts][~spike])
    assert len(loss_plot.loss_plot.listDataItems()) == 3


def test_a_long_run_of_epochs_shows_a_bounded_exact_record_of_all_of_it(loss_plot, tmp_path):
    n = 5_000
    for epoch in range(1, n + 1):
        loss_plot.add_epoch(epoch, Metrics(1.0 / epoch, epoch / n, 2.0 / epoch, None))
    loss_plot.redraw()
    x, train = curve_xy(loss_plot.train_loss_curve)
    assert x.size <= History.HEAD + History.TAIL
    assert x[0] == 1 and x[-1] == n          # the whole run
    np.testing.assert_array_equal(train, 1.0 / x)
    np.testing.assert_array_equal(curve_xy(loss_plot.test_loss_curve)[1], 2.0 / x)
    np.testing.assert_array_equal(curve_xy(loss_plot.train_accuracy_curve)[1], x / n)
    path = tmp_path / "history.csv"
    loss_plot.export_csv(path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [int(row["epoch"]) for row in rows] == x.tolist()
    assert all(row["test_accuracy"] == "" for row in rows)


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
                    params=np.zeros(1), weights=[], biases=[],
                    probes={SAMPLES: probe, "surface grid": [p[:1] for p in probe]},
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
        expected, _ = np.histogram(snap.probes[SAMPLES][layer], bins=edges)
        np.testing.assert_array_equal(counts, expected)
        assert counts.sum() == snap.probes[SAMPLES][layer].size
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


def test_gradient_norms_and_traces_stay_bounded_over_a_long_run(act_plot):
    act_plot.watch_neuron(2, 0)
    n = 3 * PLOT_POINTS + 7
    probe = [np.zeros((2, 2)), np.zeros((2, 4)), np.zeros((2, 3)), np.zeros((2, 1))]
    for i in range(n):
        probe[2] = np.full((2, 3), math.sin(i / 50))
        norm = 50.0 if i == 4321 else 1.0 + i / n
        act_plot.update_snapshot(snapshot(probe, [norm, 0.1, 0.01], progress=i / 10))
    act_plot.redraw()
    curves = act_plot.norm_curves + act_plot.traces.plot.listDataItems()
    assert all(PLOT_POINTS // 2 <= curve_xy(c)[0].size <= PLOT_POINTS for c in curves)
    x, top = curve_xy(act_plot.norm_curves[0])
    assert x[0] == 0.0 and x[-1] == (n - 1) / 10
    assert top.max() == 50.0 and top[-1] == 1.0 + (n - 1) / n
    _, trace = curve_xy(act_plot.traces.plot.listDataItems()[0])
    assert trace.max() == max(math.sin(i / 50) for i in range(n))


def test_watched_neuron_names_from_a_file_show_as_plain_text(qtbot):
    plot = ActivationPlot()
    qtbot.addWidget(plot)
    name = "<b>cat & dog</b>"
    plot.set_network(Network([2, 1], ["sigmoid"], names=[["x1", "x2"], [name]]))
    plot.watch_neuron(1, 0)
    document = QTextDocument()
    document.setHtml(plot.traces.title.text())
    assert "<b>" not in plot.traces.title.text()
    assert name in document.toPlainText().replace("\xa0", " ")


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


def test_an_empty_run_does_not_keep_the_last_runs_axes(loss_plot):
    feed(loss_plot)
    history = History()
    for epoch in range(1, 101):
        history.append(epoch, Metrics(10.0 / epoch))
    loss_plot.set_history(history)
    loss_plot.loss_plot.vb.updateAutoRange()
    assert loss_plot.loss_plot.vb.viewRange()[0][1] >= 100
    loss_plot.set_history(History())
    loss_plot.loss_plot.vb.updateAutoRange()
    assert loss_plot.loss_plot.vb.viewRange()[0][1] <= 1.0
    loss_plot.set_history(history)                 # and a new run is fitted again
    loss_plot.loss_plot.vb.updateAutoRange()
    assert loss_plot.loss_plot.vb.viewRange()[0][1] >= 100
