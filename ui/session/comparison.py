"""Side-by-side runs: up to four trainings from the same start, in lockstep.

A :class:`Comparison` starts every run from the current run's start (the first
checkpoint of the session's timeline: its weights and trainer state, so the same batch
order; the present state when nothing has been trained yet), each with one setting
changed (:class:`~.variants.Variant`); the first run keeps the current settings.  The
runs advance together, each until it has seen the same number of training samples
(with batches of different sizes, a different number of steps).

The runs train copies in a worker thread of their own, never the session's network;
what they have done reaches the caller as :class:`RunFrame` copies through ``post``
(the GUI thread's event loop in the app, :class:`PendingCalls` without one), and the
``frames`` event is emitted there.  Keeping a run hands its network, trainer state and
settings to ``Session.keep_run``: one undo step.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import io
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from nnsim.simulator.history import History, Metrics
from nnsim.simulator.i18n import translate
from nnsim.simulator.project import Project
from nnsim.simulator.training import Trainer, TrainingConfig
from nnsim.simulator.trainingtypes import TrainingDiverged

from .events import EventGroup
from .runner import FRAME_WAIT_SECONDS
from .state import DataState, NetworkState, PendingCalls
from .variants import Variant, current_text

#: History's metric columns, in the order the table and the CSV show them.
METRIC_COLUMNS = ("train_loss", "train_accuracy", "test_loss", "test_accuracy")

if TYPE_CHECKING:  # the session imports nothing from here; only annotations need it
    from .session import Session

#: Runs in one comparison, the current settings' included.
MAX_RUNS = 4
#: Seconds of training between two frames while playing.
FRAME_SECONDS = 1 / 30

@dataclass(frozen=True)
class RunFrame:
    """One run at a moment (copies): its ``label``, ``samples`` seen since the start,
    ``epochs`` (samples / training rows), the metrics at the start and each epoch since
    (``curve``, ``epochs_at``: epochs since the start, float), the loss of its first
    batch, its ``params`` (flat) and why it stopped (``problem``, "" while it trains)."""

    label: str
    samples: int
    epochs: float
    start: Metrics
    curve: History
    epochs_at: tuple[float, ...]
    first_loss: float
    params: np.ndarray
    problem: str

    def series(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """``(x, y)``: epochs since the start and ``column`` of History (train_loss,
        test_accuracy, ...) from the start on, None values left out."""
        x = (0.0, *self.epochs_at)
        y = (getattr(self.start, column), *getattr(self.curve, column))
        kept = [(a, b) for a, b in zip(x, y) if b is not None]
        return (np.array([a for a, _ in kept], dtype=float),
                np.array([b for _, b in kept], dtype=float))

    def latest(self, column: str) -> float | None:
        values = getattr(self.curve, column)
        return values[-1] if values else getattr(self.start, column)

    def epochs_to(self, target_loss: float) -> float | None:
        """Epochs since the start until the training loss was ≤ ``target_loss`` at an
        epoch's end (0 when it was at the start); None when not yet."""
        x, y = self.series("train_loss")
        reached = np.flatnonzero(y <= target_loss)
        return float(x[reached[0]]) if reached.size else None


