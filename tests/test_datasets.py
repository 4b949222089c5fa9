"""Tests for simulator.datasets: built-ins, splitting, encodings and the file loaders."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnsim.simulator.dataset import CLASSIFICATION, REGRESSION, Dataset, standardize
from nnsim.simulator.datasets import (
    BUILTIN_DATASETS,
    from_params,
    load_digits,
    make_dataset,
)
from nnsim.simulator.resources import resource_path

PLAYGROUND_CLASSES = ["circle", "xor_quadrants", "gaussians", "spiral"]
PLAYGROUND_REGRESSION = ["reg_plane", "reg_gaussian"]
RANDOM_DATASETS = PLAYGROUND_CLASSES + PLAYGROUND_REGRESSION + ["sine"]
FIXED_DATASETS = ["and", "or", "xor", "digits"]

# name -> (n_samples, n_features, n_outputs, task) with default params
EXPECTED_SHAPES = {
    "and": (4, 2, 2, CLASSIFICATION),
    "or": (4, 2, 2, CLASSIFICATION),
    "xor": (4, 2, 2, CLASSIFICATION),
    "circle": (500, 2, 2, CLASSIFICATION),
    "xor_quadrants": (500, 2, 2, CLASSIFICATION),
    "gaussians": (500, 2, 2, CLASSIFICATION),
    "spiral": (500, 2, 2, CLASSIFICATION),
    "reg_plane": (1200, 2, 1, REGRESSION),   # Playground's NUM_SAMPLES_REGRESS
    "reg_gaussian": (1200, 2, 1, REGRESSION),
    "sine": (200, 1, 1, REGRESSION),
    "digits": (1797, 64, 10, CLASSIFICATION),
}


def indexed_dataset(labels, task=CLASSIFICATION):
    """A dataset whose single input is the row number, to track rows through splits."""
    labels = np.asarray(labels)
    targets = np.eye(labels.max() + 1)[labels] if task == CLASSIFICATION else labels[:, None] * 1.0
    return Dataset("indexed", np.arange(len(labels))[:, None], targets, task)


# --- Built-ins ----------------------------------------------------------------------


def test_every_builtin_has_an_expected_shape():
    assert set(BUILTIN_DATASETS) == set(EXPECTED_SHAPES)


@pytest.mark.parametrize("name", list(EXPECTED_SHAPES))
def test_builtin_shapes_task_and_dtype(name):
    n_samples, n_features, n_outputs, task = EXPECTED_SHAPES[name]
    data = make_dataset(name)
    assert (data.n_samples, data.n_features, data.n_outputs) == (n_samples, n_features, n_outputs)
    assert data.inputs.shape == (n_samples, n_features)
    assert data.targets.shape == (n_samples, n_outputs)
    assert data.inputs.dtype == data.targets.dtype == np.float64
    assert data.task == task == BUILTIN_DATASETS[name].task
    assert data.name == name
    assert len(data.feature_names) == n_features
    assert np.isfinite(data.inputs).all() and np.isfinite(data.targets).all()


@pytest.mark.parametrize("name", list(EXPECTED_SHAPES))
def test_builtin_info_describes_the_dataset(name):
    info = BUILTIN_DATASETS[name]
    assert info.label and info.description
    assert info.defaults["seed"] == 0
    data = make_dataset(name)
    assert data.params == {"name": name, **info.defaults}
    json.dumps(data.params)  # must be JSON-serialisable for the file format


@pytest.mark.parametrize("name", list(EXPECTED_SHAPES))
def test_params_rebuild_the_same_dataset(name):
    params = {"seed": 7}
    if name not in FIXED_DATASETS:
        params["noise"] = 0.3 if name == "sine" else 20
    data = make_dataset(name, **params)
    rebuilt = from_params(json.loads(json.dumps(data.params)))
    np.testing.assert_array_equal(rebuilt.inputs, data.inputs)
    np.testing.assert_array_equal(rebuilt.targets, data.targets)


@pytest.mark.parametrize("name", ["and", "or", "xor"])
def test_logic_gates(name):
    data = make_dataset(name)
    gate = {"and": np.logical_and, "or": np.logical_or, "xor": np.logical_xor}[name]
    np.testing.assert_array_equal(data.inputs, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(data.labels, gate(data.inputs[:, 0], data.inputs[:, 1]))
    assert data.class_names == ("0", "1")


@pytest.mark.parametrize("name", ["circle", "gaussians", "spiral"])
def test_playground_classes_are_balanced(name):
    data = make_dataset(name)
    assert data.class_names == ("-1", "+1")
    np.testing.assert_array_equal(np.bincount(data.labels), [250, 250])


@pytest.mark.parametrize("name", ["circle", "gaussians", "spiral"])
def test_an_odd_count_gives_each_class_its_rounded_up_half_as_playground(name):
    # dataset.ts loops "for (let i = 0; i < numSamples / 2; i++)" once per class:
    # i = 0..50 for 101, so 51 points each.
    data = make_dataset(name, n_samples=101)
    np.testing.assert_array_equal(np.bincount(data.labels), [51, 51])
    assert make_dataset(name, n_samples=100).n_samples == 100


@pytest.mark.parametrize("name", ["xor_quadrants", "reg_plane", "reg_gaussian", "sine"])
def test_an_odd_count_is_kept_where_playground_draws_point_by_point(name):
    assert make_dataset(name, n_samples=101).n_samples == 101


def test_an_odd_spiral_steps_by_one_over_half_the_count_as_playground():
    # Playground: n = numSamples / 2 = 3.5; points i = 0..3 at r = i / n * 5 and angle
    # t = 1.75 * i / n * 2 * pi (+ pi for the "-1" arm).
    data = make_dataset("spiral", n_samples=7, noise=0)
    i = np.arange(4)
    r, t = i / 3.5 * 5, 1.75 * i / 3.5 * 2 * np.pi
    positive = np.column_stack([r * np.sin(t), r * np.cos(t)])
    negative = np.column_stack([r * np.sin(t + np.pi), r * np.cos(t + np.pi)])
    for label, expected in ((1, positive), (0, negative)):
        arm = data.inputs[data.labels == label]
        np.testing.assert_allclose(arm[np.argsort(np.linalg.norm(arm, axis=1))], expected,
                                   atol=1e-12)


@pytest.mark.parametrize("name", ["reg_plane", "reg_gaussian"])
def test_regression_sets_default_to_playgrounds_1200_samples(name):
    assert BUILTIN_DATASETS[name].defaults["n_samples"] == 1200
    assert make_dataset(name).n_samples == 1200


def test_xor_quadrants_roughly_balanced():
    counts = np.bincount(make_dataset("xor_quadrants").labels)
    assert counts.min() > 200


@pytest.mark.parametrize("name", PLAYGROUND_CLASSES + PLAYGROUND_REGRESSION)
def test_playground_inputs_lie_in_its_square(name):
    assert np.abs(make_dataset(name).inputs).max() <= 6


@pytest.mark.parametrize("name", RANDOM_DATASETS)
def test_same_seed_same_data_other_seed_other_data(name):
    first, again = make_dataset(name, seed=3), make_dataset(name, seed=3)
    other = make_dataset(name, seed=4)
    np.testing.assert_array_equal(first.inputs, again.inputs)
    np.testing.assert_array_equal(first.targets, again.targets)
    assert not np.array_equal(first.inputs, other.inputs)


@pytest.mark.parametrize("name", FIXED_DATASETS)
def test_fixed_datasets_ignore_the_seed(name):
    np.testing.assert_array_equal(make_dataset(name, seed=5).inputs, make_dataset(name).inputs)


def test_playground_rows_are_shuffled():
    labels = make_dataset("circle").labels
    assert 0 < labels[:250].sum() < 250


def test_circle_without_noise_is_separable_by_radius():
    data = make_dataset("circle", noise=0, seed=1)
    radius = np.linalg.norm(data.inputs, axis=1)
    inside = data.labels == 1
    assert radius[inside].max() <= 2.5
    assert radius[~inside].min() >= 3.5
    assert radius.max() <= 5


def test_circle_noise_mislabels_some_points():
    data = make_dataset("circle", noise=50, seed=1)
    radius = np.linalg.norm(data.inputs, axis=1)
    assert (radius[data.labels == 1] >= 3.5).any()


def test_xor_quadrant_labels_follow_sign_of_product():
    data = make_dataset("xor_quadrants", noise=0, seed=2)
    x, y = data.inputs.T
    np.testing.assert_array_equal(data.labels, (x * y >= 0).astype(int))
    assert np.abs(data.inputs).min() >= 0.3  # Playground's padding off the axes


def test_xor_quadrant_noise_mislabels_some_points():
    data = make_dataset("xor_quadrants", noise=50, seed=2)
    x, y = data.inputs.T
    assert (data.labels != (x * y >= 0)).any()


def test_gaussians_centres_and_noise_widens_them():
    tight, wide = make_dataset("gaussians", noise=0), make_dataset("gaussians", noise=50)
    positive = tight.inputs[tight.labels == 1]
    np.testing.assert_allclose(positive.mean(axis=0), [2, 2], atol=0.2)
    np.testing.assert_allclose(tight.inputs[tight.labels == 0].mean(axis=0), [-2, -2], atol=0.2)
    # Playground's variance runs from 0.5 at noise 0 to 4 at noise 50.
    np.testing.assert_allclose(positive.std(axis=0), np.sqrt(0.5), rtol=0.15)
    np.testing.assert_allclose(wide.inputs[wide.labels == 1].std(axis=0), 2.0, rtol=0.15)


def test_spiral_arms_are_point_reflections_of_each_other():
    data = make_dataset("spiral", noise=0)
    positive = data.inputs[data.labels == 1]
    negative = data.inputs[data.labels == 0]
    np.testing.assert_allclose(np.unique(positive.round(9), axis=0),
                               np.unique(-negative.round(9), axis=0))
    assert np.linalg.norm(data.inputs, axis=1).max() < 5


def test_reg_plane_target_is_scaled_sum():
    data = make_dataset("reg_plane", noise=0)
    np.testing.assert_allclose(data.targets[:, 0], data.inputs.sum(axis=1) / 10)


def test_reg_gaussian_bumps():
    data = make_dataset("reg_gaussian", noise=0, n_samples=5000)
    values = data.targets[:, 0]
    assert values.min() >= -1 and values.max() <= 1
    near_positive = np.linalg.norm(data.inputs - [-4, 2.5], axis=1) < 0.5
    near_negative = np.linalg.norm(data.inputs - [0, 2.5], axis=1) < 0.5
    assert near_positive.any() and near_negative.any()
    assert (values[near_positive] > 0.75).all()
    assert (values[near_negative] < -0.75).all()
    centres = np.array([[x, y] for x in (-4, 0, 4) for y in (-2.5, 2.5)])
    far = np.linalg.norm(data.inputs[:, None] - centres, axis=2).min(axis=1) > 2
    assert far.any() and (values[far] == 0).all()


def test_sine_without_and_with_noise():
    clean = make_dataset("sine")
    assert np.abs(clean.inputs).max() <= np.pi
    np.testing.assert_allclose(clean.targets[:, 0], np.sin(clean.inputs[:, 0]))
    noisy = make_dataset("sine", noise=0.1, n_samples=2000)
    residual = noisy.targets[:, 0] - np.sin(noisy.inputs[:, 0])
    assert 0.08 < residual.std() < 0.12


def test_digits():
    data = make_dataset("digits")
    assert (data.n_samples, data.n_features, data.n_classes) == (1797, 64, 10)
    assert data.class_names == tuple(str(d) for d in range(10))
    assert data.image_shape == (8, 8)
    assert data.inputs.min() == 0 and data.inputs.max() == 1
    assert np.bincount(data.labels).min() >= 170
    np.testing.assert_array_equal(load_digits().inputs, data.inputs)
    assert load_digits().params == {"name": "digits"}


def test_digits_row_zero_matches_scikit_learn():
    sklearn_datasets = pytest.importorskip("sklearn.datasets")
    reference = sklearn_datasets.load_digits()
    data = load_digits()
    np.testing.assert_array_equal(data.inputs[0], reference.data[0] / 16)
    np.testing.assert_array_equal(data.labels, reference.target)


def test_resource_path_finds_the_bundled_digits():
    assert resource_path("data", "digits.csv.gz").is_file()


def test_unknown_dataset_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown dataset 'moons'.*circle.*spiral"):
        make_dataset("moons")
    with pytest.raises(ValueError, match=r"dataset must be a name, one of: .*circle.*spiral"
                                         r".*not an array of 1 item$"):
        make_dataset(["circle"])  # unhashable: the same message, not a TypeError


def test_unknown_param_lists_the_valid_ones():
    with pytest.raises(ValueError, match="no parameter 'radius'.*n_samples, noise, seed"):
        make_dataset("circle", radius=3)
    with pytest.raises(ValueError, match="no parameter 'noise'.*seed"):
        make_dataset("xor", noise=10)


@pytest.mark.parametrize("params, message", [
    ({"noise": 60}, "noise must be a number from 0 to 50"),
    ({"noise": -1}, "noise must be"),
    ({"noise": float("nan")}, "noise must be"),
    ({"noise": True}, "noise must be"),
    ({"n_samples": 1}, "n_samples must be an integer"),
    ({"n_samples": 2.5}, "n_samples must be an integer"),
    ({"n_samples": "500"}, "n_samples must be an integer"),
    ({"seed": -1}, "seed must be an integer"),
])
def test_bad_param_values(params, message):
    with pytest.raises(ValueError, match=message):
        make_dataset("circle", **params)


def test_whole_float_params_become_ints():
    data = make_dataset("circle", n_samples=10.0, seed=np.int64(2))
    assert data.params["n_samples"] == 10 and type(data.params["n_samples"]) is int
    assert type(data.params["seed"]) is int


# --- Dataset ------------------------------------------------------------------------


def test_dataset_arrays_are_read_only_views():
    inputs = np.zeros((3, 2))
    data = Dataset("d", inputs, np.eye(2)[[0, 1, 0]], CLASSIFICATION)
    with pytest.raises(ValueError):
        data.inputs[0, 0] = 1
    inputs[0, 0] = 1  # the caller's own array stays writeable
    assert data.class_names == ("0", "1")


@pytest.mark.parametrize("kwargs, message", [
    ({"targets": np.zeros((2, 1))}, "3 input rows but 2 target rows"),
    ({"task": "clustering"}, "task must be"),
    ({"inputs": np.zeros(3)}, "2-D"),
    ({"class_names": ("a",)}, "1 class names for 2 target columns"),
    ({"image_shape": (3, 3)}, "image shape"),
])
def test_dataset_rejects_inconsistent_fields(kwargs, message):
    fields = {"name": "d", "inputs": np.zeros((3, 2)), "targets": np.eye(2)[[0, 1, 0]],
              "task": CLASSIFICATION, **kwargs}
    with pytest.raises(ValueError, match=message):
        Dataset(**fields)


def test_regression_has_no_labels():
    data = make_dataset("sine")
    assert data.n_classes == 0
    with pytest.raises(ValueError, match="regression"):
        _ = data.labels


def test_targets_for_two_classes():
    data = make_dataset("circle")
    np.testing.assert_array_equal(data.targets_for("softmax", 2), data.targets)
    column = data.targets_for("sigmoid", 1)
    assert column.shape == (500, 1)
    np.testing.assert_array_equal(column[:, 0], data.labels)
    signs = data.targets_for("tanh", 1)
    np.testing.assert_array_equal(signs[:, 0], np.where(data.labels == 1, 1, -1))


def test_targets_for_mismatch_explains_the_fix():
    with pytest.raises(ValueError, match=r"the network has 3 outputs but dataset 'circle' has "
                                         r"2 classes: use 2 outputs \(softmax, with "
                                         r"cross-entropy\) or 1 output \(sigmoid/tanh\)"):
        make_dataset("circle").targets_for("softmax", 3)
    with pytest.raises(ValueError) as error:
        make_dataset("digits").targets_for("sigmoid", 1)
    assert "has 10 classes: use 10 outputs (softmax, with cross-entropy)" in str(error.value)
    assert "sigmoid" not in str(error.value)


def test_targets_for_regression():
    data = make_dataset("reg_plane")
    np.testing.assert_array_equal(data.targets_for("identity", 1), data.targets)
    with pytest.raises(ValueError, match="the network has 2 outputs but dataset 'reg_plane' has "
                                         "1 target column: use 1 output"):
        data.targets_for("identity", 2)


def test_subset_picks_rows_in_order():
    data = indexed_dataset([0, 1, 0, 1, 1])
    np.testing.assert_array_equal(data.subset([4, 0]).inputs[:, 0], [4, 0])
    np.testing.assert_array_equal(data.subset(data.labels == 1).inputs[:, 0], [1, 3, 4])
    empty = data.subset([])
    assert empty.inputs.shape == (0, 1) and empty.targets.shape == (0, 2)
    assert data.subset([1]).params is data.params


def test_split_is_stratified_disjoint_and_complete():
    data = indexed_dataset([0] * 60 + [1] * 30 + [2] * 10)
    train, test = data.split(0.2, seed=0)
    assert (train.n_samples, test.n_samples) == (80, 20)
    np.testing.assert_array_equal(np.bincount(test.labels), [12, 6, 2])
    np.testing.assert_array_equal(np.bincount(train.labels), [48, 24, 8])
    rows = np.concatenate([train.inputs[:, 0], test.inputs[:, 0]])
    np.testing.assert_array_equal(np.sort(rows), np.arange(100))
    assert not np.array_equal(train.inputs[:, 0], np.sort(train.inputs[:, 0]))  # shuffled


def test_split_derives_the_labels_once_not_once_per_class(monkeypatch):
    data = indexed_dataset([0] * 6 + [1] * 3 + [2] * 1)
    reads, labels = [], Dataset.labels

    def counted_labels(dataset):
        reads.append(1)
        return labels.fget(dataset)

    monkeypatch.setattr(Dataset, "labels", property(counted_labels))
    data.split(0.2, seed=0)
    assert len(reads) == 1


def test_split_is_reproducible():
    data = make_dataset("digits")
    train, test = data.split(0.25, seed=1)
    train_again, test_again = data.split(0.25, seed=1)
    _, test_other = data.split(0.25, seed=2)
    np.testing.assert_array_equal(test.inputs, test_again.inputs)
    np.testing.assert_array_equal(train.inputs, train_again.inputs)
    assert not np.array_equal(test.inputs, test_other.inputs)


def test_split_regression():
    train, test = make_dataset("sine").split(0.3, seed=0)
    assert (train.n_samples, test.n_samples) == (140, 60)


def test_split_without_test_set():
    data = make_dataset("xor")
    train, test = data.split(0, seed=0)
    assert train is data
    assert test.inputs.shape == (0, 2) and test.targets.shape == (0, 2)


@pytest.mark.parametrize("fraction", [-0.1, 1, 1.5])
def test_split_rejects_bad_fractions(fraction):
    with pytest.raises(ValueError, match="test fraction"):
        make_dataset("xor").split(fraction, seed=0)


@settings(max_examples=50, deadline=None)
@given(labels=st.lists(st.integers(0, 3), min_size=1, max_size=60),
       fraction=st.floats(0, 0.95), seed=st.integers(0, 2**32 - 1))
def test_split_partitions_the_rows(labels, fraction, seed):
    data = indexed_dataset(labels)
    train, test = data.split(fraction, seed)
    rows = np.concatenate([train.inputs[:, 0], test.inputs[:, 0]])
    np.testing.assert_array_equal(np.sort(rows), np.arange(len(labels)))
    counts = np.bincount(labels, minlength=data.n_classes)
    np.testing.assert_array_equal(np.bincount(test.labels, minlength=data.n_classes),
                                  [round(fraction * count) for count in counts])


def test_standardize_uses_train_statistics():
    rng = np.random.default_rng(0)
    train = Dataset("t", rng.normal(5, 3, (200, 3)), np.zeros((200, 1)), REGRESSION)
    test = Dataset("t", rng.normal(5, 3, (50, 3)), np.zeros((50, 1)), REGRESSION)
    train_std, test_std = standardize(train, test)
    np.testing.assert_allclose(train_std.inputs.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(train_std.inputs.std(axis=0), 1)
    expected = (test.inputs - train.inputs.mean(axis=0)) / train.inputs.std(axis=0)
    np.testing.assert_allclose(test_std.inputs, expected)
    np.testing.assert_array_equal(test_std.targets, test.targets)


def test_standardize_leaves_constant_features_centred():
    inputs = np.column_stack([np.full(7, 0.1), np.arange(7.0)])
    train = Dataset("t", inputs, np.zeros((7, 1)), REGRESSION)
    (result,) = standardize(train)
    np.testing.assert_allclose(result.inputs[:, 0], 0, atol=1e-15)
    assert np.isfinite(result.inputs).all()


def test_standardize_needs_rows():
    with pytest.raises(ValueError, match="no rows"):
        standardize(make_dataset("xor").subset([]))


def test_every_noise_parameter_says_its_unit():
    """The Data dock shows a noise as "% noise" or "noise σ" by its unit, not its range."""
    units = {name: info.params["noise"].unit for name, info in BUILTIN_DATASETS.items()
             if "noise" in info.params}
    assert units["sine"] == "σ" and units["circle"] == "%"
    assert set(units.values()) == {"%", "σ"}
