"""The .nnsim.json file: exact round trips, strict loading, migrations, atomic saving."""

import contextlib
import json
import os
import re
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from nnsim.simulator import fileformat
from nnsim.simulator.fileformat import (
    NetworkFileError,
    load_project,
    project_from_bytes,
    project_to_dict,
    save_project,
)
from nnsim.simulator.jsonfields import Field, FieldError, parse, parse_cost
from nnsim.simulator.limits import network_size_problem
from nnsim.simulator.migrations import FORMAT_VERSION, MIGRATIONS
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.training import Trainer, TrainingConfig

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
    net.layout.update({"positions": [[[0.5, -1.25], [3, 4]], None, None, None], "zoom": 1.5,
                       "note": None})
    net.weights[0][0, 0] = -0.0
    net.weights[0][0, 1] = 5e-324  # the smallest subnormal
    net.biases[1][1] = 1.7976931348623157e308
    project.title, project.description = "Edited", "Every feature at once."
    return project


@contextlib.contextmanager
def traced():
    """tracemalloc's peak over the block, in bytes, as ``memory.peak`` afterwards."""
    memory = SimpleNamespace(peak=0)
    tracemalloc.start()
    try:
        yield memory
    finally:
        memory.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


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


def traced_load(data: bytes, source="x.nnsim.json"):
    """Load ``data``; returns (the error, tracemalloc's peak in bytes while loading)."""
    with traced() as memory, pytest.raises(NetworkFileError) as caught:
        project_from_bytes(data, source)
    return caught.value, memory.peak


def xor_document() -> dict:
    return json.loads((EXAMPLES / "xor-2-4-1.nnsim.json").read_text())


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


# ====================================================================== totality
def raw_document(**replacements) -> bytes:
    """The xor example's bytes with each placeholder "@NAME" replaced verbatim (for
    literals json.dumps cannot write)."""
    text = json.dumps(xor_document())
    for name, literal in replacements.items():
        text = text.replace(f'"@{name}"', literal)
    return text.encode()


def test_an_override_key_with_a_leading_zero_is_refused():
    """Issue 9: the key "00" passed the digit check, then raised KeyError in every CLI
    command (34-line traceback) and showed no message in the app."""
    for key in ("00", "01", "+1", "-1", " 1", "1.0", "١"):
        document = xor_document()
        document["network"]["layers"][1]["overrides"] = {key: "relu"}
        with pytest.raises(NetworkFileError) as caught:
            load_document(document)
        assert str(caught.value).endswith(
            "expected a neuron number from 0 to 3 as the key"), key
    document = xor_document()
    document["network"]["layers"][1]["overrides"] = {"3": "relu"}
    assert load_document(document).network.overrides[0] == {3: "relu"}


def test_a_5000_digit_key_or_number_names_its_field():
    """Issue 9: Python's limit on int conversion made these errors name no field."""
    digits = "9" * 5000
    document = xor_document()
    document["network"]["layers"][1]["overrides"] = {digits: "relu"}
    with pytest.raises(NetworkFileError) as caught:
        load_document(document)
    assert str(caught.value).startswith(
        "test.nnsim.json: network.layers[1].overrides: the key '99999")
    assert "(5,000 characters)' is longer than 100 characters" in str(caught.value)
    for path, placeholder in [(("network", "layers", 1, "size"), "size"),
                              (("network", "layers", 1, "weights", 0, 0), "weight"),
                              (("training", "seed"), "seed")]:
        document = set_path(xor_document(), path, f"@{placeholder}")
        with pytest.raises(NetworkFileError) as caught:
            project_from_bytes(json.dumps(document).replace(f'"@{placeholder}"', digits)
                               .encode(), "x.nnsim.json")
        field = ".".join(str(p) for p in path[:2])
        assert field in str(caught.value).replace("layers.", "layers[").replace("[1", "[1]")
        assert str(caught.value).endswith("the number 99999999999999999999999… "
                                          "(5,000 characters) is out of range")


