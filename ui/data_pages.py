"""The data view's plotted pages, and what every page shares.

``SurfacePage`` (two features): train points (filled) and test points (outlined) over the
network's output evaluated on a grid, TensorFlow Playground's decision map.
``CurvePage`` (one feature, one regression target): the targets and the network's curve.
The image and summary pages are in ``sample_pages``; ``dataview`` picks one.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from nnsim.simulator.activations import Activation
from nnsim.simulator.dataset import CLASSIFICATION, Dataset
from nnsim.simulator.i18n import translate
from nnsim.ui import theme
from nnsim.ui.plots import TitledPlot, category_color, legend_html, style_plot

#: Fraction of the data's extent added on every side of the decision surface.
MARGIN = 0.12
#: How much of a class colour the decision surface keeps; the rest is BACKGROUND, so
#: that the points, in full colour, stand out on it.
SURFACE_STRENGTH = 0.45


def class_colors(n_classes: int) -> list[str]:
    """Playground's orange/blue for two classes, the categorical palette beyond."""
    if n_classes == 2:
        return [theme.NEGATIVE, theme.POSITIVE]
    return [category_color(k) for k in range(n_classes)]


def evaluation_set(train: Dataset, test: Dataset | None) -> tuple[Dataset, str]:
    """The unseen data when there is some, else the training data; and its name, as
    "the {which} samples" shows it ("test" or "training", translated)."""
    if test is not None and test.n_samples:
        return test, translate("ui.data_pages", "test")
    return train, translate("ui.data_pages", "training")


def _margin(extent):
    """Room added on each side of data spanning ``extent`` (a number or per-axis array)."""
    return MARGIN * np.where(extent > 0, extent, 1.0)


def _rgb(color: str) -> np.ndarray:
    c = QColor(color)
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


def _surface_rgb(color: str) -> np.ndarray:
    """``color`` as the decision surface shows it: faded into the background."""
    return SURFACE_STRENGTH * _rgb(color) + (1 - SURFACE_STRENGTH) * _rgb(theme.BACKGROUND)


def feature_name(data: Dataset, i: int) -> str:
    """Feature ``i``'s name from the data, else "x1", "x2", …"""
    return data.feature_names[i] if i < len(data.feature_names) else f"x{i + 1}"


def _feature_html(data: Dataset, i: int) -> str:
    """A feature's name for an axis title, which pyqtgraph renders as HTML."""
    return html.escape(feature_name(data, i))


class Page(QWidget):
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


class PointsPage(Page):
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


class SurfacePage(PointsPage):
    """Two features: points over the network's output on a ``resolution²`` grid."""

    options = ("show_test", "discrete")

    def __init__(self, resolution: int):
        super().__init__()
        self.resolution = resolution
        self.discrete = False
        self._last: tuple[np.ndarray, Activation] | None = None
        ends = [_surface_rgb(theme.NEGATIVE), _rgb(theme.SURFACE_MID), _surface_rgb(theme.POSITIVE)]
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

    @property
    def shown(self) -> tuple[np.ndarray, Activation] | None:
        """The outputs (one per grid cell) and their activation shown now, if any."""
        return self._last

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
            self._show_key([(theme.NEGATIVE, self._end_label(0, low)), (theme.SURFACE_MID, "…"),
                            (theme.POSITIVE, self._end_label(1, high))])
        else:
            self.image.setImage(self._winner_colors(outputs).reshape(g, g, 3), lut=None,
                                levels=(0, 255), autoLevels=False, rect=self._rect)
            k = outputs.shape[1]
            names = self._train.class_names
            names = names if len(names) == k else [str(c) for c in range(k)]
            self._show_key(list(zip(class_colors(k), names)))

    def show_response(self, values: np.ndarray, activation: Activation, title: str) -> None:
        """One neuron's activation ``values`` ``(G*G,)`` at ``inputs()`` as a map over the
        plane, on its activation's range (open ends close at the values' extremes), under
        ``title`` (plain text)."""
        self._last = None   # the output is drawn afresh when it comes back
        low, high = _response_range(activation.value_range, values)
        g = self.resolution
        self.image.setImage(values.reshape(g, g), levels=(low, high), lut=self._lut,
                            autoLevels=False, rect=self._rect)
        key = legend_html([(theme.NEGATIVE, f"{low:.3g}"), (theme.SURFACE_MID, "…"),
                           (theme.POSITIVE, f"{high:.3g}")], "■")
        self.view.set_title(f"{html.escape(title)}&nbsp;&nbsp; {key}")

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
        self.view.set_title(translate("ui.data_pages", "network output") +
                            f"&nbsp;&nbsp; {legend_html(escaped, '■')}")

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
        mid = _rgb(theme.SURFACE_MID)
        return np.rint(mid + sure[:, None] * (palette[winner] - mid)).astype(np.uint8)


def _response_range(value_range, values: np.ndarray) -> tuple[float, float]:
    """An activation's range with open ends closed by ``values``: ReLU's 0..∞ at the
    largest value, a linear neuron's symmetric about 0."""
    finite = values[np.isfinite(values)]
    low, high = theme.display_range(value_range,
                                    float(np.abs(finite).max()) if finite.size else 1.0)
    return (low, high) if high - low > 1e-9 else (low, low + 1.0)


class CurvePage(PointsPage):
    """One feature, one target: the targets and the network's curve through them."""

    def __init__(self, resolution: int):
        super().__init__()
        self.resolution = resolution
        self.curve = self.plot.plot(pen=pg.mkPen(theme.GLOW_HIGH, width=2.5), antialias=True)
        self.view.set_title(" ".join([
            legend_html([(theme.TRAIN_COLOR, translate("ui.data_pages", "train"))], "●"),
            legend_html([(theme.TEST_COLOR, translate("ui.data_pages", "test"))], "○"),
            legend_html([(theme.GLOW_HIGH, translate("ui.data_pages", "network"))])]))

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
