"""The .nnsim.json file: exact round trips, strict loading, migrations, atomic saving."""

import copy
import json
import os
import random
import re
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from simulator import fileformat
from simulator.fileformat import (FORMAT_VERSION, MIGRATIONS, NetworkFileError, load_project,
                                  project_from_bytes, project_to_dict, save_project)
from simulator.project import DatasetRef, Project
from simulator.training import TrainingConfig

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def edited_network() -> Project:
    """A 2-4-3-2 network using every per-network feature the file stores."""
    project = Project.new([2, 4, 3, 2], hidden="tanh", output="softmax",
                          dataset=DatasetRef("xor_quadrants", {"n_samples": 60, "seed": 3},
                                             test_fraction=0.25, split_seed=5),
                          training=TrainingConfig(optimizer="adam", learning_rate=0.02,
                                                  batch_size=7, epochs=30, seed=11))
    net = project.network
    net.set_connection(0, 1, 2, False)
    net.set_connection(1, 3, 0, False)
    net.set_neuron_activation(1, 2, "relu")
    net.set_neuron_activation(2, 0, "leaky_relu")
    net.names[1][0] = "edge detector ✓"
    net.layout.update({"positions": [[0.5, -1.25], [3, 4]], "zoom": 1.5, "note": None})
    net.weights[0][0, 0] = -0.0
    net.weights[0][0, 1] = 5e-324  # the smallest subnormal
    net.biases[1][1] = 1.7976931348623157e308
    project.title, project.description = "Edited", "Every feature at once."
    return project


def as_bytes(document: dict) -> bytes:
    return json.dumps(document).encode()


def valid_document() -> dict:
    project = edited_network()
    trainer = project.make_trainer()
    for _ in range(5):
        trainer.step()
    project.capture(trainer)
    return project_to_dict(project)


def load_document(document: dict) -> Project:
    return project_from_bytes(as_bytes(document), "test.nnsim.json")


# ====================================================================== round trip
def assert_same_state(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        if key == "optimizer":
            assert a[key].keys() == b[key].keys()
            for name, value in a[key].items():
                np.testing.assert_array_equal(value, b[key][name], strict=True)
        else:
            assert a[key] == b[key], key


def test_round_trip_is_bit_exact(tmp_path):
    project = edited_network()
    trainer = project.make_trainer()
    for _ in range(12):
        trainer.step()
    project.capture(trainer)
    save_project(project, tmp_path / "net.nnsim.json")
    loaded = load_project(tmp_path / "net.nnsim.json")
    a, b = project.network, loaded.network
    assert a.params.tobytes() == b.params.tobytes()  # bit for bit, -0.0 included
    assert [m.tolist() for m in a.masks] == [m.tolist() for m in b.masks]
    assert (a.sizes, a.activations, a.overrides, a.names, a.layout, a.loss_name,
            a.init_config) == (b.sizes, b.activations, b.overrides, b.names, b.layout,
                               b.loss_name, b.init_config)
    assert loaded.training == project.training
    assert loaded.dataset == project.dataset
    assert (loaded.title, loaded.description) == ("Edited", "Every feature at once.")
    assert_same_state(project.trainer_state, loaded.trainer_state)


def test_float32_network_round_trips_exactly(tmp_path):
    project = Project.new([3, 5, 1])
    project.network = project.network.astype("float32")
    save_project(project, tmp_path / "f.nnsim.json")
    loaded = load_project(tmp_path / "f.nnsim.json").network
    assert loaded.dtype == np.float32
    assert loaded.params.tobytes() == project.network.params.tobytes()


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_resuming_a_saved_run_mid_epoch_equals_an_unbroken_run(tmp_path, optimizer):
    def fresh() -> Project:
        project = edited_network()
        project.training.optimizer = optimizer
        return project

    straight = fresh()
    trainer = straight.make_trainer()
    for _ in range(87):
        trainer.step()
    straight.capture(trainer)

    first = fresh()
    trainer = first.make_trainer()
    for _ in range(37):  # 45 training rows in batches of 7: step 37 is mid-epoch
        trainer.step()
    assert trainer.state_dict()["in_epoch"]
    first.capture(trainer)
    save_project(first, tmp_path / "half.nnsim.json")
    resumed = load_project(tmp_path / "half.nnsim.json")
    trainer = resumed.make_trainer()
    for _ in range(50):
        trainer.step()

    assert resumed.network.params.tobytes() == straight.network.params.tobytes()
    resumed.capture(trainer)
    assert_same_state(resumed.trainer_state, straight.trainer_state)  # history included


def test_each_weight_row_is_one_line_so_a_diff_shows_the_neuron(tmp_path):
    project = Project.new([3, 2, 1])
    save_project(project, tmp_path / "a.nnsim.json")
    before = (tmp_path / "a.nnsim.json").read_text().splitlines()
    project.network.set_weight(0, 1, 0, 0.125)
    save_project(project, tmp_path / "a.nnsim.json")
    after = (tmp_path / "a.nnsim.json").read_text().splitlines()
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(before) == len(after) and len(changed) == 1
    assert changed[0][1].strip().startswith("[0.125, ")


def test_data_paths_are_stored_relative_to_the_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "nets").mkdir()
    (tmp_path / "data" / "points.csv").write_text("a,b,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n")
    project = Project.new([2, 3, 1], dataset=DatasetRef(
        "csv", {"target_column": "label"}, [tmp_path / "data" / "points.csv"]))
    save_project(project, tmp_path / "nets" / "p.nnsim.json")
    stored = json.loads((tmp_path / "nets" / "p.nnsim.json").read_text())
    assert stored["dataset"]["paths"] == ["../data/points.csv"]
    moved = tmp_path.parent / (tmp_path.name + "-moved")
    tmp_path.rename(moved)
    train, _ = load_project(moved / "nets" / "p.nnsim.json").load_data()
    assert train.n_samples == 4


