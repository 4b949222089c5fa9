"""Undo and redo of every kind of edit, driven through the session as the UI does."""

import contextlib
import random
from dataclasses import replace

import numpy as np
import pytest

from nnsim.session import Session
from nnsim.simulator import editing
from nnsim.simulator.network import Network
from nnsim.simulator.project import DatasetRef
from nnsim.simulator.resources import resource_path

XOR = DatasetRef("xor")


@pytest.fixture
def document():
    session = Session(paced=False)
    yield session
    session.shutdown()


def build_xor(doc):
    doc.new_empty()
    doc.edit_network("Add input layer", lambda net: Network([2], []))
    doc.edit_network("Add hidden layer", lambda net: editing.insert_layer(net, 1, 2, "tanh"))
    doc.edit_network("Add output layer",
                     lambda net: editing.insert_layer(net, 2, 1, "sigmoid"))
    doc.set_dataset(XOR)


def test_build_from_empty_then_undo_to_empty_and_redo(document):
    build_xor(document)
    assert document.network.sizes == [2, 2, 1] and document.trainer is not None
    built = document.network.params.copy()
    steps = len(document.history.changes)
    assert steps == 4
    for _ in range(steps):
        document.undo()
    assert document.network is None and document.project.dataset is None
    for _ in range(steps):
        document.redo()
    assert document.network.sizes == [2, 2, 1]
    assert np.array_equal(document.network.params, built)
    assert document.trainer is not None and document.project.dataset == XOR


def test_typed_weight_edits_merge_and_undo(document):
    build_xor(document)
    before = document.network.weights[0][0, 1]
    document.set_weight(0, 0, 1, 0.5)
    document.set_weight(0, 0, 1, 0.75)
    assert document.network.weights[0][0, 1] == 0.75
    assert len(document.history.changes) == 5  # the two edits merged into one step
    document.undo()
    assert document.network.weights[0][0, 1] == before
    document.redo()
    assert document.network.weights[0][0, 1] == 0.75
    document.set_bias(2, 0, -1.5)
    assert document.network.biases[1][0] == -1.5


def test_a_refused_edit_changes_nothing_and_adds_no_step(document):
    build_xor(document)
    count, params = len(document.history.changes), document.network.params.copy()
    with pytest.raises(ValueError):
        document.edit_network("Delete input", lambda net: editing.remove_layer(net, 0))
    assert len(document.history.changes) == count
    assert np.array_equal(document.network.params, params)


def test_training_is_one_undo_step(document, settle):
    document.open(resource_path("examples") / "xor-2-4-1.nnsim.json")
    initial = document.network.params.copy()
    document.step(5)
    settle(document)
    document.step(5)
    settle(document)
    assert document.latest.step == 10
    trained = document.network.params.copy()
    assert document.history.texts == ["Training"]  # the two runs merged
    document.undo()
    assert np.array_equal(document.network.params, initial)
    assert document.trainer.step_count == 0
    document.redo()
    assert np.array_equal(document.network.params, trained)
    assert document.trainer.step_count == 10


def test_settings_and_loss_changes_undo(document):
    build_xor(document)
    old = document.config
    document.set_config(replace(old, learning_rate=0.7))
    assert document.config.learning_rate == 0.7
    document.undo()
    assert document.config == old
    document.set_loss("binary_cross_entropy")
    assert document.network.loss_name == "binary_cross_entropy"
    document.undo()
    assert document.network.loss_name == "squared_error"


def test_random_edits_with_undo_redo_keep_a_consistent_trainable_network(document):
    build_xor(document)
    rng = random.Random(7)
    done = []
    for _ in range(120):
        action = rng.choice(["add", "remove", "move", "layer", "unlayer", "connect",
                             "disconnect", "rename", "activation", "undo", "redo"])
        index = document.history.index
        with contextlib.suppress(ValueError):  # refusals must change nothing
            apply_random_action(document, action, rng)
        if document.history.index != index:
            done.append(action)
        check_consistent(document)
    assert len(done) > 60 and "undo" in done and "redo" in done and "unlayer" in done


def apply_random_action(doc, action, rng):
    net = doc.network
    if action == "undo":
        return doc.undo()
    if action == "redo":
        return doc.redo()
    hidden = list(range(1, net.n_layers - 1))
    if action == "add" and hidden:
        layer = rng.choice(hidden)
        doc.edit_network("add", lambda n: editing.insert_neuron(n, layer, 0))
    elif action == "remove" and hidden:
        layer = rng.choice(hidden)
        doc.edit_network("remove", lambda n: editing.remove_neuron(n, layer, 0))
    elif action == "move" and hidden:
        layer = rng.choice(hidden)
        size = net.sizes[layer]
        doc.edit_network("move", lambda n: editing.move_neuron(
            n, layer, rng.randrange(size), rng.randrange(size)))
    elif action == "layer":
        index = rng.randrange(1, net.n_layers)
        doc.edit_network("layer", lambda n: editing.insert_layer(n, index, 2, "relu"))
    elif action == "unlayer" and hidden:
        layer = rng.choice(hidden)
        doc.edit_network("unlayer", lambda n: editing.remove_layer(n, layer))
    elif action in ("connect", "disconnect"):
        block = rng.randrange(net.n_layers - 1)
        i, j = rng.randrange(net.sizes[block]), rng.randrange(net.sizes[block + 1])
        if action == "connect":
            doc.edit_network("connect", lambda n: editing.connect(n, block, i, j),
                             "connections")
        else:
            doc.edit_network("disconnect", lambda n: n.set_connection(block, i, j, False),
                             "connections")
    elif action == "rename":
        doc.rename_neuron(0, 0, "first")
    elif action == "activation" and hidden:
        layer = rng.choice(hidden)
        doc.edit_network("act", lambda n: n.set_activation(layer, rng.choice(
            ["tanh", "sigmoid", "relu", "elu"])), "activations")


def check_consistent(doc):
    net = doc.network
    assert [w.shape for w in net.weights] == net.block_shapes
    for w, m in zip(net.weights, net.masks):
        assert np.all(w[~m] == 0.0)
    assert net.sizes[0] == 2 and net.sizes[-1] == 1
    assert doc.trainer is not None, doc.trainer_problem
    x = np.array([[0.0, 1.0]])
    assert np.all(np.isfinite(net.forward(x)))
    loss, dw, db = net.gradients(x, [[1.0]])
    assert np.isfinite(loss)
