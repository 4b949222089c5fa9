"""Data sets: the built-ins and the user's files, made into ``Dataset`` objects.

A :class:`Dataset` (defined in ``dataset``) holds ``inputs`` ``(n_samples, n_features)``
and ``targets`` ``(n_samples, n_outputs)``.  Its ``params`` is a JSON-serialisable recipe
that :func:`from_params` rebuilds it from, so a saved file need not store the numbers.

Built-ins (:data:`BUILTIN_DATASETS`, made by :func:`make_dataset`): the logic gates,
TensorFlow Playground's 2-D sets (generated in ``playground``), a 1-D sine and the 8x8
digits.  :func:`load_csv` and :func:`load_idx` (MNIST) read the user's own files.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import playground
from .csvfile import (
    CsvTable,
    check_class_names,
    check_one_hot_size,
    class_indices,
    looks_like_classes,
    read_csv,
)
from .datafiles import read_idx
from .dataset import CLASSIFICATION, REGRESSION, TASKS, Dataset, one_hot, standardize
from .i18n import QT_TRANSLATE_NOOP, translate
from .registry import lookup
from .resources import resource_path
from .safetext import InputError, quote, shorten

# --- Built-in data sets -----------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A numeric parameter of a built-in data set: its default, inclusive range and
    unit ("%" of the data's spread, "σ" a standard deviation, "" a plain count)."""

    default: int | float
    low: int | float
    high: int | float
    integer: bool = False
    unit: str = ""

    def check(self, dataset: str, key: str, value) -> int | float:
        """``value`` as a plain int or float; ValueError when it is out of range."""
        is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
        in_range = is_number and self.low <= value <= self.high
        if in_range and (not self.integer or value == int(value)):
            return int(value) if self.integer else float(value)
        text = (translate("simulator.datasets", "dataset {name}: {key} must be an integer from "
                          "{low} to {high}, not {value}") if self.integer else
                translate("simulator.datasets", "dataset {name}: {key} must be a number from "
                          "{low} to {high}, not {value}"))
        raise ValueError(text.format(name=quote(dataset), key=key, low=self.low, high=self.high,
                                     value=quote(value)))


@dataclass(frozen=True)
class DatasetInfo:
    """A built-in data set as a menu shows it.

    ``english_label`` and ``english_description`` are the English texts, marked for
    translation; ``label`` and ``description`` give them in the interface's language.
    ``build`` takes a random generator seeded from the ``seed`` param and the other
    params as keywords.  ``test_fraction`` is the share held out for testing when it is
    chosen: none for the logic gates, whose four rows are all there is to learn.
    """

    english_label: str
    task: str
    english_description: str
    params: dict[str, Param]
    build: Callable[..., Dataset] = field(repr=False)
    test_fraction: float = 0.3

    @property
    def label(self) -> str:
        """The data set's name as a menu shows it, translated."""
        return translate("simulator.datasets", self.english_label)

    @property
    def description(self) -> str:
        """One sentence on what the data is, translated."""
        return translate("simulator.datasets", self.english_description)

    @property
    def defaults(self) -> dict:
        return {key: param.default for key, param in self.params.items()}


def no_parameter(name: str, unknown: list[str], known) -> str:
    """Why data set ``name`` refuses the parameters ``unknown`` (the first five shown):
    it takes only those in ``known``."""
    return translate("simulator.datasets", "dataset {name} has no parameter {keys}; its "
                     "parameters are: {names}").format(
        name=quote(name), keys=", ".join(map(quote, unknown[:5])), names=", ".join(known))


def make_dataset(name: str, **params) -> Dataset:
    """The built-in data set ``name``; ``params`` override its defaults.

    Every built-in takes ``seed`` (the fixed ones ignore it, so callers may always pass
    it).  The result's ``params`` records the full recipe, defaults included.
    """
    info = lookup(BUILTIN_DATASETS, name, "dataset")
    unknown = sorted(set(params) - set(info.params))
    if unknown:
        raise ValueError(no_parameter(name, unknown, info.params))
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
        targets = one_hot(np.array(truth_table), 2)
        return Dataset("", _GATE_INPUTS, targets, CLASSIFICATION, ("0", "1"), ("x1", "x2"))

    return build


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
               "noise": Param(0, 0, 50, unit="%"), "seed": _SEED}
_PLAYGROUND_REGRESSION = {**_PLAYGROUND, "n_samples": Param(1200, 2, 100_000, integer=True)}
_SINE = {"n_samples": Param(200, 2, 100_000, integer=True),
         "noise": Param(0.0, 0.0, 1.0, unit="σ"), "seed": _SEED}

