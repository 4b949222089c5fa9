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
from nnsim.simulator.i18n import translate
from nnsim.simulator.safetext import InputError, os_reason

from . import messages
from .controller import Controller
from .plaintext import menu_text, path_text
from .recovery import Autosaver, offer_recovery, restored_message
from .welcome import example_files, recent_files

MAX_RECENT = 10


def file_filter() -> str:
    """The file dialogs' filter, in the interface's language."""
    return translate("ui.files", "nnsim networks (*.nnsim.json);;JSON files (*.json);;"
                                 "All files (*)")


class FileController(Controller):
    """The File menu's work for one window, and its recovery copies."""

    def __init__(self, window, recovery_folder: Path | None = None):
        super().__init__(window)
        self.settings = window.settings
        self.autosaver = Autosaver(self.session, recovery_folder, parent=self)
        self.autosaver.failed.connect(lambda why: window.show_status(why, 10000))
        self.timeline_action = QAction(
            translate("ui.files", "Save Training &Timeline with the Network"), self)
        self.timeline_action.setCheckable(True)
        self.timeline_action.setStatusTip(translate(
            "ui.files", "Also save the run's saved moments beside the file ({sidecar}), "
                        "to look back at and restore after reopening it").format(
            sidecar=f"<file>{sidecar('').name}"))
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
        question = translate("ui.files", "Save the changes to {file}?").format(
            file=path_text(path.name)) if path \
            else translate("ui.files", "Save the changes to this network?")
        answer = messages.ask(
            self.window, translate("ui.files", "Unsaved changes"), question,
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Cancel:
            return False
        return answer == QMessageBox.Discard or self.save()

    def open_dialog(self) -> None:
        start = str(self.session.path.parent) if self.session.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, translate("ui.files", "Open network"), start, file_filter())
        if path:
            self.open_path(path)

    def open_path(self, path, example: bool = False) -> bool:
        """Open a file; a failure shows why and leaves the current network as it was."""
        if not self.maybe_save():
            return False
        try:
            self.session.open(path)
        except (NetworkFileError, OSError, ValueError) as error:
            messages.fail(self.window, translate("ui.files", "Could not open the file"),
                          str(error))
            return False
        if example:
            # An example opens as a new, unsaved copy so the original stays pristine.
            self.session.forget_path()
        else:
            self._remember_recent(path)
        moments = self._open_timeline(path)
        name = Path(path).name
        text = translate("ui.files", "Opened {file}").format(file=name) if moments is None \
            else translate("ui.files", "Opened {file} with its training timeline "
                                       "({count} moments)").format(file=name,
                                                                  count=f"{moments:,}")
        if self.session.data.problem:
            text = translate("ui.files", "{message}; its data could not be read").format(
                message=text)
        self.window.show_status(text, 5000)
        return True

    def _open_timeline(self, path) -> int | None:
        """Read the timeline saved beside ``path`` (if any): the number of its moments,
        or None.  A file saved with its timeline keeps saving it (the menu's check)."""
        timeline_path = sidecar(path)
        exists = timeline_path.is_file() and self.session.path is not None \
            and self.session.network is not None
        self.timeline_action.setChecked(exists)
        if not exists:
            return None
        try:
            checkpoints = load_timeline(timeline_path, self.session.network,
                                        self.session.timeline.budget_bytes)
        except InputError as error:
            messages.fail(self.window, translate("ui.files", "Training timeline not opened"),
                          str(error))
            return None
        self.session.adopt_timeline(checkpoints)
        return len(checkpoints)

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
        path, _ = QFileDialog.getSaveFileName(
            self.window, translate("ui.files", "Save network"), start, file_filter())
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
                else f"{path_text(path)}: {os_reason(error)}"
            messages.fail(self.window, translate("ui.files", "Could not save"), text)
            return False
        self._remember_recent(str(path))
        moments = self._save_timeline(path)
        self.window.show_status(
            translate("ui.files", "Saved {file}").format(file=path.name) if moments is None
            else translate("ui.files", "Saved {file} with its training timeline "
                                       "({count} moments)").format(file=path.name,
                                                                  count=f"{moments:,}"),
            5000)
        return True

    def _save_timeline(self, path: Path) -> int | None:
        """Write (or, unchecked, remove) the timeline beside ``path``: the number of its
        moments written, or None.  The network file is saved already, whatever happens
        here."""
        timeline_path = sidecar(path)
        try:
            if self.timeline_action.isChecked():
                save_timeline(self.session.timeline.checkpoints, self.session.network,
                              timeline_path)
                return len(self.session.timeline)
            timeline_path.unlink(missing_ok=True)
        except (OSError, ValueError) as error:
            messages.fail(self.window, translate("ui.files", "Training timeline not saved"),
                          f"{path_text(timeline_path)}: {os_reason(error)}")
        return None

    def close_network(self) -> None:
        if self.maybe_save():
            self.session.close()
