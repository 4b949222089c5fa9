"""The ``Dataset`` container: what a network learns from, split, subset, standardized.

A ``Dataset`` holds ``inputs`` of shape ``(n_samples, n_features)`` and ``targets`` of
shape ``(n_samples, n_outputs)`` as float64: one-hot rows for classification, values for
regression.  ``datasets`` makes them (built-ins and files).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from .i18n import translate
from .safetext import quote

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
            problem = translate("simulator.dataset", "task must be 'classification' or "
                                "'regression', not {value}").format(value=quote(self.task))
        elif len(self.inputs) != len(self.targets):
            problem = translate("simulator.dataset", "{inputs} input rows but {targets} target "
                                "rows").format(inputs=len(self.inputs), targets=len(self.targets))
        elif self.task == CLASSIFICATION and len(self.class_names) != self.n_outputs:
            problem = translate("simulator.dataset", "{count} class names for {columns} target "
                                "columns").format(count=len(self.class_names),
                                                  columns=self.n_outputs)
        elif self.image_shape is not None and math.prod(self.image_shape) != self.n_features:
            problem = translate("simulator.dataset", "image shape {shape} does not hold {count} "
                                "features").format(shape=self.image_shape, count=self.n_features)
        if problem:
            raise ValueError(translate("simulator.dataset", "dataset {name}: {problem}").format(
                name=quote(self.name), problem=problem))

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
            raise ValueError(translate("simulator.dataset", "dataset {name} is a regression "
                                       "data set: it has no classes").format(
                name=quote(self.name)))
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
            raise ValueError(translate(
                "simulator.dataset", "the network has {outputs} but dataset {name} has "
                "{columns}: use {needed}").format(
                outputs=_outputs(n_outputs), name=quote(self.name),
                columns=_target_columns(self.n_outputs), needed=_outputs(self.n_outputs)))
        if n_outputs == self.n_classes:
            return self.targets
        if n_outputs == 1 and self.n_classes == 2:
            negative = -1.0 if output_activation == "tanh" else 0.0
            return np.where(self.labels == 1, 1.0, negative)[:, np.newaxis]
        if self.n_classes == 2:
            text = translate("simulator.dataset", "the network has {outputs} but dataset {name} "
                             "has {classes} classes: use {classes} outputs (softmax, with "
                             "cross-entropy) or 1 output (sigmoid/tanh)")
        else:
            text = translate("simulator.dataset", "the network has {outputs} but dataset {name} "
                             "has {classes} classes: use {classes} outputs (softmax, with "
                             "cross-entropy)")
        raise ValueError(text.format(outputs=_outputs(n_outputs), name=quote(self.name),
                                     classes=self.n_classes))

    def split(self, test_fraction: float, seed: int) -> tuple[Dataset, Dataset]:
        """``(train, test)``, shuffled and reproducible for ``seed``.

        Classification is stratified: each class gives ``test_fraction`` of its rows
        (rounded) to the test set.  ``test_fraction`` 0 gives ``(self, <0 rows>)``.
        """
        if not 0 <= test_fraction < 1:
            raise ValueError(translate("simulator.dataset", "the test fraction must be at least "
                                       "0 and below 1, not {value}").format(value=test_fraction))
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


def _outputs(n: int) -> str:
    """"1 output", "3 outputs"."""
    if n == 1:
        return translate("simulator.dataset", "{count} output").format(count=n)
    return translate("simulator.dataset", "{count} outputs").format(count=n)


def _target_columns(n: int) -> str:
    """"1 target column", "3 target columns"."""
    if n == 1:
        return translate("simulator.dataset", "{count} target column").format(count=n)
    return translate("simulator.dataset", "{count} target columns").format(count=n)


def one_hot(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """``(n_samples, n_classes)`` rows with a 1 in each label's column."""
    return np.eye(n_classes)[labels]


def standardize(train: Dataset, *others: Dataset) -> tuple[Dataset, ...]:
    """Inputs shifted and scaled so that ``train``'s have mean 0 and std 1 per feature.

    ``others`` (validation, test) get the same shift and scale, fitted on ``train`` only.
    Constant features are only centred.  Returns ``(train, *others)`` standardized.
    """
    if train.n_samples == 0:
        raise ValueError(translate("simulator.dataset", "cannot standardize on dataset {name}: "
                                   "it has no rows").format(name=quote(train.name)))
    mean = train.inputs.mean(axis=0)
    # Only an exactly constant column has zero spread; its std can still come out as a
    # rounding-sized number, which would blow rounding noise up to +-1.
    std = np.where(np.ptp(train.inputs, axis=0) == 0, 1.0, train.inputs.std(axis=0))
    return tuple(replace(data, inputs=(data.inputs - mean) / std)
                 for data in (train, *others))
