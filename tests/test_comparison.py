"""Side-by-side runs in the session layer: the same start and batch order, lockstep in
samples seen, one changed setting each, keeping a run as one undo step, CSV export."""

import csv
import io
import time
from dataclasses import replace

import numpy as np
import pytest

from nnsim.session import Session
from nnsim.session.comparison import Comparison, comparison_csv
from nnsim.session.variants import Variant
from nnsim.simulator.resources import resource_path

XOR = resource_path("examples", "xor-2-4-1.nnsim.json")
CIRCLE = resource_path("examples", "playground-circle.nnsim.json")
SINE = resource_path("examples", "sine.nnsim.json")


@pytest.fixture
def session():
    s = Session(paced=False)
    yield s
    s.shutdown()


def compare(session, *variants) -> Comparison:
    comparison = Comparison.of_session(session, list(variants), paced=False)
    return comparison


def run_steps(comparison: Comparison, count: int) -> None:
    for _ in range(count):
        comparison.step()
        comparison.wait_idle()


def samples_by_state(run) -> int:
    """Samples seen since the start, from the trainer's own saved position."""
    state = run.trainer.state_dict()
    cursor = state["cursor"] if state["in_epoch"] else 0
    return (state["epoch"] - run.start_epoch) * run.trainer.n_samples + cursor


def test_two_learning_rates_start_alike_and_diverge_after_the_first_step(session):
    session.open(XOR)
    comparison = compare(session, Variant.make("learning_rate", 3))
    run_steps(comparison, 5)
    base, fast = comparison.frames
    assert (base.label, fast.label) == ("η = 1", "η = 3")
    assert base.first_loss == fast.first_loss  # the same weights and the same batch
    x0, y0 = base.series("train_loss")
    x1, y1 = fast.series("train_loss")
    assert list(x0) == list(x1) == [0, 1, 2, 3, 4, 5]  # XOR: a batch is the epoch
    assert y0[0] == y1[0]
    assert np.all(y0[1:] != y1[1:])
    assert comparison.runs[1].trainer.config.learning_rate == 3
    assert session.progress() == (0, 0)  # the session's network never trained