# ====================================================================== strict loading
def set_path(document: dict, path: tuple, value) -> dict:
    target = document
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


DELETE = object()
LAYER1 = ("network", "layers", 1)

MALFORMED = {
    "missing weights": (LAYER1 + ("weights",), DELETE,
                        "network.layers[1]: the field 'weights' is missing"),
    "wrong type": (("training", "learning_rate"), "fast",
                   "training.learning_rate: expected a number, got a string"),
    "short weight rows": (LAYER1 + ("weights",), [[0.1, 0.2, 0.3]] * 2,
                          "network.layers[1].weights: expected 2×4 numbers, got 2×3"),
    "one short row": (LAYER1 + ("weights",), [[0.1, 0.2, 0.3, 0.4], [0.1]],
                      "network.layers[1].weights[1]: expected 4 numbers, got 1"),
    "too few biases": (LAYER1 + ("biases",), [0.0],
                       "network.layers[1].biases: expected 4 numbers, got 1"),
    "string weight": (LAYER1 + ("weights", 0, 3), "0.5",
                      "network.layers[1].weights[0][3]: expected a number, got a string"),
    "NaN weight": (LAYER1 + ("weights", 1, 2), float("nan"),
                   "network.layers[1].weights[1][2]: nan is not allowed"),
    "infinite bias": (LAYER1 + ("biases", 0), float("inf"),
                      "network.layers[1].biases[0]: inf is not allowed"),
    "unknown activation": (LAYER1 + ("activation",), "swish",
                           "network.layers[1].activation: unknown activation 'swish'"),
    "softmax in a hidden layer": (LAYER1 + ("activation",), "softmax",
                                  "network.layers[1].activation: Softmax is for the output"),
    "override out of range": (LAYER1 + ("overrides",), {"9": "relu"},
                              'network.layers[1].overrides["9"]: expected a neuron number'),
    "weight on a removed connection": (LAYER1 + ("weights", 1, 2), 0.5,
                                       "network.layers[1].weights[1][2]: a removed connection"),
    "loss that does not fit": (("network", "loss"), "binary_cross_entropy",
                               "network.loss: Binary cross-entropy needs a sigmoid output"),
    "unknown field": (("training", "learnig_rate"), 0.1,
                      "training: unknown field 'learnig_rate'"),
    "future version": (("version",), FORMAT_VERSION + 1,
                       f"version: the file is format version {FORMAT_VERSION + 1}, written "
                       f"by a newer nnsim"),
    "other format": (("format",), "keras", "format: unknown format (not an nnsim network"),
    "negative layer size": (("network", "layers", 2, "size"), -3,
                            "network.layers[2].size: must be at least 1"),
    "unknown dataset": (("dataset", "name"), "iris", "dataset: unknown dataset 'iris'"),
    "optimizer state of the wrong size": (("state", "optimizer", "m", 0, "biases"), [0.0],
                                          "state.optimizer.m[0].biases: expected 4 numbers"),
    "history of uneven length": (("state", "history", "train_loss"), [0.5],
                                 "state.history.train_loss: expected 0 items, got 1"),
    "rng state out of range": (("state", "rng_state", "state", "inc"), -1,
                               "state.rng_state.state.inc: must be at least 0"),
    "layout with a non-finite number": (("network", "layout", "zoom"), float("inf"),
                                        "network.layout.zoom: inf is not allowed"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_each_malformed_field_is_named_in_one_clear_error(case):
    path, value, expected = MALFORMED[case]
    document = set_path(valid_document(), path, value)
    with pytest.raises(NetworkFileError) as caught:
        load_document(document)
    message = str(caught.value)
    assert message.startswith("test.nnsim.json: ")
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize("data, expected", [
    (b'{"format": "nnsim-network", "version": 1,', "not valid JSON"),
    (b"\xff\xfe{}", "not UTF-8 text"),
    (b"[1, 2, 3]", "expected an object, got an array"),
    (b'{"format": "nnsim-network", "format": "x", "version": 1}', "appears twice"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_files_that_are_not_valid_json_documents_are_refused(data, expected):
    with pytest.raises(NetworkFileError, match=expected):
        project_from_bytes(data, "x.nnsim.json")


def test_a_missing_file_is_a_network_file_error(tmp_path):
    with pytest.raises(NetworkFileError, match=r"nope\.nnsim\.json: cannot read the file"):
        load_project(tmp_path / "nope.nnsim.json")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.nnsim.json"
    path.write_bytes(as_bytes(valid_document()))
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", 100)
    with pytest.raises(NetworkFileError, match=r"big\.nnsim\.json: the file has .* bytes"):
        load_project(path)


def test_a_network_over_the_parameter_limit_is_refused_without_allocating():
    document = valid_document()
    layers = document["network"]["layers"]
    layers[0]["size"], layers[1]["size"] = 100_000, 100_000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(NetworkFileError, match=r"network\.layers: 10,000,\d+,\d+ weights "
                                                   r"and biases are more than nnsim's limit"):
            load_document(document)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 5_000_000  # the network would need 160 GB


def test_version_0_files_are_migrated():
    weights = [[[0.5, -0.25, 1.0], [2.0, 0.0, -1.0]], [[1.5], [-0.5], [0.25]]]
    version_0 = {"format": "nnsim-network", "version": 0, "sizes": [2, 3, 1],
                 "activations": ["relu", "sigmoid"], "weights": weights,
                 "biases": [[0.1, 0.2, 0.3], [-0.4]], "loss": "squared_error"}
    assert 0 in MIGRATIONS
    net = project_from_bytes(as_bytes(version_0)).network
    assert net.sizes == [2, 3, 1] and net.activations == ["relu", "sigmoid"]
    assert net.weights[1].tolist() == [[1.5], [-0.5], [0.25]]
    assert net.biases[0].tolist() == [0.1, 0.2, 0.3]
    x = np.array([[1.0, 2.0]])
    hidden = np.maximum(0, x @ np.array(weights[0]) + [0.1, 0.2, 0.3])
    expected = 1 / (1 + np.exp(-(hidden @ np.array(weights[1]) - 0.4)))
    np.testing.assert_allclose(net.forward(x), expected, rtol=1e-15)


def test_a_malformed_version_0_file_names_its_field():
    version_0 = {"format": "nnsim-network", "version": 0, "sizes": [2, 1],
                 "activations": "sigmoid", "weights": [[[1.0], [2.0]]], "biases": [[0.0]]}
    with pytest.raises(NetworkFileError, match="activations: expected an array"):
        project_from_bytes(as_bytes(version_0))


# ====================================================================== saving
def test_finite_or_none_turns_what_json_cannot_hold_into_none():
    assert [fileformat.finite_or_none(v) for v in (None, np.nan, -np.inf, np.float32(1.5), 2)] \
        == [None, None, None, 1.5, 2.0]
    assert type(fileformat.finite_or_none(np.float32(1.5))) is float


def test_saving_a_non_finite_network_is_refused_and_leaves_the_file(tmp_path):
    path = tmp_path / "n.nnsim.json"
    project = Project.new([2, 2, 1])
    save_project(project, path)
    before = path.read_bytes()
    project.network.weights[0][1, 0] = np.nan
    with pytest.raises(NetworkFileError, match=r"n\.nnsim\.json: network\.layers\[1\]"
                                               r"\.weights\[1\]\[0\]: cannot save"):
        save_project(project, path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_failed_save_leaves_the_old_file_intact_and_no_temporary(tmp_path, monkeypatch, step):
    path = tmp_path / "net.nnsim.json"
    original = Project.new([2, 3, 1])
    save_project(original, path)
    before = path.read_bytes()

    real_write = os.write

    def broken(*args):
        if step == "write":  # half the file reaches the disk, then the disk is full
            real_write(args[0], bytes(args[1][:len(args[1]) // 2]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileformat.os, step, broken)

    changed = Project.new([2, 3, 1], seed=99)
    with pytest.raises(OSError, match="No space left"):
        save_project(changed, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.nnsim.json"]


def test_a_failed_first_save_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken_fsync(_fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fileformat.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output error"):
        save_project(Project.new([1, 1]), tmp_path / "new.nnsim.json")
    assert list(tmp_path.iterdir()) == []


# ====================================================================== fuzzing
FUZZ_SOURCES = ["xor-2-2-1", "festival-perceptron", "single-neuron", "sine"]
REPLACEMENTS = [None, True, 0, -1, 1.5, 2**70, 1e308, float("nan"), float("-inf"), "",
                "relu", "softmax", [], [1], [[1.0]], {}, {"x": 1}, "1e999"]


def mutate_text(text: str, rng: random.Random) -> str:
    """One character-level accident: a flipped byte, a deleted span, or truncation."""
    kind = rng.randrange(4)
    i = rng.randrange(len(text))
    if kind == 0:
        return text[:i] + rng.choice('{}[],:"0123456789.-eE ntfa\\') + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i + rng.randint(1, 40):]
    if kind == 2:
        j = rng.randrange(len(text))
        return text[:i] + text[j:j + rng.randint(1, 40)] + text[i:]
    return text[:i]


def nodes(value, path=()):
    yield path
    children = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from nodes(child, path + (key,))


def mutate_structure(document: dict, rng: random.Random) -> dict:
    """One plausible edit: a value replaced, a field deleted, an item swapped or copied."""
    document = copy.deepcopy(document)
    path = rng.choice(list(nodes(document))[1:])
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    kind = rng.randrange(4)
    if kind == 0:
        parent[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))
    elif kind == 1:
        del parent[path[-1]]
    elif kind == 2 and isinstance(parent, list) and len(parent) > 1:
        i, j = rng.sample(range(len(parent)), 2)
        parent[i], parent[j] = parent[j], parent[i]
    elif isinstance(parent, list):
        parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
    else:
        parent[path[-1]] = copy.deepcopy(rng.choice(list(parent.values())))
    return document


def fuzz_sources() -> list[tuple[str, dict]]:
    """Example files, plus a trained network with masks, overrides and optimiser state."""
    texts = [(EXAMPLES / f"{name}.nnsim.json").read_text() for name in FUZZ_SOURCES]
    texts.append(json.dumps(valid_document(), indent=1))
    return [(text, json.loads(text)) for text in texts]


def test_fuzzed_files_load_as_working_networks_or_raise_the_format_error():
    rng = random.Random(20240517)
    sources = fuzz_sources()
    outcomes = {"loaded": 0, "refused": 0}
    started = time.perf_counter()
    for case in range(3000):
        text, document = sources[case % len(sources)]
        if case % 2:
            data = mutate_text(text, rng).encode()
        else:
            data = json.dumps(mutate_structure(document, rng)).encode()
        try:
            project = project_from_bytes(data, f"fuzz-{case}.nnsim.json")
        except NetworkFileError as error:
            assert str(error).startswith(f"fuzz-{case}.nnsim.json")
            outcomes["refused"] += 1
            continue
        net = project.network
        assert np.isfinite(net.params).all()
        assert net.forward(np.zeros((1, net.sizes[0]))).shape == (1, net.sizes[-1])
        again = project_from_bytes(as_bytes(project_to_dict(project)))  # saves as it loaded
        assert again.network.params.tobytes() == net.params.tobytes()
        outcomes["loaded"] += 1
    assert min(outcomes.values()) > 100, outcomes  # both paths are really exercised
    assert time.perf_counter() - started < 30


def test_the_hand_written_example_in_the_format_docs_loads():
    docs = (EXAMPLES.parent.parent / "docs" / "file-format.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", docs, re.S).group(1)
    project = project_from_bytes(example.encode(), "docs")
    assert project.title == "Going to the music festival"
    assert project.network.forward([[1, 0], [0, 1]])[:, 0].tolist() == [1.0, 0.0]
    assert project.training == TrainingConfig() and project.trainer_state is None


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
    from simulator.training import Trainer  # the only test here that trains

    assert 1 in MIGRATIONS and FORMAT_VERSION == 2
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


@pytest.mark.parametrize("change, expected", [
    ({"training": {"optimizer": "momentum", "learning_rate": 1e-300}},
     "state.optimizer.velocity[0].weights[0][0]: this version-1 velocity divided by the "
     "learning rate 1e-300 is too large for version 2"),
    ({"training": {"optimizer": "momentum", "learning_rate": -1}},
     "training.learning_rate: must be more than 0"),
    ({"training": "fast"}, "training: expected an object"),
    ({"state": {"optimizer": {"t": 0, "velocity": "fast"}}}, "state: the field 'epoch'"),
])
def test_a_version_1_file_the_migration_cannot_convert_gets_the_readers_error(change,
                                                                               expected):
    document = {**version_1_momentum_file({"optimizer": "momentum"}, [1e10, 0.0, 0.0]),
                **change}
    with pytest.raises(NetworkFileError) as caught:
        load_document(document)
    message = str(caught.value)
    assert message.startswith(f"test.nnsim.json: {expected}") and "\n" not in message
