"""Values the session stores to go back to: a network with its training state, and data
already read.  Each is a private copy, so installing it again needs nothing else."""

from __future__ import annotations

import queue
from collections.abc import Callable
from dataclasses import dataclass

from nnsim.simulator.dataset import Dataset
from nnsim.simulator.network import Network
from nnsim.simulator.project import DatasetRef


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
    (test may have 0 rows); all None for a network without data."""

    reference: DatasetRef | None = None
    train: Dataset | None = None
    test: Dataset | None = None

    @classmethod
    def read(cls, reference: DatasetRef | None, base_dir) -> DataState:
        """Read and split the data ``reference`` names (ValueError says what is wrong);
        a CSV file's classes are recorded in the reference (``DatasetRef.pinned_to``)."""
        if reference is None:
            return cls()
        data = reference.load(base_dir)
        pinned = reference.pinned_to(data)
        return cls(pinned, *pinned.split(data))


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
