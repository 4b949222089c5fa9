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
(:meth:`DataView.show_outputs`), which is cheap enough for every snapshot.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.activations import Activation
from nnsim.simulator.datasets import CLASSIFICATION, Dataset
from nnsim.simulator.evaluation import confusion_matrix, predicted_labels
from nnsim.ui import theme
from nnsim.ui.plots import TitledPlot, category_color, legend_html, style_plot

SURFACE, CURVE, IMAGES, SUMMARY = "surface", "curve", "images", "summary"

#: Fraction of the data's extent added on every side of the decision surface.
MARGIN = 0.12
#: Image samples shown, and how many per row.
N_IMAGE_SAMPLES, IMAGE_COLUMNS = 24, 6
IMAGE_PIXELS = 56
#: At most this many rows are evaluated for the summary page.
SUMMARY_ROWS = 1000
#: How much of a class colour the decision surface keeps; the rest is BACKGROUND, so
#: that the points, in full colour, stand out on it.
SURFACE_STRENGTH = 0.45
#: The surface where the network is undecided: Playground's white, dimmed for a dark UI.
SURFACE_MID = "#a9aeb8"


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


def class_colors(n_classes: int) -> list[str]:
    """Playground's orange/blue for two classes, the categorical palette beyond."""
    if n_classes == 2:
        return [theme.NEGATIVE, theme.POSITIVE]
    return [category_color(k) for k in range(n_classes)]


def _evaluation_set(train: Dataset, test: Dataset | None) -> tuple[Dataset, str]:
    """The unseen data when there is some, else the training data; and its name."""
    if test is not None and test.n_samples:
        return test, "test"
    return train, "training"


def _margin(extent):
    """Room added on each side of data spanning ``extent`` (a number or per-axis array)."""
    return MARGIN * np.where(extent > 0, extent, 1.0)


def _rgb(color: str) -> np.ndarray:
    c = QColor(color)
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


def _surface_rgb(color: str) -> np.ndarray:
    """``color`` as the decision surface shows it: faded into the background."""
    return SURFACE_STRENGTH * _rgb(color) + (1 - SURFACE_STRENGTH) * _rgb(theme.BACKGROUND)


class _Page(QWidget):
    """A way of showing one kind of data.  ``options`` lists the check boxes it obeys."""

    options: tuple[str, ...] = ()

    def set_dataset(self, train: Dataset, test: Dataset | None) -> None:
        raise NotImplementedError

    def inputs(self) -> np.ndarray:
        """Rows ``(m, n_features)`` the network must be evaluated at for this page."""
        raise NotImplementedError

    def show_outputs(self, outputs: np.ndarray, activation: Activation) -> None:
        raise NotImplementedError

    def set_option(self, name: str, on: bool) -> None:
        raise NotImplementedError


class _PointsPage(_Page):
    """A plot of the train points (filled) and test points (outlined)."""

    options = ("show_test",)

    def __init__(self):
        super().__init__()
        self.view = TitledPlot()
        self.plot = self.view.plot
        self.train_points = pg.ScatterPlotItem(size=7)
        self.test_points = pg.ScatterPlotItem(size=7)
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_option(self, name: str, on: bool) -> None:
        if name == "show_test":
            self.test_points.setVisible(on)

    def _show_points(self, train_xy, test_xy, train_colors, test_colors) -> None:
        """Points ``(n, 2)`` with one colour each: train filled, test as rings."""
        outline = pg.mkPen(theme.TEXT + "c0", width=1)
        self.train_points.setData(pos=train_xy, pen=outline,
                                  brush=[pg.mkBrush(c) for c in train_colors])
        self.test_points.setData(pos=test_xy, brush=pg.mkBrush(0, 0, 0, 0),
                                 pen=[pg.mkPen(c, width=1.8) for c in test_colors])


