"""Project and DatasetRef: changing settings of a half-trained network, data recipes."""

import numpy as np
import pytest

from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.training import TrainingConfig


@pytest.fixture
def half_trained() -> Project:
    """A project stopped in the middle of its sixth epoch (44 training rows, batches of 10)."""
    project = Project.new([2, 3, 1], hidden="tanh", dataset=DatasetRef(
        "circle", {"n_samples": 60, "seed": 1}, test_fraction=0.25),
        training=TrainingConfig(batch_size=10, optimizer="momentum"))
    trainer = project.make_trainer()
    for _ in range(27):
        trainer.step()
    project.capture(trainer)
    assert project.trainer_state["in_epoch"] and project.epoch == 5
    return project


def test_a_new_seed_restarts_the_epoch_with_a_fresh_shuffle(half_trained):
    half_trained.reseed(5)
    state = half_trained.make_trainer().state_dict()
    assert half_trained.training.seed == 5
    assert (state["epoch"], state["step"], state["in_epoch"]) == (5, 27, False)
    assert state["rng_state"] == np.random.default_rng(5).bit_generator.state


def test_other_data_restarts_the_epoch_but_keeps_the_progress(half_trained):
    half_trained.set_dataset(DatasetRef("circle", {"n_samples": 30, "seed": 2}))
    trainer = half_trained.make_trainer()
    assert trainer.n_samples == 30 and not trainer.state_dict()["in_epoch"]
    assert len(trainer.history.epoch) == 5
    trainer.run_epoch()
    assert trainer.epoch == 6


def test_another_optimizer_starts_without_the_old_momentum(half_trained):
    assert half_trained.trainer_state["optimizer"]["velocity"].any()
    half_trained.set_optimizer("adam")
    optimizer = half_trained.make_trainer().optimizer.state_dict()
    assert optimizer["t"] == 0 and set(optimizer) == {"m", "v", "t"}
    state = half_trained.trainer_state["optimizer"]  # the saved zero state itself
    n, dtype = half_trained.network.n_parameters, half_trained.network.dtype
    assert set(state) == {"m", "v", "t"} and state["t"] == 0
    assert all(state[key].shape == (n,) and state[key].dtype == dtype and not state[key].any()
               for key in ("m", "v"))
    assert optimizer["m"].shape == (half_trained.network.n_parameters,)


def test_a_saved_position_beyond_the_data_is_refused(half_trained):
    half_trained.trainer_state["cursor"] = 44
    with pytest.raises(ValueError, match=r"row 44\) is beyond the 44 training rows"):
        half_trained.make_trainer()


def test_new_projects_follow_the_networks_rules():
    with pytest.raises(ValueError, match="output layer only"):
        Project.new([2, 3, 2], hidden="softmax", output="sigmoid")
    project = Project.new([4, 3], output="softmax", seed=7)
    assert project.network.loss_name == "cross_entropy"
    assert project.training.seed == 7 and project.network.init_config.seed == 7


@pytest.mark.parametrize("arguments, message", [
    (("iris",), "unknown dataset 'iris'"),
    (("circle", {"noise": 80}), "noise must be a number from 0 to 50"),
    (("circle", {"radius": 2}), "has no parameter 'radius'"),
    (("csv",), "takes 1 file path"),
    (("mnist", {"limit": 0}, ["a", "b"]), "limit must be a whole number of at least 1"),
    (("xor", {}, (), 1.0), "test fraction must be at least 0 and below 1"),
])
def test_dataset_references_are_checked_when_made(arguments, message):
    with pytest.raises(ValueError, match=message):
        DatasetRef(*arguments)


def test_a_dataset_reference_rebuilds_split_and_standardized_data():
    ref = DatasetRef("gaussians", {"n_samples": 100, "noise": 10}, test_fraction=0.2,
                     split_seed=3, standardize=True)
    train, test = ref.resolve()
    assert (train.n_samples, test.n_samples) == (80, 20)
    np.testing.assert_allclose(train.inputs.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(train.inputs.std(axis=0), 1)
    again, _ = ref.resolve()
    np.testing.assert_array_equal(again.inputs, train.inputs)
    assert ref.describe() == ("built-in 'gaussians' (n_samples=100, noise=10); 20% held "
                              "out for testing (split seed 3); inputs standardized")