class ComparisonRun:
    """One run: a copy of the network and a trainer of its own on the shared data."""

    def __init__(self, label: str, state: NetworkState, config: TrainingConfig,
                 data: DataState):
        self.label = label
        self.config = config
        self.network = state.network
        project = Project(self.network, config, data.reference,
                          trainer_state=state.trainer_state)
        self.trainer: Trainer = project.make_trainer(data.train, data.test)
        start = state.trainer_state
        self.start_epoch = self.trainer.epoch
        cursor = start["cursor"] if start is not None and start["in_epoch"] else 0
        # A step either ends its epoch or takes a whole batch: the batch of the epoch
        # under way (a saved one may have had another size) counts the samples seen.
        self._batch = start["batch_in_epoch"] if cursor else self.trainer.batch_size
        self._in_epoch_rows = cursor
        self.samples = 0
        self._start_offset = cursor / self.trainer.n_samples
        self.start_metrics = self.trainer.evaluate()
        self.first_loss = math.nan
        self.problem = ""

    @property
    def finished(self) -> bool:
        """Diverged, or at the epoch limit (one the start was already at does not
        count: a finished run is compared further until paused)."""
        limit = self.config.epochs
        return bool(self.problem) or (
            limit is not None and self.start_epoch < limit <= self.trainer.epoch)

    def advance_to(self, samples: int, stop: threading.Event | None = None) -> None:
        """Train until ``samples`` have been seen since the start (at least that many:
        a batch is never split), or ``stop`` is set; a divergence ends the run
        (``problem``)."""
        while self.samples < samples and not self.problem and not (stop and stop.is_set()):
            epoch = self.trainer.epoch
            try:
                loss = self.trainer.step()
            except TrainingDiverged as error:
                self.problem = translate("session.comparison", "diverged at step {step}").format(
                    step=error.step)
                return
            if math.isnan(self.first_loss):
                self.first_loss = loss
            if self.trainer.epoch != epoch:
                self.samples += self.trainer.n_samples - self._in_epoch_rows
                self._in_epoch_rows, self._batch = 0, self.trainer.batch_size
            else:
                self.samples += self._batch
                self._in_epoch_rows += self._batch

    def frame(self) -> RunFrame:
        """A copy of where the run is (worker thread, or idle)."""
        history = self.trainer.history
        first = bisect.bisect_right(history.epoch, self.start_epoch)  # epochs increase
        curve = History(*(column[first:] for column in (
            history.epoch, history.train_loss, history.train_accuracy,
            history.test_loss, history.test_accuracy)))
        offset = self.start_epoch + self._start_offset
        return RunFrame(self.label, self.samples, self.samples / self.trainer.n_samples,
                        self.start_metrics, curve, tuple(e - offset for e in curve.epoch),
                        self.first_loss, self.network.params.copy(), self.problem)

    def state(self) -> NetworkState:
        """A private copy of the network and its trainer state (idle only)."""
        return NetworkState(self.network.copy(), self.trainer.state_dict())


def starting_state(session: Session) -> NetworkState:
    """Where the session's current run started: the first checkpoint of its timeline
    (weights and trainer state), or the present when nothing has been trained."""
    session.pause()
    present = session.capture()
    checkpoints = session.timeline.checkpoints
    if not checkpoints or present.network is None:
        return present
    first = checkpoints[0]
    network = present.copy_network()
    network.params[...] = first.params
    return NetworkState(network, first.state)


