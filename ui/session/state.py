"""Values the session stores to go back to: a network with its training state, and data
already read.  Each is a private copy, so installing it again needs nothing else."""

from __future__ import annotations

import queue
from collections.abc import Callable
from dataclasses import dataclass

from nnsim.simulator.dataset import Dataset
from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network
from nnsim.simulator.project import DatasetRef
from nnsim.simulator.safetext import InputError, one_line


@dataclass(frozen=True)
class NetworkState:
    """A network (a private copy; None for an empty canvas) and the trainer state that
    goes with it (``Trainer.state_dict()``; None: training starts afresh)."""

    network: Network | None
    trainer_state: dict | None

    def copy_network(self) -> Network | None:
        return None if self.network is None else self.network.copy()


@dataclass(frozen=True)
class DataState:
    """Where the data comes from and what was read from there: ``train`` and ``test``
    (test may have 0 rows); all None for a network without data.  Data that could not
    be read keeps its ``reference`` (so that saving keeps it) with ``train`` None,
    ``problem`` saying why, in one line, and ``problem_file`` the file at fault (its
    path, when the reader named one)."""

    reference: DatasetRef | None = None
    train: Dataset | None = None
    test: Dataset | None = None
    problem: str = ""
    problem_file: str = ""

    @classmethod
    def read(cls, reference: DatasetRef | None, base_dir) -> DataState:
        """Read and split the data ``reference`` names (ValueError says what is wrong);
        a CSV file's classes are recorded in the reference (``DatasetRef.pinned_to``)."""
        if reference is None:
            return cls()
        data = reference.load(base_dir)
        pinned = reference.pinned_to(data)
        return cls(pinned, *pinned.split(data, reference.load_test(base_dir)))

    @classmethod
    def read_or_missing(cls, reference: DatasetRef | None, base_dir) -> DataState:
        """``read``, or when the files cannot be read (missing, damaged), the reference
        without data and the reader's one-line ``problem``."""
        try:
            return cls.read(reference, base_dir)
        except (ValueError, OSError) as error:
            file = error.file if isinstance(error, InputError) else ""
            return cls(reference, problem=one_line(str(error)), problem_file=file)

    @property
    def why_no_data(self) -> str:
        """Why there is nothing to train on, for the Training dock (train is None)."""
        if self.problem:
            return translate("session.state", "the data cannot be read: {problem}. Use "
                             "Locate data… to find it").format(problem=self.problem)
        return translate("session.state", "no training data: choose a data set in the Data dock")


class PendingCalls:
    """``post`` for a session without an event loop (scripts, tests): what the training
    thread reports waits here until ``run`` calls it, on the caller's thread."""

    def __init__(self):
        self._calls: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()

    def post(self, call: Callable[[], None]) -> None:
        self._calls.put(call)

    def run(self, timeout: float = 0.0) -> int:
        """Run every waiting call, first waiting up to ``timeout`` seconds for one;
        returns how many ran."""
        done = 0
        try:
            call = self._calls.get(timeout=timeout) if timeout else self._calls.get_nowait()
            while True:
                call()
                done += 1
                call = self._calls.get_nowait()
        except queue.Empty:
            return done
