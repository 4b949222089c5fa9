"""How well a network does on a data set: loss, accuracy and the confusion matrix.

The one evaluator: training's epoch-end metrics, ``nnsim train``'s result, ``nnsim eval``
and every display of a score go through :func:`score`, so they agree to the last bit on
the same rows.  A caller may score only the first ``limit`` rows (training does, to bound
the pause at each epoch's end); the result says how many rows it scored out of how many.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import Activation
from .dataset import CLASSIFICATION, Dataset
from .i18n import translate
from .network import Network

#: Rows per forward pass, so that evaluating 60,000 MNIST images needs little memory.
CHUNK_ROWS = 4096


@dataclass(frozen=True)
class Evaluation:
    """Results on the first ``rows_scored`` of a set's ``rows`` rows.

    ``accuracy`` and ``confusion`` are None for regression; ``confusion[i, j]`` counts
    scored rows of class i predicted as class j, ``(n_classes, n_classes)``.
    """

    rows_scored: int
    rows: int
    loss: float
    accuracy: float | None
    confusion: np.ndarray | None
    class_names: tuple[str, ...]

    @property
    def is_subset(self) -> bool:
        """Whether only the first rows were scored, not the whole set."""
        return self.rows_scored < self.rows


def predicted_labels(outputs: np.ndarray, output_activation: Activation) -> np.ndarray:
    """Class index per row of ``outputs`` ``(n, n_outputs)``: the largest output, or for a
    single output 1 when it reaches the middle of its activation's range, else 0.

    Applied to encoded targets it gives each row's true class."""
    if outputs.shape[1] > 1:
        return outputs.argmax(axis=1)
    low, high = output_activation.value_range
    threshold = 0.5 if low is None or high is None else (low + high) / 2.0
    return (outputs[:, 0] >= threshold).astype(int)


def confusion_matrix(true: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """``(n_classes, n_classes)`` counts: rows are true classes, columns predictions."""
    pairs = true * n_classes + predicted
    return np.bincount(pairs, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def evaluate(network: Network, dataset: Dataset, limit: int | None = None) -> Evaluation:
    """``score`` on a data set, its targets encoded for the network's output layer."""
    targets = dataset.targets_for(network.activations[-1], network.sizes[-1])
    return score(network, dataset.inputs, targets, dataset.task == CLASSIFICATION,
                 limit=limit, class_names=dataset.class_names)


def score(network: Network, inputs: np.ndarray, targets: np.ndarray, classification: bool,
          *, limit: int | None = None, class_names: tuple[str, ...] = ()) -> Evaluation:
    """Loss (exactly as training reports it) and, for classification, accuracy and
    confusion matrix over the first ``limit`` rows (all when None).

    ``inputs`` ``(n, sizes[0])``, ``targets`` ``(n, sizes[-1])`` encoded as training
    uses them.  Classes follow the output layer: one per output, two for a single
    output; a row's true class is the one its target encodes (``predicted_labels``).
    ``class_names`` (else "0", "1", ...) name them; a data set of one class, which a
    single output scores as its positive class, gets the numbers.  The forward pass runs
    ``CHUNK_ROWS`` rows at a time, so memory stays bounded.
    """
    rows = len(inputs)
    if rows != len(targets):
        raise ValueError(translate("simulator.evaluation", "{inputs} input rows but {targets} "
                                   "target rows").format(inputs=rows, targets=len(targets)))
    n = rows if limit is None else min(rows, limit)
    if n <= 0:
        raise ValueError(translate("simulator.evaluation",
                                   "the data set has no samples to evaluate"))
    n_classes = max(2, network.sizes[-1]) if classification else 0
    output_activation = network.activation_of(network.n_layers - 1)
    outputs = np.empty((min(n, CHUNK_ROWS), network.sizes[-1]), dtype=network.dtype)
    confusion = np.zeros((n_classes, n_classes), dtype=np.int64)
    loss = 0.0
    for start in range(0, n, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, n)
        chunk = outputs[:stop - start]
        chunk_mean = network.loss_value(inputs[start:stop], targets[start:stop], out=chunk)
        # Weighted by the chunk's share, so a single chunk gives its mean bit for bit.
        loss += chunk_mean * ((stop - start) / n)
        if classification:
            true = predicted_labels(targets[start:stop], output_activation)
            confusion += confusion_matrix(true, predicted_labels(chunk, output_activation),
                                          n_classes)
    if not classification:
        return Evaluation(n, rows, loss, None, None, ())
    names = tuple(class_names) if len(class_names) == n_classes \
        else tuple(map(str, range(n_classes)))
    return Evaluation(n, rows, loss, float(np.trace(confusion)) / n, confusion, names)