class Comparison:
    """Runs from one start with one setting changed each; see the module docstring."""

    def __init__(self, start: NetworkState, config: TrainingConfig, data: DataState,
                 variants: list[Variant], post: Callable | None = None, *,
                 paced: bool = True):
        if not 1 <= len(variants) < MAX_RUNS:
            raise ValueError(translate("session.comparison", "compare 1 to {count} changed "
                                       "settings with the current ones").format(
                count=MAX_RUNS - 1))
        if start.network is None or data.train is None:
            raise ValueError(translate("session.comparison",
                                       "there is no network and data to train yet"))
        self.variants = list(variants)
        config = dataclasses.replace(config)  # the runs' own: the session's may change
        self.runs = [ComparisonRun(self._baseline_label(start.network, config), start,
                                   config, data)]
        labels = set(self.runs[0].label.split(", "))
        for variant in variants:
            label = variant.label(start.network)
            if label in labels:
                raise ValueError(translate("session.comparison", "{run} is already one of the "
                                           "runs: choose another value").format(run=label))
            labels.add(label)
            state, changed = variant.start(start, config)
            self.runs.append(ComparisonRun(label, state, changed, data))
        self.n_samples = self.runs[0].trainer.n_samples
        self.events = EventGroup("frames", "running_changed")
        self.pending = PendingCalls() if post is None else None
        self._post = post or self.pending.post
        self.paced = paced
        self.frames = [run.frame() for run in self.runs]
        self.running = False
        self.clock = 0  # the samples every run is to have seen
        self._stop = threading.Event()
        self._drawn = threading.Event()
        self._thread: threading.Thread | None = None
        self._generation = 0  # of the worker; a report of an earlier one is stale

    @classmethod
    def of_session(cls, session: Session, variants: list[Variant], post=None,
                   **kwargs) -> Comparison:
        """A comparison from the session's current run start and settings."""
        return cls(starting_state(session), session.config, session.data, variants,
                   post, **kwargs)

    def _baseline_label(self, network, config) -> str:
        """The current value of each varied setting: "η = 0.3", "η = 0.3, batch = 4"."""
        texts = dict.fromkeys(current_text(v.setting, network, config, v.layer)
                              for v in self.variants)
        return ", ".join(texts)

    # ------------------------------------------------------------------ commands
    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def step(self) -> None:
        """Every run on by one batch of the first run's size."""
        self._start(lambda: self._advance(self.runs[0].trainer.batch_size), False)

    def step_epoch(self) -> None:
        """Every run on by one epoch's samples."""
        self._start(lambda: self._advance(self.n_samples), False)

    def play(self) -> None:
        """Train on until ``pause``, or until every run has finished."""
        self._start(self._play, True)

    def pause(self) -> None:
        """Stop the worker (a Step half done, too) and wait for it."""
        self._stop.set()
        self._drawn.set()
        self.wait_idle()

    def wait_idle(self) -> None:
        """Wait until the worker has finished; its last frame has then been taken."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self.pending is not None:
            self.pending.run()
        self._set_running(False)

    def close(self) -> None:
        self.pause()

    def acknowledge_frame(self) -> None:
        """The view drew the last frames: playing goes on."""
        self._drawn.set()

    def state_of(self, index: int) -> tuple[NetworkState, TrainingConfig]:
        """Copies of run ``index``'s network, trainer state and settings (pauses
        first)."""
        self.pause()
        run = self.runs[index]
        return run.state(), dataclasses.replace(run.config)

    def _start(self, work: Callable[[], None], playing: bool) -> None:
        self.pause()
        self._stop.clear()
        self._set_running(playing)
        self._generation += 1
        self._thread = threading.Thread(target=self._work, args=(work, self._generation),
                                        name="nnsim-comparison", daemon=True)
        self._thread.start()

    def _set_running(self, running: bool) -> None:
        if running != self.running:
            self.running = running
            self.events.running_changed.emit(running)

    # ------------------------------------------------------------------ worker thread
    def _work(self, work: Callable[[], None], generation: int) -> None:
        work()
        self._post(lambda: self._stopped(generation))

    def _stopped(self, generation: int) -> None:
        if generation == self._generation:
            self._set_running(False)

    def _advance(self, samples: int) -> None:
        self.clock += samples
        for run in self.runs:
            run.advance_to(self.clock, self._stop)
        self._deliver()

    def _play(self) -> None:
        chunk = self.runs[0].trainer.batch_size
        while not self._stop.is_set() and not all(run.finished for run in self.runs):
            deadline = time.perf_counter() + FRAME_SECONDS
            while time.perf_counter() < deadline and not self._stop.is_set():
                self.clock += chunk
                for run in self.runs:
                    if not run.finished:  # a short advance: no pause comes between
                        run.advance_to(self.clock)
            self._deliver()
            if self.paced:
                self._drawn.wait(FRAME_WAIT_SECONDS)

    def _deliver(self) -> None:
        frames = [run.frame() for run in self.runs]
        self._drawn.clear()
        self._post(lambda: self._receive(frames))

    def _receive(self, frames: list[RunFrame]) -> None:
        self.frames = frames
        self.events.frames.emit(frames)


def comparison_csv(frames: list[RunFrame]) -> str:
    """The curves as CSV: a header naming each run's columns, then one row per epoch
    since the start (blank where a run has no value: it stopped, or has no test set)."""
    table: dict[float, dict[int, tuple]] = {}
    for index, frame in enumerate(frames):
        x = (0.0, *frame.epochs_at)
        rows = zip(*((getattr(frame.start, c), *getattr(frame.curve, c))
                     for c in METRIC_COLUMNS))
        for epoch, row in zip(x, rows):
            table.setdefault(epoch, {})[index] = row
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["epochs"] + [f"{frame.label}: {c.replace('_', ' ')}"
                                  for frame in frames for c in METRIC_COLUMNS])
    blank = (None,) * len(METRIC_COLUMNS)
    for epoch in sorted(table):
        cells = [f"{epoch:g}"]
        for index in range(len(frames)):
            cells += ["" if v is None else repr(float(v))
                      for v in table[epoch].get(index, blank)]
        writer.writerow(cells)
    return text.getvalue()
