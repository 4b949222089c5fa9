"""Recovery copies: written while there is unsaved work, removed when it is safe, found and
offered back after a crash (a real SIGKILLed process)."""

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from nnsim.session import Session
from nnsim.simulator.fileformat import load_project, save_project
from nnsim.simulator.limits import MAX_EPOCHS
from nnsim.simulator.resources import resource_path
from nnsim.ui import recovery
from nnsim.ui.bridge import QtPoster
from nnsim.ui.recovery import (
    Autosaver,
    Recoverable,
    discard,
    find_recoverable,
    offer_recovery,
    recovery_question,
)

EXAMPLES = resource_path("examples")
XOR = EXAMPLES / "xor-2-4-1.nnsim.json"
ROOT = Path(__file__).resolve().parent.parent


def open_session(path) -> Session:
    """A session whose training reports arrive through Qt's event loop, as in the app."""
    poster = QtPoster()
    session = Session(post=poster.post)
    session.poster = poster  # kept alive with the session
    session.open(path)
    return session


@pytest.fixture
def document(qapp):
    session = open_session(XOR)
    yield session
    session.shutdown()


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "recovery"


def edit(document, value=1.2345):
    document.pause()
    document.network.set_weight(0, 0, 0, value)
    document.mark_unsaved()


def files_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def dead_pid():
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_leftover(folder, pid, saved_at, original=XOR):
    """A recovery copy as an instance with ``pid`` leaves it."""
    folder.mkdir(parents=True, exist_ok=True)
    network_file = folder / f"recovery-{pid}.nnsim.json"
    shutil.copyfile(XOR, network_file)
    info = {"original": str(original) if original else None,
            "saved_at": saved_at.isoformat(), "pid": pid, "file": network_file.name}
    (folder / f"recovery-{pid}.json").write_text(json.dumps(info))
    return network_file


# ---------------------------------------------------------------------- autosaving
def test_writes_only_while_dirty_and_holds_the_current_weights(document, folder):
    saver = Autosaver(document, folder)
    saver.save_now()
    assert files_in(folder) == []
    edit(document)
    saver.save_now()
    pid = os.getpid()
    assert files_in(folder) == [f"recovery-{pid}.json", f"recovery-{pid}.nnsim.json"]
    saved = load_project(saver.network_file)
    assert saved.network.params.tobytes() == document.network.params.tobytes()
    assert saved.network.weights[0][0, 0] == 1.2345
    info = json.loads(saver.sidecar.read_text())
    assert info["original"] == str(XOR) and info["pid"] == pid
    assert info["file"] == saver.network_file.name
    assert document.path == XOR  # the copy went elsewhere; the document's file is its own


def test_timer_writes_the_copy(qtbot, document, folder):
    saver = Autosaver(document, folder, interval_ms=50)
    edit(document)
    with qtbot.waitSignal(saver.saved, timeout=5000) as blocker:
        pass
    assert blocker.args == [saver.network_file]


