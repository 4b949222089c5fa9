"""The training thread (no Qt): commands, snapshots, frame gating, divergence, shutdown,
and the frame pacer that sizes its slices."""

import queue
import time

import numpy as np
import pytest

from nnsim.session import FramePacer, TrainingRunner
from nnsim.simulator import InitConfig, Network
from nnsim.simulator.training import Trainer, TrainingConfig

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


class Reports:
    """What the runner delivers, in order, from its thread; ``acknowledge`` answers every
    snapshot as a GUI that drew it would."""

    def __init__(self, acknowledge: bool = True):
        self.items: queue.SimpleQueue = queue.SimpleQueue()
        self.acknowledge = acknowledge
        self.runner: TrainingRunner | None = None

    def __call__(self, kind, payload, trainer):
        self.items.put((kind, payload))
        if kind == "snapshot" and self.acknowledge:
            self.runner.acknowledge_frame()

    def next(self, kind: str, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                got, payload = self.items.get(timeout=0.05)
            except queue.Empty:
                continue
            if got == kind:
                return payload
        raise AssertionError(f"no {kind!r} report within {timeout} s")


def start(trainer: Trainer, acknowledge: bool = True) -> tuple[TrainingRunner, Reports]:
    reports = Reports(acknowledge)
    runner = TrainingRunner(reports)
    reports.runner = runner
    runner.start()
    runner.send("trainer", trainer)
    return runner, reports


def xor_trainer(**config) -> Trainer:
    net = Network([2, 4, 1], ["tanh", "sigmoid"], init=InitConfig(seed=1))
    settings = TrainingConfig(**{"learning_rate": 1.0, "batch_size": 4, "epochs": None,
                                 **config})
    return Trainer(net, XOR_X, XOR_Y, settings, classification=True)


@pytest.fixture
def xor():
    trainer = xor_trainer()
    runner, reports = start(trainer)
    yield trainer, runner, reports
    assert runner.stop()


def test_play_streams_snapshots_with_falling_loss(xor):
    trainer, runner, reports = xor
    runner.send("play")
    assert reports.next("running") is True
    snaps = [reports.next("snapshot") for _ in range(5)]
    steps = [s.step for s in snaps]
    assert steps == sorted(steps) and steps[-1] > steps[0]
    assert snaps[-1].loss < snaps[0].loss
    assert runner.wait_until_idle()
    assert not np.shares_memory(snaps[-1].params, trainer.net.params)


def test_pause_stops_training_and_parameters_stay_still(xor):
    trainer, runner, reports = xor
    runner.send("play")
    reports.next("snapshot")
    assert runner.wait_until_idle()
    params = trainer.net.params.copy()
    time.sleep(0.1)
    assert np.array_equal(params, trainer.net.params)


def test_step_command_runs_exactly_that_many_steps(xor):
    _trainer, runner, reports = xor
    runner.send("steps", 3)
    assert reports.next("snapshot").step == 3
    runner.send("epoch")
    # A Step is a checkpoint: here the epoch's end delivers it, and the snapshot after
    # it does not carry a second one of the same step.
    _params, state = reports.next("checkpoint")
    last = reports.next("snapshot")
    assert last.step == 4 and last.epoch == 4
    assert state["step"] == 4 and last.state is None


def test_slow_speed_shows_every_step(xor):
    _trainer, runner, reports = xor
    runner.send("speed", 1)
    runner.send("play")
    snaps = [reports.next("snapshot") for _ in range(4)]
    assert [b.step - a.step for a, b in zip(snaps, snaps[1:])] == [1, 1, 1]


def test_the_runner_waits_for_the_frame_before_training_on():
    trainer = xor_trainer()
    runner, reports = start(trainer, acknowledge=False)
    runner.send("play")
    step = reports.next("snapshot").step
    time.sleep(0.1)  # no acknowledgement: the runner must stay parked on the frame
    assert trainer.step_count == step
    runner.acknowledge_frame()
    assert reports.next("snapshot").step > step
    assert runner.stop()


def test_config_change_applies_between_steps(xor):
    trainer, runner, reports = xor
    runner.send("config", TrainingConfig(learning_rate=0.25, batch_size=4, epochs=None))
    runner.send("steps", 1)
    reports.next("snapshot")
    assert trainer.optimizer.learning_rate == 0.25


def test_divergence_is_reported_and_training_stops():
    x = np.random.default_rng(0).normal(size=(50, 3)) * 100
    y = np.random.default_rng(1).normal(size=(50, 1)) * 100
    net = Network([3, 8, 1], ["relu", "linear"])
    trainer = Trainer(net, x, y, TrainingConfig(learning_rate=10.0, batch_size=50,
                                                epochs=None))
    runner, reports = start(trainer)
    runner.send("play")
    assert "diverged" in reports.next("diverged")
    assert np.all(np.isfinite(net.params))
    assert runner.stop()


def test_epoch_limit_finishes_with_reason():
    trainer = xor_trainer(epochs=30)
    runner, reports = start(trainer)
    runner.send("play")
    assert reports.next("finished") == "reached 30 epochs" and trainer.epoch == 30
    assert runner.stop()


def test_a_new_trainer_keeps_the_speed_and_stops_the_old_run(xor):
    trainer, runner, reports = xor
    runner.send("speed", 3)
    runner.send("play")
    reports.next("snapshot")
    replacement = xor_trainer()
    runner.send("trainer", replacement)
    assert runner.wait_until_idle()
    assert runner.trainer is replacement and runner.steps_per_frame == 3
    runner.send("play")
    first, second = reports.next("snapshot"), reports.next("snapshot")
    while second.step <= first.step:   # a stale one from the old trainer may come first
        first, second = second, reports.next("snapshot")
    assert second.step - first.step == 3


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
