"""Every malformed network file is refused with one bounded, printable line naming its
field, and every string and number in a file is bounded; version 0 migrates."""

import json
from pathlib import Path

import numpy as np
import pytest
from filedocs import (
    LAYER1,
    as_bytes,
    load_document,
    set_path,
    traced,
    traced_load,
    valid_document,
    xor_document,
)

from nnsim.simulator.fileformat import (
    NetworkFileError,
    project_from_bytes,
    save_project,
)
from nnsim.simulator.jsonfields import Field, FieldError
from nnsim.simulator.migrations import MIGRATIONS
from nnsim.simulator.project import Project

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


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
