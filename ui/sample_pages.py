"""The data view's pages that show a few samples: pictures of image samples captioned
true → predicted, and a summary (counts, then per-class accuracy or predicted against true)
for any other data.  Both show the unseen data when there is some.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout

from nnsim.simulator.activations import Activation
from nnsim.simulator.dataset import CLASSIFICATION, Dataset
from nnsim.simulator.evaluation import confusion_matrix, predicted_labels
from nnsim.simulator.i18n import translate
from nnsim.ui import theme
from nnsim.ui.data_pages import Page, class_colors, evaluation_set, feature_name
from nnsim.ui.plots import TitledPlot, style_plot

#: Image samples shown, and how many per row.
N_IMAGE_SAMPLES, IMAGE_COLUMNS = 24, 6
IMAGE_PIXELS = 56
#: At most this many rows are evaluated for the summary page.
SUMMARY_ROWS = 1000


class ImagePage(Page):
    """A grid of sample pictures captioned "3 → 5" (true → predicted), wrong ones in red."""

    def __init__(self):
        super().__init__()
        self.header = QLabel(textFormat=Qt.PlainText)
        self.header.setStyleSheet(f"color: {theme.MUTED};")
        grid = QGridLayout()
        grid.setSpacing(6)
        self.pictures, self.captions = [], []
        for k in range(N_IMAGE_SAMPLES):
            picture = QLabel(alignment=Qt.AlignCenter)
            picture.setFixedSize(IMAGE_PIXELS + 6, IMAGE_PIXELS + 6)
            caption = QLabel(alignment=Qt.AlignHCenter | Qt.AlignTop,
                             textFormat=Qt.PlainText)
            row, col = divmod(k, IMAGE_COLUMNS)
            grid.addWidget(picture, 2 * row, col, Qt.AlignHCenter)
            grid.addWidget(caption, 2 * row + 1, col)
            self.pictures.append(picture)
            self.captions.append(caption)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(grid)
        layout.addStretch(1)

    def set_dataset(self, train: Dataset, test: Dataset | None) -> None:
        data, which = evaluation_set(train, test)
        self._samples = data.subset(np.arange(min(N_IMAGE_SAMPLES, data.n_samples)))
        self._names = data.class_names
        self._true = self._samples.labels if data.task == CLASSIFICATION else None
        self._which = which
        low, high = float(train.inputs.min()), float(train.inputs.max())
        for k, (picture, caption) in enumerate(zip(self.pictures, self.captions)):
            shown = k < self._samples.n_samples
            picture.setVisible(shown)
            caption.setVisible(shown)
            if shown:
                picture.setPixmap(grayscale_pixmap(self._samples.inputs[k], data.image_shape,
                                                    low, high))
                self._caption(k, None)
        self.header.setText(translate(
            "ui.sample_pages", "{n} {which} samples (true → predicted)").format(
                n=self._samples.n_samples, which=which))

    def inputs(self) -> np.ndarray:
        return self._samples.inputs

    def show_outputs(self, outputs: np.ndarray, activation: Activation) -> None:
        """``outputs`` ``(n_shown, n_outputs)`` for ``inputs()``; predicted = argmax."""
        predicted = predicted_labels(outputs, activation)
        for k, label in enumerate(predicted):
            self._caption(k, int(label))
        if self._true is not None:
            right = int(np.sum(predicted == self._true))
            self.header.setText(translate(
                "ui.sample_pages", "{right} of {n} {which} samples classified right "
                "(true → predicted)").format(right=right, n=len(predicted), which=self._which))

    def _caption(self, k: int, predicted: int | None) -> None:
        # One short line ("3 → 5") fits under a picture in a narrow dock; the tooltip
        # spells it out.
        true = self._names[self._true[k]] if self._true is not None else "?"
        text, name = f"{true}", None
        if predicted is not None:
            name = self._names[predicted] if predicted < len(self._names) else str(predicted)
            text += f" → {name}"
        if self.captions[k].text() == text and self.captions[k].styleSheet():
            return   # every frame of training: the tooltip is only written for a change
        if name is None:
            tip = translate("ui.sample_pages", "true {true}").format(true=true)
        else:
            tip = translate("ui.sample_pages", "true {true}, predicted {predicted}").format(
                true=true, predicted=name)
        wrong = predicted is not None and self._true is not None and predicted != self._true[k]
        tip = _plain_tooltip(tip)
        self.captions[k].setToolTip(tip)
        self.pictures[k].setToolTip(tip)
        self.captions[k].setText(text)
        color = theme.ERROR if wrong else theme.TEXT if predicted is not None else theme.MUTED
        # setStyleSheet costs ~90 µs a label: restyle only when right/wrong changed.
        if self.captions[k].property("shownColor") != color:
            self.captions[k].setProperty("shownColor", color)
            self.captions[k].setStyleSheet(f"color: {color}; font-size: 8pt;")
            border = theme.ERROR if wrong else theme.BORDER
            self.pictures[k].setStyleSheet(f"border: 2px solid {border}; background: black;")


def _plain_tooltip(text: str) -> str:
    """``text`` as a tooltip shows it verbatim: Qt takes a tooltip that looks like
    markup for rich text, so it is escaped inside a paragraph."""
    return f"<p>{html.escape(text)}</p>"


def grey_image(grey: np.ndarray) -> QImage:
    """A ``(rows, cols)`` uint8 array as a grey QImage holding its own copy."""
    grey = np.ascontiguousarray(grey)
    rows, columns = grey.shape
    return QImage(grey.data, columns, rows, columns, QImage.Format_Grayscale8).copy()


def grayscale_pixmap(pixels: np.ndarray, shape: tuple[int, int], low: float, high: float,
                     side: int = IMAGE_PIXELS) -> QPixmap:
    """One sample's ``(rows*cols,)`` pixels, ``low``..``high`` scaled to black..white, as
    a light-on-dark picture ``side`` pixels wide."""
    scaled = np.clip((pixels - low) / max(high - low, 1e-12), 0.0, 1.0)
    image = grey_image((scaled.reshape(shape) * 255).astype(np.uint8))
    return QPixmap.fromImage(image.scaled(side, side, Qt.KeepAspectRatio,
                                          Qt.FastTransformation))


class SummaryPage(Page):
    """Counts, then per-class accuracy bars (classification) or predicted against true."""

    def __init__(self):
        super().__init__()
        self.text = QLabel(textFormat=Qt.RichText, wordWrap=True)
        self.view = TitledPlot()
        self.plot = self.view.plot
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.points = pg.ScatterPlotItem(size=5, pen=None, brush=pg.mkBrush(theme.ACCENT + "a0"))
        self.diagonal = pg.InfiniteLine(angle=45, pen=pg.mkPen(theme.MUTED, style=Qt.DashLine))
        for item in (self.bars, self.points, self.diagonal):
            self.plot.addItem(item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.view, 1)

    def set_dataset(self, train: Dataset, test: Dataset | None) -> None:
        data, self._which = evaluation_set(train, test)
        self._rows = data.subset(np.arange(min(SUMMARY_ROWS, data.n_samples)))
        self._classes = data.task == CLASSIFICATION
        self.text.setText(_summary_html(train, test))
        self.bars.setVisible(self._classes)
        self.points.setVisible(not self._classes)
        self.diagonal.setVisible(not self._classes)
        if self._classes:
            # Tick labels are drawn as plain text; the titles and tables here are HTML.
            names = list(enumerate(data.class_names))
            self.plot.getAxis("bottom").setTicks([names])
            style_plot(self.plot, left=translate("ui.sample_pages", "accuracy"),
                       bottom=translate("ui.sample_pages", "class"))
            self.view.set_title(translate(
                "ui.sample_pages", "accuracy per class ({which} data)").format(which=self._which))
            self.plot.setYRange(0, 1, padding=0.02)
            self.bars.setOpts(x=np.arange(data.n_classes), height=np.zeros(data.n_classes),
                              brushes=[pg.mkBrush(c) for c in class_colors(data.n_classes)])
        else:
            self.plot.getAxis("bottom").setTicks(None)
            style_plot(self.plot, left=translate("ui.sample_pages", "predicted"),
                       bottom=translate("ui.sample_pages", "true"))
            self.view.set_title(translate(
                "ui.sample_pages", "predicted against true ({which} data)").format(
                    which=self._which))
            self.points.setData([], [])

    def inputs(self) -> np.ndarray:
        return self._rows.inputs

    def show_outputs(self, outputs: np.ndarray, activation: Activation) -> None:
        """``outputs`` ``(m, n_outputs)`` for ``inputs()``."""
        if not self._classes:
            self.points.setData(self._rows.targets[:, 0], outputs[:, 0])
            return
        confusion = confusion_matrix(self._rows.labels, predicted_labels(outputs, activation),
                                     self._rows.n_classes)
        right = np.diag(confusion)
        self.bars.setOpts(height=right / np.maximum(confusion.sum(axis=1), 1))
        self.view.set_title(translate(
            "ui.sample_pages", "accuracy per class ({which} data): {accuracy} overall").format(
                which=self._which, accuracy=f"{right.sum() / confusion.sum():.1%}"))


def _summary_html(train: Dataset, test: Dataset | None) -> str:
    """A table of counts; names from a file (data set, features, classes) escaped."""
    task = (translate("ui.sample_pages", "classification") if train.task == CLASSIFICATION
            else translate("ui.sample_pages", "regression") if train.task == "regression"
            else train.task)
    name = train.name or translate("ui.sample_pages", "unnamed")
    tests = f"{test.n_samples:,}" if test else translate("ui.sample_pages", "none")
    rows = [(translate("ui.sample_pages", "data set"), name),
            (translate("ui.sample_pages", "task"), task),
            (translate("ui.sample_pages", "training samples"), f"{train.n_samples:,}"),
            (translate("ui.sample_pages", "test samples"), tests),
            (translate("ui.sample_pages", "features"),
             f"{train.n_features}: {_feature_list(train)}")]
    if train.task == CLASSIFICATION:
        counts = np.bincount(train.labels, minlength=train.n_classes)
        rows.append((translate("ui.sample_pages", "classes"),
                     ", ".join(f"{name} ({n})" for name, n in zip(train.class_names, counts))))
    else:
        rows.append((translate("ui.sample_pages", "targets"), translate(
            "ui.sample_pages", "{n}, from {low} to {high}").format(
                n=train.n_outputs, low=f"{train.targets.min():.4g}",
                high=f"{train.targets.max():.4g}")))
    cells = "".join(f"<tr><td style='color:{theme.MUTED}; padding-right:12px'>{k}</td>"
                    f"<td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table>"


def _feature_list(data: Dataset, shown: int = 8) -> str:
    names = [feature_name(data, i) for i in range(min(shown, data.n_features))]
    more = translate("ui.sample_pages", ", … {n} more").format(n=data.n_features - shown) \
        if data.n_features > shown else ""
    return ", ".join(names) + more
