"""Reading only regular files, and saving that keeps what the user had (issue 9):
links, hard links, mode, owner, and no hidden leftovers from killed saves."""

import os
import stat
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from nnsim.simulator import filesafe
from nnsim.simulator.fileformat import NetworkFileError, load_project, save_project
from nnsim.simulator.filesafe import read_regular_file, remove_stale_temporaries, write_atomically
from nnsim.simulator.project import Project


def saved(tmp_path, name="net.nnsim.json", seed=0) -> Path:
    path = tmp_path / name
    save_project(Project.new([2, 3, 1], seed=seed), path)
    return path


def weights_of(path) -> bytes:
    return load_project(path).network.params.tobytes()


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp"))


def temporary_name(target: Path, digits="0123456789ab") -> Path:
    return target.with_name(f".{target.name}.{digits}.tmp")


def age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past), follow_symlinks=False)


# ====================================================================== reading
def run_with_a_hang_guard(function, *args):
    """``function(*args)`` in a thread; fails (rather than hangs) if it blocks."""
    outcome = {}

    def target():
        try:
            outcome["value"] = function(*args)
        except Exception as error:  # noqa: BLE001 - handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "blocked"
    return outcome


def test_a_fifo_is_refused_without_blocking(tmp_path):
    """Issue 9: a FIFO hung the GUI thread (open() waits for a writer)."""
    fifo = tmp_path / "pipe.nnsim.json"
    os.mkfifo(fifo)
    outcome = run_with_a_hang_guard(load_project, fifo)
    assert str(outcome["error"]) == f"{fifo}: this is a FIFO (named pipe), not a regular file"


@pytest.mark.parametrize("device, kind", [("/dev/zero", "a character device"),
                                          ("/dev/null", "a character device")])
def test_a_device_is_refused_before_any_byte_is_read(device, kind):
    """Issue 9: /dev/zero ate memory without bound."""
    outcome = run_with_a_hang_guard(load_project, device)
    assert str(outcome["error"]) == f"{device}: this is {kind}, not a regular file"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(NetworkFileError, match=r": this is a folder, not a regular file$"):
        load_project(tmp_path)


