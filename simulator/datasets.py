"""Data sets: what a network learns from.

A :class:`Dataset` holds ``inputs`` of shape ``(n_samples, n_features)`` and ``targets``
of shape ``(n_samples, n_outputs)`` as float64: one-hot rows for classification, values
for regression.  Its ``params`` is a JSON-serialisable recipe that :func:`from_params`
rebuilds it from, so a saved file need not store the numbers.

Built-ins (:data:`BUILTIN_DATASETS`, made by :func:`make_dataset`): the logic gates,
TensorFlow Playground's 2-D sets (generators follow its ``src/dataset.ts``; ``noise`` is
in its units, 0..50 percent), a 1-D sine and the 8x8 digits.  :func:`load_csv` and
:func:`load_idx` (MNIST) read the user's own files.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .csvfile import (
    CsvTable,
    check_class_names,
    check_one_hot_size,
    class_indices,
    looks_like_classes,
    read_csv,
)
from .datafiles import read_idx
from .registry import lookup
from .resources import resource_path
from .safetext import InputError, quote, shorten

CLASSIFICATION = "classification"
REGRESSION = "regression"
TASKS = (CLASSIFICATION, REGRESSION)


# Compared by identity: element-wise array equality has no single truth value.
@dataclass(frozen=True, eq=False)
class Dataset:
    """Inputs and targets for one learning task.

    ``inputs`` is ``(n_samples, n_features)`` and ``targets`` ``(n_samples, n_outputs)``,
    both stored as read-only float64 views so that code holding a Dataset cannot change
    it by accident.  Subsets and splits keep the recipe (``params``) of the data set they
    came from.  Classification data without ``class_names`` gets "0", "1", ...
    """

    name: str
    inputs: np.ndarray
    targets: np.ndarray
    task: str
    class_names: tuple[str, ...] = ()
    feature_names: tuple[str, ...] = ()
    params: dict = field(default_factory=dict)
    image_shape: tuple[int, int] | None = None

    def __post_init__(self):
        object.__setattr__(self, "inputs", _frozen_matrix(self.inputs, "inputs"))
        object.__setattr__(self, "targets", _frozen_matrix(self.targets, "targets"))
        if self.task == CLASSIFICATION and not self.class_names:
            object.__setattr__(self, "class_names", tuple(map(str, range(self.n_outputs))))
        self._validate()

    def _validate(self):
        problem = None
        if self.task not in TASKS:
            problem = f"task must be 'classification' or 'regression', not {quote(self.task)}"
        elif len(self.inputs) != len(self.targets):
            problem = f"{len(self.inputs)} input rows but {len(self.targets)} target rows"
        elif self.task == CLASSIFICATION and len(self.class_names) != self.n_outputs:
            problem = f"{len(self.class_names)} class names for {self.n_outputs} target columns"
        elif self.image_shape is not None and math.prod(self.image_shape) != self.n_features:
            problem = f"image shape {self.image_shape} does not hold {self.n_features} features"
        if problem:
            raise ValueError(f"dataset {quote(self.name)}: {problem}")

    @property
    def n_samples(self) -> int:
        return self.inputs.shape[0]

    @property
    def n_features(self) -> int:
        return self.inputs.shape[1]

    @property
    def n_outputs(self) -> int:
        return self.targets.shape[1]

    @property
    def n_classes(self) -> int:
        """Number of classes; 0 for regression."""
        return self.n_outputs if self.task == CLASSIFICATION else 0

    @property
    def labels(self) -> np.ndarray:
        """Class index of each sample, shape ``(n_samples,)``; classification only."""
        if self.task != CLASSIFICATION:
            raise ValueError(f"dataset {quote(self.name)} is a regression data set: "
                             f"it has no classes")
        return np.argmax(self.targets, axis=1)

    def targets_for(self, output_activation: str, n_outputs: int) -> np.ndarray:
        """Targets ``(n_samples, n_outputs)`` encoded for a network's output layer.

        Classification: one-hot when ``n_outputs`` equals the class count; for two classes
        and one output, a column holding 1 for class 1 and 0 for class 0, or -1 when the
        output activation is "tanh" (TensorFlow Playground's convention).  Regression: the
        targets when the column count matches.  Anything else raises ValueError.
        """
        if self.task == REGRESSION:
            if n_outputs == self.n_outputs:
                return self.targets
            raise ValueError(
                f"the network has {_count(n_outputs, 'output')} but dataset {quote(self.name)} has "
                f"{_count(self.n_outputs, 'target column')}: use {_count(self.n_outputs, 'output')}"
            )
        if n_outputs == self.n_classes:
            return self.targets
        if n_outputs == 1 and self.n_classes == 2:
            negative = -1.0 if output_activation == "tanh" else 0.0
            return np.where(self.labels == 1, 1.0, negative)[:, np.newaxis]
        one_output = " or 1 output (sigmoid/tanh)" if self.n_classes == 2 else ""
        raise ValueError(
            f"the network has {_count(n_outputs, 'output')} but dataset {quote(self.name)} has "
            f"{self.n_classes} classes: use {self.n_classes} outputs (softmax){one_output}"
        )

    def split(self, test_fraction: float, seed: int) -> tuple[Dataset, Dataset]:
        """``(train, test)``, shuffled and reproducible for ``seed``.

        Classification is stratified: each class gives ``test_fraction`` of its rows
        (rounded) to the test set.  ``test_fraction`` 0 gives ``(self, <0 rows>)``.
        """
        if not 0 <= test_fraction < 1:
            raise ValueError(
                f"the test fraction must be at least 0 and below 1, not {test_fraction}")
        if test_fraction == 0:
            return self, self.subset([])
        rng = np.random.default_rng(seed)
        train, test = [], []
        for rows in self._strata():
            shuffled = rng.permutation(rows)
            n_test = round(test_fraction * len(rows))
            test.append(shuffled[:n_test])
            train.append(shuffled[n_test:])
        # The strata come one class after another; shuffle so that batches mix classes.
        return (self.subset(rng.permutation(np.concatenate(train))),
                self.subset(rng.permutation(np.concatenate(test))))

    def _strata(self) -> list[np.ndarray]:
        """Row indices grouped by class (one group for regression)."""
        if self.task == REGRESSION:
            return [np.arange(self.n_samples)]
        labels = self.labels  # an argmax over all targets: once, not once per class
        return [np.flatnonzero(labels == k) for k in range(self.n_classes)]

    def subset(self, indices) -> Dataset:
        """The rows picked by ``indices`` (integers or a boolean mask), in that order."""
        rows = np.atleast_1d(np.arange(self.n_samples)[indices])
        return replace(self, inputs=self.inputs[rows], targets=self.targets[rows])


def _frozen_matrix(values, what: str) -> np.ndarray:
    # A view, so that freezing it leaves the caller's own array writeable.
    matrix = np.asarray(values, dtype=np.float64).view()
    if matrix.ndim != 2:
        raise ValueError(
            f"{what} must be a 2-D array (n_samples, n_columns), not shape {matrix.shape}")
    matrix.flags.writeable = False
    return matrix


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _one_hot(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """``(n_samples, n_classes)`` rows with a 1 in each label's column."""
    return np.eye(n_classes)[labels]


def standardize(train: Dataset, *others: Dataset) -> tuple[Dataset, ...]:
    """Inputs shifted and scaled so that ``train``'s have mean 0 and std 1 per feature.

    ``others`` (validation, test) get the same shift and scale, fitted on ``train`` only.
    Constant features are only centred.  Returns ``(train, *others)`` standardized.
    """
    if train.n_samples == 0:
        raise ValueError(f"cannot standardize on dataset {quote(train.name)}: it has no rows")
    mean = train.inputs.mean(axis=0)
    # Only an exactly constant column has zero spread; its std can still come out as a
    # rounding-sized number, which would blow rounding noise up to +-1.
    std = np.where(np.ptp(train.inputs, axis=0) == 0, 1.0, train.inputs.std(axis=0))
    return tuple(replace(data, inputs=(data.inputs - mean) / std)
                 for data in (train, *others))


# --- Built-in data sets -----------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A numeric parameter of a built-in data set: its default and inclusive range."""

    default: int | float
    low: int | float
    high: int | float
    integer: bool = False

    def check(self, dataset: str, key: str, value) -> int | float:
        """``value`` as a plain int or float; ValueError when it is out of range."""
        is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
        in_range = is_number and self.low <= value <= self.high
        if in_range and (not self.integer or value == int(value)):
            return int(value) if self.integer else float(value)
        kind = "an integer" if self.integer else "a number"
        raise ValueError(f"dataset {quote(dataset)}: {key} must be {kind} "
                         f"from {self.low} to {self.high}, not {quote(value)}")


@dataclass(frozen=True)
class DatasetInfo:
    """A built-in data set as a menu shows it.

    ``build`` takes a random generator seeded from the ``seed`` param and the other
    params as keywords.
    """

    label: str
    task: str
    description: str
    params: dict[str, Param]
    build: Callable[..., Dataset] = field(repr=False)

    @property
    def defaults(self) -> dict:
        return {key: param.default for key, param in self.params.items()}


def make_dataset(name: str, **params) -> Dataset:
    """The built-in data set ``name``; ``params`` override its defaults.

    Every built-in takes ``seed`` (the fixed ones ignore it, so callers may always pass
    it).  The result's ``params`` records the full recipe, defaults included.
    """
    info = lookup(BUILTIN_DATASETS, name, "dataset")
    unknown = sorted(set(params) - set(info.params))
    if unknown:
        raise ValueError(f"dataset {quote(name)} has no parameter "
                         f"{', '.join(map(quote, unknown[:5]))}; "
                         f"its parameters are: {', '.join(info.params)}")
    recipe = {key: spec.check(name, key, params.get(key, spec.default))
              for key, spec in info.params.items()}
    options = {key: value for key, value in recipe.items() if key != "seed"}
    dataset = info.build(np.random.default_rng(recipe["seed"]), **options)
    return replace(dataset, name=name, params={"name": name, **recipe})


def from_params(params: dict) -> Dataset:
    """Rebuild a data set from its ``params`` recipe (built-in, CSV or IDX)."""
    options = dict(params)
    name = options.pop("name", None)
    loader = {"csv": load_csv, "idx": load_idx}.get(name)
    return loader(**options) if loader else make_dataset(name, **options)


_GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def _logic_gate(truth_table: tuple[int, int, int, int]) -> Callable[..., Dataset]:
    """A builder for the gate whose outputs for _GATE_INPUTS are ``truth_table``."""

    def build(_rng: np.random.Generator) -> Dataset:
        targets = _one_hot(np.array(truth_table), 2)
        return Dataset("", _GATE_INPUTS, targets, CLASSIFICATION, ("0", "1"), ("x1", "x2"))

    return build


def _playground(rng, points: np.ndarray, targets: np.ndarray, task: str,
                class_names=()) -> Dataset:
    # Playground shuffles its points too; the generators emit them grouped by class.
    order = rng.permutation(len(points))
    return Dataset("", points[order], targets[order], task, class_names, ("x1", "x2"))


def _playground_classes(rng, points: np.ndarray, positive: np.ndarray) -> Dataset:
    """Points ``(n, 2)`` labelled by ``positive`` ``(n,)``: True is "+1" (class 1), False "-1"."""
    return _playground(rng, points, _one_hot(positive.astype(int), 2), CLASSIFICATION, ("-1", "+1"))


def _playground_values(rng, points: np.ndarray, values: np.ndarray) -> Dataset:
    """Points ``(n, 2)`` with regression targets ``values`` ``(n,)``."""
    return _playground(rng, points, values[:, np.newaxis], REGRESSION)


def _per_class(n_samples: int) -> int:
    """Points of each class in Playground's two-class sets: its loops run ``i <
    numSamples / 2`` per class, so an odd count gives one point more than asked."""
    return (n_samples + 1) // 2


def _halves(n_samples: int) -> np.ndarray:
    """``(2 * _per_class(n_samples),)`` mask: True for the first class's points ("+1")."""
    half = _per_class(n_samples)
    return np.arange(2 * half) < half


def _jitter(rng, n_samples: int, half_width: float, noise: float) -> np.ndarray:
    """``(n_samples, 2)`` uniform offsets in +-half_width scaled by noise percent."""
    return rng.uniform(-half_width, half_width, (n_samples, 2)) * (noise / 100)


def _circle(rng, n_samples: int, noise: float) -> Dataset:
    radius = 5.0
    inside = _halves(n_samples)
    n = len(inside)
    r = np.where(inside, rng.uniform(0, 0.5 * radius, n), rng.uniform(0.7 * radius, radius, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    points = r[:, np.newaxis] * np.column_stack([np.sin(angle), np.cos(angle)])
    # As in Playground, noise moves where a point is labelled, not where it is drawn.
    seen = points + _jitter(rng, n, radius, noise)
    return _playground_classes(rng, points, np.linalg.norm(seen, axis=1) < 0.5 * radius)


def _xor_quadrants(rng, n_samples: int, noise: float) -> Dataset:
    points = rng.uniform(-5, 5, (n_samples, 2))
    points += np.where(points > 0, 0.3, -0.3)  # a gap along the axes, where the label flips
    seen = points + _jitter(rng, n_samples, 5.0, noise)
    return _playground_classes(rng, points, seen[:, 0] * seen[:, 1] >= 0)


def _gaussians(rng, n_samples: int, noise: float) -> Dataset:
    positive = _halves(n_samples)
    variance = 0.5 + 3.5 * noise / 50  # Playground maps noise 0..50 % onto variance 0.5..4
    centres = np.where(positive, 2.0, -2.0)[:, np.newaxis]
    points = rng.normal(centres, np.sqrt(variance), (len(positive), 2))
    return _playground_classes(rng, points, positive)


def _spiral_arm(rng, n_samples: int, turn: float, noise: float) -> np.ndarray:
    """``(_per_class(n_samples), 2)`` points winding 1.75 turns out towards radius 5,
    rotated by ``turn``.  Playground steps by 1 / (numSamples / 2) even when that is not
    a whole number of points."""
    fraction = np.arange(_per_class(n_samples)) / (n_samples / 2)
    angle = 1.75 * 2 * np.pi * fraction + turn
    on_arm = (5 * fraction)[:, np.newaxis] * np.column_stack([np.sin(angle), np.cos(angle)])
    return on_arm + rng.uniform(-1, 1, (len(fraction), 2)) * (noise / 100)


def _spiral(rng, n_samples: int, noise: float) -> Dataset:
    points = np.concatenate([_spiral_arm(rng, n_samples, 0.0, noise),
                             _spiral_arm(rng, n_samples, np.pi, noise)])
    return _playground_classes(rng, points, _halves(n_samples))


def _reg_plane(rng, n_samples: int, noise: float) -> Dataset:
    radius = 6.0
    points = rng.uniform(-radius, radius, (n_samples, 2))
    seen = points + _jitter(rng, n_samples, radius, noise)
    # Playground maps x + y in [-10, 10] linearly onto [-1, 1].
    return _playground_values(rng, points, seen.sum(axis=1) / 10)


#: Playground's regressGaussian bumps: centre x, centre y, sign of the peak.
_BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                   [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])


def _reg_gaussian(rng, n_samples: int, noise: float) -> Dataset:
    radius = 6.0
    points = rng.uniform(-radius, radius, (n_samples, 2))
    seen = points + _jitter(rng, n_samples, radius, noise)
    distance = np.linalg.norm(seen[:, np.newaxis, :] - _BUMPS[:, :2], axis=2)  # (n, 6)
    heights = _BUMPS[:, 2] * np.clip(1 - distance / 2, 0, 1)  # cones of height +-1, radius 2
    # Playground keeps the bump largest in absolute value, the first one on ties.
    strongest = np.argmax(np.abs(heights), axis=1)
    return _playground_values(rng, points, heights[np.arange(n_samples), strongest])


def _sine(rng, n_samples: int, noise: float) -> Dataset:
    x = rng.uniform(-np.pi, np.pi, n_samples)
    y = np.sin(x) + rng.normal(0.0, noise, n_samples)
    return Dataset("", x[:, np.newaxis], y[:, np.newaxis], REGRESSION, feature_names=("x",))


def _digits(_rng: np.random.Generator) -> Dataset:
    return load_digits()


_SEED = Param(0, 0, 2**32 - 1, integer=True)
_FIXED = {"seed": _SEED}
#: Playground's sample counts: NUM_SAMPLES_CLASSIFY and NUM_SAMPLES_REGRESS.
_PLAYGROUND = {"n_samples": Param(500, 2, 100_000, integer=True),
               "noise": Param(0, 0, 50), "seed": _SEED}
_PLAYGROUND_REGRESSION = {**_PLAYGROUND, "n_samples": Param(1200, 2, 100_000, integer=True)}
_SINE = {"n_samples": Param(200, 2, 100_000, integer=True),
         "noise": Param(0.0, 0.0, 1.0), "seed": _SEED}

#: Built-in data sets by name, in menu order.
BUILTIN_DATASETS: dict[str, DatasetInfo] = {
    "and": DatasetInfo("AND gate", CLASSIFICATION, "Logical AND of two 0/1 inputs: 4 rows.",
                       _FIXED, _logic_gate((0, 0, 0, 1))),
    "or": DatasetInfo("OR gate", CLASSIFICATION, "Logical OR of two 0/1 inputs: 4 rows.",
                      _FIXED, _logic_gate((0, 1, 1, 1))),
    "xor": DatasetInfo("XOR gate", CLASSIFICATION,
                       "Logical XOR of two 0/1 inputs: 4 rows no straight line can separate.",
                       _FIXED, _logic_gate((0, 1, 1, 0))),
    "circle": DatasetInfo("Circle", CLASSIFICATION,
                          "Playground: a disc of +1 points inside a ring of -1 points.",
                          _PLAYGROUND, _circle),
    "xor_quadrants": DatasetInfo("Exclusive or (quadrants)", CLASSIFICATION,
                                 "Playground: +1 where x1 and x2 have the same sign, -1 elsewhere.",
                                 _PLAYGROUND, _xor_quadrants),
    "gaussians": DatasetInfo("Two Gaussians", CLASSIFICATION,
                             "Playground: two Gaussian clouds around (2, 2) and (-2, -2); "
                             "noise widens them until they overlap.",
                             _PLAYGROUND, _gaussians),
    "spiral": DatasetInfo("Spiral", CLASSIFICATION,
                          "Playground: two interleaved spiral arms, +1 and -1.",
                          _PLAYGROUND, _spiral),
    "reg_plane": DatasetInfo("Plane (regression)", REGRESSION,
                             "Playground: the target rises linearly with x1 + x2, "
                             "from -1.2 to 1.2.",
                             _PLAYGROUND_REGRESSION, _reg_plane),
    "reg_gaussian": DatasetInfo("Multi Gaussian (regression)", REGRESSION,
                                "Playground: six bumps of height +1 or -1 on a 3x2 grid.",
                                _PLAYGROUND_REGRESSION, _reg_gaussian),
    "sine": DatasetInfo("Sine (regression)", REGRESSION,
                        "y = sin(x) for x in [-pi, pi]; "
                        "noise is the std of Gaussian noise added to y.",
                        _SINE, _sine),
    "digits": DatasetInfo("Digits 8x8", CLASSIFICATION,
                          "1,797 handwritten digits 0-9 as 8x8 images (UCI, via scikit-learn).",
                          _FIXED, _digits),
}


# --- Files --------------------------------------------------------------------------


def load_digits() -> Dataset:
    """The 1,797 8x8 digit images: 64 pixels scaled to 0..1, 10 classes "0".."9"."""
    raw = load_csv(resource_path("data", "digits.csv.gz"), task=CLASSIFICATION)
    return replace(raw, name="digits", inputs=raw.inputs / 16, feature_names=_pixel_names(8, 8),
                   params={"name": "digits"}, image_shape=(8, 8))


def _pixel_names(rows: int, columns: int) -> tuple[str, ...]:
    return tuple(f"pixel_{r}_{c}" for r in range(rows) for c in range(columns))


def load_csv(path, target_column: str | int = -1, task: str | None = None,
             standardize_inputs: bool = False, classes: list[str] | None = None) -> Dataset:
    """A CSV file (optionally .gz): one sample per row, one column the target.

    The header row is optional: a first row with text in any input cell is taken as
    column names, otherwise columns are named x1, x2, ...  ``target_column`` is a name
    or an index (negative counts from the end).  Inputs must be numbers.  A target
    column with any text is class labels: one-hot, the classes in sorted order and
    recorded as ``params["classes"]``; ``classes`` fixes them instead (a label outside
    it is an error).  A column of numbers with ``task`` None: whole numbers with at most
    MAX_AUTO_CLASSES distinct values are classes (named by their sorted values),
    anything else regression.  Reading is bounded (see :mod:`simulator.datafiles`);
    InputError names the file, line and column of any problem.
    """
    if task not in (None, *TASKS):
        raise ValueError(f"task must be 'classification', 'regression' or None, "
                         f"not {quote(task)}")
    if classes is not None:
        check_class_names(classes)
        if task == REGRESSION:
            raise ValueError("class names are for classification, not regression")
    table = read_csv(path, target_column, classes, numbers_only=task == REGRESSION)
    task, targets, class_names = _csv_targets(path, table, task)
    json_target = target_column if isinstance(target_column, str) else int(target_column)
    recipe = {"name": "csv", "path": str(path), "target_column": json_target,
              "task": task, "standardize_inputs": standardize_inputs}
    if table.classes:
        recipe["classes"] = list(table.classes)
    feature_names = table.column_names[:table.target] + table.column_names[table.target + 1:]
    dataset = Dataset(_file_stem(path), table.inputs, targets, task, class_names,
                      feature_names, recipe)
    return standardize(dataset)[0] if standardize_inputs else dataset


def _csv_targets(path, table: CsvTable, task: str | None
                 ) -> tuple[str, np.ndarray, tuple[str, ...]]:
    """The task, targets ``(n, n_outputs)`` and class names of a CSV file's target."""
    if table.labels is not None:
        labels, class_names = table.labels, table.classes
    elif task == CLASSIFICATION or (task is None and looks_like_classes(table.values)):
        labels, class_names = class_indices(table.values)
    else:
        return REGRESSION, table.values[:, np.newaxis], ()
    check_one_hot_size(path, table, len(class_names))
    return CLASSIFICATION, _one_hot(labels, len(class_names)), class_names


def _file_stem(path) -> str:
    return Path(str(path).removesuffix(".gz")).stem


def load_idx(images_path, labels_path, limit: int | None = None) -> Dataset:
    """MNIST-style IDX files (each gzip or plain): images and their labels 0..9.

    Pixels are scaled to 0..1 by /255 and flattened row-major; ``image_shape`` keeps the
    image size.  ``limit`` keeps only the first ``limit`` samples.  Reading is bounded
    (see :mod:`simulator.datafiles`); InputError names the file for a wrong magic
    number, sizes over the limits, truncated data or mismatched counts.
    """
    is_count = isinstance(limit, numbers.Integral) and not isinstance(limit, bool)
    if limit is not None and not (is_count and limit >= 0):
        raise ValueError(f"limit must be None or a non-negative integer, not {quote(limit)}")
    n_images, images = read_idx(images_path, "images", limit)  # (n, rows, columns)
    n_labels, labels = read_idx(labels_path, "labels", limit)  # (n,)
    if n_images != n_labels:
        raise InputError(str(images_path), "", f"holds {n_images:,} images but "
                         f"{shorten(str(labels_path), 160)} holds {n_labels:,} labels")
    n, rows, columns = images.shape
    # At least MNIST's ten classes, even when a small limit misses some digits.
    n_classes = int(labels.max(initial=9)) + 1
    recipe = {"name": "idx", "images_path": str(images_path), "labels_path": str(labels_path),
              "limit": None if limit is None else int(limit)}
    return Dataset("mnist", images.reshape(n, rows * columns) / 255, _one_hot(labels, n_classes),
                   CLASSIFICATION, tuple(map(str, range(n_classes))), _pixel_names(rows, columns),
                   recipe, (rows, columns))
