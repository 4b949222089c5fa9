"""The data set and what the network makes of it.

One page per kind of data, chosen by :func:`view_kind`:

* ``surface``: two input features.  Train points (filled) and test points (outlined)
  over the network's output evaluated on a grid, TensorFlow Playground's decision map.
* ``curve``: one input feature, one regression target.  The targets and the network's
  curve.
* ``images``: samples drawn as pictures, each captioned with true and predicted class.
* ``summary``: anything else.  Counts, and per-class accuracy or predicted against true.

The network runs elsewhere (the training worker): the view says which rows it needs
(:meth:`DataView.evaluation_inputs`) and draws the outputs it is handed back
(:meth:`DataView.show_outputs`), which is cheap enough for every snapshot.  The pages
themselves are in ``data_pages`` (surface, curve) and ``sample_pages`` (images, summary).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.activations import Activation
from nnsim.simulator.dataset import CLASSIFICATION, Dataset
from nnsim.simulator.i18n import translate
from nnsim.ui import theme
from nnsim.ui.data_pages import CurvePage, SurfacePage
from nnsim.ui.sample_pages import ImagePage, SummaryPage

SURFACE, CURVE, IMAGES, SUMMARY = "surface", "curve", "images", "summary"


def view_kind(dataset: Dataset) -> str:
    """Which page shows ``dataset``: SURFACE, CURVE, IMAGES or SUMMARY."""
    if dataset.image_shape is not None:
        return IMAGES
    one_value = dataset.task == CLASSIFICATION or dataset.n_outputs == 1
    if dataset.n_features == 2 and one_value:
        return SURFACE
    if dataset.n_features == 1 and dataset.task != CLASSIFICATION and dataset.n_outputs == 1:
        return CURVE
    return SUMMARY


class DataView(QWidget):
    """The current data set and the network's outputs on it (see the module docstring)."""

    outputRequested = Signal()   # back from a neuron's response to the network's output

    def __init__(self, parent: QWidget | None = None, resolution: int = 50):
        super().__init__(parent)
        self.surface = SurfacePage(resolution)
        self.curve = CurvePage(resolution)
        self.images = ImagePage()
        self.summary = SummaryPage()
        self._pages = {SURFACE: self.surface, CURVE: self.curve, IMAGES: self.images,
                       SUMMARY: self.summary}
        self.kind: str | None = None
        self.empty = QLabel(alignment=Qt.AlignCenter)   # its note: clear() below
        self.empty.setStyleSheet(f"color: {theme.MUTED};")
        self.stack = QStackedWidget()
        for page in (self.empty, *self._pages.values()):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self._build_options())
        layout.addWidget(self.stack, 1)
        self.clear()

    def _build_options(self) -> QHBoxLayout:
        self.show_test_checkbox = QCheckBox(translate("ui.dataview", "show test data"),
                                            checked=True)
        self.discrete_checkbox = QCheckBox(translate("ui.dataview", "discretise output"))
        self.discrete_checkbox.setToolTip(translate(
            "ui.dataview", "Colour each point by the class the network picks, not by how "
            "sure it is"))
        self._checkboxes = {"show_test": self.show_test_checkbox,
                            "discrete": self.discrete_checkbox}
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 0)
        for name, box in self._checkboxes.items():
            box.toggled.connect(lambda on, name=name: self._set_option(name, on))
            bar.addWidget(box)
        bar.addStretch(1)
        self.output_button = QPushButton(translate("ui.dataview", "← network output"))
        self.output_button.setToolTip(translate(
            "ui.dataview", "Show the network's output again instead of the neuron's "
            "response"))
        self.output_button.clicked.connect(self.outputRequested)
        self.output_button.hide()
        bar.addWidget(self.output_button)
        return bar

    def _set_option(self, name: str, on: bool) -> None:
        page = self._pages.get(self.kind)
        if page is not None and name in page.options:
            page.set_option(name, on)

    # -- data
    def clear(self, note: str | None = None) -> None:
        """Show ``note`` (by default "No data set") instead of data."""
        if note is None:
            note = translate("ui.dataview", "No data set")
        self.kind = None
        self.empty.setText(note)
        self.stack.setCurrentWidget(self.empty)
        for box in self._checkboxes.values():
            box.hide()

    def set_dataset(self, train: Dataset, test: Dataset | None = None) -> None:
        test = test if test is not None and test.n_samples else None
        self.kind = view_kind(train)
        page = self._pages[self.kind]
        page.set_dataset(train, test)
        for name, box in self._checkboxes.items():
            box.setVisible(name in page.options and (name != "show_test" or test is not None))
            if name in page.options:
                page.set_option(name, box.isChecked())
        self.stack.setCurrentWidget(page)

    # -- what the network must compute
    def evaluation_inputs(self) -> np.ndarray:
        """The rows ``(m, n_features)`` whose outputs ``show_outputs`` expects."""
        if self.kind is None:
            raise ValueError("no data set is shown")
        return self._pages[self.kind].inputs()

    def grid_inputs(self) -> np.ndarray:
        """Surface ``(G*G, 2)`` (row ``i*G + j`` is x_i, y_j) or curve ``(G, 1)`` points."""
        if self.kind not in (SURFACE, CURVE):
            raise ValueError(f"a {self.kind or 'missing'} view has no grid")
        return self.evaluation_inputs()

    def sample_inputs(self) -> np.ndarray:
        """The pictured samples (images view) or the summarised rows (summary view)."""
        if self.kind not in (IMAGES, SUMMARY):
            raise ValueError(f"a {self.kind or 'missing'} view evaluates a grid, not samples")
        return self.evaluation_inputs()

    def show_outputs(self, outputs: np.ndarray, output_activation: Activation) -> None:
        """Draw the network's ``outputs`` ``(m, n_outputs)`` for ``evaluation_inputs()``."""
        self.output_button.hide()
        if self.kind is not None:
            self._pages[self.kind].show_outputs(np.asarray(outputs), output_activation)

    def show_response(self, values: np.ndarray, activation: Activation, title: str) -> None:
        """A two-feature page shows one neuron's activation ``values`` ``(G*G,)`` over
        the plane (at ``grid_inputs()``) instead of the network's output."""
        if self.kind == SURFACE:
            self.output_button.show()
            self.surface.show_response(np.asarray(values), activation, title)
