"""DataView: which rows it asks for and how it draws the outputs it is handed."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog

from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.dataset import Dataset
from nnsim.simulator.datasets import load_csv, load_digits, make_dataset
from nnsim.ui import theme
from nnsim.ui.data_panel import DataPanel
from nnsim.ui.dataview import CURVE, IMAGES, SUMMARY, SURFACE, DataView, view_kind

SIGMOID, SOFTMAX, LINEAR = ACTIVATIONS["sigmoid"], ACTIVATIONS["softmax"], ACTIVATIONS["linear"]


@pytest.fixture(scope="module")
def circle():
    return make_dataset("circle", n_samples=120).split(0.25, seed=0)


@pytest.fixture(scope="module")
def digits():
    return load_digits().split(0.2, seed=0)


@pytest.fixture
def view(qtbot):
    widget = DataView(resolution=20)
    qtbot.addWidget(widget)
    return widget


def test_view_kind_follows_the_data(circle, digits):
    sine = make_dataset("sine", n_samples=20)
    flat = replace(digits[0], image_shape=None)
    assert [view_kind(d) for d in (circle[0], sine, digits[0], flat)] == \
        [SURFACE, CURVE, IMAGES, SUMMARY]


def test_surface_grid_covers_the_data_with_a_margin(view, circle):
    train, test = circle
    view.set_dataset(train, test)
    grid = view.grid_inputs()
    assert grid.shape == (400, 2)
    points = np.vstack([train.inputs, test.inputs])
    assert (grid.min(axis=0) < points.min(axis=0)).all()
    assert (grid.max(axis=0) > points.max(axis=0)).all()
    with pytest.raises(ValueError):
        view.sample_inputs()


def test_surface_image_is_the_outputs_in_place(view, circle):
    view.set_dataset(*circle)
    grid = view.grid_inputs()
    view.show_outputs(grid[:, :1], LINEAR)          # output = x coordinate: asymmetric
    image = view.surface.image
    np.testing.assert_array_equal(image.image, grid[:, 0].reshape(20, 20))
    for i, j in [(0, 0), (3, 17), (19, 5)]:
        centre = image.mapToParent(QPointF(i + 0.5, j + 0.5))
        np.testing.assert_allclose([centre.x(), centre.y()], grid[i * 20 + j])
    assert image.image[:, 0].tolist() == sorted(image.image[:, 0])   # x grows along axis 0


def test_discretise_snaps_one_output_to_the_range_ends(view, circle):
    view.set_dataset(*circle)
    outputs = np.linspace(0.1, 0.9, 400)[:, None]
    view.show_outputs(outputs, SIGMOID)
    assert view.surface.image.levels.tolist() == [0.0, 1.0]
    view.discrete_checkbox.setChecked(True)
    expected = np.where(outputs[:, 0] >= 0.5, 1.0, 0.0).reshape(20, 20)
    np.testing.assert_array_equal(view.surface.image.image, expected)


def test_softmax_surface_shows_the_winning_class_colour(view, circle):
    view.set_dataset(*circle)
    outputs = np.tile([[0.0, 1.0]], (400, 1))
    outputs[0] = [0.5, 0.5]
    view.show_outputs(outputs, SOFTMAX)
    rgb = view.surface.image.image
    assert rgb.shape == (20, 20, 3)
    blue = rgb[5, 5].astype(int)
    assert blue[2] > blue[0]                       # the positive class is blue
    assert abs(int(rgb[0, 0, 0]) - int(rgb[0, 0, 2])) < 20   # a tie is the grey middle


def test_test_points_toggle(view, circle):
    view.set_dataset(*circle)
    assert view.surface.test_points.isVisible()
    view.show_test_checkbox.setChecked(False)
    assert not view.surface.test_points.isVisible()
    assert len(view.surface.test_points.data) == circle[1].n_samples


def test_regression_curve_through_the_grid(view):
    train, test = make_dataset("sine", n_samples=50).split(0.2, seed=0)
    view.set_dataset(train, test)
    grid = view.grid_inputs()
    assert grid.shape == (20, 1)
    assert grid.min() < train.inputs.min() and grid.max() > train.inputs.max()
    view.show_outputs(np.sin(grid), LINEAR)
    x, y = view.curve.curve.getOriginalDataset()
    np.testing.assert_array_equal(x, grid[:, 0])
    np.testing.assert_array_equal(y, np.sin(grid[:, 0]))
    assert not view.discrete_checkbox.isVisibleTo(view)


def test_image_captions_show_true_and_predicted(view, digits):
    train, test = digits
    view.set_dataset(train, test)
    rows = view.sample_inputs()
    assert rows.shape == (24, 64)
    true = test.labels[:24]
    predicted = true.copy()
    predicted[[1, 4]] = (true[[1, 4]] + 1) % 10
    view.show_outputs(np.eye(10)[predicted], SOFTMAX)
    captions = [c.text() for c in view.images.captions]
    assert captions[0] == f"{true[0]} → {true[0]}"
    assert captions[1] == f"{true[1]} → {predicted[1]}"
    assert shown(view.images.captions[1].toolTip()) == \
        f"true {true[1]}, predicted {predicted[1]}"
    wrong = [k for k, c in enumerate(view.images.captions) if theme.ERROR in c.styleSheet()]
    assert wrong == [1, 4]
    assert view.images.header.text().startswith("22 of 24")


def test_summary_bars_are_per_class_accuracy(view, digits):
    flat_train, flat_test = (replace(d, image_shape=None) for d in digits)
    view.set_dataset(flat_train, flat_test)
    rows = view.sample_inputs()
    assert rows.shape == (flat_test.n_samples, 64)
    labels = flat_test.labels
    predicted = np.where(labels == 3, 0, labels)        # every 3 is wrong
    view.show_outputs(np.eye(10)[predicted], SOFTMAX)
    heights = view.summary.bars.opts["height"]
    assert heights[3] == 0.0 and heights[0] == 1.0 and heights[5] == 1.0
    assert "classes" in view.summary.text.text()


def test_set_dataset_shows_its_page_and_clear_empties(view, circle):
    view.set_dataset(*circle)
    assert view.kind == SURFACE and view.stack.currentWidget() is view.surface
    view.clear()
    assert view.kind is None and view.stack.currentWidget() is view.empty
    with pytest.raises(ValueError):
        view.evaluation_inputs()


def test_many_classes_use_distinct_colours(view):
    rng = np.random.default_rng(0)
    labels = np.arange(30) % 3
    data = Dataset("blobs", rng.normal(size=(30, 2)), np.eye(3)[labels], "classification")
    view.set_dataset(data)
    brushes = {view.surface.train_points.data["brush"][k].color().name() for k in range(3)}
    assert len(brushes) == 3


def test_surface_values_become_pictures_with_y_up_and_x_right(view, circle):
    view.set_dataset(*circle)
    grid = view.evaluation_inputs()
    xs, ys = view.surface.xs, view.surface.ys
    pictures = view.surface.as_images(grid)          # "unit" 0 is x, "unit" 1 is y
    g = len(xs)
    assert pictures.shape == (2, g, g)
    np.testing.assert_array_equal(pictures[0][0], xs)            # x grows to the right
    np.testing.assert_array_equal(pictures[1][:, 0], ys[::-1])   # row 0 is the top


# ---------------------------------------------------------------------- text from files
FAKE = '<h1 style="color:red">FAKE WARNING</h1>'


def shown(rich: str) -> str:
    """What a rich-text label shows: its text after the markup is applied (no-break
    spaces read as spaces)."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


