"""The one evaluator: loss, accuracy, confusion matrix and how many rows it scored."""

import numpy as np
import pytest

from nnsim.simulator import InitConfig, Network, evaluation
from nnsim.simulator.dataset import Dataset
from nnsim.simulator.evaluation import evaluate, score
from nnsim.simulator.history import Metrics
from nnsim.simulator.training import EVAL_LIMIT, Trainer, TrainingConfig


def identity_softmax(width):
    """Softmax of the inputs themselves (W = I, b = 0): the predicted class is argmax x."""
    net = Network([width, width], "softmax", loss="cross_entropy",
                  init=InitConfig(weights="zeros"))
    net.weights[0][...] = np.eye(width)
    return net


def random_classes(rows, classes, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, rows)
    x = rng.normal(size=(rows, classes)) + 0.8 * np.eye(classes)[labels]
    return Dataset("noisy", x, np.eye(classes)[labels], "classification",
                   class_names=tuple("abcd"[:classes]))


def counted_confusion(true, predicted, classes):
    confusion = np.zeros((classes, classes), dtype=int)
    for t, p in zip(true, predicted):
        confusion[t, p] += 1
    return confusion


@pytest.mark.parametrize("limit", [None, 23, 1000])
def test_chunks_count_the_confusion_of_the_first_rows(monkeypatch, limit):
    monkeypatch.setattr(evaluation, "CHUNK_ROWS", 5)
    data = random_classes(50, 4)
    result = evaluate(identity_softmax(4), data, limit=limit)
    scored = 50 if limit in (None, 1000) else limit
    true, x = data.labels[:scored], data.inputs[:scored]
    expected = counted_confusion(true, x.argmax(axis=1), 4)
    assert 0 < np.trace(expected) < scored  # some right, some wrong
    np.testing.assert_array_equal(result.confusion, expected)
    assert result.accuracy == np.trace(expected) / scored
    assert (result.rows_scored, result.rows, result.is_subset) == (scored, 50, scored < 50)
    assert result.class_names == ("a", "b", "c", "d")
    log_softmax = x - np.log(np.exp(x).sum(axis=1, keepdims=True))
    assert result.loss == pytest.approx(-log_softmax[np.arange(scored), true].mean(),
                                        rel=1e-13)


@pytest.mark.parametrize("output,negative,threshold", [("sigmoid", 0.0, 0.5),
                                                       ("tanh", -1.0, 0.0)])
def test_one_output_scores_two_classes_at_its_range_midpoint(output, negative, threshold):
    net = Network([1, 1], output, init=InitConfig(weights="zeros"))
    net.weights[0][0, 0] = 1.0
    x = np.array([[-2.0], [-0.1], [0.1], [3.0], [0.2], [-0.3]])
    data = Dataset("line", x, np.eye(2)[[0, 0, 1, 1, 0, 1]], "classification")
    result = evaluate(net, data)
    predicted = (net.forward(x)[:, 0] >= threshold).astype(int)
    np.testing.assert_array_equal(predicted, [0, 0, 1, 1, 1, 0])
    np.testing.assert_array_equal(result.confusion, [[2, 1], [1, 2]])
    outputs = net.forward(x)[:, 0]
    targets = np.where(data.labels == 1, 1.0, negative)
    assert result.loss == pytest.approx(0.5 * np.mean((outputs - targets) ** 2), rel=1e-14)


def test_a_data_set_of_one_class_is_scored_as_the_single_outputs_positive_class():
    net = Network([1, 1], "sigmoid", init=InitConfig(weights="zeros"))
    net.weights[0][0, 0] = 1.0
    data = Dataset("one", np.array([[1.0], [2.0], [-1.0]]), np.ones((3, 1)),
                   "classification", class_names=("only",))
    result = evaluate(net, data)
    np.testing.assert_array_equal(result.confusion, [[0, 0], [1, 2]])
    assert result.class_names == ("0", "1") and result.accuracy == 2 / 3


def test_regression_has_a_loss_only():
    net = Network([2, 1], "linear", init=InitConfig(weights="zeros"))
    net.weights[0][...] = [[1.0], [2.0]]
    x = np.array([[1.0, 1.0], [0.0, 2.0]])
    result = evaluate(net, Dataset("plane", x, [[2.0], [4.0]], "regression"))
    assert result.loss == 0.5 * (1.0 + 0.0) / 2
    assert (result.accuracy, result.confusion, result.class_names) == (None, None, ())


def test_nothing_to_score_is_refused():
    net = identity_softmax(3)
    with pytest.raises(ValueError, match="no samples"):
        score(net, np.zeros((4, 3)), np.eye(3)[[0, 1, 2, 0]], True, limit=0)
    with pytest.raises(ValueError, match="4 input rows but 3 target rows"):
        score(net, np.zeros((4, 3)), np.eye(3), True)


def test_training_scores_its_first_rows_with_the_same_evaluator():
    train, test = random_classes(EVAL_LIMIT + 2000, 3, seed=1), random_classes(900, 3, 2)
    net = identity_softmax(3)
    trainer = Trainer.from_dataset(net, train, TrainingConfig(epochs=None), test=test)
    metrics = trainer.evaluate()
    first = evaluate(net, train, limit=EVAL_LIMIT)
    assert (metrics.train_loss, metrics.train_accuracy) == (first.loss, first.accuracy)
    assert (metrics.train_rows_scored, metrics.train_rows) == (EVAL_LIMIT, EVAL_LIMIT + 2000)
    assert metrics.train_subset == "first 10,000 of 12,000 rows"
    whole = evaluate(net, test)
    assert (metrics.test_loss, metrics.test_accuracy) == (whole.loss, whole.accuracy)
    right = np.sum(train.inputs[:EVAL_LIMIT].argmax(axis=1) == train.labels[:EVAL_LIMIT])
    assert metrics.train_accuracy == right / EVAL_LIMIT


def test_metrics_name_a_subset_only_when_there_is_one():
    assert Metrics(0.1, 0.9, train_rows_scored=10_000, train_rows=60_000).train_subset \
        == "first 10,000 of 60,000 rows"
    assert Metrics(0.1, 0.9, train_rows_scored=40, train_rows=40).train_subset == ""
    assert Metrics(0.1).train_subset == ""  # not known: a caller that did not say
    x = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 1.0], [0.0, 3.0]])
    trainer = Trainer(identity_softmax(2), x, np.eye(2)[[0, 1, 0, 1]],
                      TrainingConfig(batch_size=2), classification=True)
    metrics = trainer.run_epoch()
    assert (metrics.train_rows_scored, metrics.train_rows, metrics.train_subset) == (4, 4, "")
