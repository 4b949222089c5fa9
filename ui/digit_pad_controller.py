"""The "Draw a digit" pad bound to the session, for image data (8×8 digits, 28×28 IDX).

Each change of the drawing is made into a sample the way the data set was made
(``nnsim.simulator.drawing``) and run through ``session.display_network()`` — never the
live network while it trains.  The pad shows that input as a picture and the outputs
as bars; while the pad is open with a drawing, the canvas glows with the drawn sample
(``InspectorController.show_drawn``), and goes back when the pad is cleared or closed.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QTimer

from nnsim.simulator.drawing import DIGITS_SHAPE, MNIST_SHAPE, drawable, to_sample
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.network import Network

from .controller import Controller
from .digit_pad import DigitPad
from .pacing import RateLimit
from .theme import display_range

#: While drawing, the canvas follows at most this often (ms): recolouring and repainting a
#: 784-input network takes ~10 ms, which would double the pad's answer time if done on
#: every mouse event.
GLOW_INTERVAL_MS = 80
#: How the pad's input was made, by image shape (translated where shown).
RECIPES = {
    DIGITS_SHAPE: QT_TRANSLATE_NOOP(
        "ui.digit_pad_controller", "as the 8×8 digits were made: scaled to a 32-pixel-high "
        "bitmap, 4×4 blocks counted (0..16), divided by 16"),
    MNIST_SHAPE: QT_TRANSLATE_NOOP(
        "ui.digit_pad_controller", "as MNIST was made: fitted into 20×20, grey edges, "
        "centred by its centre of mass in 28×28, pixels 0..1"),
}


class DigitPadController(Controller):
    """Opens ``pad`` (a ``DigitPad``) for image data and keeps it showing what the
    network makes of the drawing."""

    def __init__(self, window):
        super().__init__(window)
        self.pad = DigitPad(window)
        self.sample: np.ndarray | None = None     # (n_features,): the drawing as input
        self.action = window.make_action(
            translate("ui.digit_pad_controller", "&Draw a Digit…"), self.open,
            tip=translate("ui.digit_pad_controller",
                          "Draw a digit with the mouse and see what the network answers"))
        self.button = window.data_panel.draw_button
        self.button.clicked.connect(self.open)
        self.slow_views = RateLimit()
        self.glow_timer = QTimer(self, singleShot=True, interval=GLOW_INTERVAL_MS)
        self.glow_timer.timeout.connect(self._glow_again)
        self.glow_behind = False    # the drawing changed since the canvas last followed it
        self.on(self._on_data, "project_replaced", "dataset_changed")
        self.on(self.refresh, "structure_changed", "params_changed", "activations_changed",
                "run_replaced")
        self.on(lambda running: running or self.refresh(), "running_changed")
        self.on(self._on_frame, "frame")
        self.pad.area.drawingChanged.connect(self.convert)
        self.pad.finished.connect(self._glow_now)
        self._on_data()

    def _on_frame(self, _snapshot) -> None:
        if self.slow_views.due():
            self.refresh()

    def image_shape(self) -> tuple[int, int] | None:
        """The data's image shape when a drawing can be made into its samples: 8×8 or
        28×28 pixels as read (standardized pixels are not what a drawing gives)."""
        data, reference = self.session.train_data, self.session.data.reference
        if data is None or (reference is not None and reference.standardize):
            return None
        return data.image_shape if drawable(data.image_shape) else None

    def _on_data(self) -> None:
        shape = self.image_shape()
        self.action.setEnabled(shape is not None)
        self.button.setVisible(shape is not None)
        if shape is None:
            self.pad.close()
        elif self.pad.isVisible():
            self.convert()

    def open(self) -> None:
        """Show the pad (for image data only)."""
        if self.image_shape() is None:
            return
        if not self.pad.isVisible():  # over the docks on the right: the canvas stays in view
            frame = self.window.frameGeometry()
            self.pad.move(max(frame.left(), frame.right() - self.pad.width() - 8),
                          frame.top() + 40)
        self.pad.show()
        self.pad.raise_()
        self.pad.activateWindow()
        self.convert()

    def convert(self) -> None:
        """The drawing changed: make it into a sample, show it and what the network
        answers, and let the canvas glow with it (an empty drawing gives the canvas back)."""
        shape, area = self.image_shape(), self.pad.area
        drawn = shape is not None and not area.is_empty()
        self.sample = to_sample(area.drawing(), shape) if drawn else None
        if shape is not None:
            self.pad.preview.show_pixels(self.sample, shape)
            self.pad.preview_caption.setText(translate(
                "ui.digit_pad_controller", "{rows}×{columns} pixels, {recipe}.").format(
                    rows=shape[0], columns=shape[1],
                    recipe=translate("ui.digit_pad_controller", RECIPES[shape])))
        self.refresh()
        self._glow_soon()

    def _glow_soon(self) -> None:
        """The canvas follows the drawing at once, then at most every GLOW_INTERVAL_MS
        while it goes on; a cleared drawing gives the canvas back at once."""
        if self.sample is None or not self.glow_timer.isActive():
            self._glow_now()
            if self.sample is not None:
                self.glow_timer.start()
        else:
            self.glow_behind = True

    def _glow_now(self, *_) -> None:
        """The canvas glows with the drawing while the pad shows one, else as before."""
        self.glow_timer.stop()
        self.glow_behind = False
        self.window.inspection.show_drawn(self.sample if self.pad.isVisible() else None)

    def _glow_again(self) -> None:
        if self.glow_behind:
            self._glow_now()
            self.glow_timer.start()

    def reading(self) -> str | None:
        """The class the network reads in the drawing on the open pad, or None (no pad,
        nothing drawn, or a network that cannot answer for this data)."""
        network, data = self.session.display_network(), self.session.train_data
        names = data.class_names if data is not None else ()
        if not self.pad.isVisible() or self.sample is None \
                or _mismatch(network, len(names), self.sample):
            return None
        return names[int(np.argmax(network.forward(self.sample[None, :])[0]))]

    def refresh(self, *_) -> None:
        """The bars for the drawing with the parameters shown now."""
        if not self.pad.isVisible():
            return
        network, data = self.session.display_network(), self.session.train_data
        names = data.class_names if data is not None else ()
        problem = _mismatch(network, len(names), self.sample)
        if problem or self.sample is None:
            self.pad.bars.show_values(names, np.zeros(len(names)))
            self.pad.verdict.setText("")
            self.pad.bars_caption.setText(problem or translate(
                "ui.digit_pad_controller", "Draw a digit to see the network's answer."))
            return
        outputs = network.forward(self.sample[None, :])[0]
        activation = network.activation_of(network.n_layers - 1)
        self.pad.bars.show_values(names, outputs,
                                  display_range(activation.value_range, np.abs(outputs).max()))
        top = int(np.argmax(outputs))
        if activation.name == "softmax":
            verdict = translate("ui.digit_pad_controller", "It reads “{name}” ({share})").format(
                name=names[top], share=f"{outputs[top]:.0%}")
        else:
            verdict = translate("ui.digit_pad_controller", "It reads “{name}”").format(
                name=names[top])
        self.pad.verdict.setText(verdict)
        hidden = len(names) - len(self.pad.bars.shown)
        caption = _outputs_caption(activation.name, activation.label, float(outputs.sum()))
        if hidden:
            caption = translate(
                "ui.digit_pad_controller", "{caption} The {shown} largest of {total} are "
                "shown.").format(caption=caption, shown=len(self.pad.bars.shown),
                                 total=f"{len(names):,}")
        self.pad.bars_caption.setText(caption)


def _mismatch(network: Network | None, n_classes: int, sample: np.ndarray | None) -> str:
    """Why the network cannot answer for this data's drawings; "" when it can."""
    if network is None or network.n_layers < 2 or n_classes == 0:
        return translate("ui.digit_pad_controller",
                         "The network needs an output layer with one neuron per class.")
    if sample is not None and network.sizes[0] != len(sample):
        return translate(
            "ui.digit_pad_controller", "The network has {inputs} inputs but a drawing gives "
            "{pixels} pixels.").format(inputs=f"{network.sizes[0]:,}", pixels=f"{len(sample):,}")
    if network.sizes[-1] != n_classes:
        return translate(
            "ui.digit_pad_controller", "The network has {outputs} outputs for the data's "
            "{classes} classes.").format(outputs=f"{network.sizes[-1]:,}",
                                         classes=f"{n_classes:,}")
    return ""


def _outputs_caption(name: str, label: str, total: float) -> str:
    if name == "softmax":
        return translate(
            "ui.digit_pad_controller", "Softmax outputs are probabilities: they sum to 1 "
            "(here {total}).").format(total=f"{total:.3f}")
    if name == "sigmoid":
        return translate(
            "ui.digit_pad_controller", "Sigmoid outputs lie between 0 and 1 each, "
            "independently: they are not probabilities that sum to 1 (here {total}).").format(
                total=f"{total:.3f}")
    return translate("ui.digit_pad_controller", "{activation} outputs are scores, not "
                     "probabilities; the largest is the answer.").format(activation=label)