@pytest.fixture
def markup_csv(tmp_path):
    """A CSV file whose header and class labels are HTML, chosen in the Data dock."""
    rng = np.random.default_rng(1)
    rows = "".join(f"{x:.3f},{y:.3f},{'<b>tall</b>' if x > 0 else 'short'}\n"
                   for x, y in rng.normal(size=(40, 2)))
    path = tmp_path / "<s>fake.csv"
    path.write_text('"<h1 style=""color:red"">FAKE WARNING</h1>",x2,kind\n' + rows,
                    encoding="utf-8")
    return path


def choose_csv(qtbot, monkeypatch, path) -> tuple[DataPanel, object]:
    """Pick ``path`` in a Data dock's chooser; the panel and the reference it asks for."""
    panel = DataPanel()
    qtbot.addWidget(panel)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    index = panel.choice.findData("csv")
    panel.choice.setCurrentIndex(index)
    with qtbot.waitSignal(panel.datasetRequested) as request:
        panel.choice.activated.emit(index)
    return panel, request.args[0]


def test_file_text_in_the_data_dock_is_shown_as_plain_text(qtbot, monkeypatch, view,
                                                           markup_csv):
    panel, reference = choose_csv(qtbot, monkeypatch, markup_csv)
    data = reference.load()
    reference = reference.pinned_to(data)  # as the document does: records the classes
    train, test = reference.split(data)
    panel.show_reference(reference)
    assert panel.summary.textFormat() == Qt.PlainText
    assert "<s>fake.csv" in panel.summary.text()
    assert "classes 0 = <b>tall</b>, 1 = short" in panel.summary.text()
    view.set_dataset(train, test)
    assert view.kind == SURFACE
    assert view.surface.plot.getAxis("bottom").label.toPlainText().strip() == FAKE
    view.show_outputs(np.tile([0.9, 0.1], (400, 1)), SOFTMAX)
    assert shown(view.surface.view.title.text()) == \
        "network output   ■ <b>tall</b>   ■ short"


def test_a_one_output_key_names_both_classes(view, markup_csv):
    train = load_csv(markup_csv)
    view.set_dataset(train)
    view.show_outputs(np.full((400, 1), 0.3), SIGMOID)
    assert shown(view.surface.view.title.text()) == \
        "network output   ■ <b>tall</b> (0)   ■ …   ■ short (1)"


def test_summary_and_captions_show_file_text_verbatim(view, markup_csv):
    data = load_csv(markup_csv)
    view.set_dataset(replace(data, image_shape=None, inputs=np.hstack([data.inputs] * 2),
                             feature_names=data.feature_names * 2))
    assert view.kind == SUMMARY
    table = shown(view.summary.text.text())
    assert f"features\n4: {FAKE}, x2, {FAKE}, x2" in table
    assert "data set\n<s>fake\n" in table
    counts = np.bincount(data.labels)
    assert f"classes\n<b>tall</b> ({counts[0]}), short ({counts[1]})" in table
    view.set_dataset(replace(data, image_shape=(1, 2)))
    assert view.kind == IMAGES
    predicted = 1 - data.labels[:24]                    # every one wrong
    view.show_outputs(np.eye(2)[predicted], SOFTMAX)
    first = view.images.captions[0]
    true, guess = data.class_names[data.labels[0]], data.class_names[predicted[0]]
    assert first.textFormat() == Qt.PlainText and first.text() == f"{true} → {guess}"
    assert shown(first.toolTip()) == f"true {true}, predicted {guess}"
    assert view.images.header.textFormat() == Qt.PlainText
