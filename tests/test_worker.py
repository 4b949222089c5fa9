"""The training worker thread: commands, snapshots, frame gating, divergence, shutdown."""

import numpy as np
import pytest

from simulator import InitConfig, Network
from simulator.training import Trainer, TrainingConfig
from ui.worker import TrainingThread

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


def collect(thread, qtbot, count):
    """Wait for ``count`` snapshots, acknowledging each frame like the canvas does."""
    received = []

    def on_snapshot(snapshot):
        received.append(snapshot)
        thread.worker.acknowledge_frame()

    thread.worker.snapshotReady.connect(on_snapshot)
    qtbot.waitUntil(lambda: len(received) >= count, timeout=10_000)
    thread.worker.snapshotReady.disconnect(on_snapshot)
    return received


def test_play_streams_snapshots_with_falling_loss(xor_thread, qtbot):
    with qtbot.waitSignal(xor_thread.worker.stateChanged) as state:
        xor_thread.worker.send("play")
    assert state.args == ["running"]
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
    with qtbot.waitSignal(xor_thread.worker.snapshotReady) as got:
        xor_thread.worker.send("steps", 3)
    assert got.args[0].step == 3
    with qtbot.waitSignal(xor_thread.worker.snapshotReady) as got:
        xor_thread.worker.send("epoch")
    assert got.args[0].step == 4 and got.args[0].epoch == 4


def test_slow_speed_emits_one_snapshot_per_step_budget(xor_thread, qtbot):
    xor_thread.worker.send("speed", 1)
    xor_thread.worker.send("play")
    snaps = collect(xor_thread, qtbot, 4)
    assert [b.step - a.step for a, b in zip(snaps, snaps[1:])] == [1, 1, 1]


def test_worker_waits_for_the_frame_before_training_on(xor_thread, qtbot):
    received = []
    xor_thread.worker.snapshotReady.connect(received.append)
    xor_thread.worker.send("play")
    qtbot.waitUntil(lambda: len(received) >= 1, timeout=5000)
    step = received[0].step
    qtbot.wait(100)  # no acknowledgement: the worker must stay parked on the frame
    assert len(received) == 1 or received[1].step > step
    assert len(received) <= 2
    xor_thread.worker.acknowledge_frame()


def test_config_change_applies_between_steps(xor_thread, qtbot):
    xor_thread.worker.send("config", TrainingConfig(learning_rate=0.25, batch_size=4,
                                                    epochs=None))
    with qtbot.waitSignal(xor_thread.worker.snapshotReady):
        xor_thread.worker.send("steps", 1)
    assert xor_thread.worker.trainer.optimizer.learning_rate == 0.25


def test_divergence_is_reported_and_training_stops(qtbot):
    x = np.random.default_rng(0).normal(size=(50, 3)) * 100
    y = np.random.default_rng(1).normal(size=(50, 1)) * 100
    net = Network([3, 8, 1], ["relu", "linear"])
    trainer = Trainer(net, x, y, TrainingConfig(learning_rate=10.0, batch_size=50,
                                                epochs=None))
    thread = TrainingThread(trainer)
    thread.worker.snapshotReady.connect(lambda _s: thread.worker.acknowledge_frame())
    thread.start()
    with qtbot.waitSignal(thread.worker.diverged, timeout=10_000) as got:
        thread.worker.send("play")
    assert "diverged" in got.args[0]
    assert np.all(np.isfinite(net.params))
    assert thread.stop()


def test_epoch_limit_finishes_with_reason(qtbot):
    net = Network([2, 4, 1], ["tanh", "sigmoid"])
    trainer = Trainer(net, XOR_X, XOR_Y, TrainingConfig(batch_size=4, epochs=30))
    thread = TrainingThread(trainer)
    thread.worker.snapshotReady.connect(lambda _s: thread.worker.acknowledge_frame())
    thread.start()
    with qtbot.waitSignal(thread.worker.finished, timeout=10_000) as got:
        thread.worker.send("play")
    assert got.args == ["reached 30 epochs"] and trainer.epoch == 30
    assert thread.stop()
