"""The session's core: the open project, its data, its trainer and who may touch the
network.  ``Session`` (``session.py``) adds the changes a user makes.

One owner at a time: while the training thread (:class:`TrainingRunner`) works -
playing, or running a Step - it alone touches the live network; the session waits for
it to be idle before any change, and meanwhile shows the latest snapshot.  The thread's
reports reach the session through ``post`` (the GUI thread's event loop in the app;
:class:`PendingCalls` without one), so every event is emitted on the session's thread.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np

from nnsim.simulator.fileformat import load_project, save_project
from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network
from nnsim.simulator.project import Project
from nnsim.simulator.training import Trainer, TrainingConfig
from nnsim.simulator.trainingtypes import Snapshot, TrainingError

from .events import EventGroup
from .past import PastView, probe_rows, untrained_frame
from .runner import TrainingRunner
from .state import DataState, NetworkState, PendingCalls
from .timeline import DEFAULT_BUDGET_BYTES, Checkpoint, RunTimeline
from .undo import Change, UndoHistory

EVENTS = (
    "project_replaced",    # another project is open, or none: everything is new
    "path_changed", "dirty_changed",
    "structure_changed",   # layers, neurons or connections: what is drawn changes
    "neuron_renamed",      # (layer, neuron): only a label changes
    "activations_changed", "loss_changed",
    "params_changed",      # weights and biases (typed, reset, undone, restored)
    "run_replaced",        # (History) training progress restarted or went back
    "dataset_changed", "config_changed", "speed_changed",
    "running_changed",     # (bool) playing or not
    "busy_changed",        # (bool) the training thread owns the network, or not
    "frame",               # (Snapshot) training progressed
    "finished", "failed",  # (str) why training stopped by itself; what went wrong
    "timeline_changed", "message",
    "viewing_changed",     # (Checkpoint | None) the views show that moment, or the present
)
#: The event an installed state of each kind announces (others: params_changed).
ANNOUNCED = {"structure": "structure_changed", "connections": "structure_changed",
             "activations": "activations_changed", "loss": "loss_changed"}


class SessionCore:
    """An open project (or none), its data and trainer, and the training thread."""

    def __init__(self, post: Callable[[Callable[[], None]], None] | None = None, *,
                 paced: bool = True, undo_limit: int = 200,
                 timeline_budget: int = DEFAULT_BUDGET_BYTES):
        self.events = EventGroup(*EVENTS)
        self.project: Project | None = None
        self.data = DataState()
        self.trainer: Trainer | None = None
        self.trainer_problem = ""
        self.history = UndoHistory(undo_limit)
        self.timeline = RunTimeline(timeline_budget)
        self.latest: Snapshot | None = None
        self._display_copy: tuple = (None, None)   # (snapshot, a network of its params)
        self.running = False
        self.speed = 0
        self.dirty = False
        self._busy = False
        self._probes: dict[str, np.ndarray] = {}
        self._idle_frame: Snapshot | None = None
        self._run_start: NetworkState | None = None
        self._past: PastView | None = None
        self._starts_sent = 0   # play/steps/epoch commands sent (runner.STARTS)
        self.pending = PendingCalls() if post is None else None
        self._post = post or self.pending.post
        self.runner = TrainingRunner(self._from_runner, wait_for_frames=paced)
        self.runner.start()

    # ------------------------------------------------------------------ reading
    @property
    def network(self) -> Network | None:
        """The live network: read it only while not ``busy`` (else ``display_network``)."""
        return None if self.project is None else self.project.network

    train_data = property(lambda self: self.data.train)
    test_data = property(lambda self: self.data.test)

    @property
    def config(self) -> TrainingConfig:
        return self.project.training

    @property
    def path(self) -> Path | None:
        return None if self.project is None else self.project.path

    @property
    def busy(self) -> bool:
        """Whether the training thread owns the network (playing, or a Step running)."""
        return not self.runner.idle.is_set()

    # ------------------------------------------------------------------ open, save, close
    def open(self, path) -> None:
        """Open a file; an error in it raises and the open project stays as it was, data
        that cannot be read opens as missing (``data.problem``), to be located."""
        project = load_project(Path(path))
        data = DataState.read_or_missing(project.dataset, project.base_dir)
        project.dataset = data.reference
        self.open_project(project, data)

    def new_empty(self) -> None:
        """An untitled project with no layers yet: the canvas to build on."""
        self.open_project(Project(network=None), DataState())

    def close(self) -> None:
        self.open_project(None, DataState())

    def open_project(self, project: Project | None, data: DataState) -> None:
        """Make ``project`` (with ``data`` read for it) the open one, history and run
        afresh; ``open``, ``new_empty`` and ``close`` come here, and so may a script
        with a project built in memory."""
        self.wait_idle()
        self.back_to_now()
        self.project, self.data = project, data
        self.latest, self._run_start = None, None
        self.timeline.clear()
        self.history.clear()
        self._set_trainer(project.trainer_state if project is not None else None)
        self._set_dirty(False)
        self.events.project_replaced.emit()
        self.events.path_changed.emit()

    def save(self, path=None) -> None:
        """Save atomically to ``path`` or the project's path; on an error the session
        stays unsaved (and the file as it was)."""
        self.pause()
        if self.network is None:
            raise ValueError(translate("session.core",
                                       "the network is empty: add layers before saving"))
        target = Path(path) if path else self.path
        if self.trainer is not None:
            self.project.capture(self.trainer)
        save_project(self.project, target)
        self.history.mark_clean()
        self._set_dirty(False)
        self.events.path_changed.emit()

    def mark_unsaved(self) -> None:
        """What is open is not saved anywhere yet (a recovered copy)."""
        self._set_dirty(True)

    def forget_path(self) -> None:
        """Keep the project but as untitled (an example or a recovered copy)."""
        self.project.path = None
        self.events.path_changed.emit()

    def shutdown(self) -> None:
        """End the training thread (the window closes)."""
        self.runner.stop()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.events.dirty_changed.emit(dirty)

    # ------------------------------------------------------------------ the trainer
    def _set_trainer(self, trainer_state: dict | None) -> None:
        """A trainer for the project's network and data that goes on from
        ``trainer_state`` (None: afresh), handed to the training thread."""
        self.changed()
        self.trainer, self.trainer_problem = self._trainer_for(
            self.network, trainer_state)
        if self.project is not None:
            self.project.trainer_state = trainer_state
        self.runner.send("trainer", self.trainer)
        self.wait_idle()

    def _trainer_for(self, network: Network | None, trainer_state: dict | None):
        """``(trainer, "")``, or ``(None, why there is none)``; changes nothing."""
        if self.project is None:
            return None, ""
        if network is None or network.n_layers < 2:
            return None, translate("session.core",
                                   "drag an input layer and an output layer from the palette "
                                   "onto the canvas to build a network")
        if self.data.train is None:
            return None, self.data.why_no_data
        draft = Project(network, self.project.training, self.data.reference,
                        trainer_state=trainer_state)
        try:
            return draft.make_trainer(self.data.train, self.data.test,
                                      probes=self._fitting_probes(network)), ""
        except (TrainingError, ValueError) as error:
            return None, str(error)

    def _fitting_probes(self, network: Network) -> dict[str, np.ndarray]:
        return {name: rows for name, rows in self._probes.items()
                if rows.shape[1] == network.sizes[0]}

    def set_probe(self, name: str, rows) -> None:
        """Evaluate ``rows`` (m, n_inputs) with every snapshot, as ``probes[name]`` (a
        view's decision-surface grid, its pictured samples, ...)."""
        self._probes[name] = np.array(rows, dtype=float, ndmin=2)
        self._reprobe_past(name)
        if self.trainer is None:
            self.changed()   # an untrainable network's frame evaluates it too
        elif name in self._fitting_probes(self.network):
            self._tell_trainer("probe", (name, self._probes[name]))

    def remove_probe(self, name: str) -> None:
        self._probes.pop(name, None)
        self._reprobe_past(name)
        if self.trainer is None:
            self.changed()
        else:
            self._tell_trainer("unprobe", name)

    def _tell_trainer(self, kind: str, value) -> None:
        """A probe for the trainer: set at once while the thread is idle (so the next
        idle frame has it), else between two of its steps."""
        if self.busy:
            self.runner.send(kind, value)
        elif kind == "probe":
            self.trainer.set_probe(*value)
        else:
            self.trainer.remove_probe(value)
        self.changed()

    # ------------------------------------------------------------------ training
    def play(self) -> None:
        self._start("play")

    def pause(self) -> None:
        """Stop training, wait until the thread is idle, and record the run."""
        self.wait_idle()
        self._end_run()

    def toggle_play(self) -> None:
        self.pause() if self.running else self.play()

    def step(self, count: int = 1) -> None:
        self._start("steps", count)

    def step_epoch(self) -> None:
        """Train to the end of the current epoch (a whole one at its start)."""
        self._start("epoch")

    def _start(self, kind: str, count: int | None = None) -> None:
        if self.trainer is not None:
            self._begin_run()
            self._starts_sent += 1
            self.runner.send(kind, count)

    def set_speed(self, steps_per_frame: int) -> None:
        """0 trains as fast as it can; n shows every frame after n steps.  Kept for
        every trainer to come (a reset, another file, other data)."""
        if steps_per_frame != self.speed:
            self.speed = steps_per_frame
            self.runner.send("speed", steps_per_frame)
            self.events.speed_changed.emit(steps_per_frame)

    def acknowledge_frame(self) -> None:
        """The views drew the last snapshot: the training thread may go on."""
        self.runner.acknowledge_frame()

    def wait_idle(self) -> None:
        self.runner.wait_until_idle()
        self._run_pending_reports()
        self._set_running(False)

    def _run_pending_reports(self) -> None:
        if self.pending is not None:
            self.pending.run()

    def _begin_run(self) -> None:
        self.back_to_now()
        if self._run_start is None and self.trainer is not None:
            self.wait_idle()
            self._run_start = self.capture()
            start = self._run_start
            # A copy: the run's start may be installed and trained in place later.
            self._record_checkpoint(start.network.params.copy(), start.trainer_state)
            self._set_busy(True)

    def _end_run(self) -> None:
        """Record the run that just ended as one undo step (merging with the last)."""
        start, self._run_start = self._run_start, None
        self._set_busy(False)
        if start is None or self.trainer is None or self.trainer.step_count == \
                start.trainer_state["step"]:
            return  # nothing trained (play with the epoch limit already reached)
        end = self.capture()
        self.history.push(Change(translate("session.core", "Training"),
                                 lambda: self.install(end, "training"),
                                 lambda: self.install(start, "training"), key="training"))
        self._set_dirty(True)

    def capture(self) -> NetworkState:
        """A private copy of the network and of its training state (idle only)."""
        network = None if self.network is None else self.network.copy()
        trainer_state = self.trainer.state_dict() if self.trainer is not None \
            else (None if self.project is None else self.project.trainer_state)
        return NetworkState(network, trainer_state)

    def _record_checkpoint(self, params: np.ndarray | None, state: dict | None) -> None:
        """Add the moment of ``params`` (a copy of the timeline's own: every caller's
        is fresh) and ``state`` (``Trainer.state_dict()``) to the timeline."""
        if params is None or state is None:
            return
        within = state["cursor"] / self.trainer.n_samples if state["in_epoch"] else 0.0
        self.timeline.record(Checkpoint(state["epoch"], state["step"], params, state,
                                        state["epoch"] + within))
        self.events.timeline_changed.emit()

    # ------------------------------------------------------------------ the thread's reports
    def _from_runner(self, kind: str, payload, trainer: Trainer | None) -> None:
        """Called on the training thread: hand the report to the session's thread,
        with the count of runs the thread had started when it made it."""
        starts = self.runner.starts_handled
        self._post(lambda: self._on_report(kind, payload, trainer, starts))

    def _on_report(self, kind: str, payload, trainer: Trainer | None, starts: int) -> None:
        if trainer is not self.trainer or trainer is None:
            return  # about a trainer replaced meanwhile
        # A report from before the latest Play/Step must not end that new run (Pause
        # then Play at once: the old run's "stopped" arrives after the new Play).
        latest_run = starts == self._starts_sent
        if kind == "snapshot":
            self._on_snapshot(payload, latest_run)
        elif kind == "checkpoint":
            self._record_checkpoint(*payload)
        elif kind == "running" and latest_run:
            self._set_running(payload)
            if not payload:
                self.pause()
        elif kind == "finished":
            self.events.finished.emit(payload)
        else:  # diverged, failed
            self.events.failed.emit(payload)

    def _on_snapshot(self, snapshot: Snapshot, latest_run: bool) -> None:
        self.latest = snapshot
        self.changed()
        self._set_dirty(True)
        self._record_checkpoint(snapshot.params, snapshot.state)
        self.events.frame.emit(snapshot)
        if latest_run and not self.running and self._run_start is not None:
            self.pause()  # a Step or Step epoch has ended

    def _set_running(self, running: bool) -> None:
        if running != self.running:
            self.running = running
            self.events.running_changed.emit(running)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.events.busy_changed.emit(busy)

    # ------------------------------------------------------------------ display
    def display_network(self) -> Network | None:
        """A network holding the parameters shown: the moment viewed, the live one when
        idle, else a copy with the latest snapshot's parameters (never the one being
        trained)."""
        if self._past is not None:
            return self._past.network
        if not self.busy or self.network is None:
            return self.network
        if self.latest is None:  # before the first snapshot: as the run started
            return self._run_start.copy_network() if self._run_start else None
        # One copy per snapshot, shared by every view that asks during that frame.
        shown, copy = self._display_copy
        if shown is not self.latest:
            copy = self.network.copy()
            copy.params[...] = self.latest.params
            self._display_copy = (self.latest, copy)
        return copy

    def frame(self) -> Snapshot | None:
        """What the views show: the latest snapshot while training; when idle, the
        trainer's present state (nothing taken from the next training snapshot); the
        moment viewed while looking at the past."""
        if self._past is not None:
            return self._past.frame()
        if self.busy:
            return self.latest
        if self._idle_frame is None:
            self._idle_frame = self._idle_snapshot() \
                if self.trainer is not None else self._untrained_frame()
        return self._idle_frame

    def _idle_snapshot(self) -> Snapshot:
        """The idle trainer's state; before its first epoch has ended, with the loss and
        accuracy of the weights as they stand (a learner sees where training starts)."""
        snapshot = self.trainer.snapshot(consume=False)
        if snapshot.metrics is not None:
            return snapshot
        return dataclasses.replace(snapshot, metrics=self.trainer.evaluate())

    def _untrained_frame(self) -> Snapshot | None:
        """A network that cannot be trained (a step neuron) still glows and draws its
        decision surface: its probes and its scores, as it stands."""
        network = self.network
        return None if network is None else untrained_frame(
            network, self.data, self._fitting_probes(network), self.config.probe_size)

    def changed(self) -> None:
        """Something the idle frame shows has changed: compute it afresh when asked."""
        self._idle_frame = None

    def progress(self) -> tuple[int, int]:
        shown = self.frame()  # (epoch, step) shown
        return (shown.epoch, shown.step) if shown is not None else (0, 0)

    # ------------------------------------------------------------------ installing states
    def install(self, state: NetworkState, kind: str) -> None:
        """Make ``state`` the present (undo, redo, an edit): all or nothing."""
        self.wait_idle()
        self.back_to_now()
        self._run_start, self.latest = None, None
        self._adopt(state.network)
        self._set_trainer(state.trainer_state)
        if kind in ("structure", "connections", "activations", "loss", "params", "data"):
            self.timeline.clear()  # its checkpoints belong to another network or data
            self.events.timeline_changed.emit()
        self._announce(kind)

    def _adopt(self, network: Network | None) -> None:
        """Make the project's network a copy of ``network``, in place when there is one
        already, so that every view holding it keeps a valid reference."""
        if network is None or self.network is None:
            self.project.network = None if network is None else network.copy()
        else:
            self.network.assign(network)

    def _announce(self, kind: str) -> None:
        getattr(self.events, ANNOUNCED.get(kind, "params_changed")).emit()
        if kind in ("training", "params", "data"):
            history = self.trainer.history if self.trainer is not None else None
            self.events.run_replaced.emit(history)
        self._set_dirty(True)

    # ------------------------------------------------------------------ the past
    @property
    def viewing(self) -> Checkpoint | None:
        """The moment of the timeline the views show, or None: the present."""
        return None if self._past is None else self._past.checkpoint

    def view_past(self, checkpoint: Checkpoint) -> None:
        """Show ``checkpoint`` everywhere (a running training pauses); the present stays
        as it was, ``back_to_now`` returns to it and ``restore`` makes the moment the
        present."""
        if self.trainer is None or checkpoint.params.shape != self.network.params.shape:
            return
        self.pause()
        probes = probe_rows(self.trainer, self._fitting_probes(self.network))
        self._past = PastView(checkpoint, self.network, probes)
        self.events.viewing_changed.emit(checkpoint)

    def view_next(self) -> bool:
        """View the checkpoint after the one viewed (the first when viewing the
        present); False when there is none (replay has reached the end)."""
        viewed = self.viewing
        following = self.timeline.after(-1 if viewed is None else viewed.step)
        if following is None:
            return False
        self.view_past(following)
        return True

    def back_to_now(self) -> None:
        """Show the present again (nothing to do when it is shown)."""
        if self._past is not None:
            self._past = None
            self.events.viewing_changed.emit(None)

    def adopt_timeline(self, checkpoints: list[Checkpoint]) -> None:
        """Make ``checkpoints`` (of the open network's run, as a timeline file holds
        them) the timeline, within its budget."""
        self.back_to_now()
        self.timeline.clear()
        for checkpoint in checkpoints:
            self.timeline.record(checkpoint)
        self.events.timeline_changed.emit()

    def set_timeline_budget(self, budget_bytes: int) -> None:
        self.timeline.set_budget(budget_bytes)  # a smaller budget thins now
        self.events.timeline_changed.emit()

    def _reprobe_past(self, name: str) -> None:
        """A view asked for other probe rows: the moment viewed evaluates them too."""
        if self._past is not None and self.network is not None:
            rows = self._fitting_probes(self.network).get(name)
            self._past = self._past.with_probe(name, rows)
