"""Files: open, save, close, recent files, examples and crash recovery (exports:
``export_controller``).

A failure is shown in one plain line and changes nothing: a file that does not open
leaves the network the user had, a save that fails leaves the file on disk as it was
and the network unsaved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnsim.session.timelinefile import load_timeline, save_timeline, sidecar
from nnsim.simulator.fileformat import NetworkFileError
from nnsim.simulator.safetext import InputError

from . import messages
from .controller import Controller
from .plaintext import menu_text, path_text
from .recovery import Autosaver, offer_recovery, restored_message
from .welcome import example_files, recent_files

FILE_FILTER = "nnsim networks (*.nnsim.json);;JSON files (*.json);;All files (*)"
MAX_RECENT = 10


class FileController(Controller):
    """The File menu's work for one window, and its recovery copies."""

    def __init__(self, window, recovery_folder: Path | None = None):
        super().__init__(window)
        self.settings = window.settings
        self.autosaver = Autosaver(self.session, recovery_folder, parent=self)
        self.autosaver.failed.connect(lambda why: window.show_status(why, 10000))
        self.timeline_action = QAction("Save Training &Timeline with the Network", self)
        self.timeline_action.setCheckable(True)
        self.timeline_action.setStatusTip(
            f"Also save the run's saved moments beside the file (<file>{sidecar('').name}),"
            f" to look back at and restore after reopening it")
        self.on(lambda: self.timeline_action.setChecked(False), "project_replaced")
        QTimer.singleShot(0, self._offer_recovery)

    # ------------------------------------------------------------------ menus
    def fill_examples_menu(self, menu) -> None:
        for path, title in example_files():
            menu.addAction(menu_text(title), lambda p=path: self.open_path(p, example=True))

    def attach_recent_menu(self, menu) -> None:
        self.recent_menu = menu
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in recent_files(self.settings):
            self.recent_menu.addAction(menu_text(Path(path).name),
                                       lambda p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(recent_files(self.settings)))

    def _remember_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in recent_files(self.settings) if p != path]
        self.settings.setValue("recentFiles", [path] + recent[:MAX_RECENT - 1])
        self._rebuild_recent_menu()

    # ------------------------------------------------------------------ opening
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled."""
        if not self.session.dirty:
            return True
        path = self.session.path
        answer = messages.ask(
            self.window, "Unsaved changes",
            f"Save the changes to {path_text(path.name) if path else 'this network'}?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Cancel:
            return False
        return answer == QMessageBox.Discard or self.save()

    def open_dialog(self) -> None:
        start = str(self.session.path.parent) if self.session.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open network", start,
                                              FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path, example: bool = False) -> bool:
        """Open a file; a failure shows why and leaves the current network as it was."""
        if not self.maybe_save():
            return False
        try:
            self.session.open(path)
        except (NetworkFileError, OSError, ValueError) as error:
            messages.fail(self.window, "Could not open the file", str(error))
            return False
        if example:
            # An example opens as a new, unsaved copy so the original stays pristine.
            self.session.forget_path()
        else:
            self._remember_recent(path)
        missing = "; its data could not be read" if self.session.data.problem else ""
        self.window.show_status(f"Opened {Path(path).name}{self._open_timeline(path)}"
                                f"{missing}", 5000)
        return True

    def _open_timeline(self, path) -> str:
        """Read the timeline saved beside ``path`` (if any): "" or a note for the status
        bar.  A file saved with its timeline keeps saving it (the menu's check)."""
        timeline_path = sidecar(path)
        exists = timeline_path.is_file() and self.session.path is not None \
            and self.session.network is not None
        self.timeline_action.setChecked(exists)
        if not exists:
            return ""
        try:
            checkpoints = load_timeline(timeline_path, self.session.network,
                                        self.session.timeline.budget_bytes)
        except InputError as error:
            messages.fail(self.window, "Training timeline not opened", str(error))
            return ""
        self.session.adopt_timeline(checkpoints)
        return f" with its training timeline ({len(checkpoints):,} moments)"

    def _offer_recovery(self) -> None:
        offer_recovery(self.window, self.autosaver.folder, self._open_recovered)

    def _open_recovered(self, item) -> bool:
        """A crash's recovery copy (a ``recovery.Recoverable``) opens untitled (Save asks
        where) and unsaved."""
        if not self.open_path(item.path, example=True):
            return False
        self.session.mark_unsaved()
        self.window.show_status(restored_message(item), 5000)
        return True

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self.save_to(self.session.path)

    def save_as(self) -> bool:
        start = str(self.session.path or Path.home() / "network.nnsim.json")
        path, _ = QFileDialog.getSaveFileName(self.window, "Save network", start,
                                              FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".nnsim.json"
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except (OSError, ValueError) as error:
            # The error names the file already (NetworkFileError); an OSError may not.
            text = str(error) if isinstance(error, NetworkFileError) \
                else f"{path_text(path)}: {error}"
            messages.fail(self.window, "Could not save", text)
            return False
        self._remember_recent(str(path))
        self.window.show_status(f"Saved {path.name}{self._save_timeline(path)}", 5000)
        return True

    def _save_timeline(self, path: Path) -> str:
        """Write (or, unchecked, remove) the timeline beside ``path``: a note for the
        status bar.  The network file is saved already, whatever happens here."""
        timeline_path = sidecar(path)
        try:
            if self.timeline_action.isChecked():
                save_timeline(self.session.timeline.checkpoints, self.session.network,
                              timeline_path)
                return f" with its training timeline ({len(self.session.timeline):,} moments)"
            timeline_path.unlink(missing_ok=True)
        except (OSError, ValueError) as error:
            messages.fail(self.window, "Training timeline not saved",
                          f"{path_text(timeline_path)}: {error}")
        return ""

    def close_network(self) -> None:
        if self.maybe_save():
            self.session.close()
