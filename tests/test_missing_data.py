"""A network whose data cannot be read still opens (issue 13), and Locate data… finds
the files again: in the session, the window and the command line."""

import gzip
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from nnsim import cli
from nnsim.session import Session
from nnsim.simulator.datafiles import MAX_FILE_BYTES
from nnsim.simulator.datalocate import locate
from nnsim.simulator.fileformat import load_project, project_to_dict
from nnsim.simulator.project import DatasetRef
from nnsim.simulator.resources import resource_path

MNIST_EXAMPLE = resource_path("examples", "mnist-784-16-16-10.nnsim.json")
XOR = resource_path("examples", "xor-2-4-1.nnsim.json")
NAMES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
         "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


@pytest.fixture
def session():
    s = Session(paced=False)
    yield s
    s.shutdown()


def write_idx(path: Path, array: np.ndarray, magic: int) -> None:
    """An IDX file of unsigned bytes, gzipped when ``path`` ends in .gz."""
    header = magic.to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in array.shape)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wb") as file:
        file.write(header + array.astype(np.uint8).tobytes())


def write_mnist(folder: Path, n_train: int = 40, n_test: int = 20, gz=(True, True, False,
                                                                       False)) -> list[Path]:
    """MNIST's four files under their standard names (``gz`` per file): 28×28 images
    whose label is the row drawn bright, so a network can learn them."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    paths = []
    for k, n in ((0, n_train), (2, n_test)):
        labels = np.arange(n) % 10
        images = rng.integers(0, 40, (n, 28, 28))
        images[np.arange(n), labels, :] = 255
        for name, array, magic, zipped in ((NAMES[k], images, 0x803, gz[k]),
                                           (NAMES[k + 1], labels, 0x801, gz[k + 1])):
            path = folder / (name + (".gz" if zipped else ""))
            write_idx(path, array, magic)
            paths.append(path)
    return paths


def example_copy(folder: Path) -> Path:
    """The MNIST example copied into ``folder``, where its data files are not."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(MNIST_EXAMPLE, folder / MNIST_EXAMPLE.name))


# ====================================================================== the session
def test_a_network_whose_data_is_missing_opens_with_the_reference_kept(session, tmp_path):
    path = example_copy(tmp_path / "nets")
    session.open(path)
    assert session.network.sizes == [784, 16, 16, 10]
    assert session.network.n_parameters == 13_002
    assert session.trainer is None and session.train_data is None
    reference = session.data.reference
    assert [Path(p).name for p in reference.paths] == [NAMES[0] + ".gz", NAMES[1] + ".gz"]
    assert session.data.problem == (f"{tmp_path / 'nets' / NAMES[0]}.gz: "
                                    f"No such file or directory")
    assert session.trainer_problem.startswith("the data cannot be read: ")
    assert "Locate data" in session.trainer_problem
    # Nothing to train: Step does nothing and no undo step appears.
    session.step(5)
    assert not session.busy and session.history.texts == []


def test_saving_a_network_whose_data_is_missing_keeps_the_reference(session, tmp_path):
    path = example_copy(tmp_path)
    original = json.loads(path.read_text(encoding="utf-8"))["dataset"]
    session.open(path)
    session.save()
    assert json.loads(path.read_text(encoding="utf-8"))["dataset"] == original
    (tmp_path / "other").mkdir()
    session.save(tmp_path / "other" / "copy.nnsim.json")
    moved = json.loads((tmp_path / "other" / "copy.nnsim.json").read_text())["dataset"]
    assert moved["paths"] == ["../" + p for p in original["paths"]]
    assert {k: v for k, v in moved.items() if k != "paths"} == \
        {k: v for k, v in original.items() if k != "paths"}


def test_saved_data_paths_are_relative_unless_only_the_root_is_shared(tmp_path):
    project = load_project(MNIST_EXAMPLE)
    project.set_dataset(DatasetRef("csv", {}, [str(tmp_path / "data" / "a.csv")]))
    relative = project_to_dict(project, tmp_path / "nets")["dataset"]["paths"]
    absolute = project_to_dict(project, "/srv/nets")["dataset"]["paths"]
    assert (relative, absolute) == (["../data/a.csv"], [f"{tmp_path}/data/a.csv"])


