"""Plain-Python events: a model announces a change, its views react.

As napari's models do (with psygnal), each change has its own named event, emitted
only when the value really changed.  Callbacks run at once, on the thread that emits;
the session emits only on the thread that owns it (the GUI thread in the app), so a
view may touch its widgets in a callback.  A bound method is held weakly: a view that
is gone stops receiving events without having to disconnect.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import MethodType


class Event:
    """One kind of change; ``connect`` a callback, ``emit`` calls every live one."""

    def __init__(self, name: str):
        self.name = name
        self._callbacks: list[Callable[[], Callable | None]] = []

    def connect(self, callback: Callable) -> Callable:
        """Call ``callback(*args)`` on every ``emit(*args)``; returns ``callback``."""
        if isinstance(callback, MethodType):
            reference = weakref.WeakMethod(callback)
        else:
            reference = lambda: callback  # noqa: E731 - a function is held strongly
        self._callbacks.append(reference)
        return callback

    def disconnect(self, callback: Callable) -> None:
        self._callbacks = [ref for ref in self._callbacks if ref() not in (callback, None)]

    def emit(self, *args) -> None:
        for reference in list(self._callbacks):
            callback = reference()
            if callback is None:
                self._callbacks.remove(reference)
            else:
                callback(*args)

    def __repr__(self) -> str:
        return f"Event({self.name!r}, {len(self._callbacks)} callbacks)"


class EventGroup:
    """The events of one model, each an attribute: ``session.events.renamed.connect(f)``."""

    def __init__(self, *names: str):
        for name in names:
            setattr(self, name, Event(name))
