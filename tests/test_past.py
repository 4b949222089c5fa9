"""Looking at a moment of the run without a window: what the session shows then, and
that the present stays untouched until the user goes back to it or restores."""

import numpy as np
import pytest

from nnsim.session import Session
from nnsim.simulator.resources import resource_path
from nnsim.simulator.training import Trainer
from nnsim.simulator.trainingtypes import SAMPLES

EXAMPLES = resource_path("examples")


@pytest.fixture
def session():
    session = Session(paced=False)
    yield session
    session.shutdown()


def trained(session, settle, name: str, epochs: int):
    session.open(EXAMPLES / f"{name}.nnsim.json")
    for _ in range(epochs):
        session.step_epoch()
        settle(session)
    return session


def independent_snapshot(session, checkpoint, probes):
    """A trainer of its own, built from a copy of the network and the checkpoint's
    state: what the live trainer showed at that moment."""
    network = session.network.copy()
    network.params[...] = checkpoint.params
    trainer = Trainer.from_dataset(network, session.train_data, session.config,
                                   test=session.test_data, probes=probes)
    trainer.load_state(checkpoint.state)
    return trainer.snapshot(consume=False), trainer.last_metrics


def test_a_past_moment_shows_what_its_own_trainer_would(session, settle):
    trained(session, settle, "playground-circle", 4)
    grid = np.random.default_rng(1).uniform(-6, 6, (50, 2))
    session.set_probe("surface grid", grid)
    present = session.network.params.copy()
    checkpoint = session.timeline.checkpoints[2]
    session.view_past(checkpoint)
    frame = session.frame()
    expected, metrics = independent_snapshot(session, checkpoint, {"surface grid": grid})
    assert (frame.epoch, frame.step) == (2, expected.step) and session.progress()[0] == 2
    for name in (SAMPLES, "surface grid"):
        for got, want in zip(frame.probes[name], expected.probes[name]):
            np.testing.assert_array_equal(got, want)
    np.testing.assert_allclose(frame.metrics.train_loss, metrics.train_loss, rtol=1e-12)
    assert frame.metrics.test_accuracy == pytest.approx(metrics.test_accuracy, abs=1e-12)
    np.testing.assert_array_equal(session.display_network().params, checkpoint.params)
    # The present: the live network and the trainer as they were.
    np.testing.assert_array_equal(session.network.params, present)
    assert session.trainer.epoch == 4 and session.history.texts == ["Training"]


def test_a_probe_asked_for_while_looking_back_is_evaluated_at_that_moment(session, settle):
    trained(session, settle, "xor-2-4-1", 3)
    checkpoint = session.timeline.checkpoints[1]
    session.view_past(checkpoint)
    rows = np.array([[0.0, 1.0], [1.0, 1.0]])
    session.set_probe("corners", rows)
    network = session.network.copy()
    network.params[...] = checkpoint.params
    np.testing.assert_array_equal(session.frame().probes["corners"][-1],
                                  network.forward_all(rows)[-1])
    session.remove_probe("corners")
    assert "corners" not in session.frame().probes


def test_training_or_an_edit_returns_to_the_present(session, settle):
    trained(session, settle, "xor-2-4-1", 3)
    changes = []
    session.events.viewing_changed.connect(changes.append)
    session.view_past(session.timeline.checkpoints[0])
    session.step(1)
    settle(session)
    assert session.viewing is None and session.trainer.step_count == 4
    session.view_past(session.timeline.checkpoints[1])
    session.set_bias(1, 0, 0.5)
    network = session.network
    assert session.viewing is None and network.params[network.bias_index(1, 0)] == 0.5
    assert [c and c.step for c in changes] == [0, None, 1, None]


def test_stepping_through_the_timeline_visits_every_moment_once(session, settle):
    trained(session, settle, "xor-2-4-1", 4)
    visited = []
    while session.view_next():
        visited.append(session.viewing.step)
    assert visited == [0, 1, 2, 3, 4] and session.viewing.step == 4


def test_a_smaller_budget_thins_the_timeline_at_once(session, settle):
    trained(session, settle, "xor-2-4-1", 12)
    timeline = session.timeline
    size = timeline.checkpoints[-1].nbytes
    told = []
    session.events.timeline_changed.connect(lambda: told.append(len(timeline)))
    assert len(timeline) == 13 and timeline.nbytes > 5 * size
    session.set_timeline_budget(5 * size)
    assert timeline.nbytes <= 5 * size < timeline.nbytes + size and told == [len(timeline)]
    assert timeline.nbytes == sum(c.nbytes for c in timeline.checkpoints)
    steps = [c.step for c in timeline.checkpoints]
    assert steps[0] == 0 and steps[-1] == 12 and len(steps) < 13
    with pytest.raises(ValueError):
        session.set_timeline_budget(0)
