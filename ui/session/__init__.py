"""The session: the open project and everything that goes with it, without Qt.

``Session`` holds the project, its data, the trainer, the undo history and the run's
timeline, owns the training thread, and announces every change as an event; the Qt
front end (``nnsim.ui``) binds its widgets to it.  Scripts and tests use it headless,
with ``Session(paced=False)`` and ``session.pending.run()`` to take the thread's reports.
"""

from .runner import FramePacer, TrainingRunner
from .session import Session
from .state import DataState, NetworkState, PendingCalls
from .timeline import Checkpoint, RunTimeline
from .undo import Change, UndoHistory, UndoRefused

__all__ = ["Change", "Checkpoint", "DataState", "FramePacer", "NetworkState",
           "PendingCalls", "RunTimeline", "Session", "TrainingRunner", "UndoHistory",
           "UndoRefused"]
