"""The two plot docks bound to the session: one controller each.

Loss and accuracy follow the run: a frame adds points, a run that restarted or went
back (reset, undo, new data, a restored checkpoint) replaces the curves with its
history, a click on the epoch axis goes back to the timeline's checkpoint there.  The
activations dock follows the network's structure, keeping the watched neurons that
still exist, and renames.
"""

from __future__ import annotations

from nnsim.simulator.history import History
from nnsim.simulator.i18n import translate
from nnsim.simulator.trainingtypes import Snapshot

from .controller import Controller


class LossController(Controller):
    """Keeps ``window.loss_plot`` showing the session's run."""

    def __init__(self, window):
        super().__init__(window)
        self.plot = window.loss_plot
        self.on(self.show_run, "project_replaced", "run_replaced")
        self.on(self._on_frame, "frame")
        self.plot.epochClicked.connect(self.go_back_to)

    def show_run(self, *_) -> None:
        trainer = self.session.trainer
        self.plot.set_history(trainer.history if trainer is not None else History())

    def _on_frame(self, snapshot: Snapshot) -> None:
        self.plot.add_step_loss(snapshot.epoch_progress, snapshot.loss)
        for epoch, metrics in snapshot.new_epochs:
            self.plot.add_epoch(epoch, metrics)
        self.plot.redraw_throttle.serve_early()  # paint with this frame, not mid-slice

    def go_back_to(self, epoch: float) -> None:
        """Restore the latest checkpoint at or before ``epoch`` (one undo step)."""
        checkpoint = self.session.timeline.at_or_before(epoch)
        if checkpoint is None:
            self.window.show_status(translate(
                "ui.plot_controllers", "No saved moment of this run at that epoch: the "
                "timeline starts when training does."), 6000)
            return
        self.session.restore(checkpoint)
        self.window.show_status(translate(
            "ui.plot_controllers", "Back to epoch {epoch}, step {step} (Ctrl+Z to undo)").format(
                epoch=f"{checkpoint.epoch:,}", step=f"{checkpoint.step:,}"), 6000)


class ActivationsController(Controller):
    """Keeps ``window.activation_plot`` showing the session's network and frames."""

    def __init__(self, window):
        super().__init__(window)
        self.plot = window.activation_plot
        self.on(self._on_new_project, "project_replaced")
        self.on(self._on_structure, "structure_changed", "activations_changed")
        self.on(lambda *_: self.plot.refresh_names(), "neuron_renamed")
        self.on(lambda *_: self.plot.clear(), "run_replaced")
        self.on(self._on_frame, "frame")
        self.on(lambda *_: self.plot.show_histograms(self.session.frame()), "viewing_changed")

    def _on_new_project(self) -> None:
        for neuron in self.plot.watched:
            self.plot.unwatch(*neuron)
        self._on_structure()
        self.plot.clear()

    def _on_structure(self) -> None:
        network = self.session.network
        if network is None:
            self.plot.clear()
        else:
            self.plot.set_network(network)

    def _on_frame(self, snapshot: Snapshot) -> None:
        self.plot.update_snapshot(snapshot)
        self.plot.redraw_throttle.serve_early()

    def watch(self, layer: int, neuron: int) -> None:
        self.plot.watch_neuron(layer, neuron)