class _SurfacePage(_PointsPage):
    """Two features: points over the network's output on a ``resolution²`` grid."""

    options = ("show_test", "discrete")

    def __init__(self, resolution: int):
        super().__init__()
        self.resolution = resolution
        self.discrete = False
        self._last: tuple[np.ndarray, Activation] | None = None
        ends = [_surface_rgb(theme.NEGATIVE), _rgb(SURFACE_MID), _surface_rgb(theme.POSITIVE)]
        self.colormap = pg.ColorMap([0.0, 0.5, 1.0], [tuple(map(int, c)) for c in ends])
        self._lut = self.colormap.getLookupTable(nPts=256)
        self.image = pg.ImageItem(axisOrder="col-major")   # image[i, j] is at (x_i, y_j)
        self.image.setZValue(-10)   # under the points
        self.plot.addItem(self.image)
        self.plot.setAspectLocked(True)
        # Bilinear scaling turns the 50x50 grid into a smooth map, as in Playground.
        self.view.widget.setRenderHint(QPainter.SmoothPixmapTransform)

    def set_dataset(self, train: Dataset, test: Dataset | None) -> None:
        self._train = train
        style_plot(self.plot, left=_feature_html(train, 1), bottom=_feature_html(train, 0))
        self._set_bounds(np.vstack([train.inputs] + ([test.inputs] if test else [])))
        self._target_range = float(train.targets.min()), float(train.targets.max())
        test_inputs = test.inputs if test else np.empty((0, 2))
        test_colors = self._point_colors(test) if test else []
        self._show_points(train.inputs, test_inputs, self._point_colors(train), test_colors)
        self._last = None
        self.image.clear()
        self.view.set_title("")

    def _set_bounds(self, points: np.ndarray) -> None:
        low, high = points.min(axis=0), points.max(axis=0)
        pad = _margin(high - low)
        self.low, self.high = low - pad, high + pad
        g = self.resolution
        cell = (self.high - self.low) / g
        # Cell centres, so that pixel (i, j) of the image shows exactly grid point (i, j).
        self.xs = self.low[0] + (np.arange(g) + 0.5) * cell[0]
        self.ys = self.low[1] + (np.arange(g) + 0.5) * cell[1]
        self._rect = QRectF(*self.low, *(self.high - self.low))
        self.plot.setRange(xRange=(self.low[0], self.high[0]), yRange=(self.low[1], self.high[1]),
                           padding=0)

    def _point_colors(self, data: Dataset) -> list[str]:
        if data.task == CLASSIFICATION:
            palette = class_colors(data.n_classes)
            return [palette[k] for k in data.labels]
        low, high = self._target_range
        scaled = (data.targets[:, 0] - low) / max(high - low, 1e-12)
        bright = pg.ColorMap([0.0, 0.5, 1.0], [theme.NEGATIVE, theme.TEXT, theme.POSITIVE])
        return [c.name() for c in bright.map(scaled, mode="qcolor")]

    def inputs(self) -> np.ndarray:
        """Grid points ``(G*G, 2)``; row ``i*G + j`` is ``(xs[i], ys[j])``."""
        x, y = np.meshgrid(self.xs, self.ys, indexing="ij")
        return np.column_stack([x.ravel(), y.ravel()])

    def as_images(self, values: np.ndarray) -> np.ndarray:
        """Values ``(G*G, n)`` at ``inputs()`` as ``n`` pictures ``(n, G, G)``, row 0 at
        the top (largest y), column 0 at the left (smallest x)."""
        g = self.resolution
        # Grid row i*G + j is (x_i, y_j): reshape to [unit, x, y], then to [unit, y, x].
        return values.T.reshape(values.shape[1], g, g).transpose(0, 2, 1)[:, ::-1, :]

    def set_option(self, name: str, on: bool) -> None:
        super().set_option(name, on)
        if name == "discrete":
            self.discrete = on
            if self._last is not None:
                self.show_outputs(*self._last)

    def show_outputs(self, outputs: np.ndarray, activation: Activation) -> None:
        """``outputs`` ``(G*G, n_outputs)`` at ``inputs()``: one output as a value map,
        several as the winning class's colour, faded by how sure the network is."""
        self._last = outputs, activation
        g = self.resolution
        if outputs.shape[1] == 1:
            low, high = self._output_range(activation)
            values = outputs[:, 0].reshape(g, g)
            if self.discrete:
                values = np.where(values >= (low + high) / 2, high, low)
            self.image.setImage(values, levels=(low, high), lut=self._lut, autoLevels=False,
                                rect=self._rect)
            self._show_key([(theme.NEGATIVE, self._end_label(0, low)), (SURFACE_MID, "…"),
                            (theme.POSITIVE, self._end_label(1, high))])
        else:
            self.image.setImage(self._winner_colors(outputs).reshape(g, g, 3), lut=None,
                                levels=(0, 255), autoLevels=False, rect=self._rect)
            k = outputs.shape[1]
            names = self._train.class_names
            names = names if len(names) == k else [str(c) for c in range(k)]
            self._show_key(list(zip(class_colors(k), names)))

    def _end_label(self, k: int, value: float) -> str:
        """An end of a one-output key: the value, and the class it stands for when two
        classes share the output ("short (0)")."""
        text = f"{value:.4g}"
        names = self._train.class_names
        if self._train.task != CLASSIFICATION or len(names) != 2 or names[k] == text:
            return text
        return f"{names[k]} ({text})"

    def _show_key(self, entries: list[tuple[str, str]]) -> None:
        """The title as the colour key: (colour, value or class name) entries, the names
        plain text (a class name from a file is never markup)."""
        escaped = [(color, html.escape(name)) for color, name in entries]
        self.view.set_title(f"network output&nbsp;&nbsp; {legend_html(escaped, '■')}")

    def _output_range(self, activation: Activation) -> tuple[float, float]:
        """The activation's range; an open end is the targets' extreme on that side."""
        low, high = activation.value_range
        low = self._target_range[0] if low is None else low
        high = self._target_range[1] if high is None else high
        return (low, high) if high - low > 1e-9 else (low - 1.0, high + 1.0)

    def _winner_colors(self, outputs: np.ndarray) -> np.ndarray:
        """RGB ``(n, 3)``: the winning class's colour, mixed into the neutral middle
        colour as its probability falls to chance (1/k)."""
        k = outputs.shape[1]
        palette = np.array([_surface_rgb(c) for c in class_colors(k)])
        winner = outputs.argmax(axis=1)
        chance = 1.0 / k
        sure = np.clip((outputs.max(axis=1) - chance) / (1.0 - chance), 0.0, 1.0)
        if self.discrete:
            sure[:] = 1.0
        mid = _rgb(SURFACE_MID)
        return np.rint(mid + sure[:, None] * (palette[winner] - mid)).astype(np.uint8)


