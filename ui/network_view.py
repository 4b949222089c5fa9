"""The canvas bound to the session: the network drawn, glowing with what it computes.

Structure events rebuild the picture; weights and activations recolour it from the
session's frame (the latest snapshot while training, the present state when idle): the
node glow is the mean over the "samples" probe, or, while a neuron or connection is
inspected, that sample's own activations; two-input networks show each neuron's
response over the data view's surface grid inside the node.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QTimer

from nnsim.simulator.trainingtypes import SAMPLES, Snapshot

from .controller import Controller
from .dataview import SURFACE
from .pacing import RateLimit

#: A two-input network's neurons show their response over this probe of the data view.
SURFACE_PROBE = "surface grid"


class NetworkViewController(Controller):
    """Keeps ``window.canvas`` showing ``window.session``'s network."""

    def __init__(self, window):
        super().__init__(window)
        self.canvas = window.canvas
        self.slow_views = RateLimit()
        self.on(self._on_new_project, "project_replaced")
        self.on(self.rebuild, "structure_changed")
        self.on(self.show_present, "params_changed", "activations_changed", "run_replaced",
                "dataset_changed", "viewing_changed")
        self.on(self.show_frame, "frame")
        # Acknowledge after the whole window's repaint (the canvas paints first of it),
        # so the training thread waits until every dock has drawn the snapshot.
        self.canvas.painted.connect(
            lambda: QTimer.singleShot(0, self.session.acknowledge_frame))

    def _on_new_project(self) -> None:
        self.rebuild()
        QTimer.singleShot(0, self.canvas.fit_to_view)

    def rebuild(self) -> None:
        """After the network's structure changed: the canvas keeps the user's zoom (it
        follows the network only while the user has not zoomed or panned)."""
        self.canvas.set_network(self.session.network)
        self.show_present()

    def show_present(self, *_) -> None:
        """Draw what the session shows now (idle: the live state)."""
        if self.session.network is None:
            return
        self.draw(self.session.frame(), everything=True)

    def show_frame(self, snapshot: Snapshot) -> None:
        """A training frame; the slower views (neuron heatmaps) follow a few times a
        second.  A canvas that will not paint (a minimised window) lets training on."""
        self.draw(snapshot, everything=self.slow_views.due(not self.session.running))
        if not self._canvas_paints():
            self.session.acknowledge_frame()

    def draw(self, frame: Snapshot | None, everything: bool) -> None:
        network = self.session.network
        if frame is None or frame.params.shape != network.params.shape:
            self.canvas.show_state(network.weights, None)
            return
        self.canvas.show_state(frame.weights, self.node_values(frame))
        if everything:
            self.canvas.set_neuron_images(self._neuron_images(frame))

    def node_values(self, frame: Snapshot) -> list[np.ndarray] | None:
        """Per layer (sizes[l],): the inspected sample's activations while a neuron or
        connection is inspected (canvas and inspector agree); else the mean over the
        samples probe."""
        sample = self.window.inspection.inspected_sample()
        network = self.session.display_network()
        if sample is not None and len(sample) == network.sizes[0]:
            return [a[0].copy() for a in network.forward_all(sample[None, :])]
        samples = frame.probes.get(SAMPLES)
        return None if samples is None else [a.mean(axis=0) for a in samples]

    def _neuron_images(self, frame: Snapshot) -> list[np.ndarray | None] | None:
        """Each neuron's response over the surface grid, (sizes[l], G, G) per layer."""
        data_view = self.window.data_view
        grid = frame.probes.get(SURFACE_PROBE)
        if grid is None or data_view.kind != SURFACE:
            return None
        return [None] + [data_view.surface.as_images(a) for a in grid[1:]]

    def _canvas_paints(self) -> bool:
        """Whether the canvas will really paint (a minimised window gets no paint events)."""
        window = self.window
        handle = window.windowHandle()
        return (self.canvas.isVisible() and not window.isMinimized()
                and (handle is None or handle.isExposed()))