@pytest.mark.parametrize("path, literal, expected", [
    (("state", "epoch"), "1" + "0" * 400,
     "state.epoch: the number 10000000000000000000000… (401 characters) is out of range"),
    (("state", "optimizer", "t"), "1" + "0" * 400,
     "state.optimizer.t: the number 10000000000000000000000… (401 characters) is out of range"),
    (("state", "epoch"), str(2**53 + 1),
     "state.epoch: must be at most 9,007,199,254,740,992, got 9007199254740993"),
    (("state", "step"), "1e3", "state.step: expected a whole number, got 1000.0"),
    (("training", "learning_rate"), "1e999",
     "training.learning_rate: the number 1e999 is out of range"),
    (("training", "epochs"), "10000001", "training.epochs: must be at most 10,000,000"),
    (("training", "batch_size"), "1000001",
     "training.batch_size: must be at most 1,000,000, got 1000001"),
    (("training", "learning_rate"), "100.5",
     "training.learning_rate: must be at most 100.0, got 100.5"),
    (("training", "learning_rate"), "1e-9",
     "training.learning_rate: must be at least 1e-08, got 1e-09"),
    (("training", "target_loss"), "2e6",
     "training.target_loss: must be at most 1000000.0, got 2000000.0"),
    (("training", "l2"), "10.5", "training.l2: must be at most 10.0, got 10.5"),
    (("training", "epochs"), "-" + "9" * 150,
     "training.epochs: the number -9999999999999999999999… (151 characters) is out of range"),
])
def test_every_integer_and_number_is_bounded_at_load(path, literal, expected):
    """Issue 9: state.epoch = 10**400 or Adam's t = 10**400 loaded, then raised
    OverflowError later."""
    document = set_path(valid_document(), path, "@value")
    with pytest.raises(NetworkFileError) as caught:
        project_from_bytes(json.dumps(document).replace('"@value"', literal).encode(),
                           "x.nnsim.json")
    assert str(caught.value).startswith(f"x.nnsim.json: {expected}")


@pytest.mark.parametrize("path", [("network", "layers", 0, "names", 1), ("title",),
                                  ("description",), ("dataset", "name"),
                                  ("network", "layout", "note")])
def test_a_lone_surrogate_is_refused_at_load_because_it_could_never_be_saved(path):
    """Issue 9: a name "\ud800" loaded, then every save and autosave raised
    UnicodeEncodeError."""
    document = set_path(valid_document(), path, "ok \ud800")
    with pytest.raises(NetworkFileError) as caught:
        load_document(document)
    assert str(caught.value).endswith("the text has a lone surrogate (\\ud800) at character "
                                      "4, which cannot be saved as UTF-8")
    document = valid_document()
    document["network"]["layout"] = {"\udfff": 1}
    with pytest.raises(NetworkFileError, match=r"network\.layout: the key has a lone"):
        load_document(document)


