"""Compare…: the dialog that chooses the runs, the comparison window, and keeping a run.

The comparison trains copies in a thread of its own and reports through the window's
poster, so the session's network is never touched until a run is kept
(``Session.keep_run``, one undo step).  Other data or another project makes the
comparison's runs meaningless for it: the window then closes.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from nnsim.session.comparison import Comparison
from nnsim.session.variants import Variant
from nnsim.simulator.i18n import translate

from .compare_dialog import CompareDialog
from .compare_window import CompareWindow
from .controller import Controller


class CompareController(Controller):
    """The Compare… action of ``window`` and the comparison it opens (one at a time)."""

    def __init__(self, window):
        super().__init__(window)
        self.action = QAction(translate("ui.compare_controller", "&Compare Runs…"), window)
        self.action.setShortcut("Ctrl+Shift+C")
        self.action.setToolTip(translate("ui.compare_controller",
                                         "Train the current network again from the same "
                                         "start with one setting changed, side by side"))
        self.action.triggered.connect(self.open_dialog)
        self.dialog: CompareDialog | None = None
        self.view: CompareWindow | None = None
        self.on(self._enable, "project_replaced", "structure_changed", "dataset_changed",
                "params_changed", "run_replaced", "loss_changed", "activations_changed")
        self.on(self.close_view, "project_replaced", "dataset_changed")
        self._enable()

    def _enable(self, *_) -> None:
        self.action.setEnabled(self.session.trainer is not None)

    def open_dialog(self) -> None:
        """Ask for the runs; Compare opens the comparison window."""
        session = self.session
        if session.trainer is None:
            return
        session.pause()
        self.dialog = CompareDialog(session.network, session.config, self.start,
                                    self.window)
        self.dialog.open()

    def start(self, variants: list[Variant]) -> None:
        """Open the comparison of ``variants`` (ValueError: it cannot be made)."""
        comparison = Comparison.of_session(self.session, variants, self.window.poster.post)
        self.close_view()
        self.view = CompareWindow(comparison, self.session.data, self.keep, self.window)
        self.view.show()

    def keep(self, index: int) -> None:
        """Make run ``index`` the session's (one undo step); the others go."""
        comparison = self.view.comparison
        state, config = comparison.state_of(index)
        self.session.keep_run(comparison.frames[index].label, state, config)
        self.close_view()

    def close_view(self, *_) -> None:
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
            self.view = None
