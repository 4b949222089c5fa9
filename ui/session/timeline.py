"""A run's timeline: checkpoints to go back to, within a memory budget.

A checkpoint is everything training needs to go on exactly from that moment: the
weights and biases and the trainer's state (epoch, step, position, random generator,
optimiser arrays, history).  They are kept densely where a run starts, when a network
changes most, and thinned later: over budget, the checkpoint whose removal leaves the
smallest gap *relative to its step* goes, which spaces them about logarithmically.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: What a timeline may hold unless told otherwise.
DEFAULT_BUDGET_BYTES = 256 * 2**20


@dataclass(frozen=True)
class Checkpoint:
    """The network's ``params`` (a flat copy) and ``Trainer.state_dict()`` at a moment."""

    epoch: int
    step: int
    params: np.ndarray
    state: dict
    #: When, in epochs: ``epoch`` plus the part of the next one trained (None: ``epoch``).
    progress: float

    @property
    def position(self) -> float:
        """Where the checkpoint sits on the run's epoch axis (epochs, fractional)."""
        return self.progress

    @property
    def nbytes(self) -> int:
        arrays = [self.params] + [v for v in self.state["optimizer"].values()
                                  if isinstance(v, np.ndarray)]
        history = sum(len(v) for v in self.state["history"].values())
        return sum(a.nbytes for a in arrays) + 64 * history + 1024


class RunTimeline:
    """The checkpoints of one run, in step order, within ``budget_bytes``."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES):
        self.budget_bytes = budget_bytes
        self.checkpoints: list[Checkpoint] = []
        self.nbytes = 0

    def __len__(self) -> int:
        return len(self.checkpoints)

    def record(self, checkpoint: Checkpoint) -> None:
        """Add ``checkpoint``; one at or before an earlier step starts the run over from
        there (training continued from an earlier moment): the later ones go."""
        while self.checkpoints and self.checkpoints[-1].step >= checkpoint.step:
            self.nbytes -= self.checkpoints.pop().nbytes
        self.checkpoints.append(checkpoint)
        self.nbytes += checkpoint.nbytes
        self._fit_budget()

    def _fit_budget(self) -> None:
        while self.nbytes > self.budget_bytes and len(self.checkpoints) > 2:
            self._thin()

    def _thin(self) -> None:
        """Drop the inner checkpoint i whose gap (step[i+1] - step[i-1]) is smallest
        relative to step[i]: the first and the latest always stay."""
        steps = np.array([c.step for c in self.checkpoints], dtype=float)
        gaps = (steps[2:] - steps[:-2]) / np.maximum(steps[1:-1], 1.0)
        victim = 1 + int(np.argmin(gaps))
        self.nbytes -= self.checkpoints.pop(victim).nbytes

    def set_budget(self, budget_bytes: int) -> None:
        """Hold at most ``budget_bytes`` from now on, thinning at once if over it."""
        if budget_bytes <= 0:
            raise ValueError(f"a timeline's budget must be positive, not {budget_bytes}")
        self.budget_bytes = int(budget_bytes)
        self._fit_budget()

    def clear(self) -> None:
        self.checkpoints, self.nbytes = [], 0

    def at_or_before(self, epoch: float) -> Checkpoint | None:
        """The latest checkpoint at or before ``epoch``, or None."""
        earlier = [c for c in self.checkpoints if c.epoch <= epoch]
        return earlier[-1] if earlier else None

    def after(self, step: int) -> Checkpoint | None:
        """The first checkpoint after ``step``, or None."""
        return next((c for c in self.checkpoints if c.step > step), None)

    @property
    def epochs(self) -> list[int]:
        return [c.epoch for c in self.checkpoints]