def test_saving_a_name_utf8_cannot_hold_is_refused_and_leaves_the_file(tmp_path):
    path = tmp_path / "n.nnsim.json"
    project = Project.new([2, 2, 1])
    save_project(project, path)
    before = path.read_bytes()
    project.network.names[1][1] = "x\udc80"
    with pytest.raises(NetworkFileError, match=r"n\.nnsim\.json: network\.layers\[1\]\.names"
                                               r"\[1\]: cannot save: the text has a lone"):
        save_project(project, path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("path, limit", [(("network", "layers", 1, "names", 0), 200),
                                         (("title",), 200), (("description",), 10_000),
                                         (("dataset", "name"), 4096)])
def test_every_string_is_bounded(path, limit):
    for length, refused in ((limit, False), (limit + 1, True)):
        document = set_path(valid_document(), path, "n" * length)
        if path == ("dataset", "name") and not refused:
            continue  # a name that long is simply an unknown data set
        if refused:
            with pytest.raises(NetworkFileError) as caught:
                load_document(document)
            assert str(caught.value).endswith(
                f"at most {limit:,} characters are allowed, got {limit + 1:,}")
        else:
            load_document(document)


def test_a_layout_is_bounded_in_depth_size_and_shape():
    def refused(layout) -> str:
        document = valid_document()
        document["network"]["layout"] = layout
        with pytest.raises(NetworkFileError) as caught:
            load_document(document)
        return str(caught.value).removeprefix("test.nnsim.json: ")

    deep = 0
    for _ in range(17):
        deep = [deep]
    assert refused({"x": deep}).endswith("nested more than 16 levels deep")
    assert refused({"x": [0] * 1_000_001}) == ("network.layout: more than 1,000,000 values "
                                               "are allowed here")
    assert refused({"positions": "left"}) == "network.layout.positions: expected an array, " \
                                             "got a string"
    assert refused({"positions": [[[1, 2], [3]]]}) == ("network.layout.positions[0][1]: "
                                                       "expected 2 numbers, got 1")
    assert refused({"positions": [None] * 5}) == ("network.layout.positions: expected at most "
                                                  "4 items, got 5")
    assert refused({"positions": [None, "left"]}) == ("network.layout.positions[1]: expected "
                                                      "arrays of 2 numbers, got a string")
    assert refused({"positions": [[[0, 1], [2, 3, 4]]]}) == (
        "network.layout.positions[0][1]: expected 2 numbers, got 3")
    document = valid_document()
    document["network"]["layout"] = {"positions": [[], [[0, 1]] * 4, None], "z": [[1]]}
    assert load_document(document).network.layout["positions"][1] == [[0, 1]] * 4


@pytest.mark.parametrize("pairs, expected", [
    ([[0, 9]], "network.layers[1].removed[0][1]: must be at most 3, got 9"),
    ([[1, 2], [-1, 0]], "network.layers[1].removed[1][0]: must be at least 0, got -1"),
    ([[2**70, 0]],
     "network.layers[1].removed[0][0]: must be at most 1, got 1180591620717411303424"),
    ([[0, True]], "network.layers[1].removed[0][1]: expected a whole number, got true or false"),
    ([[0]], "network.layers[1].removed[0]: expected 2 items, got 1"),
])
def test_removed_connections_out_of_range_are_named(pairs, expected):
    document = set_path(xor_document(), LAYER1 + ("removed",), pairs)
    with pytest.raises(NetworkFileError) as caught:
        load_document(document)
    assert str(caught.value) == f"test.nnsim.json: {expected}"


def test_history_is_checked_as_a_whole_and_a_bad_entry_named():
    document = valid_document()
    document["state"]["history"] = {"epoch": [1, 2, 3], "train_loss": [0.5, 0.25, 1],
                                    "train_accuracy": [None, 0.5, None],
                                    "test_loss": [None] * 3, "test_accuracy": [None] * 3}
    history = load_document(document).history
    assert history.epoch == [1, 2, 3] and history.train_loss == [0.5, 0.25, 1.0]
    assert type(history.train_loss[2]) is float and history.train_accuracy[1] == 0.5
    document["state"]["history"]["epoch"][1] = "2"
    with pytest.raises(NetworkFileError, match=r"state\.history\.epoch\[1\]: expected a whole "):
        load_document(document)


# ====================================================================== messages
def test_a_10_mb_value_is_echoed_in_a_few_characters():
    """Issue 9: 188 fuzzed errors were over 1,000 characters; a 10 MB value came back
    whole (and froze the app's message box for 90-130 s)."""
    document = xor_document()
    document["network"]["layers"][1]["activation"] = "x" * 10_000_000
    error, _peak = traced_load(as_bytes(document))
    message = str(error)
    assert message.startswith("x.nnsim.json: network.layers[1].activation: unknown activation "
                              "'xxxxxxxx")
    assert "… (10,000,000 characters)'; choose one of:" in message and len(message) < 500


LONG_TEXT = "é" * 5_000_000 + "\n"


@pytest.mark.parametrize("value, check", [
    (LONG_TEXT, lambda f: f.string(choices=("a", "b"))), (LONG_TEXT, lambda f: f.integer()),
    (LONG_TEXT, lambda f: f.number()), (LONG_TEXT, lambda f: f.object()),
    (LONG_TEXT, lambda f: f.vector(3)), (LONG_TEXT, lambda f: f.plain_data()),
    ({LONG_TEXT: 1}, lambda f: f.object()), ({LONG_TEXT: 1}, lambda f: f.items()),
    ({"a": {"b": {LONG_TEXT: 1}}}, lambda f: f.plain_data()),
    (2**(10**6), lambda f: f.integer()), ([0] * 10**6, lambda f: f.vector(2)),
    ([[0, 1]] * 10**5 + [[0, 2**(10**6)]], lambda f: f.index_pairs(2, 2)),
], ids=["choices", "integer", "number", "object", "vector", "plain", "unknown key",
        "long key", "deep long key", "huge integer", "long vector", "huge pair"])
def test_field_errors_never_build_the_repr_of_a_large_value(value, check):
    field = Field(value, "big")
    with traced() as memory, pytest.raises(FieldError) as caught:
        check(field)
    assert memory.peak < 50_000 and len(str(caught.value)) < 200


def test_control_characters_from_a_file_cannot_fake_a_message():
    """Issue 9: a key could print "nnsim: all good" in colour, or a second error line."""
    document = xor_document()
    document["training"]["\x1b[32mnnsim: all good\x1b[0m\nnnsim: error: fake"] = 1
    with pytest.raises(NetworkFileError) as caught:
        load_document(document)
    assert str(caught.value) == ("test.nnsim.json: training: unknown field '\\x1b[32mnnsim: "
                                 "all good\\x1b[0m\\x0annsim: error: fake'")
    document = xor_document()
    document["network"]["layers"][1]["overrides"] = {"\u202e1": "relu"}
    with pytest.raises(NetworkFileError) as caught:
        load_document(document)
    assert 'overrides["\\u202e1"]' in str(caught.value)


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
    from nnsim.simulator.training import Trainer  # the only test here that trains

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
