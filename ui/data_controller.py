"""The Data dock bound to the session: the data chooser, and the data with what the
network makes of it.

The data view says which rows it needs the network evaluated at (a decision surface's
grid, the pictured samples, ...); the controller registers them with the session as a
named probe, so that every training frame carries their outputs by name.  On two-feature
data, hovering or selecting a neuron on the canvas shows that neuron's response over the
plane instead of the network's output, large (the canvas only has room for a thumbnail).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog

from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network, layer_name
from nnsim.simulator.resources import bundled_as_named, resource_path
from nnsim.simulator.safetext import shorten
from nnsim.simulator.trainingtypes import Snapshot

from . import messages
from .canvas.targets import NeuronRef
from .controller import Controller
from .dataview import CURVE, IMAGES, SUMMARY, SURFACE
from .network_view import SURFACE_PROBE
from .pacing import RateLimit
from .plaintext import name

#: The probe each kind of data page asks for.
PROBE_NAMES = {SURFACE: SURFACE_PROBE, CURVE: "curve grid", IMAGES: "image tiles",
               SUMMARY: "summary rows"}


class DataController(Controller):
    """Keeps ``window.data_panel`` and ``window.data_view`` showing the session's data."""

    def __init__(self, window):
        super().__init__(window)
        self.panel, self.view = window.data_panel, window.data_view
        self.probe: str | None = None
        self.slow_views = RateLimit()
        self.on(self.show_data, "project_replaced", "dataset_changed")
        self.on(self.show_outputs, "params_changed", "structure_changed",
                "activations_changed", "run_replaced", "viewing_changed")
        self.on(self._on_frame, "frame")
        self.panel.datasetRequested.connect(self.change_dataset)
        self.locate_action = QAction(translate("ui.data_controller", "&Locate Data…"), self)
        self.locate_action.setStatusTip(translate(
            "ui.data_controller", "Find the data's files in a folder you choose (data moved, "
            "or not bundled such as MNIST)"))
        self.locate_action.triggered.connect(self.locate_data)
        self.locate_action.setEnabled(False)   # until a network with data files opens
        self.panel.locateRequested.connect(self.locate_data)
        self.hovered = None   # what the mouse is over on the canvas
        self.dismissed: NeuronRef | None = None   # its response sent back to the output
        window.canvas.hoverChanged.connect(self._on_hover)
        window.canvas.selectionChanged.connect(self._on_selection)
        self.view.outputRequested.connect(self._back_to_output)

    def change_dataset(self, reference) -> None:
        """The chooser asked for other data: a file that cannot be read is explained, and
        the data stays as it was."""
        try:
            self.session.set_dataset(reference)
        except (ValueError, OSError) as error:
            messages.warn(self.window, translate("ui.data_controller", "Data not changed"),
                          str(error))
            self.panel.show_reference(self.session.data.reference, self.session.data.problem)

    def locate_data(self) -> None:
        """Ask for the folder holding the data's files and use them; when they are not
        there (or cannot be read) one line says so and nothing changes."""
        reference = self.session.data.reference
        if reference is None or not reference.paths:
            return
        # Start where the files were, unless that is nnsim's own folder (an example).
        start = Path(reference.paths[0]).parent
        start = "" if start.is_relative_to(resource_path()) else str(start)
        names = ", ".join(shorten(Path(p).name, 60) for p in reference.paths[:2])
        folder = QFileDialog.getExistingDirectory(
            self.window, translate("ui.data_controller", "Locate data: the folder holding "
                                   "{names}").format(names=names), start)
        if not folder:
            return
        QApplication.setOverrideCursor(Qt.WaitCursor)   # 60,000 images take a second
        try:
            self.session.locate_data(folder)
            problem = ""
        except (ValueError, OSError) as error:
            problem = str(error)
        finally:
            QApplication.restoreOverrideCursor()
        if problem:
            messages.warn(self.window, translate("ui.data_controller", "Data not found"),
                          bundled_as_named(problem))
        else:
            found = translate("ui.data_controller", "Data found in {folder}")
            self.window.show_status(found.format(folder=bundled_as_named(folder)), 5000)

    def show_data(self) -> None:
        """The chooser, the data, and the probe the data's page needs."""
        session = self.session
        self.window.data_box.setEnabled(session.project is not None)
        reference = session.data.reference
        self.panel.show_reference(reference, session.data.problem)
        self.locate_action.setEnabled(reference is not None and bool(reference.paths))
        if self.probe is not None:
            session.remove_probe(self.probe)
            self.probe = None
        if session.train_data is None:
            if session.data.problem:
                self.view.clear(translate("ui.data_controller", "The data could not be "
                                          "read: Locate data… finds its files"))
            else:
                self.view.clear()   # "No data set"
            return
        self.view.set_dataset(session.train_data, session.test_data)
        self.probe = PROBE_NAMES[self.view.kind]
        session.set_probe(self.probe, self.view.evaluation_inputs())
        self.show_outputs()

    def show_outputs(self, *_) -> None:
        self._draw(self.session.frame())

    def _on_frame(self, snapshot: Snapshot) -> None:
        if self.slow_views.due(not self.session.running):
            self._draw(snapshot)

    def _draw(self, frame: Snapshot | None) -> None:
        network = self.session.network
        outputs = None if frame is None or self.probe is None else frame.probes.get(self.probe)
        if outputs is None or network is None or network.n_layers < 2:
            return
        neuron = self.shown_neuron()
        if neuron is None:
            self.view.show_outputs(outputs[-1], network.activation_of(network.n_layers - 1))
            return
        layer, j = neuron
        activation = network.activation_of(layer, j)
        title = translate(
            "ui.data_controller", "{neuron} · {layer} · {activation}: its output over the "
            "plane").format(neuron=name(network.names[layer][j]),
                            layer=layer_name(layer, network.n_layers),
                            activation=activation.label)
        self.view.show_response(outputs[layer][:, j], activation, title)

    # ------------------------------------------------------------------ a neuron's response
    def shown_neuron(self) -> NeuronRef | None:
        """The neuron whose response the two-feature view shows: the hovered one, else
        the selected one (not an input, nor a lone output: that is the network's output),
        unless sent back to the output."""
        if self.view.kind != SURFACE:
            return None
        for target in (self.hovered, self.window.canvas.selection):
            if isinstance(target, NeuronRef) and _has_response(self.session.network, target):
                return None if target == self.dismissed else target
        return None

    def _on_hover(self, target) -> None:
        """Redraw only when the hover changes the map (most moves do not)."""
        before = self.shown_neuron()
        self.hovered = target
        if self.shown_neuron() != before:
            self.show_outputs()

    def _on_selection(self) -> None:
        self.dismissed = None
        self.show_outputs()

    def _back_to_output(self) -> None:
        self.dismissed = self.shown_neuron()
        self.show_outputs()


def _has_response(network: Network | None, target: NeuronRef) -> bool:
    """Whether ``target`` is a neuron of ``network`` worth its own map."""
    if network is None or not 1 <= target.layer < network.n_layers:
        return False
    lone_output = target.layer == network.n_layers - 1 and network.sizes[-1] == 1
    return target.neuron < network.sizes[target.layer] and not lone_output
