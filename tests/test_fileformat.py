"""The .nnsim.json file: exact round trips, strict loading within limits, atomic saving."""

import json
import os
import re
from pathlib import Path

import numpy as np
import pytest
from filedocs import (
    DELETE,
    LAYER1,
    as_bytes,
    edited_network,
    load_document,
    set_path,
    traced,
    traced_load,
    valid_document,
    xor_document,
)

from nnsim.simulator import fileformat
from nnsim.simulator.fileformat import (
    NetworkFileError,
    load_project,
    project_from_bytes,
    save_project,
)
from nnsim.simulator.jsonparse import parse, parse_cost
from nnsim.simulator.limits import network_size_problem
from nnsim.simulator.migrations import FORMAT_VERSION
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.training import Trainer, TrainingConfig

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


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
    layers[0]["size"], layers[1]["size"] = 1_000, 1_000
    # 1000·1000 + 1000 + 1000·3 + 3 + 3·2 + 2 weights and biases (layers 1000-1000-3-2)
    refusal = r"network\.layers: 1,004,011 weights and biases are more than nnsim's limit"
    with traced() as memory, pytest.raises(NetworkFileError, match=refusal):
        load_document(document)
    assert memory.peak < 1_000_000  # the network's arrays alone would take 16 MB


def test_the_size_limits_sit_where_the_docs_say():
    assert fileformat.MAX_FILE_BYTES == 64 * 2**20
    assert network_size_problem([784, 128, 64, 10]) is None
    assert network_size_problem([49_999, 10]) is None  # exactly 500,000 parameters
    assert network_size_problem([50_000, 10]) == ("500,010 weights and biases are more than "
                                                 "nnsim's limit of 500,000")
    assert network_size_problem([100_000]) is None
    assert network_size_problem([99_999, 2]) == ("100,001 neurons are more than nnsim's "
                                                "limit of 100,000")
    assert network_size_problem([1] * 101) == "101 layers are more than nnsim's limit of 100"


@pytest.mark.parametrize("neurons", [10**9, 10**7, 10**6])
def test_a_single_huge_layer_is_refused_before_anything_is_built(neurons):
    """Issue 9: one layer of 10**9 neurons (0 parameters) made `nnsim info` build a
    billion default names (over 4 GB); 10**7 took 0.7 GB."""
    document = xor_document()
    document["network"]["layers"] = [{"size": neurons}]
    error, peak = traced_load(as_bytes(document))
    assert str(error) == (f"x.nnsim.json: network.layers[0].size: must be at most 100,000, "
                          f"got {neurons}")
    assert peak < 200_000


def test_layers_that_together_have_too_many_neurons_are_refused():
    document = xor_document()
    document["network"]["layers"] = [{"size": 60_000}, {"size": 50_000, "activation": "relu",
                                                         "weights": [], "biases": []}]
    error, peak = traced_load(as_bytes(document))
    assert str(error) == ("x.nnsim.json: network.layers: 110,000 neurons are more than "
                          "nnsim's limit of 100,000")
    assert peak < 200_000


def test_too_many_layers_are_refused_before_any_is_read():
    document = xor_document()
    document["network"]["layers"] = [{"size": 1}] * 100_000
    error, _peak = traced_load(as_bytes(document))
    assert str(error) == ("x.nnsim.json: network.layers: expected at most 100 items, "
                          "got 100,000")


def test_a_784_128_64_10_network_with_adam_state_loads_exactly(tmp_path):
    project = Project.new([784, 128, 64, 10], hidden="relu", output="softmax",
                          training=TrainingConfig(optimizer="adam", batch_size=8))
    rng = np.random.default_rng(1)
    trainer = Trainer(project.network, rng.normal(size=(16, 784)),
                      np.eye(10)[rng.integers(0, 10, 16)], project.training, classification=True)
    trainer.step()
    project.capture(trainer)
    save_project(project, tmp_path / "big.nnsim.json")
    loaded = load_project(tmp_path / "big.nnsim.json")
    assert loaded.network.n_parameters == 109_386
    assert loaded.network.params.tobytes() == project.network.params.tobytes()
    assert_same_state(project.trainer_state, loaded.trainer_state)