#: Built-in data sets by name, in menu order.
BUILTIN_DATASETS: dict[str, DatasetInfo] = {
    "and": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "AND gate"), CLASSIFICATION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Logical AND of two 0/1 inputs: 4 rows."),
        _FIXED, _logic_gate((0, 0, 0, 1)), test_fraction=0.0),
    "or": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "OR gate"), CLASSIFICATION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Logical OR of two 0/1 inputs: 4 rows."),
        _FIXED, _logic_gate((0, 1, 1, 1)), test_fraction=0.0),
    "xor": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "XOR gate"), CLASSIFICATION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Logical XOR of two 0/1 inputs: 4 rows no "
                          "straight line can separate."),
        _FIXED, _logic_gate((0, 1, 1, 0)), test_fraction=0.0),
    "circle": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "Circle"), CLASSIFICATION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Playground: a disc of +1 points inside a ring "
                          "of -1 points."),
        _PLAYGROUND, playground.circle),
    "xor_quadrants": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "Exclusive or (quadrants)"), CLASSIFICATION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Playground: +1 where x1 and x2 have the same "
                          "sign, -1 elsewhere."),
        _PLAYGROUND, playground.xor_quadrants),
    "gaussians": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "Two Gaussians"), CLASSIFICATION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Playground: two Gaussian clouds around (2, 2) "
                          "and (-2, -2); noise widens them until they overlap."),
        _PLAYGROUND, playground.gaussians),
    "spiral": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "Spiral"), CLASSIFICATION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Playground: two interleaved spiral arms, +1 "
                          "and -1."),
        _PLAYGROUND, playground.spiral),
    "reg_plane": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "Plane (regression)"), REGRESSION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Playground: the target rises linearly with "
                          "x1 + x2, from -1.2 to 1.2."),
        _PLAYGROUND_REGRESSION, playground.reg_plane),
    "reg_gaussian": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "Multi Gaussian (regression)"), REGRESSION,
        QT_TRANSLATE_NOOP("simulator.datasets", "Playground: six bumps of height +1 or -1 on a "
                          "3x2 grid."),
        _PLAYGROUND_REGRESSION, playground.reg_gaussian),
    "sine": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "Sine (regression)"), REGRESSION,
        QT_TRANSLATE_NOOP("simulator.datasets", "y = sin(x) for x in [-pi, pi]; noise is the "
                          "std of Gaussian noise added to y."),
        _SINE, _sine),
    "digits": DatasetInfo(
        QT_TRANSLATE_NOOP("simulator.datasets", "Digits 8x8"), CLASSIFICATION,
        QT_TRANSLATE_NOOP("simulator.datasets", "1,797 handwritten digits 0-9 as 8x8 images "
                          "(UCI, via scikit-learn)."),
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
        raise ValueError(translate("simulator.datasets", "task must be 'classification', "
                                   "'regression' or None, not {value}").format(value=quote(task)))
    if classes is not None:
        check_class_names(classes)
        if task == REGRESSION:
            raise ValueError(translate("simulator.datasets",
                                       "class names are for classification, not regression"))
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
    return CLASSIFICATION, one_hot(labels, len(class_names)), class_names


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
        raise ValueError(translate("simulator.datasets", "limit must be None or a non-negative "
                                   "integer, not {value}").format(value=quote(limit)))
    n_images, images = read_idx(images_path, "images", limit)  # (n, rows, columns)
    n_labels, labels = read_idx(labels_path, "labels", limit)  # (n,)
    if n_images != n_labels:
        raise InputError(str(images_path), "", translate(
            "simulator.datasets", "holds {images} images but {file} holds {labels} "
            "labels").format(images=f"{n_images:,}", file=shorten(str(labels_path), 160),
                             labels=f"{n_labels:,}"))
    n, rows, columns = images.shape
    # At least MNIST's ten classes, even when a small limit misses some digits.
    n_classes = int(labels.max(initial=9)) + 1
    recipe = {"name": "idx", "images_path": str(images_path), "labels_path": str(labels_path),
              "limit": None if limit is None else int(limit)}
    return Dataset("mnist", images.reshape(n, rows * columns) / 255, one_hot(labels, n_classes),
                   CLASSIFICATION, tuple(map(str, range(n_classes))), _pixel_names(rows, columns),
                   recipe, (rows, columns))
