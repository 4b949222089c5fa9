"""Undo and redo without Qt: a straight line of changes, each all or nothing.

A :class:`Change` holds two callables, one that installs the new value and one that
installs the old.  Each stores everything it needs (a data set already read, a copy of
the network), so taking a step back never has to read a file that may be gone.  If an
installer refuses (raises ``ValueError`` or ``OSError``), it has changed nothing, and
the history stays where it was: ``UndoRefused`` says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .events import EventGroup


@dataclass
class Change:
    """One undoable step.  ``key``: changes with the same key, pushed one after the
    other, merge into one step (typing a weight again, a training run continued), the
    newer one's ``apply_new`` winning."""

    text: str
    apply_new: Callable[[], None]
    apply_old: Callable[[], None]
    key: object = None


class UndoRefused(Exception):
    """A step could not be undone or redone; nothing changed."""


class UndoHistory:
    """Changes in order, and where the present is among them (``index``: how many are
    applied).  ``events.changed`` follows every move; ``clean`` marks the saved point."""

    def __init__(self, limit: int = 200):
        self.limit = limit
        self.changes: list[Change] = []
        self.index = 0
        self._clean: int | None = 0
        self.events = EventGroup("changed")

    # ------------------------------------------------------------------ recording
    def push(self, change: Change, *, applied: bool = True) -> None:
        """Record ``change``; ``applied`` False runs its ``apply_new`` first (which may
        refuse, recording nothing)."""
        if not applied:
            change.apply_new()
        del self.changes[self.index:]
        if self._clean is not None and self._clean > self.index:
            self._clean = None  # the saved point was in the redo tail, now gone
        top = self.changes[-1] if self.changes else None
        if top is not None and change.key is not None and top.key == change.key:
            top.apply_new = change.apply_new
            if self._clean == self.index:
                self._clean = None
        else:
            self.changes.append(change)
            self._trim()
        self.index = len(self.changes)
        self.events.changed.emit()

    def _trim(self) -> None:
        excess = len(self.changes) - self.limit
        if excess > 0:
            del self.changes[:excess]
            self._clean = None if self._clean is None or self._clean < excess \
                else self._clean - excess

    def clear(self) -> None:
        self.changes, self.index, self._clean = [], 0, 0
        self.events.changed.emit()

    # ------------------------------------------------------------------ moving
    def undo(self) -> None:
        if self.can_undo:
            self._move(self.changes[self.index - 1].apply_old, self.index - 1)

    def redo(self) -> None:
        if self.can_redo:
            self._move(self.changes[self.index].apply_new, self.index + 1)

    def jump(self, index: int) -> None:
        """Undo or redo step by step until ``index`` changes are applied; stops at the
        first refusal (raised), having kept every step before it."""
        if not 0 <= index <= len(self.changes):
            raise ValueError(f"no step {index} in a history of {len(self.changes)}")
        while self.index > index:
            self.undo()
        while self.index < index:
            self.redo()

    def _move(self, install: Callable[[], None], index: int) -> None:
        try:
            install()
        except (ValueError, OSError) as error:
            raise UndoRefused(str(error)) from error
        self.index = index
        self.events.changed.emit()

    # ------------------------------------------------------------------ reading
    @property
    def can_undo(self) -> bool:
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        return self.index < len(self.changes)

    @property
    def undo_text(self) -> str:
        return self.changes[self.index - 1].text if self.can_undo else ""

    @property
    def redo_text(self) -> str:
        return self.changes[self.index].text if self.can_redo else ""

    @property
    def texts(self) -> list[str]:
        return [change.text for change in self.changes]

    @property
    def is_clean(self) -> bool:
        """Whether the present is the point last marked clean (saved)."""
        return self._clean == self.index

    def mark_clean(self) -> None:
        self._clean = self.index
        self.events.changed.emit()
