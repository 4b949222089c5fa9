"""The open document: one project (network, data, training state) and its training thread.

Widgets never change the network directly: they call Document methods, which change the
model and announce it with signals; the views redraw from those signals or from the
snapshots the training worker streams.  While training runs the worker owns the live
network, so the Document pauses it (and waits) before anything else touches it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from nnsim.simulator.datasets import Dataset
from nnsim.simulator.fileformat import load_project, save_project
from nnsim.simulator.network import Network
from nnsim.simulator.project import Project
from nnsim.simulator.training import Snapshot, Trainer, TrainingConfig, TrainingError

from .commands import DocumentState, ParamCommand, SettingCommand, StateCommand, TrainingRunCommand
from .plaintext import name, window_title_name
from .worker import TrainingThread

#: Training rows whose activations are shown (node glow is their mean; histograms).


@dataclass(frozen=True)
class ProbeLayout:
    """Rows of a snapshot's probe batch: first ``samples`` data rows, then ``extra`` rows
    the data view asked for (its decision-surface grid or sample images)."""

    samples: int
    extra: int


class Document(QObject):
    """The model behind the main window."""

    projectReplaced = Signal()        # a different project is open (or none)
    structureChanged = Signal()       # layers, neurons, connections or activations
    paramsChanged = Signal()          # weights/biases changed outside training
    snapshotArrived = Signal(object)  # a training Snapshot to display
    datasetChanged = Signal()
    configChanged = Signal()
    trainingStateChanged = Signal(str)  # "running" / "idle"
    trainingFinished = Signal(str)
    trainingFailed = Signal(str)      # divergence or error, user-readable
    dirtyChanged = Signal(bool)
    pathChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.train_data: Dataset | None = None
        self.test_data: Dataset | None = None
        self.trainer: Trainer | None = None
        self.training: TrainingThread | None = None
        self.trainer_problem = ""
        self.last_snapshot: Snapshot | None = None
        self.probe = ProbeLayout(0, 0)
        self._extra_probe = np.zeros((0, 0))
        self.probe_rows = np.zeros((0, 0))
        self.running = False
        self.dirty = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        # A bound method, not a lambda: Qt drops the connection when the document goes.
        self.undo_stack.indexChanged.connect(self._undo_index_changed)
        self._training_start: DocumentState | None = None

    # ------------------------------------------------------------------ properties
    @property
    def network(self) -> Network | None:
        return self.project.network if self.project else None

    @property
    def path(self) -> Path | None:
        return self.project.path if self.project else None

    @property
    def config(self) -> TrainingConfig:
        return self.project.training

    @property
    def title(self) -> str:
        if self.project is None:
            return "nnsim"
        file_name = window_title_name(self.path.name) if self.path else "Untitled"
        return f"{file_name}[*] — nnsim"

    # ------------------------------------------------------------------ open / save
    def open(self, path) -> None:
        """Load a file; on any error raise it and keep the current project untouched."""
        project = load_project(Path(path))
        train, test = _data_of(project)
        self._replace(project, train, test)

    def _replace(self, project: Project, train, test) -> None:
        self.shutdown()
        self.project, self.train_data, self.test_data = project, train, test
        self.last_snapshot = None
        self._rebuild_trainer(restore=True)
        self._forget_history()
        self.set_dirty(False)
        self.projectReplaced.emit()
        self.pathChanged.emit()

    def new_empty(self) -> None:
        """An untitled project with no layers yet: the canvas to build on."""
        self._replace(Project(network=None), None, None)

    def close_project(self) -> None:
        self.shutdown()
        self.project = self.train_data = self.test_data = self.trainer = None
        self.last_snapshot = None
        self._forget_history()
        self.set_dirty(False)
        self.projectReplaced.emit()
        self.pathChanged.emit()

    def save(self, path=None) -> None:
        """Save (atomically) to ``path`` or the current path; errors leave it dirty."""
        self.pause_and_wait()
        if self.network is None:
            raise ValueError("the network is empty: add layers before saving")
        target = Path(path) if path else self.path
        if self.trainer is not None:
            self.project.capture(self.trainer)
        save_project(self.project, target)
        self.project.path = target
        self.set_dirty(False)
        self.pathChanged.emit()

    def _undo_index_changed(self, _index: int) -> None:
        self.set_dirty(True)

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirtyChanged.emit(dirty)

    # ------------------------------------------------------------------ trainer lifecycle
    def _rebuild_trainer(self, restore: bool = False) -> None:
        """(Re)create the trainer and its thread after the network or data changed.

        ``restore`` continues from the project's saved training state (opening a file);
        otherwise training starts afresh on the current weights.
        """
        self.shutdown()
        self.trainer, self.trainer_problem = None, ""
        if self.project is not None and not restore:
            self.project.trainer_state = None
        if self.project is None:
            return
        if self.network is None or self.network.n_layers < 2:
            self.trainer_problem = ("drag an input layer and an output layer from the "
                                    "palette onto the canvas to build a network")
            return
        if self.train_data is None:
            self.trainer_problem = "no training data: choose a data set in the Data dock"
            return
        try:
            self.trainer = self.project.make_trainer(self.train_data, self.test_data,
                                                     probe_inputs=self._probe_inputs())
        except (TrainingError, ValueError) as error:
            self.trainer_problem = str(error)
            return
        self.training = TrainingThread(self.trainer)
        worker = self.training.worker
        worker.snapshotReady.connect(self._on_snapshot)
        worker.stateChanged.connect(self._on_state)
        worker.finished.connect(self.trainingFinished)
        worker.diverged.connect(self._on_failure)
        worker.failed.connect(self._on_failure)
        self.training.start()

    def _probe_inputs(self) -> np.ndarray:
        samples = self.train_data.inputs[:self.config.probe_size]
        extra = self._extra_probe if self._extra_probe.shape[1:] == samples.shape[1:] \
            else np.zeros((0, samples.shape[1]))
        self.probe = ProbeLayout(len(samples), len(extra))
        self.probe_rows = np.vstack([samples, extra])
        return self.probe_rows

    def set_extra_probe(self, rows: np.ndarray) -> None:
        """Rows the data view wants evaluated with every snapshot, shape (m, n_inputs).

        Handed to the worker between two steps, so training goes on undisturbed."""
        self._extra_probe = np.asarray(rows, dtype=float)
        self._send_probe()

    def _send_probe(self) -> None:
        if self.trainer is not None:
            probe = self.network._as_batch(self._probe_inputs(), self.network.sizes[0],
                                           "probe inputs")
            self.training.worker.send("probe", probe)

    def shutdown(self) -> None:
        """Stop the training thread (closing the window, replacing the project)."""
        if self.training is not None:
            self.training.stop()
            self.training = None
        self._on_state("idle")

    # ------------------------------------------------------------------ training commands
    def play(self) -> None:
        if self.training is not None:
            self._begin_training_run()
            self.training.worker.send("play")

    def pause(self) -> None:
        if self.training is not None:
            self.training.worker.send("pause")

    def toggle_play(self) -> None:
        self.pause() if self.running else self.play()

    def step(self, count: int = 1) -> None:
        if self.training is not None:
            self._begin_training_run()
            self.training.worker.send("steps", count)
            self.set_dirty(True)

    def step_epoch(self) -> None:
        if self.training is not None:
            self._begin_training_run()
            self.training.worker.send("epoch")
            self.set_dirty(True)

    def set_speed(self, steps_per_frame: int) -> None:
        """0 trains as fast as possible; n shows every frame after n steps."""
        if self.training is not None:
            self.training.worker.send("speed", steps_per_frame)

    def pause_and_wait(self) -> None:
        """Make sure no training step runs, so the GUI thread may touch the network.

        A training run in progress ends here and becomes its own undo step, before
        whatever edit asked for the pause."""
        self._wait_idle()
        self._end_training_run()

    def _wait_idle(self) -> None:
        """Pause and wait, recording nothing: undo commands run inside the undo stack,
        which must not be pushed to meanwhile."""
        if self.training is not None:
            self.training.worker.wait_until_idle()
        if self.running:
            self.running = False
            self.trainingStateChanged.emit("idle")

    def undo(self) -> None:
        self.pause_and_wait()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.pause_and_wait()
        self.undo_stack.redo()

    def reset_weights(self, seed: int | None = None) -> None:
        """Redraw the initial weights and forget training progress (one undo step)."""
        def redraw(network: Network) -> None:
            init = network.init_config
            network.initialize(init if seed is None else replace(init, seed=seed))
        self.edit_network("Reset weights", redraw, keep_training=False)

    def set_config(self, config: TrainingConfig) -> None:
        """New training settings (one undo step); the worker applies them between steps."""
        if config != self.project.training:
            self.undo_stack.push(SettingCommand("Change training settings",
                                                self.apply_config, self.project.training,
                                                config))

    def apply_config(self, config: TrainingConfig) -> None:
        old, self.project.training = self.project.training, config
        if self.training is not None:
            self.training.worker.send("config", config)
            if config.probe_size != old.probe_size:
                self._send_probe()  # the trainer's own probe has no data-view rows
        self.configChanged.emit()

    def set_loss(self, name: str) -> None:
        """Change the network's loss (ValueError if it cannot pair with the output)."""
        self.edit_network("Change loss", lambda network: network.set_loss(name))

    def set_dataset(self, reference) -> None:
        """Switch data (one undo step); raises ValueError, changing nothing, if the
        data cannot be read."""
        reference = reference.pinned_to(reference.load(self.project.base_dir))
        self.pause_and_wait()
        self.undo_stack.push(SettingCommand("Change data", self.apply_dataset,
                                            self.project.dataset, reference))

    def apply_dataset(self, reference) -> None:
        """Make ``reference`` (or None) the data; the trainer restarts on it."""
        self._wait_idle()
        train, test = _data_of_reference(reference, self.project.base_dir)
        self.project.set_dataset(reference)
        self.train_data, self.test_data = train, test
        self._rebuild_trainer()
        self.datasetChanged.emit()

    # ------------------------------------------------------------------ editing the model
    def edit_network(self, text: str, change, keep_training: bool = True) -> None:
        """Apply ``change(network)`` to a copy of the network as one undo step.

        ``change`` mutates the copy or returns a new Network; a ValueError from it
        leaves everything as it was.  Training progress (epoch, history) is kept when
        ``keep_training`` and the parameter count is unchanged; the optimiser's
        momentum restarts, as it belonged to the old weights.
        """
        self.pause_and_wait()
        before = self.capture_state()
        draft = self.network.copy() if self.network is not None else None
        result = change(draft)
        draft = result if isinstance(result, Network) else draft
        kept = keep_training and before.network is not None and draft is not None \
            and draft.n_parameters == before.network.n_parameters
        self.project.network = draft
        self.project.trainer_state = before.trainer_state if kept else None
        if kept and before.trainer_state is not None:
            self.project.set_optimizer(self.project.training.optimizer)
        self._after_structure_change()
        self.undo_stack.push(StateCommand(self, text, before, self.capture_state()))

    def set_weight(self, block: int, i: int, j: int, value: float) -> None:
        """Type a weight in (one undo step; repeated edits of it merge)."""
        index = self.network.weight_index(block, i, j)
        names = self.network.names
        self._push_param(f"Set weight {name(names[block][i])} → "
                         f"{name(names[block + 1][j])}", index, value)

    def set_bias(self, layer: int, j: int, value: float) -> None:
        """Type a bias in (one undo step; repeated edits of it merge)."""
        index = self.network.bias_index(layer, j)
        self._push_param(f"Set bias of {name(self.network.names[layer][j])}", index,
                         value)

    def _push_param(self, text: str, index: int, value: float) -> None:
        self.pause_and_wait()
        old = float(self.network.params[index])
        self.undo_stack.push(ParamCommand(self, text, index, old, float(value)))

    def write_param(self, index: int, value: float) -> None:
        """Set one entry of the flat parameter buffer (for ParamCommand)."""
        self._wait_idle()
        self.network.params[index] = value
        self.paramsChanged.emit()

    def capture_state(self) -> DocumentState:
        """A private copy of the network and of the training state that goes with it."""
        network = self.network.copy() if self.network is not None else None
        if self.trainer is not None:
            return DocumentState(network, self.trainer.state_dict())
        return DocumentState(network, self.project.trainer_state)

    def restore_state(self, state: DocumentState) -> None:
        """Go back (or forward) to a captured state (for undo/redo).  A run still being
        recorded is dropped: the state it started from is being replaced."""
        self._wait_idle()
        self._training_start = None
        self.project.network = state.network.copy() if state.network is not None else None
        self.project.trainer_state = state.trainer_state
        self._after_structure_change()

    def _after_structure_change(self) -> None:
        self.last_snapshot = None
        self._rebuild_trainer(restore=True)
        self.structureChanged.emit()

    def _begin_training_run(self) -> None:
        if self._training_start is None and self.trainer is not None:
            self.pause_and_wait()
            self._training_start = self.capture_state()

    def _end_training_run(self) -> None:
        """Record the run that just paused as one undo step (merging with the last)."""
        start, self._training_start = self._training_start, None
        if start is None or self.training is None:
            return
        self.undo_stack.push(TrainingRunCommand(self, "Training", start,
                                                self.capture_state()))

    def _forget_history(self) -> None:
        self._training_start = None
        self.undo_stack.clear()

    # ------------------------------------------------------------------ worker signals
    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self.last_snapshot = snapshot
        self.set_dirty(True)
        self.snapshotArrived.emit(snapshot)
        if not self.running:
            self._end_training_run()

    def acknowledge_frame(self) -> None:
        """The views drew the last snapshot: let the worker train on."""
        if self.training is not None:
            self.training.worker.acknowledge_frame()

    def _on_state(self, state: str) -> None:
        running = state == "running"
        if running != self.running:
            self.running = running
            self.trainingStateChanged.emit(state)
        if not running:
            self._end_training_run()

    def _on_failure(self, message: str) -> None:
        self.trainingFailed.emit(message)

    # ------------------------------------------------------------------ display state
    @property
    def has_network(self) -> bool:
        return self.project is not None and self.project.network is not None

    def progress(self, snapshot: Snapshot | None = None) -> tuple[int, int]:
        """(epoch, step) to show: ``snapshot``'s; else, while training, the last
        snapshot's (the trainer belongs to the worker); else the trainer's own."""
        snap = snapshot if snapshot is not None or not self.running else self.last_snapshot
        if snap is not None:
            return snap.epoch, snap.step
        return self.trainer.epoch, self.trainer.step_count

    def display_weights(self) -> list[np.ndarray]:
        """Weights to draw: the last snapshot's while training, else the live ones."""
        if self.running and self.last_snapshot is not None:
            return self.last_snapshot.weights
        return self.network.weights

    def display_network(self) -> Network:
        """A network holding the displayed parameters (a copy while training runs)."""
        if not self.running or self.last_snapshot is None:
            return self.network
        clone = self.network.copy()
        clone.params[...] = self.last_snapshot.params
        return clone

    def probe_activations(self) -> list[np.ndarray]:
        """Per layer, (probe rows, sizes[l]) activations for the displayed parameters."""
        if self.running and self.last_snapshot is not None:
            return self.last_snapshot.probe_activations
        if self.trainer is None:
            return []
        return [a.copy() for a in self.network.forward_all(self.probe_rows)]


def _data_of(project: Project) -> tuple[Dataset | None, Dataset | None]:
    """The project's train/test data, or (None, None) for a network without data."""
    return project.load_data() if project.dataset is not None else (None, None)


def _data_of_reference(reference, base_dir) -> tuple[Dataset | None, Dataset | None]:
    return reference.resolve(base_dir) if reference is not None else (None, None)
