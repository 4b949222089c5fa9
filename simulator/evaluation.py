"""How well a network does on a data set: loss, accuracy and the confusion matrix."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import Activation
from .datasets import CLASSIFICATION, Dataset
from .network import Network

#: Rows per forward pass, so that evaluating 60,000 MNIST images needs little memory.
CHUNK_ROWS = 4096


@dataclass(frozen=True)
class Evaluation:
    """Results on one data set.  ``accuracy`` and ``confusion`` are None for regression;
    ``confusion[i, j]`` counts samples of class i predicted as class j."""

    n_samples: int
    loss: float
    accuracy: float | None
    confusion: np.ndarray | None
    class_names: tuple[str, ...]


def predicted_labels(outputs: np.ndarray, output_activation: Activation) -> np.ndarray:
    """Class index per row of ``outputs`` ``(n, n_outputs)``: the largest output, or for a
    single output 1 when it reaches the middle of its activation's range, else 0."""
    if outputs.shape[1] > 1:
        return outputs.argmax(axis=1)
    low, high = output_activation.value_range
    threshold = 0.5 if low is None or high is None else (low + high) / 2.0
    return (outputs[:, 0] >= threshold).astype(int)


def confusion_matrix(true: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """``(n_classes, n_classes)`` counts: rows are true classes, columns predictions."""
    pairs = true * n_classes + predicted
    return np.bincount(pairs, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def evaluate(network: Network, dataset: Dataset) -> Evaluation:
    """Loss (as training reports it) and, for classification, accuracy and confusion."""
    targets = dataset.targets_for(network.activations[-1], network.sizes[-1])
    n = dataset.n_samples
    if n == 0:
        raise ValueError("the data set has no samples to evaluate")
    outputs = np.empty((n, network.sizes[-1]), dtype=network.dtype)
    loss = 0.0
    for start in range(0, n, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, n)
        chunk_mean = network.loss_value(dataset.inputs[start:stop], targets[start:stop],
                                        out=outputs[start:stop])
        # Weighted by the chunk's share, so a single chunk gives its mean bit for bit.
        loss += chunk_mean * ((stop - start) / n)
    if dataset.task != CLASSIFICATION:
        return Evaluation(dataset.n_samples, loss, None, None, ())
    predicted = predicted_labels(outputs, network.activation_of(network.n_layers - 1))
    confusion = confusion_matrix(dataset.labels, predicted, dataset.n_classes)
    accuracy = float(np.trace(confusion)) / dataset.n_samples
    return Evaluation(dataset.n_samples, loss, accuracy, confusion, dataset.class_names)
