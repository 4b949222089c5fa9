"""Never lose work: periodic recovery copies of an unsaved network, offered back after a crash.

Every running nnsim writes its unsaved network to ``recovery-<pid>.nnsim.json`` in the
recovery folder, next to a sidecar ``recovery-<pid>.json`` that says which file it came
from and when it was written (the network format refuses unknown fields, so this lives
apart).  Both are the owner's alone (0600, in a 0700 folder): they hold unsaved work and
the path it came from.  A clean save or exit removes both; files whose process is gone
are a crash's leftovers and are offered back at the next start.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from nnsim.session import Session
from nnsim.simulator.fileformat import save_project
from nnsim.simulator.i18n import translate
from nnsim.simulator.safetext import one_line, os_reason

from .messages import message_box
from .plaintext import path_text

AUTOSAVE_INTERVAL_MS = 60_000
#: Recovery copies hold the user's unsaved work and the path it came from: owner only.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
_SIDECAR = re.compile(r"recovery-\d+\.json")


def default_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)) / "recovery"


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) so that only its owner can list or open what
    is in it; a folder left open to others (by an older nnsim) is closed."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) != PRIVATE_FOLDER:
        os.chmod(folder, PRIVATE_FOLDER)


class Autosaver(QObject):
    """Writes the session's project to the recovery folder every interval while it has
    unsaved changes, without pausing training (``Session.consistent_copy``)."""

    saved = Signal(object)  # the recovery file's Path
    failed = Signal(str)    # user-readable, once per run of failures

    def __init__(self, session: Session, folder: Path | None = None,
                 interval_ms: int = AUTOSAVE_INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.folder = Path(folder) if folder is not None else default_folder()
        self.network_file = self.folder / f"recovery-{os.getpid()}.nnsim.json"
        self.sidecar = self.folder / f"recovery-{os.getpid()}.json"
        self._failing = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.save_now)
        self.timer.start(interval_ms)
        session.events.dirty_changed.connect(self._on_dirty_changed)

    def save_now(self) -> None:
        """Write a recovery copy if there is unsaved work; failures are reported, not raised."""
        if not self.session.dirty:
            return
        try:
            project = self.session.consistent_copy()
            if project is None:
                return
            make_private_folder(self.folder)
            save_project(project, self.network_file)
            # save_project gives a new file the umask's bits (often 0644): only the
            # folder's 0700 kept others out until now.
            os.chmod(self.network_file, PRIVATE_FILE)
            self._write_sidecar()
        except Exception as error:  # noqa: BLE001 - a recovery copy must never break the app
            self._report(translate("ui.recovery", "Could not write the recovery copy: {error}")
                         .format(error=os_reason(error)))
            return
        self._failing = False
        self.saved.emit(self.network_file)

    def stop(self) -> None:
        """A clean exit: no more copies, and no leftovers to offer at the next start."""
        self.timer.stop()
        self.remove_files()

    def remove_files(self) -> None:
        try:
            for path in (self.sidecar, self.network_file):
                path.unlink(missing_ok=True)
        except OSError as error:
            self._report(translate("ui.recovery", "Could not remove the recovery copy: {error}")
                         .format(error=os_reason(error)))

    def _on_dirty_changed(self, dirty: bool) -> None:
        # Saved, closed or replaced: the work is safe (or deliberately dropped).
        if not dirty:
            self.remove_files()

    def _write_sidecar(self) -> None:
        original = self.session.path
        info = {"original": str(original) if original else None,
                "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                "pid": os.getpid(), "file": self.network_file.name}
        # Renamed into place so a crash never leaves a half-written sidecar.
        temporary = self.sidecar.with_name(f".{self.sidecar.name}.tmp")
        temporary.unlink(missing_ok=True)   # a crash's leftover, with whatever mode it had
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(json.dumps(info))
        os.replace(temporary, self.sidecar)

    def _report(self, message: str) -> None:
        if not self._failing:
            self._failing = True
            print(f"nnsim: {one_line(message)}", file=sys.stderr)
            self.failed.emit(message)


# ====================================================================== after a crash
@dataclass(frozen=True)
class Recoverable:
    """A crashed instance's recovery copy."""

    path: Path              # the network file to open
    sidecar: Path
    original: Path | None   # the file it was edited from; None for an untitled network
    saved_at: datetime
    pid: int


