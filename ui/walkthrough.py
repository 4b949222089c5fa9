"""The walk-through bound to the session: one sample stepped through the forward pass,
the error, the backward pass and the update, on the canvas and in the inspector.

Starting a walk pauses training.  The steps are computed (``simulator.walkthrough``) on
``session.display_network()`` for the inspector's sample, with the session's settings
and optimiser state, and again whenever any of those change; the walk keeps its place.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut

from nnsim.simulator.i18n import translate
from nnsim.simulator.updates import explain_step
from nnsim.simulator.walkthrough import FORWARD, WalkStep, walk

from .arithmetic import format_moved, format_number
from .canvas.walk_overlay import WalkOverlay
from .controller import Controller
from .pacing import RateLimit


class WalkthroughController(Controller):
    """Owns the walk's steps and where it is; shows the current one everywhere."""

    def __init__(self, window):
        super().__init__(window)
        self.bar = window.walkthrough_bar
        self.dock = window.docks["walkthrough"]
        self.overlay = WalkOverlay(window.canvas)
        self.steps: list[WalkStep] = []
        self.index = 0
        self.active = False
        self.slow = RateLimit()
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.move(1))
        self._connect_bar()
        self._connect_keys()
        self.on(self._changed, "params_changed", "activations_changed", "loss_changed",
                "run_replaced", "config_changed", "dataset_changed", "structure_changed",
                "neuron_renamed")
        self.on(self._on_frame, "frame")
        self.on(lambda: self.stop(), "project_replaced")
        window.inspector.sampleChanged.connect(self._inspector_sample_changed)

    def _connect_bar(self) -> None:
        bar = self.bar
        bar.moved.connect(self.move)
        bar.playToggled.connect(self._play)
        bar.pace.currentIndexChanged.connect(lambda: self._play(self.timer.isActive()))
        bar.sampleChosen.connect(self.window.inspector.sample_spin.setValue)
        bar.closeRequested.connect(self.stop)
        # Shown from the View menu, the dock starts a walk; closed, it ends one.
        self.dock.visibilityChanged.connect(
            lambda visible: self.start() if visible else self.stop())

    def _connect_keys(self) -> None:
        self.keys = []
        # On the canvas and in the bar (whose buttons would otherwise take the arrows
        # to move the focus); text fields keep their arrows (they override shortcuts).
        for widget in (self.window.canvas, self.bar):
            for key, step in ((Qt.Key_Right, 1), (Qt.Key_Left, -1)):
                shortcut = QShortcut(QKeySequence(key), widget)
                shortcut.setContext(Qt.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda step=step: self.move(step))
                shortcut.setEnabled(False)
                self.keys.append(shortcut)

    # ------------------------------------------------------------------ the walk
    def start(self) -> None:
        """Begin at the first step with the inspector's sample (training pauses)."""
        if self.active:
            return
        if self.session.project is None:
            self.bar.show_unavailable(translate(
                "ui.walkthrough", "Open or build a network to walk a sample through it."))
            return
        self.session.pause()
        self.active, self.index = True, 0
        for key in self.keys:
            key.setEnabled(True)
        self.dock.show()
        self.dock.raise_()
        self.rebuild()
        self.bar.next.setFocus()

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        self.timer.stop()
        self.bar.stop_playing()
        for key in self.keys:
            key.setEnabled(False)
        self.overlay.clear()
        self.dock.hide()

    def move(self, step: int) -> None:
        if not self.active or not self.steps:
            return
        self.index = min(max(self.index + step, 0), len(self.steps) - 1)
        if self.index == len(self.steps) - 1:
            self.bar.stop_playing()
        self.show_step()

    def _play(self, on: bool) -> None:
        self.timer.stop()
        if on and self.active:
            if self.index == len(self.steps) - 1:
                self.index = -1   # from the start again
                self.move(1)
            self.timer.start(int(self.bar.seconds_per_step() * 1000))

    # ------------------------------------------------------------------ computing
    def rebuild(self) -> None:
        """The steps for the present network, sample and settings; same place."""
        self.steps = self._compute()
        if not self.steps:
            self.overlay.clear()
            return
        self.index = min(self.index, len(self.steps) - 1)
        self.show_step()

    def _compute(self) -> list[WalkStep]:
        inspector, network = self.window.inspector, self.session.display_network()
        sample = inspector.current_sample()
        count = 0 if self.session.train_data is None else self.session.train_data.n_samples
        self.bar.set_samples(count, inspector.sample_spin.value())
        if network is None or network.n_layers < 2 or sample is None \
                or len(sample[0]) != network.sizes[0]:
            self.bar.show_unavailable(translate(
                "ui.walkthrough", "The walk-through needs a network whose input layer fits "
                "the data, and an output layer."))
            return []
        x, y = sample
        if y is not None and len(y) != network.sizes[-1]:
            y = None
        trace = network.trace(x[np.newaxis], None if y is None else y[np.newaxis])
        update = None if y is None else explain_step(
            network, x, y, self.session.config, self.session.optimizer_state(), trace)
        return walk(network, trace, y, update, format_number, format_moved)

    def show_step(self) -> None:
        step = self.steps[self.index]
        self.window.inspection.select(step.focus)
        canvas = self.window.canvas
        if step.kind == FORWARD:
            anchor, place = canvas.neuron_position(step.layer, step.neuron), "right"
        else:   # over the layer's header: its neurons and connections carry labels
            anchor, place = canvas.headers[step.layer].pos(), "above"
        self.overlay.show(anchor, place, step.title, step.lines, step.connections,
                          step.neuron_labels, step.connection_labels)
        self.bar.show_position(self.index, len(self.steps), step.title, step.kind)

    # ------------------------------------------------------------------ following
    def _changed(self, *_) -> None:
        if self.active:
            self.rebuild()

    def _on_frame(self, _frame) -> None:
        if self.active and self.slow.due(not self.session.running):
            self.rebuild()

    def _inspector_sample_changed(self, _index: int) -> None:
        if self.active:
            self.rebuild()
