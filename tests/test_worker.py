"""The training worker thread: commands, snapshots, frame gating, divergence, shutdown."""

import numpy as np
import pytest
from PySide6.QtCore import QObject, Slot

from nnsim.simulator import InitConfig, Network
from nnsim.simulator.training import Trainer, TrainingConfig
from nnsim.ui.worker import FramePacer, TrainingThread

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


@pytest.fixture
def xor_thread(qtbot):
    net = Network([2, 4, 1], ["tanh", "sigmoid"], init=InitConfig(seed=1))
    trainer = Trainer(net, XOR_X, XOR_Y, TrainingConfig(learning_rate=1.0, batch_size=4,
                                                        epochs=None), classification=True)
    thread = TrainingThread(trainer)
    thread.start()
    yield thread
    assert thread.stop()


class Recorder(QObject):
    """Receives a worker signal in the GUI thread, as the app's QObjects do.

    (A plain function or pytest-qt's waitSignal connected to a signal emitted in another
    thread runs in *that* thread under PySide6, which is not what the app does.)
    """

    def __init__(self, signal, acknowledge=None):
        super().__init__()
        self.values = []
        self.acknowledge = acknowledge
        signal.connect(self.record)

    @Slot(object)
    def record(self, value):
        self.values.append(value)
        if self.acknowledge:
            self.acknowledge()


def wait_for(qtbot, recorder, count=1):
    qtbot.waitUntil(lambda: len(recorder.values) >= count, timeout=10_000)
    return recorder.values


def collect(thread, qtbot, count):
    """Wait for ``count`` snapshots, acknowledging each frame like the canvas does."""
    recorder = Recorder(thread.worker.snapshotReady, thread.worker.acknowledge_frame)
    return wait_for(qtbot, recorder, count)[:count]


def test_play_streams_snapshots_with_falling_loss(xor_thread, qtbot):
    states = Recorder(xor_thread.worker.stateChanged)
    xor_thread.worker.send("play")
    assert wait_for(qtbot, states) == ["running"]
    snaps = collect(xor_thread, qtbot, 5)
    steps = [s.step for s in snaps]
    assert steps == sorted(steps) and steps[-1] > steps[0]
    assert snaps[-1].loss < snaps[0].loss
    assert xor_thread.worker.wait_until_idle()
    assert not np.shares_memory(snaps[-1].params, xor_thread.worker.trainer.net.params)


def test_pause_stops_training_and_parameters_stay_still(xor_thread, qtbot):
    xor_thread.worker.send("play")
    collect(xor_thread, qtbot, 2)
    assert xor_thread.worker.wait_until_idle()
    params = xor_thread.worker.trainer.net.params.copy()
    qtbot.wait(100)
    assert np.array_equal(params, xor_thread.worker.trainer.net.params)


def test_step_command_runs_exactly_that_many_steps(xor_thread, qtbot):
    snapshots = Recorder(xor_thread.worker.snapshotReady)
    xor_thread.worker.send("steps", 3)
    assert wait_for(qtbot, snapshots, 1)[0].step == 3
    xor_thread.worker.send("epoch")
    last = wait_for(qtbot, snapshots, 2)[1]
    assert last.step == 4 and last.epoch == 4


def test_slow_speed_emits_one_snapshot_per_step_budget(xor_thread, qtbot):
    xor_thread.worker.send("speed", 1)
    xor_thread.worker.send("play")
    snaps = collect(xor_thread, qtbot, 4)
    assert [b.step - a.step for a, b in zip(snaps, snaps[1:])] == [1, 1, 1]


def test_worker_waits_for_the_frame_before_training_on(xor_thread, qtbot):
    recorder = Recorder(xor_thread.worker.snapshotReady)
    received = recorder.values
    xor_thread.worker.send("play")
    wait_for(qtbot, recorder)
    step = received[0].step
    qtbot.wait(100)  # no acknowledgement: the worker must stay parked on the frame
    assert len(received) == 1 or received[1].step > step
    assert len(received) <= 2
    xor_thread.worker.acknowledge_frame()


def test_config_change_applies_between_steps(xor_thread, qtbot):
    xor_thread.worker.send("config", TrainingConfig(learning_rate=0.25, batch_size=4,
                                                    epochs=None))
    snapshots = Recorder(xor_thread.worker.snapshotReady)
    xor_thread.worker.send("steps", 1)
    wait_for(qtbot, snapshots)
    assert xor_thread.worker.trainer.optimizer.learning_rate == 0.25


def test_divergence_is_reported_and_training_stops(qtbot):
    x = np.random.default_rng(0).normal(size=(50, 3)) * 100
    y = np.random.default_rng(1).normal(size=(50, 1)) * 100
    net = Network([3, 8, 1], ["relu", "linear"])
    trainer = Trainer(net, x, y, TrainingConfig(learning_rate=10.0, batch_size=50,
                                                epochs=None))
    thread = TrainingThread(trainer)
    Recorder(thread.worker.snapshotReady, thread.worker.acknowledge_frame)
    messages = Recorder(thread.worker.diverged)
    thread.start()
    thread.worker.send("play")
    assert "diverged" in wait_for(qtbot, messages)[0]
    assert np.all(np.isfinite(net.params))
    assert thread.stop()


def test_epoch_limit_finishes_with_reason(qtbot):
    net = Network([2, 4, 1], ["tanh", "sigmoid"])
    trainer = Trainer(net, XOR_X, XOR_Y, TrainingConfig(batch_size=4, epochs=30))
    thread = TrainingThread(trainer)
    frames = Recorder(thread.worker.snapshotReady, thread.worker.acknowledge_frame)
    reasons = Recorder(thread.worker.finished)
    thread.start()
    thread.worker.send("play")
    assert wait_for(qtbot, reasons) == ["reached 30 epochs"] and trainer.epoch == 30
    assert frames.values[-1].epoch == 30
    assert thread.stop()


def test_pacer_gives_training_what_the_gui_leaves_of_a_frame():
    pacer = FramePacer(rate=25)  # 40 ms frames
    assert pacer.slice_seconds() == pytest.approx(0.040)
    for _ in range(50):
        pacer.record(asked=pacer.slice_seconds(), trained=pacer.slice_seconds(), drawn=0.010)
    assert pacer.slice_seconds() == pytest.approx(0.030, abs=1e-6)


def test_pacer_lengthens_slices_that_stop_early():
    """Slices that end 5 ms early (an epoch's evaluation would not fit) are asked to
    run longer, so that frames still come 40 ms apart on average."""
    pacer = FramePacer(rate=25)
    for _ in range(50):
        asked = pacer.slice_seconds()
        pacer.record(asked=asked, trained=asked - 0.005, drawn=0.010)
    assert pacer.slice_seconds() == pytest.approx(0.035, abs=1e-6)


def test_pacer_keeps_training_a_fair_share_when_the_gui_is_slow():
    pacer = FramePacer(rate=25, min_train_share=0.6)
    for _ in range(50):
        asked = pacer.slice_seconds()
        pacer.record(asked=asked, trained=asked, drawn=0.100)  # a huge network
    train = pacer.slice_seconds()
    assert train / (train + 0.100) == pytest.approx(0.6, abs=1e-3)
