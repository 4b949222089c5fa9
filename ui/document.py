"""The open document: one project (network, data, training state) and its training thread.

Widgets never change the network directly: they call Document methods, which change the
model and announce it with signals; the views redraw from those signals or from the
snapshots the training worker streams.  While training runs the worker owns the live
network, so the Document pauses it (and waits) before anything else touches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from simulator.datasets import Dataset
from simulator.fileformat import load_project, save_project
from simulator.network import Network
from simulator.project import Project
from simulator.training import Snapshot, Trainer, TrainingConfig, TrainingError

from .worker import TrainingThread

#: Training rows whose activations are shown (node glow is their mean; histograms).
PROBE_SAMPLES = 64


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
    trainingReset = Signal()          # weights redrawn, counters and history cleared
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
        self.running = False
        self.dirty = False

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
        name = self.path.name if self.path else "Untitled"
        return f"{name}[*] — nnsim"

    # ------------------------------------------------------------------ open / save
    def open(self, path) -> None:
        """Load a file; on any error raise it and keep the current project untouched."""
        project = load_project(Path(path))
        train, test = _data_of(project)
        self._replace(project, train, test)

    def replace_project(self, project: Project) -> None:
        train, test = _data_of(project)
        self._replace(project, train, test)
        self.set_dirty(True)

    def _replace(self, project: Project, train, test) -> None:
        self.shutdown()
        self.project, self.train_data, self.test_data = project, train, test
        self.last_snapshot = None
        self._rebuild_trainer(restore=True)
        self.set_dirty(False)
        self.projectReplaced.emit()
        self.pathChanged.emit()

    def close_project(self) -> None:
        self.shutdown()
        self.project = self.train_data = self.test_data = self.trainer = None
        self.last_snapshot = None
        self.set_dirty(False)
        self.projectReplaced.emit()
        self.pathChanged.emit()

    def save(self, path=None) -> None:
        """Save (atomically) to ``path`` or the current path; errors leave it dirty."""
        self.pause_and_wait()
        target = Path(path) if path else self.path
        if self.trainer is not None:
            self.project.capture(self.trainer)
        save_project(self.project, target)
        self.project.path = target
        self.set_dirty(False)
        self.pathChanged.emit()

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
        if self.project is None or self.train_data is None:
            self.trainer_problem = "no training data: choose a dataset" \
                if self.project else ""
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
        samples = self.train_data.inputs[:PROBE_SAMPLES]
        extra = self._extra_probe if self._extra_probe.shape[1:] == samples.shape[1:] \
            else np.zeros((0, samples.shape[1]))
        self.probe = ProbeLayout(len(samples), len(extra))
        return np.vstack([samples, extra])

    def set_extra_probe(self, rows: np.ndarray) -> None:
        """Rows the data view wants evaluated with every snapshot, shape (m, n_inputs)."""
        self._extra_probe = np.asarray(rows, dtype=float)
        if self.trainer is not None:
            self.pause_and_wait()
            self.trainer.probe_inputs = self.network._as_batch(
                self._probe_inputs(), self.network.sizes[0], "probe inputs")

    def shutdown(self) -> None:
        """Stop the training thread (closing the window, replacing the project)."""
        if self.training is not None:
            self.training.stop()
            self.training = None
        self._on_state("idle")

    # ------------------------------------------------------------------ training commands
    def play(self) -> None:
        if self.training is not None:
            self.training.worker.send("play")

    def pause(self) -> None:
        if self.training is not None:
            self.training.worker.send("pause")

    def toggle_play(self) -> None:
        self.pause() if self.running else self.play()

    def step(self, count: int = 1) -> None:
        if self.training is not None:
            self.training.worker.send("steps", count)
            self.set_dirty(True)

    def step_epoch(self) -> None:
        if self.training is not None:
            self.training.worker.send("epoch")
            self.set_dirty(True)

    def set_speed(self, steps_per_frame: int) -> None:
        """0 trains as fast as possible; n shows every frame after n steps."""
        if self.training is not None:
            self.training.worker.send("speed", steps_per_frame)

    def pause_and_wait(self) -> None:
        """Make sure no training step runs, so the GUI thread may touch the network."""
        if self.training is not None:
            self.training.worker.wait_until_idle()

    def reset_weights(self, seed: int | None = None) -> None:
        self.pause_and_wait()
        if self.trainer is not None:
            self.trainer.reset(seed)
        elif self.network is not None:
            self.network.initialize(self.network.init_config)
        self.last_snapshot = None
        self.set_dirty(True)
        self.trainingReset.emit()
        self.paramsChanged.emit()

    def set_config(self, config: TrainingConfig) -> None:
        """New training settings: applied by the worker between steps, never mid-step."""
        self.project.training = config
        if self.training is not None:
            self.training.apply_config(config)
        self.set_dirty(True)
        self.configChanged.emit()

    def set_loss(self, name: str) -> None:
        """Change the network's loss (ValueError if it cannot pair with the output)."""
        self.pause_and_wait()
        self.network.set_loss(name)
        self._rebuild_trainer()
        self.set_dirty(True)
        self.structureChanged.emit()

    def set_dataset(self, reference) -> None:
        """Switch data (a dataset reference); the trainer restarts on the new data."""
        self.pause_and_wait()
        train, test = reference.resolve(self.project.base_dir)
        self.project.set_dataset(reference)
        self.train_data, self.test_data = train, test
        self._rebuild_trainer()
        self.set_dirty(True)
        self.datasetChanged.emit()

    # ------------------------------------------------------------------ worker signals
    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self.last_snapshot = snapshot
        self.set_dirty(True)
        self.snapshotArrived.emit(snapshot)

    def acknowledge_frame(self) -> None:
        """The views drew the last snapshot: let the worker train on."""
        if self.training is not None:
            self.training.worker.acknowledge_frame()

    def _on_state(self, state: str) -> None:
        running = state == "running"
        if running != self.running:
            self.running = running
            self.trainingStateChanged.emit(state)

    def _on_failure(self, message: str) -> None:
        self.trainingFailed.emit(message)

    # ------------------------------------------------------------------ display state
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
        return [a.copy() for a in self.network.forward_all(self.trainer.probe_inputs)]


def _data_of(project: Project) -> tuple[Dataset | None, Dataset | None]:
    """The project's train/test data, or (None, None) for a network without data."""
    return project.load_data() if project.dataset is not None else (None, None)