def find_recoverable(folder: Path) -> list[Recoverable]:
    """Recovery copies whose process is gone, newest first (unreadable ones are skipped)."""
    found = []
    for sidecar in Path(folder).glob("recovery-*.json"):
        if not _SIDECAR.fullmatch(sidecar.name):
            continue
        item = _read_sidecar(sidecar)
        if item is not None and item.path.is_file() and not _process_alive(item.pid):
            found.append(item)
    return sorted(found, key=lambda item: item.saved_at, reverse=True)


def _read_sidecar(sidecar: Path) -> Recoverable | None:
    try:
        info = json.loads(sidecar.read_text(encoding="utf-8"))
        name = info["file"]
        if Path(name).name != name:  # only ever a file beside the sidecar
            return None
        return Recoverable(sidecar.with_name(name), sidecar,
                           Path(info["original"]) if info["original"] else None,
                           datetime.fromisoformat(info["saved_at"]), int(info["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _process_alive(pid: int) -> bool:
    """Whether ``pid`` runs; a reused pid counts as alive, which only postpones the offer."""
    if os.name == "nt":
        # os.kill(pid, 0) on Windows would send Ctrl-C (signal 0 is CTRL_C_EVENT).
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        pass
    return True


def discard(item: Recoverable) -> None:
    for path in (item.sidecar, item.path):
        path.unlink(missing_ok=True)


def offer_recovery(parent, folder: Path, open_callback) -> bool:
    """Offer crashed instances' work, newest first; True when one was restored.

    ``open_callback(item) -> bool`` opens a ``Recoverable``'s file as an unsaved
    network.  Restore stops after one (a window holds one network); Later keeps the
    rest for next time.
    """
    for item in find_recoverable(folder):
        choice = ask_restore(parent, item)
        if choice == "restore":
            restored = bool(open_callback(item))
            if restored:
                discard(item)
            return restored
        if choice == "later":
            return False
        discard(item)
    return False


def unsaved_work(item: Recoverable) -> str:
    """"the unsaved network from 14:32 (xor.nnsim.json)": when the copy was written
    (with its date unless today) and the file it was edited from, or "Untitled"."""
    saved_at = item.saved_at.astimezone()
    when = saved_at.strftime("%H:%M" if saved_at.date() == datetime.now().date()
                             else "%Y-%m-%d %H:%M")
    name = path_text(item.original.name) if item.original \
        else translate("ui.recovery", "Untitled")
    return translate("ui.recovery", "the unsaved network from {when} ({file})").format(
        when=when, file=name)


def recovery_question(item: Recoverable) -> str:
    return translate("ui.recovery", "nnsim closed unexpectedly. Restore {work}?").format(
        work=unsaved_work(item))


def restored_message(item: Recoverable) -> str:
    """What the status bar says once ``item`` is open (not its recovery file's name)."""
    return translate("ui.recovery", "Restored {work}").format(work=unsaved_work(item))


def ask_restore(parent, item: Recoverable) -> str:
    """"restore", "discard" or "later" (closing the box is later: nothing is lost)."""
    box = message_box(parent, QMessageBox.Question,
                      translate("ui.recovery", "Recover unsaved work"),
                      recovery_question(item), QMessageBox.NoButton)
    restore = box.addButton(translate("ui.recovery", "Restore"), QMessageBox.AcceptRole)
    drop = box.addButton(translate("ui.recovery", "Discard"), QMessageBox.DestructiveRole)
    box.addButton(translate("ui.recovery", "Later"), QMessageBox.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore else "discard" if clicked is drop else "later"
