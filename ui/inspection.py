"""The neuron inspector bound to the session: the selected neuron's or connection's
arithmetic for the chosen sample, with the parameters shown.

It reads ``session.display_network()``: while training, a copy holding the latest
snapshot's parameters, never the live network (whose trace would race the training
thread).  Clicking on the canvas selects; a change of the network, the data or the
settings re-renders.
"""

from __future__ import annotations

import numpy as np

from nnsim.simulator.updates import explain_step

from .controller import Controller
from .network_readings import fitting_targets


class InspectorController(Controller):
    """Keeps ``window.inspector`` showing the selection's arithmetic."""

    def __init__(self, window):
        super().__init__(window)
        self.inspector = window.inspector
        self.canvas = window.canvas
        self.selected: tuple | None = None    # ("neuron", layer, j) or ("connection", k, i, j)
        self.drawn_sample: np.ndarray | None = None    # the digit pad's drawing, (n_inputs,)
        self.on(self._on_new_project, "project_replaced")
        self.on(self._on_structure, "structure_changed")
        self.on(self._on_new_data, "structure_changed", "dataset_changed")
        self.inspector.set_update_source(self._update_for)
        self.on(lambda _config: self.inspector.refresh(), "config_changed")
        self.on(self.refresh, "params_changed", "activations_changed", "loss_changed",
                "neuron_renamed", "run_replaced", "viewing_changed")
        self.on(lambda running: running or self.refresh(), "running_changed")
        self.on(lambda _frame: self.session.running or self.refresh(), "frame")
        self.canvas.neuronClicked.connect(lambda layer, j: self.select(("neuron", layer, j)))
        self.canvas.connectionClicked.connect(
            lambda k, i, j: self.select(("connection", k, i, j)))
        self.canvas.selectionCleared.connect(self.clear)
        self.inspector.sampleChanged.connect(self._on_sample_changed)

    # ------------------------------------------------------------------ selection
    def select(self, target: tuple) -> None:
        self.selected = target
        kind, *where = target
        if kind == "neuron":
            self.canvas.select_neuron(*where)
        else:
            self.canvas.select_connection(*where)
        self.refresh()
        self.window.network_view.show_present()

    def clear(self, *_) -> None:
        self.selected = None
        self.canvas.clear_selection()
        self.inspector.clear()

    def _on_structure(self) -> None:
        """The selection stays while what it names still exists (the canvas keeps it)."""
        if self.selected is None or not self._exists(self.selected):
            self.clear()

    def _exists(self, target: tuple) -> bool:
        network = self.session.network
        if network is None:
            return False
        kind, *where = target
        if kind == "neuron":
            layer, j = where
            return 0 <= layer < network.n_layers and j < network.sizes[layer]
        block, i, j = where
        return block < network.n_layers - 1 and i < network.sizes[block] \
            and j < network.sizes[block + 1] and bool(network.masks[block][i, j])

    def _update_for(self, network, x: np.ndarray, y: np.ndarray, trace):
        """The optimiser's step on sample ``x`` (n_inputs,) with target ``y`` (whose
        ``trace`` the inspector has), from the settings and optimiser state of the
        moment shown."""
        return explain_step(network, x, y, self.session.config,
                            self.session.optimizer_state(), trace)

    def show_drawn(self, sample: np.ndarray | None) -> None:
        """Let the canvas glow with a drawn ``sample`` (n_inputs,); None gives it back."""
        self.drawn_sample = sample
        self.window.network_view.show_present()

    def inspected_sample(self) -> np.ndarray | None:
        """The sample (n_inputs,) whose activations the canvas shows: a drawn one, else the
        inspector's while something is inspected; None when nothing is."""
        if self.drawn_sample is not None:
            return self.drawn_sample
        sample = self.inspector.current_sample() if self.selected else None
        return None if sample is None else sample[0]

    # ------------------------------------------------------------------ following the session
    def _on_new_project(self) -> None:
        self.clear()
        self._on_new_data()

    def _on_new_data(self) -> None:
        data = self.session.train_data
        if data is None:
            self.inspector.set_samples(np.zeros((0, 0)))
        else:
            self.inspector.set_samples(data.inputs, self._fitting_targets())
        self.refresh()

    def _fitting_targets(self) -> np.ndarray | None:
        return fitting_targets(self.session.network, self.session.train_data) \
            if self.session.network is not None else None

    def _on_sample_changed(self, _index: int) -> None:
        self.window.network_view.show_present()  # the canvas follows the sample

    def refresh(self, *_) -> None:
        """Render the selection with the parameters shown now."""
        network = self.session.display_network()
        sample = self.inspector.current_sample()
        if self.selected is None or network is None or sample is None \
                or len(sample[0]) != network.sizes[0]:
            return
        x, y = sample
        if y is not None and len(y) != network.sizes[-1]:
            y = None
        kind, *where = self.selected
        if kind == "neuron":
            self.inspector.show_neuron(network, *where, x, y)
        else:
            self.inspector.show_connection(network, *where, x, y)
