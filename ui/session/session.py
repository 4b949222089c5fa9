"""The session: one object, no Qt, between the engine and the widgets.

It holds the open project, the data read for it, the trainer, the undo history and the
run's timeline (``SessionCore``), and here, every change a user makes, each one undo
step that announces itself with its own event: a rename redraws a label and keeps the
run, a new layer rebuilds what is drawn, new data restarts the run.  Views ask the
session for what they show (napari's Qt-free models are the example) and never change a
model themselves.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable

from nnsim.simulator import editing
from nnsim.simulator.datalocate import locate
from nnsim.simulator.i18n import translate
from nnsim.simulator.limits import NEW_SEED_LIMIT, check_seed
from nnsim.simulator.network import Network
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.safetext import shorten
from nnsim.simulator.training import TrainingConfig

from .core import SessionCore
from .state import DataState, NetworkState
from .timeline import Checkpoint
from .undo import Change, UndoRefused

#: Kinds of network edit, by what they change: ``structure`` the sizes (the optimiser's
#: state cannot carry over), the others keep every array's shape.
EDIT_KINDS = ("structure", "connections", "activations", "loss", "params")


class Session(SessionCore):
    """An open project (or none) and the changes a user makes to it."""

    # ------------------------------------------------------------------ the network
    def edit_network(self, text: str, change: Callable[[Network | None], Network | None],
                     kind: str = "structure") -> None:
        """``change(draft)`` edits a copy of the network (or returns a new one); the
        result becomes the network as one undo step.  A ValueError from ``change``
        leaves everything as it was.  Training progress carries over; after a change
        of ``kind`` "structure" (neurons or layers added, removed or moved) the
        optimiser's momentum starts afresh; "connections", "activations" and "loss"
        keep it."""
        if kind not in EDIT_KINDS:
            raise ValueError(f"unknown kind of edit {kind!r}")
        self.pause()
        before = self.capture()
        draft = before.copy_network()
        result = change(draft)
        draft = result if isinstance(result, Network) else draft
        after = NetworkState(draft, self._carried_state(before, draft, kind))
        self._do(text, after, before, kind)

    def _carried_state(self, before: NetworkState, draft: Network | None,
                       kind: str) -> dict | None:
        """The training state ``draft`` goes on from: the one before, with a fresh
        optimiser after a change of structure (its momenta belonged to parameters that
        moved, came or went); None when nothing can carry."""
        state = before.trainer_state
        if state is None or draft is None or before.network is None:
            return None
        if kind != "structure":
            return state
        bridge = Project(draft, self.config, trainer_state=state)
        bridge.set_optimizer(self.config.optimizer)  # zero moments of the new size
        return bridge.trainer_state

    def _do(self, text: str, after: NetworkState, before: NetworkState, kind: str) -> None:
        self.history.push(Change(text, lambda: self.install(after, kind),
                                 lambda: self.install(before, kind)), applied=False)

    def rename_neuron(self, layer: int, neuron: int, name: str) -> None:
        """Name a neuron (one undo step).  Nothing else changes, so training goes on."""
        old = self.network.names[layer][neuron]
        probe = self.network.copy()
        editing.rename_neuron(probe, layer, neuron, name)  # checks; raises ValueError
        new = probe.names[layer][neuron]
        if new != old:
            self.history.push(Change(translate("session.session", "Rename neuron"),
                                     lambda: self._write_name(layer, neuron, new),
                                     lambda: self._write_name(layer, neuron, old)),
                              applied=False)

    def _write_name(self, layer: int, neuron: int, name: str) -> None:
        self.network.names[layer][neuron] = name
        self._set_dirty(True)
        self.events.neuron_renamed.emit(layer, neuron)

    def set_weight(self, block: int, i: int, j: int, value: float) -> None:
        """Type a weight in (one undo step; typing the same one again merges)."""
        names = self.network.names
        text = translate("session.session", "Set weight {source} → {target}").format(
            source=shorten(names[block][i]), target=shorten(names[block + 1][j]))
        self._set_param(text, self.network.weight_index(block, i, j), value)

    def set_bias(self, layer: int, neuron: int, value: float) -> None:
        """Type a bias in (one undo step; typing the same one again merges)."""
        text = translate("session.session", "Set bias of {neuron}").format(
            neuron=shorten(self.network.names[layer][neuron]))
        self._set_param(text, self.network.bias_index(layer, neuron), value)

    def _set_param(self, text: str, index: int, value: float) -> None:
        self.pause()
        old, new = float(self.network.params[index]), float(value)
        self.history.push(Change(text, lambda: self._write_param(index, new),
                                 lambda: self._write_param(index, old), key=("param", index)),
                          applied=False)

    def _write_param(self, index: int, value: float) -> None:
        self.wait_idle()
        self.back_to_now()
        self.network.params[index] = value
        self.changed()
        self._set_dirty(True)
        self.events.params_changed.emit()

    #: Whether Reset (``reset_weights()`` without a seed) draws the same weights again
    #: from ``weights_seed`` rather than new ones from a new seed: a preference of
    #: the person at the keyboard, so it outlives the project and is not saved.
    weights_seed_locked = False

    @property
    def weights_seed(self) -> int | None:
        """The seed the initial weights were drawn from (None: drawn without one)."""
        return None if self.network is None else self.network.init_config.seed

    def optimizer_state(self) -> dict | None:
        """The optimiser's state at the moment shown (its momentum, or Adam's moments
        and step count): the viewed moment's while looking back, the trainer's while it
        is idle; None while it trains or without a trainer."""
        if self.viewing is not None:
            return self.viewing.state["optimizer"]
        if self.trainer is None or self.busy:
            return None
        return self.trainer.optimizer.state_dict()

    def reset_weights(self, seed: int | None = None) -> None:
        """Redraw the initial weights from ``seed`` (None: a new seed drawn at random,
        or the same one again while ``weights_seed_locked``) and start training afresh
        (one undo step).  The seed is kept in the network's initialisation settings,
        so the file records it.  ValueError for a seed beyond what a file holds."""
        if seed is not None:
            check_seed(seed, translate("session.session", "the seed of the initial weights"))
        if self.network is None:
            return
        if seed is None:
            seed = self.weights_seed if self.weights_seed_locked else None
        seed = secrets.randbelow(NEW_SEED_LIMIT) if seed is None else int(seed)
        self.pause()
        before = self.capture()
        draft = before.copy_network()
        draft.initialize(dataclasses.replace(draft.init_config, seed=seed))
        self._do(translate("session.session", "Reset weights (seed {seed})").format(seed=seed),
                 NetworkState(draft, None), before, "params")

    def restore(self, checkpoint: Checkpoint) -> None:
        """Make a moment of the run's timeline the present: its weights and training
        state, so training goes on exactly as it would have from there (one undo step)."""
        self.pause()
        before = self.capture()
        draft = before.copy_network()
        draft.params[...] = checkpoint.params
        self._do(translate("session.session", "Back to epoch {epoch}").format(
                     epoch=f"{checkpoint.epoch:,}"),
                 NetworkState(draft, checkpoint.state), before, "training")

    def keep_run(self, label: str, state: NetworkState, config: TrainingConfig) -> None:
        """Make a compared run the present: its network, training state and settings
        (one undo step; undo gives the network, run and settings back)."""
        self.pause()
        before, old_config = self.capture(), self.project.training

        def make_current(state: NetworkState, config: TrainingConfig) -> None:
            self._install_config(config)
            activations, loss = self.network.activations[:], self.network.loss_name
            self.install(state, "params")  # a new run: its timeline starts afresh
            if self.network.activations != activations:
                self.events.activations_changed.emit()
            if self.network.loss_name != loss:
                self.events.loss_changed.emit()
        self.history.push(Change(translate("session.session", "Keep run {run}").format(
                                     run=shorten(label)),
                                 lambda: make_current(state, config),
                                 lambda: make_current(before, old_config)), applied=False)

    def set_loss(self, name: str) -> None:
        """Another loss (ValueError if it cannot pair with the output layer)."""
        self.edit_network(translate("session.session", "Change loss"),
                          lambda network: network.set_loss(name), "loss")

    # ------------------------------------------------------------------ settings and data
    def set_config(self, config: TrainingConfig) -> None:
        """New training settings (one undo step); training takes them between steps."""
        if config != self.project.training:
            old = self.project.training
            self.history.push(Change(translate("session.session", "Change training settings"),
                                     lambda: self._install_config(config),
                                     lambda: self._install_config(old)), applied=False)

    def _install_config(self, config: TrainingConfig) -> None:
        self.project.training = config
        self.runner.send("config", config)
        self.changed()
        self._set_dirty(True)
        self.events.config_changed.emit(config)

    def set_batch_seed(self, seed: int) -> None:
        """Shuffle the batches with ``seed`` from the next epoch on, a half-done epoch
        starting over, as ``Project.reseed`` does (one undo step).  ValueError for a
        seed beyond what a file holds."""
        check_seed(seed, translate("session.session", "the seed of the batch order"))
        seed = int(seed)
        if seed == self.config.seed:
            return
        self.pause()
        before, old_config = self.capture(), self.project.training
        bridge = Project(before.network, dataclasses.replace(old_config),
                         trainer_state=before.trainer_state)
        bridge.reseed(seed)
        after = NetworkState(before.network, bridge.trainer_state)
        self.history.push(Change(translate("session.session", "Batch order seed {seed}").format(
                                     seed=seed),
                                 lambda: self._install_seeded(bridge.training, after),
                                 lambda: self._install_seeded(old_config, before)),
                          applied=False)

    def _install_seeded(self, config: TrainingConfig, state: NetworkState) -> None:
        self.wait_idle()
        self.project.training = config
        self.install(state, "training")   # a trainer of this config, from this state
        self.events.config_changed.emit(config)

    def set_dataset(self, reference: DatasetRef | None) -> None:
        """Other data (one undo step): read here, so a file that cannot be read changes
        nothing (ValueError), and kept, so undo never reads a file again.  Training
        starts afresh on it."""
        new = DataState.read(reference, self.project.base_dir)
        self.pause()
        before = self.capture()
        self._change_data(translate("session.session", "Change data"), new,
                          NetworkState(before.network, None), before)

    def locate_data(self, chosen) -> None:
        """Find the data's files in the folder ``chosen`` (or the folder of the file
        ``chosen``: see ``datalocate.locate``) and use them (one undo step): the same
        data moved, so training goes on from where it was, a half-done epoch starting
        over.  A ValueError of one line (the names looked for, or what is wrong with a
        file found) leaves everything as it was."""
        if self.data.reference is None:
            raise ValueError(translate("session.session", "this network has no data set to locate"))
        new = DataState.read(locate(self.data.reference, chosen), self.project.base_dir)
        self.pause()
        before = self.capture()
        bridge = Project(before.network, self.config, trainer_state=before.trainer_state)
        bridge.set_dataset(new.reference)   # restarts a half-done epoch
        self._change_data(translate("session.session", "Locate data"), new,
                          NetworkState(before.network, bridge.trainer_state), before)

    def _change_data(self, text: str, new: DataState, new_state: NetworkState,
                     before: NetworkState) -> None:
        old_data = self.data
        self.history.push(Change(text, lambda: self._install_data(new, new_state),
                                 lambda: self._install_data(old_data, before)),
                          applied=False)

    def _install_data(self, data: DataState, state: NetworkState) -> None:
        self.wait_idle()
        self.data = data
        self.project.set_dataset(data.reference)
        self.install(state, "data")
        self.events.dataset_changed.emit()

    # ------------------------------------------------------------------ history
    def undo(self) -> None:
        self._move(self.history.undo)

    def redo(self) -> None:
        self._move(self.history.redo)

    def jump(self, index: int) -> None:
        """Undo or redo until ``index`` steps are applied (the Undo history dock)."""
        self._move(lambda: self.history.jump(index))

    def _move(self, move: Callable[[], None]) -> None:
        self.pause()
        try:
            move()
        except UndoRefused as refusal:
            self.events.message.emit(translate("session.session", "Not undone: {reason}").format(
                reason=refusal))

    # ------------------------------------------------------------------ copies
    def consistent_copy(self) -> Project | None:
        """The project with parameters that belong together, without pausing training:
        while the thread trains, the latest snapshot's parameters without a training
        state (it would not match them); None when there is nothing to copy yet."""
        if self.network is None:
            return None
        if not self.busy:
            state = self.capture()
        elif self.latest is None:
            return None
        else:
            state = NetworkState(self.display_network(), None)
        return dataclasses.replace(self.project, network=state.network,
                                   trainer_state=state.trainer_state)