def test_damaged_data_opens_the_network_with_its_one_line_error(session, tmp_path):
    path = example_copy(tmp_path)
    (tmp_path / (NAMES[0] + ".gz")).write_bytes(b"not gzip at all\n\x1b[31m")
    session.open(path)
    assert session.network.n_parameters == 13_002 and session.trainer is None
    assert session.data.problem.startswith(f"{tmp_path / NAMES[0]}.gz: damaged gzip data")
    assert "\n" not in session.data.problem


def test_a_broken_network_file_leaves_the_open_network_untouched(session, tmp_path):
    session.open(XOR)
    params = session.network.params.copy()
    broken = tmp_path / "broken.nnsim.json"
    broken.write_text('{"format": "nnsim-network", "version": 3, "network": 7}')
    with pytest.raises(ValueError, match="broken.nnsim.json: network"):
        session.open(broken)
    assert session.path == XOR and np.array_equal(session.network.params, params)


@pytest.mark.parametrize("gz", [(True, True, False, False), (False, False, True, True)])
def test_locate_data_finds_the_four_standard_names_plain_or_gzipped(session, tmp_path, gz):
    files = write_mnist(tmp_path / "data", gz=gz)
    path = example_copy(tmp_path)
    session.open(path)
    session.locate_data(tmp_path / "data" / files[2].name)   # a file in the folder will do
    reference = session.data.reference
    assert reference.paths == tuple(map(str, files))
    assert reference.test_fraction == 0.0
    assert (session.train_data.n_samples, session.test_data.n_samples) == (40, 20)
    assert session.train_data.inputs.shape == (40, 784)
    # The label of each image is its bright row: pixel (row, 0) of image k is 1.0.
    rows = session.train_data.targets.argmax(axis=1)
    assert np.all(session.train_data.inputs[np.arange(40), rows * 28] == 1.0)
    assert session.trainer is not None and session.trainer_problem == ""
    assert session.history.texts == ["Locate data"] and session.dirty
    session.step(4)
    while session.busy:
        session.pending.run(0.01)
    session.pending.run()
    assert session.trainer.step_count == 4
    session.save()
    saved = json.loads(path.read_text(encoding="utf-8"))["dataset"]
    assert saved["paths"] == [f"data/{p.name}" for p in files]
    reopened = Session(paced=False)
    try:
        reopened.open(path)
        assert reopened.trainer is not None and reopened.trainer.step_count == 4
        assert reopened.test_data.n_samples == 20
    finally:
        reopened.shutdown()


def test_locate_data_that_is_not_there_says_where_it_looked_and_changes_nothing(
        session, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / NAMES[0]).write_bytes(b"")   # only the images: not enough
    session.open(example_copy(tmp_path))
    before = session.data
    with pytest.raises(ValueError) as refused:
        session.locate_data(tmp_path / "empty")
    assert str(refused.value) == (f"{tmp_path / 'empty'}: no "
                                  f"'{NAMES[1]}[.gz]' in this folder")
    assert session.data is before and session.history.texts == []


def test_bogus_or_huge_files_found_give_one_line(session, tmp_path):
    folder = tmp_path / "bogus"
    folder.mkdir()
    (folder / NAMES[0]).write_bytes(b"\x00\x00\x08\x01" + bytes(100))   # labels' magic
    write_idx(folder / NAMES[1], np.zeros(3), 0x801)
    session.open(example_copy(tmp_path))
    with pytest.raises(ValueError, match=r"magic number 0x00000801, expected 0x00000803"):
        session.locate_data(folder)
    with open(folder / NAMES[0], "wb") as huge:   # sparse: no disk taken
        huge.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ValueError) as refused:
        session.locate_data(folder)
    assert str(refused.value) == (f"{folder / NAMES[0]}: the file has "
                                  f"{MAX_FILE_BYTES + 1:,} bytes; nnsim reads data files "
                                  f"of up to {MAX_FILE_BYTES:,} bytes")
    assert session.history.texts == [] and session.trainer is None