@pytest.mark.parametrize("finish", ["save", "close", "stop"])
def test_removed_once_the_work_is_safe(document, folder, tmp_path, finish):
    saver = Autosaver(document, folder)
    edit(document)
    saver.save_now()
    assert len(files_in(folder)) == 2
    if finish == "save":
        document.save(tmp_path / "mine.nnsim.json")
    elif finish == "close":
        document.close()
    else:
        saver.stop()  # a clean exit that discarded the changes: still dirty
    assert files_in(folder) == []


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask():
    """New files readable by everyone unless their creator says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def save_keeping_mode(project, path):
    """save_project as it may become: a replaced file keeps its permission bits."""
    kept = mode(path) if path.exists() else None
    save_project(project, path)
    if kept is not None:
        os.chmod(path, kept)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
@pytest.mark.parametrize("save", [save_project, save_keeping_mode])
def test_copies_are_the_owners_alone_from_the_moment_they_exist(document, folder, usual_umask,
                                                                 monkeypatch, save):
    folder.mkdir(mode=0o755)                       # as an older nnsim left it
    leftover = folder / f".recovery-{os.getpid()}.json.tmp"
    leftover.write_text("{}")                      # a crash's half-written sidecar, 0644
    folder_modes = []

    def watched(project, path):
        folder_modes.append(mode(folder))          # before the copy's file exists
        save(project, path)

    monkeypatch.setattr(recovery, "save_project", watched)
    saver = Autosaver(document, folder)
    for value in (1.5, 2.5):                       # written, then replaced a minute later
        edit(document, value)
        saver.save_now()
        assert (mode(saver.network_file), mode(saver.sidecar)) == (0o600, 0o600)
    assert folder_modes == [0o700, 0o700] and mode(folder) == 0o700
    assert load_project(saver.network_file).network.weights[0][0, 0] == 2.5
    assert files_in(folder) == [saver.sidecar.name, saver.network_file.name]


def test_idle_copy_continues_training_exactly(qtbot, document, folder):
    saver = Autosaver(document, folder)
    document.step(7)
    qtbot.waitUntil(lambda: document.trainer.step_count == 7)
    document.pause()
    saver.save_now()
    saved = load_project(saver.network_file)
    assert saved.trainer_state["step"] == 7
    assert saved.network.params.tobytes() == document.network.params.tobytes()


def test_copy_while_training_uses_the_last_snapshot(qtbot, document, folder):
    document.set_config(replace(document.config, epochs=MAX_EPOCHS))
    saver = Autosaver(document, folder)
    document.play()
    qtbot.waitUntil(lambda: document.running and document.latest is not None)
    saver.save_now()  # snapshots only arrive through the event loop, so this one is current
    snapshot_params = document.latest.params.copy()
    document.pause()
    saved = load_project(saver.network_file)
    assert saved.network.params.tobytes() == snapshot_params.tobytes()
    assert saved.trainer_state is None  # the live state would not match those weights


def test_csv_data_path_still_resolves_from_the_recovery_folder(qapp, tmp_path, folder):
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    for name in ("festival-perceptron.nnsim.json", "festival.csv"):
        shutil.copyfile(EXAMPLES / name, project_dir / name)
    document = open_session(project_dir / "festival-perceptron.nnsim.json")
    saver = Autosaver(document, folder)
    edit(document)
    saver.save_now()
    document.shutdown()
    saved = load_project(saver.network_file)
    assert Path(saved.dataset.paths[0]) == project_dir / "festival.csv"
    train, _ = saved.load_data()
    assert np.array_equal(train.inputs, document.train_data.inputs)


def unwritable_folder(tmp_path, how):
    """A recovery folder that cannot be written: read-only, or in fact a file."""
    if how == "file":
        path = tmp_path / "not-a-folder"
        path.write_text("")
        return path / "recovery"
    path = tmp_path / "read-only"
    path.mkdir(mode=0o500)
    try:
        (path / "probe").touch()
    except PermissionError:
        return path
    pytest.skip("permissions do not stop this user (root) from writing")


@pytest.mark.parametrize("how", ["read-only", "file"])
def test_a_failed_write_is_reported_once_and_never_raised(qtbot, document, tmp_path, how,
                                                          capsys):
    saver = Autosaver(document, unwritable_folder(tmp_path, how))
    edit(document)
    with qtbot.waitSignal(saver.failed) as blocker:
        saver.save_now()
    assert "Could not write the recovery copy" in blocker.args[0]
    with qtbot.assertNotEmitted(saver.failed):
        saver.save_now()
    assert capsys.readouterr().err.count("Could not write") == 1


# ---------------------------------------------------------------------- finding leftovers
def test_only_copies_of_dead_processes_are_found_newest_first(folder):
    now = datetime.now().astimezone()
    older, newer = dead_pid(), dead_pid()
    write_leftover(folder, older, now - timedelta(hours=1))
    write_leftover(folder, newer, now, original=None)
    write_leftover(folder, os.getpid(), now)
    found = find_recoverable(folder)
    assert [item.pid for item in found] == [newer, older]
    assert found[0].original is None and found[1].original == XOR
    assert found[1].path == folder / f"recovery-{older}.nnsim.json"


def test_missing_folder_and_unreadable_sidecars_find_nothing(folder):
    assert find_recoverable(folder) == []
    folder.mkdir()
    (folder / "recovery-1.json").write_text("{not json")
    assert find_recoverable(folder) == []


def test_discard_removes_both_files(folder):
    write_leftover(folder, dead_pid(), datetime.now().astimezone())
    discard(find_recoverable(folder)[0])
    assert files_in(folder) == []


def test_question_names_the_time_and_the_file():
    item = Recoverable(Path("r.nnsim.json"), Path("r.json"), Path("/x/xor.nnsim.json"),
                       datetime.now().replace(hour=14, minute=32).astimezone(), 1)
    assert recovery_question(item) == ("nnsim closed unexpectedly. Restore the unsaved "
                                       "network from 14:32 (xor.nnsim.json)?")


# ---------------------------------------------------------------------- offering them back
def answer(monkeypatch, choice):
    asked = []
    monkeypatch.setattr(recovery, "ask_restore", lambda parent, item: asked.append(item)
                        or choice)
    return asked


@pytest.mark.parametrize("choice, opened, left", [("restore", True, 0), ("discard", False, 0),
                                                  ("later", False, 2)])
def test_offer_follows_the_choice(monkeypatch, folder, choice, opened, left):
    network_file = write_leftover(folder, dead_pid(), datetime.now().astimezone())
    answer(monkeypatch, choice)
    calls = []
    restored = offer_recovery(None, folder, lambda item: calls.append(item.path) or True)
    assert restored == opened and calls == ([network_file] if opened else [])
    assert len(files_in(folder)) == left


def test_a_copy_that_fails_to_open_is_kept(monkeypatch, folder):
    write_leftover(folder, dead_pid(), datetime.now().astimezone())
    answer(monkeypatch, "restore")
    assert not offer_recovery(None, folder, lambda item: False)
    assert len(files_in(folder)) == 2


def test_nothing_to_offer_asks_nothing(monkeypatch, folder):
    asked = answer(monkeypatch, "restore")
    assert not offer_recovery(None, folder, lambda item: True)
    assert asked == []


def test_the_status_bar_says_what_was_restored_not_the_copys_name(qtbot, monkeypatch, messages,
                                                                    folder, tmp_path):
    """It said "Opened recovery-<pid>.nnsim.json" after a restore."""
    from PySide6.QtCore import QSettings

    from nnsim.ui.mainwindow import MainWindow
    write_leftover(folder, dead_pid(), datetime.now().replace(hour=9, minute=5).astimezone())
    answer(monkeypatch, "restore")
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat),
                        recovery_folder=folder)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.session.network is not None, timeout=5000)
        message = window.statusBar().currentMessage()
        assert message == "Restored the unsaved network from 09:05 (xor-2-4-1.nnsim.json)"
        assert "recovery-" not in window.windowTitle()
        assert window.session.dirty and window.session.path is None
    finally:
        window.close()   # the unsaved work: Discard (the messages fixture's answer)


CRASHING_APP = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication
    from nnsim.session import Session
    from nnsim.ui.bridge import QtPoster
    from nnsim.ui.recovery import Autosaver

    app = QCoreApplication([])
    poster = QtPoster()
    document = Session(post=poster.post)
    document.open(sys.argv[1])
    document.network.set_weight(0, 0, 0, 1.2345)
    document.mark_unsaved()
    saver = Autosaver(document, sys.argv[2], interval_ms=200)
    saver.saved.connect(lambda path: print("ready", flush=True))
    app.exec()
""")


def test_work_survives_a_real_crash(monkeypatch, folder):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, "-c", CRASHING_APP, str(XOR), str(folder)],
                           cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, app.kill)  # a hung child must not hang the suite
    watchdog.start()
    try:
        assert app.stdout.readline().strip() == "ready"
    finally:
        app.kill()
        app.wait()
        watchdog.cancel()
        app.stdout.close()
    [item] = find_recoverable(folder)
    assert item.pid == app.pid and item.original == XOR
    assert load_project(item.path).network.weights[0][0, 0] == 1.2345
    answer(monkeypatch, "restore")
    opened = []
    assert offer_recovery(None, folder, lambda item: opened.append(item.path) or True)
    assert opened == [item.path] and files_in(folder) == []


def test_an_emptied_canvas_writes_nothing_and_reports_nothing(qtbot, document, folder):
    """Undoing every edit of a new network leaves no network but a dirty document."""
    saver = Autosaver(document, folder)
    failures = []
    saver.failed.connect(failures.append)
    document.new_empty()
    document.mark_unsaved()
    saver.save_now()
    assert failures == [] and files_in(folder) == []
