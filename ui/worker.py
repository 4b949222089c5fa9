"""Training off the GUI thread, streamed to the GUI as snapshots.

The worker is a QObject living in its own QThread.  It owns the trainer (and so the live
network) while it runs; the GUI only ever sees ``Snapshot`` copies.  It never touches a
widget: it emits signals, which Qt queues to the GUI thread.

The GIL is the hard part: a Python training loop and the Qt painting code fight over it,
so the GUI stutters.  The worker therefore trains in time slices and, after emitting a
snapshot, *waits on an event* (which releases the GIL) until the GUI says it has drawn
it, or a short timeout passes.  The GUI thus gets the interpreter to itself while it
paints, and training gets it while the GUI idles.  A ``FramePacer`` sizes each slice
from the GUI's measured share, so frames keep a steady rate.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from nnsim.simulator.pacing import RunningMean
from nnsim.simulator.training import Snapshot, Trainer, TrainingDiverged

#: Longest the worker waits for the GUI to draw a frame before training on regardless.
FRAME_WAIT_SECONDS = 0.25
#: Frames the live view aims at per second (the picture, not the plots).
FRAME_RATE = 30


class FramePacer:
    """How long the next training slice may run, so frames come ``1 / rate`` apart.

    A frame is a training slice, then the GUI drawing its snapshot.  The pacer keeps a
    running mean of each frame's time beyond the slice it asked for (the GUI's time,
    less what a slice left unused by stopping before an epoch's evaluation, plus any
    overrun) and asks for the period minus that.  When the GUI is slow (a huge network,
    a slow display) training still keeps ``min_train_share`` of each frame: it learns
    at a fair speed, and the picture updates less often.
    """

    SMOOTHING = 0.2  # weight of the newest frame

    def __init__(self, rate: float = FRAME_RATE, min_train_share: float = 0.6):
        self.period = 1.0 / rate
        self.train_per_gui = min_train_share / (1.0 - min_train_share)
        self.gui = RunningMean(self.SMOOTHING)
        self.overhead = RunningMean(self.SMOOTHING)

    def record(self, asked: float, trained: float, drawn: float) -> None:
        """One frame: the slice ``asked`` for, seconds ``trained`` and GUI ones ``drawn``."""
        self.gui.add(drawn)
        self.overhead.add(trained + drawn - asked)

    def slice_seconds(self) -> float:
        # The clamp keeps one odd frame (a swapped-out process) from asking for seconds.
        filling = min(self.period - self.overhead.value, 2 * self.period)
        return max(filling, self.train_per_gui * self.gui.value)


@dataclass(frozen=True)
class Command:
    """A request from the GUI thread: ``kind`` is play, pause, steps, epoch, config,
    speed, probe (new probe inputs) or quit."""

    kind: str
    value: object = None


class TrainingWorker(QObject):
    """Runs commands from a queue in its thread; emits snapshots while training."""

    snapshotReady = Signal(object)
    stateChanged = Signal(str)  # "running" or "idle"
    finished = Signal(str)      # why training stopped by itself
    diverged = Signal(str)
    failed = Signal(str)

    def __init__(self, trainer: Trainer, pacer: FramePacer | None = None,
                 steps_per_frame: int = 0):
        super().__init__()
        self.trainer = trainer
        self.pacer = pacer or FramePacer()
        self.steps_per_frame = steps_per_frame
        self.commands: queue.Queue[Command] = queue.Queue()
        self.frame_drawn = threading.Event()
        self.idle = threading.Event()
        self._playing = False

    # ---------------------------------------------------------------- GUI side (thread-safe)
    def send(self, kind: str, value=None) -> None:
        if kind == "pause":
            self.trainer.stop_event.set()
        self.idle.clear()
        self.commands.put(Command(kind, value))

    def acknowledge_frame(self) -> None:
        """The GUI has drawn the last snapshot; training may go on."""
        self.frame_drawn.set()

    # ---------------------------------------------------------------- worker thread
    @Slot()
    def loop(self) -> None:
        """Serve commands until ``quit``; blocking waits release the GIL."""
        while True:
            command = self._next_command()
            if command is not None and command.kind == "quit":
                self._set_playing(False)
                return
            if command is not None:
                self._handle(command)
            if self._playing:
                self._play_one_frame()

    def _next_command(self) -> Command | None:
        if self._playing:
            try:
                return self.commands.get_nowait()
            except queue.Empty:
                return None
        if self.commands.empty():
            self.idle.set()
        command = self.commands.get()
        self.idle.clear()
        return command

    def wait_until_idle(self, timeout: float = 10.0) -> bool:
        """Pause and block until the worker waits for commands (GUI thread only)."""
        self.send("pause")
        self.frame_drawn.set()
        return self.idle.wait(timeout)

    def _handle(self, command: Command) -> None:
        kind = command.kind
        if kind == "play":
            self._set_playing(True)
        elif kind == "pause":
            self._set_playing(False)
        elif kind == "config":
            self.trainer.apply_config(command.value)
        elif kind == "speed":
            self.steps_per_frame = int(command.value)
        elif kind == "probe":
            self.trainer.probe_inputs = command.value
        elif kind in ("steps", "epoch"):
            self._set_playing(False)
            self._guarded(self._run_fixed, kind, command.value)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.stateChanged.emit("running" if playing else "idle")

    def _play_one_frame(self) -> None:
        trainer = self.trainer
        trainer.stop_event.clear()
        reason = trainer.should_stop()
        if reason:
            self._set_playing(False)
            self.finished.emit(reason)
            return
        self._guarded(self._train_slice, self.steps_per_frame)

    def _train_slice(self, budget: int) -> None:
        """Train until the pacer's deadline, or ``budget`` steps at most (0: no limit)."""
        trainer = self.trainer
        asked = self.pacer.slice_seconds()
        start = time.perf_counter()
        deadline = start + asked
        trainer.train_steps(budget or math.inf, deadline=deadline)
        shown = time.perf_counter()
        if self._emit_and_wait(trainer.snapshot()) and not budget:
            self.pacer.record(asked, shown - start, time.perf_counter() - shown)
        if budget:
            # A slow speed shows every few steps: hold the frame for the rest of its time.
            time.sleep(max(0.0, deadline - time.perf_counter()))

    def _run_fixed(self, kind: str, count) -> None:
        trainer = self.trainer
        trainer.stop_event.clear()
        if kind == "epoch":
            trainer.run_epoch()
        else:
            trainer.train_steps(int(count or 1), respect_limits=False)
        self._emit_and_wait(trainer.snapshot())

    def _emit_and_wait(self, snapshot: Snapshot) -> bool:
        """Emit ``snapshot``; True if the GUI drew it before the wait timed out."""
        self.frame_drawn.clear()
        self.snapshotReady.emit(snapshot)
        return self.frame_drawn.wait(FRAME_WAIT_SECONDS)

    def _guarded(self, action, *args) -> None:
        try:
            action(*args)
        except TrainingDiverged as error:
            self._set_playing(False)
            self.snapshotReady.emit(self.trainer.snapshot())
            self.diverged.emit(str(error))
        except Exception as error:  # noqa: BLE001 - report, never kill the thread
            self._set_playing(False)
            self.failed.emit(f"{type(error).__name__}: {error}")


class TrainingThread:
    """Starts a worker in a QThread with the standard recipe and shuts it down cleanly."""

    def __init__(self, trainer: Trainer, **worker_options):
        self.thread = QThread()
        self.thread.setObjectName("nnsim-training")
        self.worker = TrainingWorker(trainer, **worker_options)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.loop)
        self.worker.destroyed.connect(self.thread.quit)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Stop training and the thread; True when the thread really ended."""
        if not self.thread.isRunning():
            return True
        self.worker.send("pause")
        self.worker.send("quit")
        self.worker.acknowledge_frame()
        self.thread.quit()
        return self.thread.wait(timeout_ms)