def test_a_test_set_that_does_not_fit_the_training_data_is_refused(session, tmp_path):
    files = write_mnist(tmp_path / "data", n_test=5)
    write_idx(files[2], np.zeros((5, 27, 27)), 0x803)
    session.open(example_copy(tmp_path))
    with pytest.raises(ValueError) as refused:
        session.locate_data(tmp_path / "data")
    assert str(refused.value) == (f"{files[2]}: the test set has 729 inputs and 10 "
                                  f"outputs, the training data 784 and 10")
    assert session.trainer is None and session.history.texts == []


def test_undoing_locate_data_makes_the_data_missing_again(session, tmp_path):
    write_mnist(tmp_path / "data")
    session.open(example_copy(tmp_path))
    missing = session.data
    session.locate_data(tmp_path / "data")
    located = session.data
    session.undo()
    assert session.data is missing and session.trainer is None
    assert session.trainer_problem.startswith("the data cannot be read")
    session.redo()
    assert session.data is located and session.trainer is not None


def test_locate_finds_a_csv_file_by_its_name_or_as_the_file_chosen(tmp_path):
    reference = DatasetRef("csv", {}, [str(tmp_path / "gone" / "points.csv")])
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "points.csv").write_text("x,y\n1,0\n")
    (tmp_path / "here" / "renamed.csv").write_text("x,y\n1,0\n")
    assert locate(reference, tmp_path / "here").paths == (str(tmp_path / "here" / "points.csv"),)
    chosen = tmp_path / "here" / "renamed.csv"
    (tmp_path / "here" / "points.csv").unlink()
    assert locate(reference, chosen).paths == (str(chosen),)
    with pytest.raises(ValueError, match=r"here: no 'points.csv\[.gz\]' in this folder"):
        locate(reference, tmp_path / "here")
    with pytest.raises(ValueError, match="built in"):
        locate(DatasetRef("xor"), tmp_path)


def test_a_test_set_of_its_own_files_holds_nothing_out():
    paths = [f"{name}.gz" for name in NAMES]
    with pytest.raises(ValueError, match="test fraction must be 0"):
        DatasetRef("mnist", paths=paths, test_fraction=0.1)
    with pytest.raises(ValueError, match="takes 2 or 4 file path"):
        DatasetRef("mnist", paths=paths[:3])
    assert DatasetRef("mnist", paths=paths).test_paths == tuple(paths[2:])


# ====================================================================== the window
def open_missing_example(window, tmp_path):
    assert window.files.open_path(example_copy(tmp_path / "nets"))
    return window.session


def test_the_window_shows_the_network_and_says_which_data_file_is_missing(
        qtbot, window, tmp_path):
    session = open_missing_example(window, tmp_path)
    panel, training = window.data_panel, window.training_panel
    missing = f"{tmp_path / 'nets' / NAMES[0]}.gz: No such file or directory"
    assert session.network.n_parameters == 13_002   # drawn: every layer's neurons
    assert [len(item.geometry.positions) for item in window.canvas.layers] == [784, 16, 16, 10]
    assert not training.play_button.isEnabled() and not training.step_button.isEnabled()
    assert not training.epoch_button.isEnabled()
    assert training.problem_label.isVisible()
    assert training.problem_label.text() == (f"the data cannot be read: {missing}. "
                                              f"Use Locate data… to find it")
    assert window.status.labels["rate"].text() == (f"no data: cannot read {NAMES[0]}.gz "
                                                   f"(see the Data dock)")
    assert panel.missing.isVisible() and panel.missing.text().endswith(missing)
    assert panel.locate_button.isVisible() and window.data.locate_action.isEnabled()


def test_a_bundled_examples_missing_data_is_named_examples(qtbot, window):
    assert window.files.open_path(MNIST_EXAMPLE, example=True)
    expected = f"examples/{NAMES[0]}.gz: No such file or directory"
    assert window.data_panel.missing.text().endswith(expected)
    assert window.training_panel.problem_label.text() == (
        f"the data cannot be read: {expected}. Use Locate data… to find it")
    assert "site-packages" not in window.data_panel.summary.text()