def test_lockstep_counts_the_same_samples_with_different_batch_sizes(session):
    session.open(CIRCLE)
    session.set_config(replace(session.config, batch_size=10))
    comparison = compare(session, Variant.make("batch_size", 8),
                         Variant.make("batch_size", 32))
    n = comparison.n_samples
    comparison.step_epoch()
    comparison.wait_idle()
    assert [f.samples for f in comparison.frames] == [n, n, n]
    assert [run.trainer.epoch for run in comparison.runs] == [1, 1, 1]
    run_steps(comparison, 3)  # three batches of 10: 30 samples more
    for run, batch in zip(comparison.runs, (10, 8, 32)):
        assert run.samples == samples_by_state(run)
        assert n + 30 <= run.samples < n + 30 + batch
    assert [run.trainer.step_count for run in comparison.runs] == \
        [-(-n // 10) + 3, -(-n // 8) + 4, -(-n // 32) + 1]


def test_the_current_settings_train_exactly_as_the_session_does(session, settle):
    session.open(CIRCLE)
    session.step(25)
    settle(session)
    comparison = compare(session, Variant.make("learning_rate", 0.01))
    run_steps(comparison, 25)
    assert np.array_equal(comparison.runs[0].network.params, session.network.params)
    assert comparison.runs[0].trainer.state_dict()["rng_state"] == \
        session.trainer.state_dict()["rng_state"]


def test_it_starts_from_the_start_of_the_current_run_not_from_its_end(session, settle):
    session.open(XOR)
    start = session.network.params.copy()
    session.step(30)
    settle(session)
    comparison = compare(session, Variant.make("optimizer", "adam"))
    assert [f.samples for f in comparison.frames] == [0, 0]
    for run in comparison.runs:
        assert np.array_equal(run.network.params, start)
    adam = comparison.runs[1].trainer.optimizer.state_dict()
    assert adam["t"] == 0 and not np.any(adam["m"])


def test_another_weight_seed_draws_other_weights_with_the_same_batch_order(session):
    session.open(CIRCLE)
    comparison = compare(session, Variant.make("seed", 7))
    base, seeded = comparison.runs
    assert seeded.label == "seed = 7" and base.label == "seed = 0"
    assert not np.array_equal(base.network.params, seeded.network.params)
    assert seeded.network.init_config.seed == 7
    assert base.trainer.rng.bit_generator.state == seeded.trainer.rng.bit_generator.state


def test_a_diverging_run_stops_and_the_others_go_on(session):
    session.open(SINE)  # a linear output: with plain SGD a huge step overflows
    session.set_config(replace(session.config, optimizer="sgd"))
    comparison = compare(session, Variant.make("learning_rate", 100))
    for _ in range(8):
        comparison.step_epoch()
        comparison.wait_idle()
    base, wild = comparison.frames
    assert base.problem == "" and base.samples == 8 * comparison.n_samples
    assert wild.problem.startswith("diverged at step")
    assert wild.samples < base.samples


def test_play_goes_on_until_paused(session):
    session.open(XOR)
    comparison = compare(session, Variant.make("learning_rate", 0.5))
    seen = []
    comparison.events.frames.connect(seen.append)
    comparison.play()
    assert comparison.running
    deadline = time.monotonic() + 20  # a guard against hanging, not a speed test
    while not seen and time.monotonic() < deadline:
        comparison.pending.run(0.01)
    assert seen
    comparison.pause()
    assert not comparison.running
    samples = [f.samples for f in comparison.frames]
    assert samples[0] == samples[1] > 0


def play_until_it_stops(comparison: Comparison, timeout: float = 20.0) -> None:
    comparison.play()
    deadline = time.monotonic() + timeout  # a guard against hanging, not a speed test
    while comparison.running and time.monotonic() < deadline:
        comparison.pending.run(0.01)
    assert not comparison.running
    comparison.wait_idle()


def test_play_stops_at_the_epoch_limit(session):
    session.open(XOR)
    session.set_config(replace(session.config, epochs=6))
    comparison = compare(session, Variant.make("batch_size", 1))
    play_until_it_stops(comparison)
    assert [f.samples for f in comparison.frames] == [24, 24]
    assert [run.trainer.epoch for run in comparison.runs] == [6, 6]


def test_a_start_at_the_epoch_limit_plays_on_until_paused(session, settle, tmp_path):
    session.open(XOR)
    session.set_config(replace(session.config, epochs=2))
    session.step(3)
    settle(session)
    session.save(tmp_path / "trained.nnsim.json")
    session.open(tmp_path / "trained.nnsim.json")  # no timeline: it starts at epoch 3
    comparison = compare(session, Variant.make("learning_rate", 3))
    assert [run.start_epoch for run in comparison.runs] == [3, 3]
    comparison.play()
    while comparison.frames[0].samples < 40:
        comparison.pending.run(0.01)
    assert comparison.running
    comparison.pause()
    assert comparison.frames[0].epochs_at[0] == 1  # epoch 4, the first since the start


def test_epochs_to_a_target_loss_is_the_first_epoch_at_or_below_it(session):
    session.open(XOR)
    comparison = compare(session, Variant.make("learning_rate", 3))
    run_steps(comparison, 200)
    for frame in comparison.frames:
        x, y = frame.series("train_loss")
        target = float(np.median(y))
        first = next(e for e, loss in zip(x, y) if loss <= target)
        assert frame.epochs_to(target) == first
        assert frame.epochs_to(-1.0) is None


def test_keeping_a_run_is_one_undo_step(session, settle):
    session.open(XOR)
    before = session.network.params.copy()
    comparison = compare(session, Variant.make("learning_rate", 3),
                         Variant.make("activation", "relu", layer=1))
    run_steps(comparison, 10)
    state, config = comparison.state_of(2)
    steps = len(session.history.texts)
    session.keep_run(comparison.runs[2].label, state, config)
    assert len(session.history.texts) == steps + 1
    assert session.history.texts[-1] == "Keep run Hidden 1 = ReLU"
    assert np.array_equal(session.network.params, comparison.runs[2].network.params)
    assert session.network.activations[0] == "relu"
    assert session.progress() == (10, 10)
    session.step(1)
    settle(session)
    session.undo()  # the step of training after keeping
    session.undo()
    assert np.array_equal(session.network.params, before)
    assert session.network.activations[0] == "tanh"
    assert session.progress() == (0, 0)


def test_keeping_a_run_takes_its_settings(session):
    session.open(XOR)
    comparison = compare(session, Variant.make("learning_rate", 3))
    run_steps(comparison, 3)
    session.keep_run("η = 3", *comparison.state_of(1))
    assert session.config.learning_rate == 3
    session.undo()
    assert session.config.learning_rate == 1


def test_the_csv_has_a_column_per_run_and_metric_and_a_row_per_epoch(session):
    session.open(XOR)
    comparison = compare(session, Variant.make("learning_rate", 3))
    run_steps(comparison, 3)
    rows = list(csv.reader(io.StringIO(comparison_csv(comparison.frames))))
    assert rows[0] == ["epochs", "η = 1: train loss", "η = 1: train accuracy",
                       "η = 1: test loss", "η = 1: test accuracy", "η = 3: train loss",
                       "η = 3: train accuracy", "η = 3: test loss", "η = 3: test accuracy"]
    assert [row[0] for row in rows[1:]] == ["0", "1", "2", "3"]
    for index, frame in enumerate(comparison.frames):
        _, losses = frame.series("train_loss")
        assert [float(row[1 + 4 * index]) for row in rows[1:]] == list(losses)
        assert all(row[3 + 4 * index] == "" for row in rows[1:])  # XOR has no test set


@pytest.mark.parametrize("setting, value, layer, message", [
    ("momentum", 0.5, None, "cannot vary"),
    ("learning_rate", 0, None, "from 1e-08 to 100, not 0"),
    ("learning_rate", "fast", None, "a number from 1e-08 to 100, not 'fast'"),
    ("batch_size", "2.5", None, "a whole number from 1"),
    ("batch_size", -1, None, "from 1 to 1e\\+06, not -1"),
    ("optimizer", "rmsprop", None, "choose one of"),
    ("activation", "tanh", None, "choose the layer"),
])
def test_a_variant_that_cannot_be_is_refused_in_one_line(setting, value, layer, message):
    with pytest.raises(ValueError, match=message) as error:
        Variant.make(setting, value, layer)
    assert "\n" not in str(error.value)


def test_a_run_like_the_current_one_or_another_is_refused(session):
    session.open(XOR)
    with pytest.raises(ValueError, match="already one of the runs"):
        compare(session, Variant.make("learning_rate", 1))
    with pytest.raises(ValueError, match="already one of the runs"):
        compare(session, Variant.make("batch_size", 2), Variant.make("batch_size", 2))
    with pytest.raises(ValueError, match="needs"):
        compare(session, Variant.make("loss", "cross_entropy"))
    with pytest.raises(ValueError, match="1 to 3"):
        compare(session)
