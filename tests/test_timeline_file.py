"""The training timeline saved beside a network file: it round-trips exactly, belongs to
one network, and a malformed one is explained in one line and harms nothing."""

import io
import json
import zipfile
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from test_window_session import open_example, step_epochs

from nnsim.session import Session
from nnsim.session.timelinefile import load_timeline, save_timeline, sidecar
from nnsim.simulator.resources import resource_path
from nnsim.simulator.safetext import InputError

EXAMPLES = resource_path("examples")
BUDGET = 2**30


@pytest.fixture
def session(settle):
    """XOR trained 5 epochs with momentum (an optimiser array in every checkpoint)."""
    session = Session(paced=False)
    session.open(EXAMPLES / "xor-2-4-1.nnsim.json")
    session.set_config(replace(session.config, optimizer="momentum"))
    for _ in range(5):
        session.step_epoch()
        settle(session)
    yield session
    session.shutdown()


def assert_same_checkpoints(got, want):
    assert len(got) == len(want)
    for a, b in zip(got, want):
        assert (a.epoch, a.step, a.position) == (b.epoch, b.step, b.position)
        assert np.array_equal(a.params, b.params)
        assert a.state.keys() == b.state.keys()
        for key, value in b.state.items():
            if key == "optimizer":
                assert a.state[key].keys() == value.keys()
                for name, array in value.items():
                    assert np.array_equal(a.state[key][name], array)
            else:
                assert a.state[key] == value


def test_the_timeline_round_trips_exactly(session, tmp_path):
    path = tmp_path / "run.timeline.npz"
    save_timeline(session.timeline.checkpoints, session.network, path)
    loaded = load_timeline(path, session.network, BUDGET)
    assert_same_checkpoints(loaded, session.timeline.checkpoints)
    assert len(loaded) == 6 and "velocity" in loaded[3].state["optimizer"]


def test_a_timeline_belongs_to_the_network_it_was_saved_with(session, tmp_path):
    path = tmp_path / "run.timeline.npz"
    save_timeline(session.timeline.checkpoints, session.network, path)
    other = session.network.copy()
    other.params[0] += 1e-12
    with pytest.raises(InputError, match=r"run.timeline.npz: meta.fingerprint: the network "
                                         r"was changed after this timeline was saved"):
        load_timeline(path, other, BUDGET)


def rewrite(path, change) -> None:
    """Let ``change(members)`` edit the arrays of the .npz at ``path``."""
    with np.load(path) as npz:
        members = {name: npz[name] for name in npz.files}
    change(members)
    np.savez(path, **members)


def edit_meta(edit):
    def change(members):
        meta = json.loads(members["meta"].tobytes())
        edit(meta)
        members["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    return change


@pytest.mark.parametrize("change, field, detail", [
    (lambda m: m.update(params=m["params"][:, :-1]), "params", "must be 6 × 17 numbers"),
    (lambda m: m["params"].__setitem__((2, 3), np.nan), "params", "not a finite number"),
    (lambda m: m.update(extra=np.zeros(3)), "extra.npy", "is not part of a timeline"),
    (lambda m: m.pop("optimizer.velocity"), "optimizer.velocity", "is missing"),
    (lambda m: m.update(params=np.array(["a"] * 6)), "params", "must be 6 × 17 numbers"),
    (edit_meta(lambda d: d["checkpoints"][2]["state"].update(step=-1)),
     "meta.checkpoints[2].state.step", "at least 0"),
    (edit_meta(lambda d: d["checkpoints"][3]["state"].update(step=1)),
     "meta.checkpoints[3].state.step", "later than the checkpoint before"),
    (edit_meta(lambda d: d["checkpoints"][1]["state"]["optimizer"].update(arrays=["x"])),
     "meta.checkpoints[1].state.optimizer.arrays[0]", "is not an optimiser's state"),
    (edit_meta(lambda d: d.update(sizes=[2, 3, 1])), "meta.sizes", "another network"),
    (edit_meta(lambda d: d.update(format="zip")), "meta.format", ""),
])
def test_a_malformed_timeline_is_one_line_naming_file_and_field(session, tmp_path, change,
                                                                  field, detail):
    path = tmp_path / "run.timeline.npz"
    save_timeline(session.timeline.checkpoints, session.network, path)
    rewrite(path, change)
    with pytest.raises(InputError) as caught:
        load_timeline(path, session.network, BUDGET)
    message = str(caught.value)
    assert "\n" not in message and caught.value.field == field and detail in message
    assert message.startswith(str(path))


def test_sizes_are_checked_before_reading_the_arrays(session, tmp_path):
    path = tmp_path / "run.timeline.npz"
    save_timeline(session.timeline.checkpoints, session.network, path)
    with pytest.raises(InputError, match="more than the timeline's budget of 100 bytes"):
        load_timeline(path, session.network, 100)
    path.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="not an .npz archive"):
        load_timeline(path, session.network, BUDGET)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("params.npy", b"\x93NUMPY garbage")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r": params: is not a numpy array"):
        load_timeline(path, session.network, BUDGET)
    header = b"{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # 80 GB promised in 200 bytes
        archive.writestr("params.npy", b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little")
                         + header + b"\n" + bytes(8))
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r": params: its header promises more data"):
        load_timeline(path, session.network, BUDGET)


def test_the_window_saves_the_timeline_beside_the_network_and_reopens_it(
        qtbot, window, tmp_path, messages):
    session = open_example(window, "xor-2-4-1")
    step_epochs(qtbot, session, 4)
    saved = list(session.timeline.checkpoints)
    path = tmp_path / "xor.nnsim.json"
    window.files.timeline_action.trigger()
    assert window.files.save_to(path) and sidecar(path).is_file()
    assert "with its training timeline (5 moments)" in window.statusBar().currentMessage()
    window.close_action.trigger()
    assert not window.files.timeline_action.isChecked() and not len(session.timeline)
    assert window.files.open_path(path)
    assert window.files.timeline_action.isChecked()
    assert_same_checkpoints(session.timeline.checkpoints, saved)
    track = window.timeline_bar.track
    track.setFocus()
    qtbot.keyClick(track, Qt.Key_Home)
    assert np.array_equal(session.display_network().params, saved[0].params)
    # A malformed timeline: one message, the network opens all the same.
    sidecar(path).write_bytes(b"garbage")
    assert window.files.open_path(path) and session.network is not None
    assert messages[-1][1] == "Training timeline not opened" and not len(session.timeline)
    # Unchecked, saving removes the timeline beside the file.
    window.files.timeline_action.trigger()
    assert window.files.save_to(path) and not sidecar(path).exists()



def test_a_timeline_not_saved_says_the_reason_once_with_its_path(
        qtbot, window, tmp_path, monkeypatch, messages):
    import errno

    import nnsim.session.timelinefile as timelinefile

    def full_disk(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    session = open_example(window, "xor-2-4-1")
    step_epochs(qtbot, session, 1)
    path = tmp_path / "xor.nnsim.json"
    monkeypatch.setattr(timelinefile, "write_atomically", full_disk)
    window.files.timeline_action.setChecked(True)
    assert window.files.save_to(path) and path.is_file()
    title, text = messages[-1][1], messages[-1][2]
    assert title == "Training timeline not saved"
    assert text.endswith(": No space left on device") and "Errno" not in text
    assert text.count(sidecar(path).name) == 1
