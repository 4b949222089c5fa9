"""Undo commands.  Each changes the document's model only; the views follow its signals.

Structural edits are stored as two snapshots of the document (network and training
state) because they rebuild every array anyway; a hand-edited weight or bias stores
just the old and new value, and repeated edits of the same value merge into one step.
Training runs are undo steps too (consecutive runs merge), so the history stays one
straight line: Undo after training first takes the training back, then the edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from nnsim.simulator.network import Network

PARAM_EDIT_ID = 1
TRAINING_RUN_ID = 2


@dataclass(frozen=True)
class DocumentState:
    """What a structural edit changes: the network (a private copy) and the training
    state that belongs to it (None: never trained)."""

    network: Network | None
    trainer_state: dict | None


class StateCommand(QUndoCommand):
    """An edit already applied, as the states before and after it."""

    def __init__(self, document, text: str, before: DocumentState, after: DocumentState):
        super().__init__(text)
        self.document = document
        self.before, self.after = before, after
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # pushed after the edit was made: nothing to do the first time
            self._applied = False
            return
        self.document.restore_state(self.after)

    def undo(self) -> None:
        self.document.restore_state(self.before)


class TrainingRunCommand(StateCommand):
    """One run of training (Play…Pause, a Step, a Step epoch); consecutive runs merge."""

    def id(self) -> int:
        return TRAINING_RUN_ID

    def mergeWith(self, other) -> bool:
        if not isinstance(other, TrainingRunCommand):
            return False
        self.after = other.after
        return True


class ParamCommand(QUndoCommand):
    """A weight or bias typed in by hand: flat index into ``params``, old and new value."""

    def __init__(self, document, text: str, index: int, old: float, new: float):
        super().__init__(text)
        self.document, self.index, self.old, self.new = document, index, old, new

    def id(self) -> int:
        return PARAM_EDIT_ID

    def mergeWith(self, other) -> bool:
        if not isinstance(other, ParamCommand) or other.index != self.index:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.document.write_param(self.index, self.new)

    def undo(self) -> None:
        self.document.write_param(self.index, self.old)


class SettingCommand(QUndoCommand):
    """A change of one whole setting (training settings, the data reference): ``apply``
    is the document method that installs a value; undo installs the old one."""

    def __init__(self, text: str, apply, old, new):
        super().__init__(text)
        self.apply, self.old, self.new = apply, old, new

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)