class _CurvePage(_PointsPage):
    """One feature, one target: the targets and the network's curve through them."""

    def __init__(self, resolution: int):
        super().__init__()
        self.resolution = resolution
        self.curve = self.plot.plot(pen=pg.mkPen(theme.GLOW_HIGH, width=2.5), antialias=True)
        self.view.set_title(" ".join([legend_html([(theme.TRAIN_COLOR, "train")], "●"),
                                      legend_html([(theme.TEST_COLOR, "test")], "○"),
                                      legend_html([(theme.GLOW_HIGH, "network")])]))

    def set_dataset(self, train: Dataset, test: Dataset | None) -> None:
        style_plot(self.plot, left="y", bottom=_feature_html(train, 0))
        test_xy = np.column_stack([test.inputs[:, 0], test.targets[:, 0]]) if test \
            else np.empty((0, 2))
        self._show_points(np.column_stack([train.inputs[:, 0], train.targets[:, 0]]), test_xy,
                          [theme.TRAIN_COLOR] * train.n_samples,
                          [theme.TEST_COLOR] * len(test_xy))
        xs = np.concatenate([train.inputs[:, 0]] + ([test.inputs[:, 0]] if test else []))
        pad = _margin(xs.max() - xs.min())
        self.xs = np.linspace(xs.min() - pad, xs.max() + pad, self.resolution)
        self.curve.setData([], [])

    def inputs(self) -> np.ndarray:
        """``(G, 1)`` evenly spaced over the data's x range and a margin."""
        return self.xs[:, np.newaxis]

    def show_outputs(self, outputs: np.ndarray, activation: Activation) -> None:
        self.curve.setData(self.xs, outputs[:, 0])


class _ImagePage(_Page):
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
        data, which = _evaluation_set(train, test)
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
                picture.setPixmap(_grayscale_pixmap(self._samples.inputs[k], data.image_shape,
                                                    low, high))
                self._caption(k, None)
        self.header.setText(f"{self._samples.n_samples} {which} samples (true → predicted)")

    def inputs(self) -> np.ndarray:
        return self._samples.inputs

    def show_outputs(self, outputs: np.ndarray, activation: Activation) -> None:
        """``outputs`` ``(n_shown, n_outputs)`` for ``inputs()``; predicted = argmax."""
        predicted = predicted_labels(outputs, activation)
        for k, label in enumerate(predicted):
            self._caption(k, int(label))
        if self._true is not None:
            right = int(np.sum(predicted == self._true))
            self.header.setText(f"{right} of {len(predicted)} {self._which} samples "
                                f"classified right (true → predicted)")

    def _caption(self, k: int, predicted: int | None) -> None:
        # One short line ("3 → 5") fits under a picture in a narrow dock; the tooltip
        # spells it out.
        true = self._names[self._true[k]] if self._true is not None else "?"
        text, tip = f"{true}", f"true {true}"
        wrong = False
        if predicted is not None:
            name = self._names[predicted] if predicted < len(self._names) else str(predicted)
            text += f" → {name}"
            tip += f", predicted {name}"
            wrong = self._true is not None and predicted != self._true[k]
        if self.captions[k].text() == text and self.captions[k].styleSheet():
            return
        self.captions[k].setToolTip(_plain_tooltip(tip))
        self.pictures[k].setToolTip(_plain_tooltip(tip))
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