def test_the_locate_button_finds_the_data_and_undo_takes_it_back(
        qtbot, window, tmp_path, monkeypatch, messages):
    session = open_missing_example(window, tmp_path)
    write_mnist(tmp_path / "data")
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *args: asked.append(args) or str(tmp_path / "data"))
    qtbot.mouseClick(window.data_panel.locate_button, Qt.LeftButton)
    assert asked and messages == []
    panel, training = window.data_panel, window.training_panel
    assert session.train_data.n_samples == 40
    assert not panel.missing.isVisible() and not panel.locate_button.isVisible()
    assert training.step_button.isEnabled() and not training.problem_label.isVisible()
    assert not panel.test_share.isEnabled()   # the test set has files of its own
    assert window.status.labels["rate"].text() == "paused"
    assert window.editor.undo_action.text() == "&Undo Locate data"
    window.editor.undo_action.trigger()
    assert session.trainer is None and panel.locate_button.isVisible()
    assert not training.step_button.isEnabled()


def test_the_file_menus_locate_data_says_in_one_line_what_it_did_not_find(
        qtbot, window, tmp_path, monkeypatch, messages):
    session = open_missing_example(window, tmp_path)
    (tmp_path / "nothing").mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *args: str(tmp_path / "nothing"))
    window.data.locate_action.trigger()
    assert messages == [("warning", "Data not found",
                         f"{tmp_path / 'nothing'}: no '{NAMES[0]}[.gz]' and "
                         f"'{NAMES[1]}[.gz]' in this folder")]
    assert session.trainer is None and session.history.texts == []


# ====================================================================== the command line
def test_the_command_line_says_in_one_line_which_data_is_missing(capsys, tmp_path):
    path = example_copy(tmp_path)
    assert cli.main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    missing = [line for line in out.splitlines() if line.startswith("data missing")]
    assert missing == [f"data missing: {tmp_path / NAMES[0]}.gz, {tmp_path / NAMES[1]}.gz "
                       f"(train with --dataset, or open the file in the app and use "
                       f"Locate data…)"]
    assert cli.main(["train", str(path)]) == 1
    assert capsys.readouterr().err == (f"nnsim: error: cannot read the data: "
                                       f"{tmp_path / NAMES[0]}.gz: No such file or "
                                       f"directory (pass --dataset to use other data)\n")


# ====================================================================== real 28×28 data
FASHION = Path("/usr/share/datasets/fashion-mnist")


@pytest.mark.skipif(not FASHION.is_dir(), reason="Debian's dataset-fashion-mnist is not "
                    "installed (CI installs it)")
def test_the_784_example_trains_on_fashion_mnist_as_a_user_would(
        qtbot, window, tmp_path, monkeypatch, messages):
    """Open the MNIST example, see its data missing, Locate data… Fashion-MNIST's folder,
    train one epoch, save and reopen: 60,000 training and 10,000 test images."""
    assert window.files.open_path(MNIST_EXAMPLE, example=True)
    session = window.session
    assert session.trainer is None and window.data_panel.locate_button.isVisible()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(FASHION))
    qtbot.mouseClick(window.data_panel.locate_button, Qt.LeftButton)
    assert messages == []
    assert (session.train_data.n_samples, session.test_data.n_samples) == (60_000, 10_000)
    assert session.train_data.image_shape == (28, 28)
    window.training_panel.speed.setValue(window.training_panel.speed.maximum())
    qtbot.mouseClick(window.training_panel.epoch_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not session.busy, timeout=120_000)
    session.wait_idle()
    assert session.progress() == (1, 1875)   # 60,000 rows in batches of 32
    accuracy = session.trainer.history.test_accuracy[-1]
    assert accuracy >= 0.7, accuracy   # 0.81 measured; 10 classes: chance is 0.1
    assert f"test {accuracy:.1%}" in window.status.labels["accuracy"].text()
    saved = tmp_path / "fashion.nnsim.json"
    assert window.files.save_to(saved)
    paths = json.loads(saved.read_text(encoding="utf-8"))["dataset"]["paths"]
    # Shared with the network file's folder only the root: kept absolute.
    assert paths == [f"{FASHION}/{name}.gz" for name in NAMES]
    assert window.files.open_path(saved)
    assert session.progress() == (1, 1875) and session.test_data.n_samples == 10_000
    assert session.trainer.history.test_accuracy[-1] == accuracy
