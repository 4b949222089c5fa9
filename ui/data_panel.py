"""The data chooser above the data view: built-in sets with their noise and size, a CSV
file or MNIST files, and how much to hold out for testing.

Every change builds a new ``DatasetRef`` and hands it to ``Session.set_dataset``;
a failure (unreadable file, wrong columns) is shown and the current data stays.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.datasets import BUILTIN_DATASETS
from nnsim.simulator.i18n import translate
from nnsim.simulator.project import DatasetRef
from nnsim.simulator.resources import bundled_as_named

from . import theme

CSV_ITEM, MNIST_ITEM = "csv", "mnist"


class DataPanel(QWidget):
    """Compact controls; ``datasetRequested`` carries the new ``DatasetRef``."""

    datasetRequested = Signal(object)
    locateRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.reference: DatasetRef | None = None
        self.choice = QComboBox()
        self.choice.setPlaceholderText(translate("ui.data_panel", "Choose a data set…"))
        for name, info in BUILTIN_DATASETS.items():
            self.choice.addItem(info.label, name)
            self.choice.setItemData(self.choice.count() - 1, info.description,
                                    Qt.ToolTipRole)
        self.choice.insertSeparator(self.choice.count())
        self.choice.addItem(translate("ui.data_panel", "CSV file…"), CSV_ITEM)
        self.choice.addItem(translate("ui.data_panel", "MNIST IDX files…"), MNIST_ITEM)
        self.noise = QDoubleSpinBox()   # a percentage (Playground's sets) or a σ (sine)
        self.samples = QSpinBox()
        self.samples.setSuffix(translate("ui.data_panel", " points"))
        self.samples.setSingleStep(50)
        self.test_share = QDoubleSpinBox()
        self.test_share.setRange(0.0, 0.9)
        self.test_share.setSingleStep(0.1)
        self.test_share.setDecimals(2)
        self.test_share.setPrefix(translate("ui.data_panel", "test "))
        self.regenerate = QPushButton(translate("ui.data_panel", "New sample"))
        self.regenerate.setToolTip(
            translate("ui.data_panel", "Draw the data again with the next seed"))
        # Shown for image data.
        self.draw_button = QPushButton(translate("ui.data_panel", "Draw a digit…"))
        self.draw_button.setToolTip(translate(
            "ui.data_panel", "Draw a digit with the mouse and see what the network answers"))
        # Plain text: the summary names the user's files and their columns and classes.
        self.summary = QLabel(textFormat=Qt.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {theme.MUTED};")
        # Data that cannot be read: which file, why, and a way to find it.
        self.missing = QLabel(textFormat=Qt.PlainText)
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(f"color: {theme.ERROR};")
        self.locate_button = QPushButton(translate("ui.data_panel", "Locate data…"))
        self.locate_button.setToolTip(
            translate("ui.data_panel", "Choose the folder that holds the data's files"))
        self.locate_button.clicked.connect(self.locateRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widgets in ((self.choice, self.regenerate, self.draw_button),
                        (self.noise, self.samples, self.test_share)):
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.missing)
        layout.addWidget(self.locate_button, 0, Qt.AlignLeft)
        self.choice.activated.connect(self._choice_activated)
        for box in (self.noise, self.samples):
            box.editingFinished.connect(self._builtin_edited)
        self.test_share.editingFinished.connect(self._split_edited)
        self.regenerate.clicked.connect(self._next_seed)
        self.show_reference(None)

    # ------------------------------------------------------------------ following the model
    def show_reference(self, reference: DatasetRef | None, problem: str = "") -> None:
        """Show ``reference`` in the controls without emitting anything; ``problem``
        says why its data cannot be read (one line), "" when it was read."""
        self.reference, self.problem = reference, problem
        self.missing.setText(translate("ui.data_panel", "Cannot read the data: {problem}").format(
            problem=bundled_as_named(problem)))
        self.missing.setVisible(bool(problem))
        self.locate_button.setVisible(bool(problem))
        blockers = [QSignalBlocker(w) for w in (self.choice, self.noise, self.samples,
                                                self.test_share)]
        name = reference.name if reference else None
        self.choice.setCurrentIndex(self.choice.findData(name))  # -1: the placeholder
        specs = BUILTIN_DATASETS[name].params if name in BUILTIN_DATASETS else {}
        self._style_noise(specs.get("noise"))
        for key, box in (("noise", self.noise), ("n_samples", self.samples)):
            box.setVisible(key in specs)
            if key in specs:
                kind = float if box is self.noise else int
                box.setRange(kind(specs[key].low), kind(specs[key].high))
                box.setValue(kind(reference.params.get(key, specs[key].default)))
        self.test_share.setValue(reference.test_fraction if reference else 0.0)
        # A test set in files of its own (MNIST's t10k pair) is not held out.
        self.test_share.setEnabled(not (reference and reference.test_paths))
        self.regenerate.setVisible("seed" in specs)
        self.summary.setText(bundled_as_named(reference.describe()) if reference else
                             translate("ui.data_panel", "This network has no data: choose a "
                                       "data set to train it."))
        del blockers

    # ------------------------------------------------------------------ edits
    def _choice_activated(self, _index: int) -> None:
        name = self.choice.currentData()
        if name == CSV_ITEM:
            self._choose_csv()
        elif name == MNIST_ITEM:
            self._choose_mnist()
        else:
            # Each built-in set comes with its own test share (the gates hold none out).
            self._request(DatasetRef(name, {},
                                     test_fraction=BUILTIN_DATASETS[name].test_fraction))

    def _style_noise(self, spec) -> None:
        """Playground's noise is a percentage of the data's spread (0 to 50); the sine's
        is the standard deviation added to y (0.05, say), shown as such."""
        as_sigma = spec is not None and spec.unit == "σ"
        self.noise.setDecimals(2 if as_sigma else 0)
        self.noise.setSingleStep(0.01 if as_sigma else 1)
        self.noise.setPrefix(translate("ui.data_panel", "noise σ ") if as_sigma else "")
        self.noise.setSuffix("" if as_sigma else translate("ui.data_panel", " % noise"))

    def _builtin_edited(self) -> None:
        ref = self.reference
        if ref is None or ref.name not in BUILTIN_DATASETS:
            return
        params = dict(ref.params)
        specs = BUILTIN_DATASETS[ref.name].params
        for key, box in (("noise", self.noise), ("n_samples", self.samples)):
            if key in specs:
                value = float(box.value())
                params[key] = int(value) if value.is_integer() else value
        if params != ref.params:
            self._request(replace(ref, params=params))

    def _split_edited(self) -> None:
        if self.reference is not None and self.test_share.value() != self.reference.test_fraction:
            self._request(replace(self.reference, test_fraction=self.test_share.value()))

    def _next_seed(self) -> None:
        ref = self.reference
        params = dict(ref.params)
        params["seed"] = int(params.get("seed", 0)) + 1
        self._request(replace(ref, params=params))

    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("ui.data_panel", "Open a CSV file"), "",
            translate("ui.data_panel", "CSV files (*.csv *.csv.gz);;All files (*)"))
        if path:
            self._request(DatasetRef("csv", {}, (path,), test_fraction=0.2, standardize=True))
        else:
            self.show_reference(self.reference, self.problem)

    def _choose_mnist(self) -> None:
        images, _ = QFileDialog.getOpenFileName(
            self, translate("ui.data_panel", "MNIST images (IDX)"), "",
            translate("ui.data_panel", "IDX files (*idx3* *.gz);;All files (*)"))
        labels = "" if not images else QFileDialog.getOpenFileName(
            self, translate("ui.data_panel", "MNIST labels (IDX)"), str(Path(images).parent),
            translate("ui.data_panel", "IDX files (*idx1* *.gz);;All files (*)"))[0]
        if images and labels:
            self._request(DatasetRef("mnist", {}, (images, labels), test_fraction=0.1))
        else:
            self.show_reference(self.reference, self.problem)

    def _request(self, reference: DatasetRef) -> None:
        self.datasetRequested.emit(reference)