def _grayscale_pixmap(pixels: np.ndarray, shape: tuple[int, int], low: float,
                      high: float) -> QPixmap:
    """One sample's ``(rows*cols,)`` pixels as a light-on-dark picture IMAGE_PIXELS wide."""
    scaled = np.clip((pixels - low) / max(high - low, 1e-12), 0.0, 1.0)
    gray = np.ascontiguousarray((scaled.reshape(shape) * 255).astype(np.uint8))
    rows, cols = shape
    image = QImage(gray.data, cols, rows, cols, QImage.Format_Grayscale8).copy()
    return QPixmap.fromImage(image.scaled(IMAGE_PIXELS, IMAGE_PIXELS, Qt.KeepAspectRatio,
                                          Qt.FastTransformation))


class _SummaryPage(_Page):
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
        data, self._which = _evaluation_set(train, test)
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
            style_plot(self.plot, left="accuracy", bottom="class")
            self.view.set_title(f"accuracy per class ({self._which} data)")
            self.plot.setYRange(0, 1, padding=0.02)
            self.bars.setOpts(x=np.arange(data.n_classes), height=np.zeros(data.n_classes),
                              brushes=[pg.mkBrush(c) for c in class_colors(data.n_classes)])
        else:
            self.plot.getAxis("bottom").setTicks(None)
            style_plot(self.plot, left="predicted", bottom="true")
            self.view.set_title(f"predicted against true ({self._which} data)")
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
        self.view.set_title(f"accuracy per class ({self._which} data): "
                            f"{right.sum() / confusion.sum():.1%} overall")


def _summary_html(train: Dataset, test: Dataset | None) -> str:
    """A table of counts; names from a file (data set, features, classes) escaped."""
    rows = [("data set", train.name or "unnamed"), ("task", train.task),
            ("training samples", f"{train.n_samples:,}"),
            ("test samples", f"{test.n_samples:,}" if test else "none"),
            ("features", f"{train.n_features}: {_feature_list(train)}")]
    if train.task == CLASSIFICATION:
        counts = np.bincount(train.labels, minlength=train.n_classes)
        rows.append(("classes", ", ".join(f"{name} ({n})"
                                          for name, n in zip(train.class_names, counts))))
    else:
        rows.append(("targets", f"{train.n_outputs}, from {train.targets.min():.4g} "
                                f"to {train.targets.max():.4g}"))
    cells = "".join(f"<tr><td style='color:{theme.MUTED}; padding-right:12px'>{k}</td>"
                    f"<td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table>"


def _feature_list(data: Dataset, shown: int = 8) -> str:
    names = [_feature(data, i) for i in range(min(shown, data.n_features))]
    more = f", … {data.n_features - shown} more" if data.n_features > shown else ""
    return ", ".join(names) + more


def _feature(data: Dataset, i: int) -> str:
    return data.feature_names[i] if i < len(data.feature_names) else f"x{i + 1}"


def _feature_html(data: Dataset, i: int) -> str:
    """A feature's name for an axis title, which pyqtgraph renders as HTML."""
    return html.escape(_feature(data, i))


class DataView(QWidget):
    """The current data set and the network's outputs on it (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None, resolution: int = 50):
        super().__init__(parent)
        self.surface = _SurfacePage(resolution)
        self.curve = _CurvePage(resolution)
        self.images = _ImagePage()
        self.summary = _SummaryPage()
        self._pages = {SURFACE: self.surface, CURVE: self.curve, IMAGES: self.images,
                       SUMMARY: self.summary}
        self.kind: str | None = None
        self.empty = QLabel("No data set", alignment=Qt.AlignCenter)
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
        self.show_test_checkbox = QCheckBox("show test data", checked=True)
        self.discrete_checkbox = QCheckBox("discretise output")
        self.discrete_checkbox.setToolTip("Colour each point by the class the network "
                                          "picks, not by how sure it is")
        self._checkboxes = {"show_test": self.show_test_checkbox,
                            "discrete": self.discrete_checkbox}
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 0)
        for name, box in self._checkboxes.items():
            box.toggled.connect(lambda on, name=name: self._set_option(name, on))
            bar.addWidget(box)
        bar.addStretch(1)
        return bar

    def _set_option(self, name: str, on: bool) -> None:
        page = self._pages.get(self.kind)
        if page is not None and name in page.options:
            page.set_option(name, on)

    # -- data
    def clear(self) -> None:
        """Show "no data set"."""
        self.kind = None
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
        if self.kind is not None:
            self._pages[self.kind].show_outputs(np.asarray(outputs), output_activation)
