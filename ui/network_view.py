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

from nnsim.simulator.i18n import translate
from nnsim.simulator.trainingtypes import SAMPLES, Snapshot

from .controller import Controller
from .dataview import SURFACE
from .network_readings import fitting_targets, gradients_over, health, output_reading
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
        # After the inspector has let go of its sample: glow and gradients go back to
        # the probe's mean.
        self.canvas.selectionCleared.connect(lambda: QTimer.singleShot(0, self.show_present))
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

    def set_gradient_view(self, on: bool) -> None:
        """Colour the canvas by dE/dw and dE/dz (on) or by w and activation (off)."""
        self.canvas.show_gradients = on
        self.show_present()

    def draw(self, frame: Snapshot | None, everything: bool) -> None:
        """Recolour for ``frame``; ``everything``: also the slower readings (heatmaps,
        probability bars, gradients), which follow training a few times a second."""
        network = self.session.network
        if frame is None or frame.params.shape != network.params.shape:
            self.canvas.set_health(None)
            self.canvas.show_state(network.weights, None)
            return
        if everything:   # the marks and readings follow training a few times a second
            self.canvas.set_health(health(network, frame.probes.get(SAMPLES)))
            self._show_readings()
        self.canvas.show_state(frame.weights, self.node_values(frame))
        if everything:
            self.canvas.set_neuron_images(self._neuron_images(frame))

    def _show_readings(self) -> None:
        """The class probabilities of the sample the canvas glows with (a drawn digit,
        else the inspector's); in the gradient view, dE/dw and dE/dz of the shown
        parameters (see ``gradients``)."""
        network, data = self.session.display_network(), self.session.train_data
        drawn = self.window.inspection.drawn_sample   # the bars follow the glow's sample
        sample = self.inspector_sample(network) if drawn is None else (drawn, None)
        self.canvas.set_output_reading(output_reading(network, data, sample))
        if self.canvas.show_gradients:
            self.canvas.set_gradients(self.gradients(network))

    def inspector_sample(self, network) -> tuple[np.ndarray, np.ndarray | None] | None:
        """The training sample chosen in the inspector, (x (n_inputs,), y (n_outputs,) or
        None when the targets do not fit the network), read from the data itself: the
        inspector may be handed new data after the canvas draws."""
        data = self.session.train_data
        if data is None or not data.n_samples or data.n_features != network.sizes[0]:
            return None
        i = min(self.window.inspector.sample_spin.value(), data.n_samples - 1)
        targets = fitting_targets(network, data)
        return data.inputs[i], None if targets is None else targets[i]

    def gradients(self, network):
        """The gradients the canvas shows: of the inspected sample's loss while a neuron or
        connection is inspected (the glow's rule), else of the mean loss over the samples
        probe (the first ``probe_size`` training rows).  None without fitting targets."""
        data = self.session.train_data
        targets = fitting_targets(network, data)
        if targets is None:
            return None
        sample = self.inspector_sample(network) if self.window.inspection.selected else None
        if sample is not None:   # the inspector's sample, which has a target (a drawing not)
            x, y = sample
            return gradients_over(network, x[None, :], y[None, :],
                                  translate("ui.network_view", "the inspector's sample"))
        n = min(self.session.config.probe_size, data.n_samples)
        return gradients_over(network, data.inputs[:n], targets[:n], translate(
            "ui.network_view", "the first {count} training samples (mean)").format(count=n))

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
