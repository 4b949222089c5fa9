"""The Data dock bound to the session: the data chooser, and the data with what the
network makes of it.

The data view says which rows it needs the network evaluated at (a decision surface's
grid, the pictured samples, ...); the controller registers them with the session as a
named probe, so that every training frame carries their outputs by name.
"""

from __future__ import annotations

from nnsim.simulator.trainingtypes import Snapshot

from . import messages
from .controller import Controller
from .dataview import CURVE, IMAGES, SUMMARY, SURFACE
from .network_view import SURFACE_PROBE
from .pacing import RateLimit

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

    def change_dataset(self, reference) -> None:
        """The chooser asked for other data: a file that cannot be read is explained, and
        the data stays as it was."""
        try:
            self.session.set_dataset(reference)
        except (ValueError, OSError) as error:
            messages.warn(self.window, "Data not changed", str(error))
            self.panel.show_reference(self.session.data.reference)

    def show_data(self) -> None:
        """The chooser, the data, and the probe the data's page needs."""
        session = self.session
        self.window.data_box.setEnabled(session.project is not None)
        self.panel.show_reference(session.data.reference)
        if self.probe is not None:
            session.remove_probe(self.probe)
            self.probe = None
        if session.train_data is None:
            self.view.clear()
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
        self.view.show_outputs(outputs[-1], network.activation_of(network.n_layers - 1))
