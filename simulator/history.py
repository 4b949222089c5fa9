"""The per-epoch record of a training run: loss and accuracy, bounded for any length.

A learner's loss curve needs the early epochs exactly and the whole run evenly; a file
and a plot need a bounded number of points.  :class:`History` keeps both.
"""

from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass, field, fields
from typing import ClassVar

from .i18n import translate


@dataclass
class History:
    """Per-epoch metrics; accuracy lists hold None for regression.

    Bounded, so a run of any length records at most ``HEAD + TAIL`` (2,000) epochs:
    every epoch up to ``HEAD``, then the epochs on an even grid plus the latest.  The
    grid's spacing is the smallest power of two that leaves at most ``TAIL - 1`` grid
    epochs after ``HEAD`` (``tail_stride``); when the run outgrows it, the spacing
    doubles and every second recorded epoch after ``HEAD`` goes.  So the record keeps
    the early learning exactly, spans the whole run evenly, and every value in it is
    exact.  Epochs strictly increase: appending an epoch at or before the latest drops
    the entries from it on (a run continued from an earlier state), and lists given
    to the constructor (a file's) are brought within the bound the same way.
    """

    HEAD: ClassVar[int] = 1000
    TAIL: ClassVar[int] = 1000

    epoch: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float | None] = field(default_factory=list)
    test_loss: list[float | None] = field(default_factory=list)
    test_accuracy: list[float | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        for f in fields(self):  # own lists, not the caller's
            setattr(self, f.name, list(getattr(self, f.name)))
        if not all(map(operator.lt, self.epoch, self.epoch[1:])):
            self._make_increasing()
        if self.epoch:
            self._keep_on_grid(bisect.bisect_right(self.epoch, self.HEAD),
                               self.tail_stride(self.epoch[-1]))

    def _columns(self) -> list[list]:
        return [getattr(self, f.name) for f in fields(self)]

    @classmethod
    def tail_stride(cls, latest: int) -> int:
        """Spacing of the recorded epochs after ``HEAD`` when ``latest`` is the last."""
        stride = 1
        while latest // stride - cls.HEAD // stride > cls.TAIL - 1:
            stride *= 2
        return stride

    def append(self, epoch: int, metrics: Metrics) -> None:
        self._drop_from(epoch)
        previous = self.epoch[-1] if self.epoch else None
        row = (epoch, metrics.train_loss, metrics.train_accuracy, metrics.test_loss,
               metrics.test_accuracy)
        for column, value in zip(self._columns(), row):
            column.append(value)
        if previous is None:
            return
        stride = self.tail_stride(epoch)
        if stride > self.tail_stride(previous):
            self._keep_on_grid(bisect.bisect_right(self.epoch, self.HEAD), stride)
        elif previous > self.HEAD and previous % stride:  # the latest until now, off the grid
            self._keep_on_grid(len(self.epoch) - 2, stride)

    def _drop_from(self, epoch: int) -> None:
        start = bisect.bisect_left(self.epoch, epoch)
        for column in self._columns():
            del column[start:]

    def _make_increasing(self) -> None:
        """Keep each entry whose epoch is below every later one's (a later entry replaces
        the earlier ones at or after its epoch)."""
        kept: list[int] = []
        for i, epoch in enumerate(self.epoch):
            while kept and self.epoch[kept[-1]] >= epoch:
                kept.pop()
            kept.append(i)
        for column in self._columns():
            column[:] = [column[i] for i in kept]

    def _keep_on_grid(self, start: int, stride: int) -> None:
        """Drop the entries from index ``start`` on, except the latest, that are off the
        grid of ``stride``."""
        epochs, head, last = self.epoch, self.HEAD, len(self.epoch) - 1
        if start >= last:
            return
        kept = [i for i in range(start, last) if epochs[i] <= head or epochs[i] % stride == 0]
        kept.append(last)
        for column in self._columns():
            column[start:] = [column[i] for i in kept]

    def to_dict(self) -> dict:
        return {f.name: list(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> History:
        """The inverse of ``to_dict``; the lists are copied, not shared with ``data``."""
        return cls(**data)


@dataclass(frozen=True)
class Metrics:
    """Loss and accuracy on the train and test sets at one moment.

    The training set's may cover only its first ``train_rows_scored`` of ``train_rows``
    rows (training scores at most 10,000 at each epoch's end); None when not known.
    """

    train_loss: float
    train_accuracy: float | None = None
    test_loss: float | None = None
    test_accuracy: float | None = None
    train_rows_scored: int | None = None
    train_rows: int | None = None

    @property
    def train_subset(self) -> str:
        """"first 10,000 of 30,000 rows" when the training metrics cover only the first
        rows of the training set, else ""."""
        scored, rows = self.train_rows_scored, self.train_rows
        if scored is None or rows is None or scored >= rows:
            return ""
        return translate("simulator.history", "first {scored} of {rows} rows").format(
            scored=f"{scored:,}", rows=f"{rows:,}")
