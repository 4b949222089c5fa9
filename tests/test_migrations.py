"""Format version 2: version-1 files' momentum velocity becomes torch's buffer; version 3:
MNIST data may name its test files."""

import json
from pathlib import Path

import numpy as np
import pytest
from filedocs import as_bytes, load_document, valid_document

from nnsim.simulator.fileformat import (
    NetworkFileError,
    project_from_bytes,
    save_project,
)
from nnsim.simulator.migrations import FORMAT_VERSION, MIGRATIONS
from nnsim.simulator.training import Trainer

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


# ====================================================================== version 1 → 2
def version_1_momentum_file(training: dict, velocity: list) -> dict:
    """A hand-made version-1 file: a 2-1 sigmoid neuron, its momentum ``velocity``
    (weight units, as version 1 saved it) for weights [[w0], [w1]] and bias [b]."""
    return {"format": "nnsim-network", "version": 1,
            "network": {"loss": "squared_error", "layers": [
                {"size": 2},
                {"size": 1, "activation": "sigmoid", "weights": [[0.5], [-1.0]],
                 "biases": [0.25]}]},
            "training": training,
            "state": {"epoch": 0, "step": 3, "in_epoch": False, "cursor": 0,
                      "batch_in_epoch": 0,
                      "rng_state": np.random.default_rng(0).bit_generator.state,
                      "optimizer": {"t": 0, "velocity": [
                          {"weights": [[velocity[0]], [velocity[1]]],
                           "biases": [velocity[2]]}]},
                      "history": {key: [] for key in ("epoch", "train_loss",
                                                      "train_accuracy", "test_loss",
                                                      "test_accuracy")}}}


def test_version_1_velocity_becomes_the_momentum_buffer_and_training_continues_alike():

    assert 1 in MIGRATIONS and FORMAT_VERSION >= 2
    old_velocity = [0.02, -0.05, 0.0]
    document = version_1_momentum_file({"optimizer": "momentum", "learning_rate": 0.5,
                                        "momentum": 0.9}, old_velocity)
    project = project_from_bytes(as_bytes(document))
    buffer = project.trainer_state["optimizer"]["velocity"]  # weights, then the bias
    assert buffer.tolist() == [-0.04, 0.1, 0.0]  # b = −v/η, exact for η = 0.5
    assert np.copysign(1.0, buffer[2]) == 1.0  # a zero velocity stays +0.0
    # One step continues as version 1's rule would have: w ← w + μ·v − η·g.
    net = project.network
    x, y = np.array([[1.0, 2.0]]), np.array([[1.0]])
    _, dw, db = net.gradients(x, y)
    expected = net.params + 0.9 * np.array(old_velocity) - 0.5 * np.concatenate([dw[0].ravel(),
                                                                                    db[0]])
    trainer = Trainer(net, x, y, project.training)
    trainer.load_state(project.trainer_state)
    trainer.step()
    np.testing.assert_allclose(net.params, expected, rtol=1e-15, atol=1e-17)


def test_version_1_velocity_without_a_learning_rate_uses_the_default_0_1():
    document = version_1_momentum_file({"optimizer": "nesterov"}, [0.02, -0.05, 0.3])
    buffer = project_from_bytes(as_bytes(document)).trainer_state["optimizer"]["velocity"]
    assert buffer.tolist() == [-0.02 / 0.1, 0.05 / 0.1, -0.3 / 0.1]


def test_version_1_adam_moments_and_files_without_state_load_unchanged():
    document = valid_document()  # Adam
    version_1 = {**document, "version": 1}
    old, new = load_document(version_1), load_document(document)
    for key in ("m", "v"):
        assert np.array_equal(old.trainer_state["optimizer"][key],
                              new.trainer_state["optimizer"][key])
    version_1.pop("state")
    assert load_document(version_1).trainer_state is None


@pytest.mark.parametrize("change, velocity, expected", [
    ({"training": {"optimizer": "momentum", "learning_rate": 1e-8}}, 1e305,
     "state.optimizer.velocity[0].weights[0][0]: this version-1 velocity divided by the "
     "learning rate 1e-08 is too large for version 2"),
    ({"training": {"optimizer": "momentum", "learning_rate": 1e-300}}, 1e10,
     "training.learning_rate: must be at least 1e-08, got 1e-300"),
    ({"training": {"optimizer": "momentum", "learning_rate": -1}}, 1e10,
     "training.learning_rate: must be at least 1e-08, got -1.0"),
    ({"training": "fast"}, 1e10, "training: expected an object"),
    ({"state": {"optimizer": {"t": 0, "velocity": "fast"}}}, 1e10,
     "state: the field 'epoch'"),
])
def test_a_version_1_file_the_migration_cannot_convert_gets_the_readers_error(
        change, velocity, expected):
    document = {**version_1_momentum_file({"optimizer": "momentum"}, [velocity, 0.0, 0.0]),
                **change}
    with pytest.raises(NetworkFileError) as caught:
        load_document(document)
    message = str(caught.value)
    assert message.startswith(f"test.nnsim.json: {expected}") and "\n" not in message


# ====================================================================== version 2 → 3
def test_a_version_2_file_loads_as_it_stands_and_saves_as_version_3(tmp_path):
    """Version 3 only lets MNIST name its test files: a version-2 document's every field
    means what it meant."""
    document = {"format": "nnsim-network", "version": 2,
                "dataset": {"name": "mnist", "paths": ["img.gz", "lbl.gz"],
                            "test_fraction": 0.1},
                "network": {"loss": "squared_error", "layers": [
                    {"size": 2},
                    {"size": 1, "activation": "sigmoid", "weights": [[0.5], [-1.0]],
                     "biases": [0.25]}]}}
    project = project_from_bytes(as_bytes(document), base_dir=tmp_path)
    assert project.dataset.paths == (str(tmp_path / "img.gz"), str(tmp_path / "lbl.gz"))
    assert project.dataset.test_fraction == 0.1 and project.dataset.test_paths == ()
    assert project.network.params.tolist() == [0.5, -1.0, 0.25]
    save_project(project, tmp_path / "net.nnsim.json")
    saved = json.loads((tmp_path / "net.nnsim.json").read_text(encoding="utf-8"))
    assert saved["version"] == FORMAT_VERSION == 3
    assert saved["dataset"]["paths"] == ["img.gz", "lbl.gz"]


def mnist_document(paths: list, test_fraction: float = 0.0) -> dict:
    document = valid_document()
    document["dataset"] = {"name": "mnist", "paths": paths, "test_fraction": test_fraction}
    return document


def test_version_3_names_mnists_test_files_and_refuses_a_fraction_beside_them():
    four = ["a.gz", "b.gz", "c.gz", "d.gz"]
    project = project_from_bytes(as_bytes(mnist_document(four)))
    assert project.dataset.test_paths == ("c.gz", "d.gz")
    assert project.dataset.describe() == "MNIST files a.gz and b.gz, test files c.gz and d.gz"
    for paths, fraction, problem in (
            (four, 0.2, "the test set comes from its own files: the test fraction must "
                        "be 0"),
            (four[:3], 0.0, "dataset 'mnist' takes 2 or 4 file path(s), got 3"),
            (four + ["e.gz"], 0.0, "expected at most 4 paths, got 5")):
        with pytest.raises(NetworkFileError) as refused:
            project_from_bytes(as_bytes(mnist_document(paths, fraction)), "net")
        assert str(refused.value).startswith("net: dataset")
        assert str(refused.value).endswith(problem)