def test_a_regular_file_is_read_whole_up_to_the_limit(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100
    with pytest.raises(ValueError, match=r"^the file has 100 bytes; nnsim reads files of up "
                                         r"to 99 bytes$"):
        read_regular_file(path, 99)


def test_reading_allocates_what_the_file_holds_not_the_limit(tmp_path):
    path = tmp_path / "small"
    path.write_bytes(b"{}")
    tracemalloc.start()
    try:
        assert read_regular_file(path, 64 * 2**20) == b"{}"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100_000


def test_a_file_that_reports_size_0_is_still_read_whole():
    status = read_regular_file("/proc/self/status", 1_000_000)  # st_size is 0 there
    assert status.startswith(b"Name:") and b"\nPid:" in status


# ====================================================================== what saving keeps
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_saving_keeps_the_files_mode(tmp_path, mode):
    """Issue 9: a 0600 file became 0644 after a save."""
    path = saved(tmp_path)
    os.chmod(path, mode)
    save_project(Project.new([2, 3, 1], seed=5), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    assert weights_of(path) == Project.new([2, 3, 1], seed=5).network.params.tobytes()


def test_a_new_file_gets_the_usual_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        path = saved(tmp_path)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_saving_keeps_the_owner_and_group_where_permitted(tmp_path):
    path = saved(tmp_path)
    os.chown(path, 4321, 8765)
    save_project(Project.new([2, 3, 1], seed=5), path)
    info = os.stat(path)
    assert (info.st_uid, info.st_gid) == (4321, 8765)


def test_saving_through_a_symlink_updates_the_real_file_and_keeps_the_link(tmp_path):
    """Issue 9: the link became a plain file and the real file stayed old."""
    (tmp_path / "real").mkdir()
    real = saved(tmp_path / "real")
    link = tmp_path / "link.nnsim.json"
    os.symlink(real, link)
    save_project(Project.new([2, 3, 1], seed=7), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert weights_of(real) == Project.new([2, 3, 1], seed=7).network.params.tobytes()
    assert leftovers(tmp_path) == leftovers(tmp_path / "real") == []


def test_saving_through_a_chain_of_relative_links(tmp_path):
    real = saved(tmp_path)
    os.symlink(real.name, tmp_path / "a.nnsim.json")
    os.symlink("a.nnsim.json", tmp_path / "b.nnsim.json")
    save_project(Project.new([2, 3, 1], seed=8), tmp_path / "b.nnsim.json")
    assert (tmp_path / "a.nnsim.json").is_symlink() and (tmp_path / "b.nnsim.json").is_symlink()
    assert weights_of(real) == Project.new([2, 3, 1], seed=8).network.params.tobytes()


def test_saving_a_hard_linked_file_updates_every_name(tmp_path):
    """Issue 9: a save split hard links (the other name kept the old content)."""
    path = saved(tmp_path)
    other = tmp_path / "other-name.nnsim.json"
    os.link(path, other)
    inode = os.stat(path).st_ino
    save_project(Project.new([2, 3, 1], seed=9), path)
    expected = Project.new([2, 3, 1], seed=9).network.params.tobytes()
    assert weights_of(path) == weights_of(other) == expected
    assert os.stat(path).st_ino == os.stat(other).st_ino == inode
    assert os.stat(path).st_nlink == 2 and leftovers(tmp_path) == []


def test_a_failed_rewrite_of_a_hard_linked_file_puts_the_old_content_back(tmp_path,
                                                                         monkeypatch):
    path = saved(tmp_path)
    other = tmp_path / "other-name.nnsim.json"
    os.link(path, other)
    before = path.read_bytes()
    real_fsync, calls = os.fsync, []

    def fsync_failing_on_the_rewrite(fd):
        calls.append(fd)
        if len(calls) == 2:  # 1: the temporary copy, 2: the file rewritten in place
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(filesafe.os, "fsync", fsync_failing_on_the_rewrite)
    bigger = Project.new([2, 30, 1], seed=3)
    with pytest.raises(NetworkFileError, match=r"net\.nnsim\.json: cannot save: No space"):
        save_project(bigger, path)
    assert path.read_bytes() == other.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_saving_over_something_that_is_not_a_file_is_refused(tmp_path):
    fifo = tmp_path / "pipe.nnsim.json"
    os.mkfifo(fifo)
    outcome = run_with_a_hang_guard(save_project, Project.new([1, 1]), fifo)
    assert str(outcome["error"]) == (f"{fifo}: cannot save: this is a FIFO (named pipe), "
                                     f"not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


# ====================================================================== leftovers
def test_a_killed_saves_old_temporary_is_removed_by_the_next_save(tmp_path):
    """Issue 9: a crash mid-save left hidden .tmp files that nothing cleaned."""
    path = saved(tmp_path)
    stale = temporary_name(path)
    stale.write_bytes(b'{"half a fi')
    age(stale, filesafe.STALE_AFTER + 60)
    save_project(Project.new([2, 3, 1], seed=4), path)
    assert leftovers(tmp_path) == []


def test_only_old_unlocked_temporaries_of_the_same_target_are_removed(tmp_path):
    target = saved(tmp_path)
    fresh = temporary_name(target, "aaaaaaaaaaaa")
    locked = temporary_name(target, "bbbbbbbbbbbb")
    other_target = temporary_name(tmp_path / "other.nnsim.json")
    not_ours = target.with_name(f".{target.name}.backup.tmp")
    link = temporary_name(target, "cccccccccccc")
    stale = temporary_name(target, "dddddddddddd")
    for path in (fresh, locked, other_target, not_ours, stale):
        path.write_bytes(b"x")
    os.symlink(tmp_path / "nowhere", link)
    for path in (locked, other_target, not_ours, link, stale):
        age(path, 2 * filesafe.STALE_AFTER)
    with open(locked, "rb") as live_writer:
        filesafe.fcntl.flock(live_writer, filesafe.fcntl.LOCK_EX)  # as a live save holds it
        assert remove_stale_temporaries(target) == [stale]
    assert sorted(leftovers(tmp_path)) == sorted(p.name for p in (fresh, locked, other_target,
                                                                  not_ours, link))


def test_a_save_in_progress_survives_a_concurrent_save_that_cleans_up(tmp_path, monkeypatch):
    """Another save of the same file must not take a live save's temporary for a
    leftover, however long the live one takes (here: held in the middle by a test)."""
    path = saved(tmp_path)
    monkeypatch.setattr(filesafe, "STALE_AFTER", 0.0)  # every temporary looks old
    paused, resume = threading.Event(), threading.Event()
    real_fsync = os.fsync

    def fsync_pausing_the_slow_save(fd):
        if threading.current_thread() is slow_thread and not paused.is_set():
            paused.set()
            assert resume.wait(30)
        real_fsync(fd)

    monkeypatch.setattr(filesafe.os, "fsync", fsync_pausing_the_slow_save)
    errors = []
    slow_thread = threading.Thread(target=lambda: _save_catching(errors, 1, path))
    slow_thread.start()
    assert paused.wait(30)
    assert len(leftovers(tmp_path)) == 1  # the slow save's temporary, locked
    save_project(Project.new([2, 3, 1], seed=2), path)  # cleans up, then saves
    assert len(leftovers(tmp_path)) == 1
    resume.set()
    slow_thread.join(30)
    assert errors == []
    assert weights_of(path) == Project.new([2, 3, 1], seed=1).network.params.tobytes()
    assert leftovers(tmp_path) == []


def _save_catching(errors: list, seed: int, path: Path) -> None:
    try:
        save_project(Project.new([2, 3, 1], seed=seed), path)
    except Exception as error:  # noqa: BLE001 - reported by the test
        errors.append(error)


def test_concurrent_saves_of_one_file_leave_one_whole_file(tmp_path):
    path = saved(tmp_path)
    errors = []
    threads = [threading.Thread(target=_save_catching, args=(errors, seed, path))
               for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert weights_of(path) in {Project.new([2, 3, 1], seed=s).network.params.tobytes()
                                for s in range(8)}
    assert leftovers(tmp_path) == []


def test_write_atomically_creates_a_missing_link_target(tmp_path):
    link = tmp_path / "link"
    os.symlink(tmp_path / "target", link)
    write_atomically(link, b"new")
    assert (tmp_path / "target").read_bytes() == b"new" and link.is_symlink()
