"""Issue 11: the seeds of the initial weights and of the batch order, shown, editable,
locked, saved; Reset draws a new seed unless the seed is locked."""

import json
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnsim.session import Session
from nnsim.simulator.limits import MAX_SEED
from nnsim.simulator.resources import resource_path
from nnsim.simulator.training import Trainer

XOR = resource_path("examples", "xor-2-4-1.nnsim.json")


@pytest.fixture
def session():
    s = Session(paced=False)
    s.open(XOR)
    yield s
    s.shutdown()


def drawn_from(network, seed: int) -> np.ndarray:
    """The parameters ``network``'s initialisation draws from ``seed``, on a copy."""
    fresh = network.copy()
    fresh.initialize(replace(fresh.init_config, seed=seed))
    return fresh.params.copy()


def test_reset_draws_a_new_seed_and_the_weights_are_those_of_that_seed(session):
    before_seed, before = session.weights_seed, session.network.params.copy()
    session.reset_weights()
    first = session.weights_seed
    assert first != before_seed   # 1 in 2**32 to fail
    assert np.array_equal(session.network.params, drawn_from(session.network, first))
    session.reset_weights()
    assert session.weights_seed not in (first, before_seed)
    session.undo()
    session.undo()
    assert session.weights_seed == before_seed
    assert np.array_equal(session.network.params, before)


def test_a_locked_seed_draws_the_same_weights_again_after_training(session, settle):
    session.reset_weights(1234)
    start = session.network.params.copy()
    session.weights_seed_locked = True
    session.step(50)
    settle(session)
    assert not np.array_equal(session.network.params, start)
    session.reset_weights()
    assert session.weights_seed == 1234
    assert np.array_equal(session.network.params, start)
    assert session.trainer.step_count == 0


@pytest.mark.parametrize("seed", [-1, MAX_SEED + 1, 2.5, True, "7"])
def test_a_seed_a_file_cannot_hold_is_refused_and_changes_nothing(session, seed):
    params, depth = session.network.params.copy(), len(session.history.texts)
    with pytest.raises(ValueError, match="whole number from 0 to"):
        session.reset_weights(seed)
    with pytest.raises(ValueError, match="whole number from 0 to"):
        session.set_batch_seed(seed)
    assert np.array_equal(session.network.params, params)
    assert len(session.history.texts) == depth


def test_the_batch_seed_orders_the_batches_as_a_trainer_of_that_seed_does(session, settle):
    session.set_config(replace(session.config, batch_size=1))
    start = session.network.copy()
    session.set_batch_seed(77)
    assert session.config.seed == 77
    session.step(10)
    settle(session)
    independent = {seed: trained(start, session, seed) for seed in (0, 77)}
    np.testing.assert_array_equal(session.network.params, independent[77])
    assert not np.array_equal(independent[0], independent[77])   # the seed matters
    session.undo()   # the ten steps
    session.undo()   # the seed
    assert session.config.seed == 0


def trained(start, session: Session, seed: int) -> np.ndarray:
    """``start``'s parameters after ten steps of a trainer of its own with ``seed``."""
    trainer = Trainer.from_dataset(start.copy(), session.train_data,
                                   replace(session.config, seed=seed))
    for _ in range(10):
        trainer.step()
    return trainer.net.params


def test_both_seeds_are_saved_and_read_back(session, tmp_path):
    session.reset_weights(987654321)
    session.set_batch_seed(42)
    path = tmp_path / "seeded.nnsim.json"
    session.save(path)
    document = json.loads(path.read_text())
    assert document["network"]["init"]["seed"] == 987654321
    assert document["training"]["seed"] == 42
    other = Session(paced=False)
    try:
        other.open(path)
        assert (other.weights_seed, other.config.seed) == (987654321, 42)
        assert np.array_equal(other.network.params, session.network.params)
    finally:
        other.shutdown()


def type_into(qtbot, field, text: str) -> None:
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field.lineEdit(), Qt.Key_Return)


def test_the_training_dock_shows_types_and_locks_the_seeds(window, qtbot):
    assert window.files.open_path(XOR, example=True)
    session, panel = window.session, window.training_panel
    assert panel.weights_seed.seed() == session.weights_seed
    assert panel.batch_seed.int_value() == session.config.seed
    type_into(qtbot, panel.weights_seed, "31337")
    assert session.weights_seed == 31337
    assert np.array_equal(session.network.params, drawn_from(session.network, 31337))
    qtbot.mouseClick(panel.seed_lock, Qt.LeftButton)
    assert session.weights_seed_locked
    qtbot.mouseClick(panel.reset_button, Qt.LeftButton)
    assert session.weights_seed == 31337 and panel.weights_seed.seed() == 31337
    qtbot.mouseClick(panel.seed_lock, Qt.LeftButton)
    qtbot.mouseClick(panel.reset_button, Qt.LeftButton)
    assert session.weights_seed != 31337
    assert panel.weights_seed.seed() == session.weights_seed
    type_into(qtbot, panel.batch_seed, "5")
    assert session.config.seed == 5
    type_into(qtbot, panel.batch_seed, "-3")
    assert session.config.seed == 5 and panel.batch_seed.int_value() == 5
    assert "whole number" in panel.input_problem.text()


def test_the_wheel_scrolls_the_dock_instead_of_changing_a_field_under_it(window, qtbot):
    """Scrolling down the Training dock changed the regularisation on the way."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    assert window.files.open_path(XOR, example=True)
    window.resize(1600, 700)   # so that the dock scrolls
    panel = window.training_panel
    bar = panel.parentWidget().parentWidget().verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    field, before = panel.regularisation, window.session.config
    centre = QPointF(field.rect().center())
    down = QWheelEvent(centre, QPointF(field.mapToGlobal(centre.toPoint())), QPoint(),
                       QPoint(0, -120), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase,
                       False)
    QApplication.sendEvent(field, down)
    assert field.currentText() == "None" and window.session.config == before
    assert bar.value() > 0
