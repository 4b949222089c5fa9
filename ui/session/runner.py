"""Training in its own thread, which owns the live network while it works.

The session sends commands (play, pause, a number of steps, new settings, a new
trainer, ...); the runner answers through ``deliver(kind, payload, trainer)``, called on
its own thread, naming the trainer the report is about: ``"snapshot"`` (a
:class:`Snapshot`, copies only), ``"running"`` (bool: playing or not), ``"finished"``
(why training stopped by itself), ``"diverged"`` and ``"failed"`` (a message).
Between commands it is idle: then, and only then, may another thread touch the trainer
or its network.

The GIL is the hard part: a Python training loop and the GUI's painting fight over it,
so the picture stutters.  The runner therefore trains in time slices and, after
delivering a snapshot, *waits on an event* (which releases the GIL) until the GUI says
it has drawn it, or a short timeout passes.  A :class:`FramePacer` sizes each slice
from the GUI's measured share, so frames keep a steady rate.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from nnsim.simulator.pacing import RunningMean
from nnsim.simulator.training import Trainer
from nnsim.simulator.trainingtypes import TrainingDiverged

#: Longest the runner waits for the GUI to draw a frame before training on regardless.
FRAME_WAIT_SECONDS = 0.25
#: Frames the live view aims at per second (the picture, not the plots).
FRAME_RATE = 30
#: Playing records a checkpoint for the timeline at an epoch's end once the epoch count
#: has grown by this factor since the last one (every epoch at first, logarithmically
#: spaced later), and at least every CHECKPOINT_SECONDS; a Step or Step epoch always
#: records one.  The timeline's budget thins them.
CHECKPOINT_GROWTH = 1.1
CHECKPOINT_SECONDS = 0.1


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


#: Commands that start training; the runner counts those it has handled (see
#: ``starts_handled``).
STARTS = ("play", "steps", "epoch")


@dataclass(frozen=True)
class Command:
    """A request to the runner: ``kind`` is trainer, play, pause, steps, epoch, config,
    speed, probe, unprobe or quit."""

    kind: str
    value: object = None


class TrainingRunner:
    """Serves commands in a thread of its own; ``deliver`` hears from it."""

    def __init__(self, deliver: Callable[[str, object, Trainer | None], None], *,
                 wait_for_frames: bool = True, pacer: FramePacer | None = None):
        self.deliver = deliver
        self.wait_for_frames = wait_for_frames
        self.pacer = pacer or FramePacer()
        self.trainer: Trainer | None = None
        self.steps_per_frame = 0
        self.commands: queue.Queue[Command] = queue.Queue()
        self.frame_drawn = threading.Event()
        self.idle = threading.Event()
        #: How many play/steps/epoch commands the thread has taken up; read with a
        #: report, it tells which run the report is about.
        self.starts_handled = 0
        self._playing = False
        self._checkpoint_at = -math.inf
        self._next_checkpoint_epoch = 0
        self._checkpoint_step = -1   # the step the last checkpoint was taken at
        self._thread = threading.Thread(target=self._loop, name="nnsim-training",
                                         daemon=True)

    # ---------------------------------------------------------------- any thread
    def start(self) -> None:
        self._thread.start()

    def send(self, kind: str, value=None) -> None:
        if kind == "pause" and self.trainer is not None:
            self.trainer.stop_event.set()  # a long run of steps ends at the next one
        self.idle.clear()
        self.commands.put(Command(kind, value))

    def acknowledge_frame(self) -> None:
        """The GUI has drawn the last snapshot; training may go on."""
        self.frame_drawn.set()

    def wait_until_idle(self, timeout: float = 10.0) -> bool:
        """Pause, and block until the runner waits for commands."""
        if not self._thread.is_alive():
            return True
        self.send("pause")
        self.frame_drawn.set()
        return self.idle.wait(timeout)

    def stop(self, timeout: float = 10.0) -> bool:
        """End the thread; True when it really ended."""
        if not self._thread.is_alive():
            return True
        self.send("pause")
        self.send("quit")
        self.frame_drawn.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # ---------------------------------------------------------------- runner thread
    def _loop(self) -> None:
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

    def _handle(self, command: Command) -> None:
        kind, value = command.kind, command.value
        if kind in STARTS:
            self.starts_handled += 1
        if kind == "trainer":
            self._set_playing(False)
            self.trainer = value
            self._next_checkpoint_epoch = 0
            if value is not None:
                value.epoch_listener = self._epoch_ended
        elif kind == "speed":
            self.steps_per_frame = int(value)
        elif self.trainer is None:
            return  # nothing to train: play, steps and settings wait for a trainer
        elif kind in ("play", "pause"):
            self._set_playing(kind == "play")
        elif kind == "config":
            self.trainer.apply_config(value)
        elif kind == "probe":
            self.trainer.set_probe(*value)
        elif kind == "unprobe":
            self.trainer.remove_probe(value)
        elif kind in ("steps", "epoch"):
            self._set_playing(False)
            self._guarded(self._run_fixed, kind, value)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.deliver("running", playing, self.trainer)

    def _play_one_frame(self) -> None:
        trainer = self.trainer
        trainer.stop_event.clear()
        reason = trainer.should_stop()
        if reason:
            self._set_playing(False)
            self.deliver("finished", reason, trainer)
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
        if self._show() and not budget:
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
        # A Step epoch's end may have been recorded already (the epoch listener).
        self._show(checkpoint=trainer.step_count != self._checkpoint_step)

    def _epoch_ended(self, trainer) -> None:
        """At an epoch's end while training: a checkpoint when the schedule says so."""
        now = time.perf_counter()
        if trainer.epoch < self._next_checkpoint_epoch \
                and now - self._checkpoint_at < CHECKPOINT_SECONDS:
            return
        self._checkpoint_at, self._checkpoint_step = now, trainer.step_count
        self._next_checkpoint_epoch = max(trainer.epoch + 1,
                                          math.ceil(trainer.epoch * CHECKPOINT_GROWTH))
        self.deliver("checkpoint", (trainer.net.params.copy(), trainer.state_dict()),
                     trainer)

    def _show(self, checkpoint: bool = False) -> bool:
        """Deliver a snapshot (carrying a checkpoint after a Step or Step epoch: playing
        records them at epoch ends); True if the GUI drew it before the wait timed out."""
        self.frame_drawn.clear()
        self.deliver("snapshot", self.trainer.snapshot(checkpoint=checkpoint), self.trainer)
        return not self.wait_for_frames or self.frame_drawn.wait(FRAME_WAIT_SECONDS)

    def _guarded(self, action, *args) -> None:
        try:
            action(*args)
        except TrainingDiverged as error:
            self._set_playing(False)
            self.deliver("snapshot", self.trainer.snapshot(), self.trainer)
            self.deliver("diverged", str(error), self.trainer)
        except Exception as error:  # noqa: BLE001 - report, never kill the thread
            self._set_playing(False)
            self.deliver("failed", f"{type(error).__name__}: {error}", self.trainer)