def test_the_parse_cost_estimate_bounds_the_memory_parsing_takes():
    """The estimate refuses a file before parsing; it must never be below the truth."""
    shapes = ['0,', '1000,', '1.5,', '-0.27392337464290863,', '"ab",', '"",', '[],', '{},',
              '[1,2],', '{"a":1},', '[[[]]],', '"😀",', '"✓✓",', '"é",', '1' * 100 + ',']
    for shape in shapes:
        data = ("[" + shape * (200_000 // len(shape)) + "0]").encode()
        with traced() as memory:
            parse(data)
        assert memory.peak <= parse_cost(data), shape
    keys = ("{" + ",".join(f'"k{i}":[{i}]' for i in range(20_000)) + "}").encode()
    with traced() as memory:
        parse(keys)
    assert memory.peak <= parse_cost(keys)


def test_a_file_that_would_take_too_much_memory_to_parse_is_refused_unparsed():
    text = json.dumps(xor_document())
    data = text.replace('"layout": {}', '"layout": {"x": [' + "[]," * 2_500_000 + "[]]}")
    data = data.encode()
    assert len(data) < fileformat.MAX_FILE_BYTES
    assert parse_cost(data) > fileformat.MAX_PARSE_BYTES
    error, peak = traced_load(data)
    assert re.fullmatch(r"x\.nnsim\.json: reading it would take about \d+ MB of memory, "
                        r"more than the limit of 256 MB", str(error))
    assert peak < 1_000_000  # parsing it would take 300 MB


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
    with pytest.raises(NetworkFileError) as caught:
        save_project(changed, path)
    # Issue 9: save errors named the hidden temporary file, or no file at all.
    assert str(caught.value) == f"{path}: cannot save: No space left on device"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.nnsim.json"]


def test_a_failed_first_save_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken_fsync(_fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fileformat.os, "fsync", broken_fsync)
    with pytest.raises(NetworkFileError, match=r"new\.nnsim\.json: cannot save: Input/output"):
        save_project(Project.new([1, 1]), tmp_path / "new.nnsim.json")
    assert list(tmp_path.iterdir()) == []


def test_saving_refuses_what_loading_would_refuse(tmp_path):
    path = tmp_path / "n.nnsim.json"
    project = Project.new([2, 2, 1])
    project.network.names[0][0] = "n" * 201
    with pytest.raises(NetworkFileError, match=r"n\.nnsim\.json: network\.layers\[0\]\.names"
                                               r"\[0\]: cannot save: at most 200 characters"):
        save_project(project, path)
    project.network.names[0][0] = "x1"
    project.title = "t" * 201
    with pytest.raises(NetworkFileError, match=r"title: cannot save: at most 200 characters"):
        save_project(project, path)
    assert not path.exists()
    project.title = "t" * 200
    save_project(project, path)
    assert load_project(path).title == "t" * 200


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root from writing")
def test_a_save_the_folder_refuses_names_the_users_file(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    with pytest.raises(NetworkFileError) as caught:
        save_project(Project.new([1, 1]), folder / "n.nnsim.json")
    assert str(caught.value) == f"{folder / 'n.nnsim.json'}: cannot save: Permission denied"


def test_the_hand_written_example_in_the_format_docs_loads():
    docs = (EXAMPLES.parent.parent / "docs" / "file-format.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", docs, re.S).group(1)
    project = project_from_bytes(example.encode(), "docs")
    assert project.title == "Going to the music festival"
    assert project.network.forward([[1, 0], [0, 1]])[:, 0].tolist() == [1.0, 0.0]
    assert project.training == TrainingConfig() and project.trainer_state is None
