"""The confusion matrix dock bound to the session.

It scores ``session.display_network()`` (while training, a copy holding the latest
snapshot's parameters, never the live network) with the one evaluator,
``evaluation.evaluate``, which ``nnsim eval`` prints too.  While training it follows at
most once a second, on the first LIVE_ROWS rows; when training stops, on every row.
Work is done only while the dock is shown.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QIcon

from nnsim.simulator.dataset import CLASSIFICATION, Dataset
from nnsim.simulator.evaluation import CHUNK_ROWS, Evaluation, evaluate, predicted_labels
from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network
from nnsim.simulator.trainingtypes import Snapshot

from .confusion_view import ICON_PIXELS, MAX_LISTED
from .controller import Controller
from .pacing import RateLimit
from .plaintext import name
from .sample_pages import grayscale_pixmap

#: Rows scored per update while training (MNIST's 54,000 would stall every frame).
LIVE_ROWS = 5000
#: Updates per second while training.
LIVE_HZ = 1


class ConfusionController(Controller):
    """Keeps ``window.confusion_view`` showing the shown network's confusion matrix."""

    def __init__(self, window):
        super().__init__(window)
        self.view = window.confusion_view
        self.dock = window.docks["confusion"]
        self.rate = RateLimit(LIVE_HZ)
        self._pixel_range: tuple = (None, 0.0, 1.0)   # (data set, its darkest, lightest)
        self.shown: tuple[Network, Dataset, Evaluation] | None = None
        self._labels: tuple[np.ndarray, np.ndarray] | None = None
        self.cell: tuple[int, int] | None = None
        self.on(self._on_new_data, "project_replaced", "dataset_changed")
        self.on(self.refresh, "structure_changed", "activations_changed", "loss_changed",
                "params_changed", "run_replaced")
        self.on(lambda running: running or self.refresh(), "running_changed")
        self.on(self._on_frame, "frame")
        self.dock.visibilityChanged.connect(lambda visible: visible and self.refresh())
        self.view.partChanged.connect(self._on_part_changed)
        self.view.cellClicked.connect(self.list_cell)
        self.view.sampleChosen.connect(self.inspect)

    # ------------------------------------------------------------------ the matrix
    def _on_frame(self, _snapshot: Snapshot) -> None:
        if self.view.isVisible() and self.rate.due():
            self.refresh()

    def _on_new_data(self, *_) -> None:
        """Other samples: the cell listed before names other rows now."""
        self.cell = None
        self.refresh()

    def _on_part_changed(self, _part: str) -> None:
        self._on_new_data()

    def data(self) -> Dataset | None:
        """The part shown: the training or the test data."""
        test = self.session.test_data
        self.view.set_test_available(test is not None and test.n_samples > 0)
        return self.session.train_data if self.view.part() == "train" else test

    def refresh(self, *_) -> None:
        """Score the shown network on the part shown (only while the dock is visible)."""
        if not self.view.isVisible():
            return
        network, data = self.session.display_network(), self.data()
        self.shown, self._labels = None, None
        reason = _unavailable(network, data)
        if reason is None:
            try:
                result = evaluate(network, data, LIVE_ROWS if self.session.busy else None)
            except ValueError as error:
                reason = translate("ui.confusion_controller",
                                   "The network does not fit the data: {error}").format(
                                       error=error)
        if reason is not None:
            self.view.show_unavailable(reason)
            return
        self.shown = (network.copy(), data, result)
        note = translate(
            "ui.confusion_controller", "While training: the first {scored} of {rows} samples, "
            "once a second.").format(scored=f"{result.rows_scored:,}", rows=f"{result.rows:,}") \
            if result.is_subset else ""
        self.view.show_evaluation(result, note)
        if self.cell is not None and max(self.cell) < len(result.class_names):
            self.list_cell(*self.cell)
        else:
            self.cell = None
            self.view.clear_samples()

    # ------------------------------------------------------------------ a cell's samples
    def labels(self) -> tuple[np.ndarray, np.ndarray]:
        """True and predicted class of each row scored, ``(rows_scored,)`` each, exactly
        as ``evaluate`` counted them (computed when a cell is first clicked)."""
        if self._labels is None:
            network, data, result = self.shown
            n = result.rows_scored
            activation = network.activation_of(network.n_layers - 1)
            targets = data.targets_for(network.activations[-1], network.sizes[-1])[:n]
            outputs = np.concatenate([network.forward(data.inputs[start:start + CHUNK_ROWS])
                                      for start in range(0, n, CHUNK_ROWS)])
            self._labels = (predicted_labels(targets, activation),
                            predicted_labels(outputs, activation))
        return self._labels

    def rows_in_cell(self, true: int, predicted: int) -> np.ndarray:
        """Rows of the part shown whose true class is ``true`` and prediction ``predicted``."""
        true_labels, guessed = self.labels()
        return np.flatnonzero((true_labels == true) & (guessed == predicted))

    def list_cell(self, true: int, predicted: int) -> None:
        if self.shown is None:
            return
        self.cell = (true, predicted)
        _, data, result = self.shown
        rows = self.rows_in_cell(true, predicted)
        names = result.class_names
        if self.view.part() == "train":
            title = translate("ui.confusion_controller", "{count} train samples of class "
                              "{true} predicted as {predicted}")
        else:
            title = translate("ui.confusion_controller", "{count} test samples of class "
                              "{true} predicted as {predicted}")
        title = title.format(count=f"{len(rows):,}", true=name(names[true]),
                             predicted=name(names[predicted]))
        if rows.size and self.view.part() == "train":
            title = translate("ui.confusion_controller", "{title}; click one to inspect "
                              "it").format(title=title)
        self.view.show_samples(title, rows, self._icons(data, rows[:MAX_LISTED]))

    def _icons(self, data: Dataset, rows: np.ndarray):
        if data.image_shape is None:
            return None
        train = self.session.train_data
        if self._pixel_range[0] is not train:   # a pass over every pixel: once per data
            self._pixel_range = (train, float(train.inputs.min()), float(train.inputs.max()))
        _, low, high = self._pixel_range
        return [QIcon(grayscale_pixmap(data.inputs[row], data.image_shape, low, high,
                                       ICON_PIXELS)) for row in rows]

    def inspect(self, row: int) -> None:
        """Make a training sample the inspector's (the inspector steps through those)."""
        if self.view.part() != "train":
            self.window.show_status(translate(
                "ui.confusion_controller", "Test sample #{row}: the inspector steps through "
                "the training samples only.").format(row=row), 6000)
            return
        self.window.inspector.sample_spin.setValue(row)
        self.window.docks["inspector"].raise_()
        self.window.show_status(translate(
            "ui.confusion_controller", "Training sample #{row} is in the neuron inspector "
            "(click a neuron to see its arithmetic).").format(row=row), 6000)


def _unavailable(network: Network | None, data: Dataset | None) -> str | None:
    """Why there is no matrix to show, or None."""
    if network is None or data is None:
        return translate("ui.confusion_controller", "Open a network with classification "
                         "data to see which classes it confuses.")
    if data.task != CLASSIFICATION:
        return translate("ui.confusion_controller", "A confusion matrix needs "
                         "classification data; these data are regression.")
    if network.n_layers < 2:
        return translate("ui.confusion_controller",
                         "Add an output layer to see which classes the network confuses.")
    if data.n_samples == 0:
        return translate("ui.confusion_controller",
                         "There are no samples in this part of the data.")
    return None
