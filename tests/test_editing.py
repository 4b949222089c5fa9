"""Structural edits: neurons and layers added, removed, moved, renamed; invariants kept."""

import contextlib

import numpy as np
import pytest

from nnsim.simulator import editing
from nnsim.simulator.initializers import InitConfig
from nnsim.simulator.network import Network, layer_name, layer_role, name_prefix


def make_net(sizes=(3, 4, 2), activations=("tanh", "sigmoid"), loss="squared_error"):
    """A small network with random biases, a removed connection and an override."""
    net = Network(list(sizes), list(activations), loss=loss,
                  init=InitConfig(biases="uniform", seed=3))
    net.set_connection(0, 1, 2, False)
    net.set_neuron_activation(1, 3, "linear")
    return net


def inputs(net, n=5, seed=0):
    return np.random.default_rng(seed).normal(size=(n, net.sizes[0]))


def state(net):
    """Everything an edit may change, as comparable copies."""
    return (list(net.sizes), list(net.activations), [dict(o) for o in net.overrides],
            [list(n) for n in net.names], [m.copy() for m in net.masks], net.params.copy(),
            net.loss_name, repr(net.layout))


def assert_same_state(a, b):
    for x, y in zip(a, b):
        if isinstance(x, np.ndarray):
            np.testing.assert_array_equal(x, y)
        elif isinstance(x, list) and x and isinstance(x[0], np.ndarray):
            assert all(np.array_equal(p, q) for p, q in zip(x, y)) and len(x) == len(y)
        else:
            assert x == y


def check_invariants(net):
    blocks = list(zip(net.sizes[:-1], net.sizes[1:]))
    assert [w.shape for w in net.weights] == blocks
    assert [m.shape for m in net.masks] == blocks
    assert [b.shape for b in net.biases] == [(n,) for n in net.sizes[1:]]
    assert [len(n) for n in net.names] == net.sizes
    assert all(isinstance(name, str) and name for names in net.names for name in names)
    assert len(net.activations) == len(net.overrides) == net.n_layers - 1
    for overrides, n in zip(net.overrides, net.sizes[1:]):
        assert all(0 <= j < n for j in overrides)
    for w, m in zip(net.weights, net.masks):
        assert np.all(w[~m] == 0)
        assert np.shares_memory(w, net.params)
    assert net.params.size == sum(a * b for a, b in blocks) + sum(net.sizes[1:])
    assert net.has_masks == (not all(m.all() for m in net.masks))
    net._check_output_pairing()
    positions = net.layout.get("positions")
    if positions is not None:
        assert len(positions) == net.n_layers
        for entry, n in zip(positions, net.sizes):
            assert entry is None or len(entry) == n


def check_gradients(net, seed=0):
    """Backpropagation against central differences on a tiny batch."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(3, net.sizes[0]))
    y = rng.uniform(0.1, 0.9, size=(3, net.sizes[-1]))
    _, dw, db = net.gradients(x, y)
    analytic = np.concatenate([g.ravel() for g in dw + db])
    free = np.ones(net.params.size, dtype=bool)
    for view, mask in zip(net.split_flat(free)[0], net.masks):
        view[...] = mask
    numeric, h = np.zeros_like(analytic), 1e-6
    for i in np.flatnonzero(free):
        saved = net.params[i]
        net.params[i] = saved + h
        up = net.loss_value(x, y)
        net.params[i] = saved - h
        down = net.loss_value(x, y)
        net.params[i] = saved
        numeric[i] = (up - down) / (2 * h)
    assert np.all(analytic[~free] == 0)
    error = np.linalg.norm(analytic - numeric) / max(np.linalg.norm(analytic + numeric), 1e-12)
    assert error < 1e-6


# ---------------------------------------------------------------------------- neurons
def test_insert_hidden_neuron_keeps_old_weights_and_changes_outputs_only_through_it():
    net = make_net()
    x = inputs(net)
    before = net.forward(x)
    old_w0, old_w1, old_b0 = (a.copy() for a in (net.weights[0], net.weights[1], net.biases[0]))

    assert editing.insert_neuron(net, 1, 2) == 2

    check_invariants(net)
    assert net.sizes == [3, 5, 2]
    kept = [0, 1, 3, 4]
    np.testing.assert_array_equal(net.weights[0][:, kept], old_w0)
    np.testing.assert_array_equal(net.weights[1][kept], old_w1)
    np.testing.assert_array_equal(net.biases[0][kept], old_b0)
    assert np.all(net.weights[0][:, 2] != 0) and np.all(net.weights[1][2] != 0)
    assert net.masks[0][:, 2].all() and not net.masks[0][1, 3]     # removed 1→2 moved to 1→3
    assert net.overrides[0] == {4: "linear"}
    assert net.names[1] == ["h1_1", "h1_2", "h1_5", "h1_3", "h1_4"]
    assert not np.allclose(net.forward(x), before)
    net.weights[1][2] = 0.0
    np.testing.assert_allclose(net.forward(x), before, rtol=0, atol=1e-12)


def test_insert_neuron_unconnected_leaves_outputs_alone():
    net = make_net()
    x, before = inputs(net), net.forward(inputs(net))
    editing.insert_neuron(net, 1, connect=False, name="  spare ")
    check_invariants(net)
    assert not net.masks[0][:, 4].any() and not net.masks[1][4].any()
    assert np.all(net.weights[0][:, 4] == 0) and np.all(net.weights[1][4] == 0)
    assert net.names[1][4] == "spare"
    np.testing.assert_allclose(net.forward(x), before, rtol=0, atol=1e-12)


def test_insert_neuron_into_input_and_output_layers():
    net = make_net()
    editing.insert_neuron(net, 0, 0)
    editing.insert_neuron(net, 2)
    check_invariants(net)
    assert net.sizes == [4, 4, 3]
    assert net.names[0] == ["x4", "x1", "x2", "x3"] and net.names[2] == ["y1", "y2", "y3"]
    assert not net.masks[0][2, 2]                                   # x2→h1_3 still removed


def test_insert_neuron_is_deterministic_and_seedable():
    a, b, c = make_net(), make_net(), make_net()
    editing.insert_neuron(a, 1)
    editing.insert_neuron(b, 1)
    editing.insert_neuron(c, 1, seed=99)
    np.testing.assert_array_equal(a.params, b.params)
    assert not np.array_equal(a.params, c.params)


def test_insert_then_remove_restores_everything_exactly():
    net = make_net()
    net.layout["positions"] = [None, [[0, 0], [0, 1], [0, 2], [0, 3]], None]
    before = state(net)
    for layer, index in [(0, 1), (1, 0), (1, 4), (2, 1)]:
        editing.insert_neuron(net, layer, index)
        editing.remove_neuron(net, layer, index)
        assert_same_state(state(net)[:-1], before[:-1])
    assert net.layout["positions"][1] is None         # a new neuron had no place to keep


def test_remove_neuron_reindexes_masks_overrides_names_and_positions():
    net = make_net()
    net.layout["positions"] = [None, [[0, 0], [0, 1], [0, 2], [0, 3]], None]
    old_w0 = net.weights[0].copy()
    editing.remove_neuron(net, 1, 1)
    check_invariants(net)
    np.testing.assert_array_equal(net.weights[0], old_w0[:, [0, 2, 3]])
    assert not net.masks[0][1, 1] and net.masks[0].sum() == 8
    assert net.overrides[0] == {2: "linear"}
    assert net.names[1] == ["h1_1", "h1_3", "h1_4"]
    assert net.layout["positions"][1] == [[0, 0], [0, 2], [0, 3]]
    assert editing.insert_neuron(net, 1) == 3 and net.names[1][3] == "h1_2"


def test_remove_neuron_drops_its_override():
    net = make_net()
    editing.remove_neuron(net, 1, 3)
    assert net.overrides[0] == {}


def test_move_hidden_neuron_keeps_the_function():
    net = make_net()
    net.layout["positions"] = [None, [[0, 0], [0, 1], [0, 2], [0, 3]], None]
    x, before = inputs(net), net.forward(inputs(net))
    editing.move_neuron(net, 1, 3, 0)
    check_invariants(net)
    np.testing.assert_allclose(net.forward(x), before, rtol=0, atol=1e-12)
    assert net.names[1] == ["h1_4", "h1_1", "h1_2", "h1_3"]
    assert net.overrides[0] == {0: "linear"}
    assert not net.masks[0][1, 3]
    assert net.layout["positions"][1] == [[0, 3], [0, 0], [0, 1], [0, 2]]


def test_move_output_neuron_permutes_outputs_and_input_neuron_permutes_inputs():
    net = make_net()
    x, before = inputs(net), net.forward(inputs(net))
    editing.move_neuron(net, 2, 0, 1)
    np.testing.assert_allclose(net.forward(x), before[:, [1, 0]], rtol=0, atol=1e-12)
    editing.move_neuron(net, 0, 2, 0)
    np.testing.assert_allclose(net.forward(x[:, [2, 0, 1]]), before[:, [1, 0]],
                               rtol=0, atol=1e-12)
    assert net.names[0] == ["x3", "x1", "x2"]


def test_resize_layer_grows_and_shrinks_at_the_end():
    net = make_net()
    old_w1 = net.weights[1].copy()
    editing.resize_layer(net, 1, 6)
    check_invariants(net)
    np.testing.assert_array_equal(net.weights[1][:4], old_w1)
    assert net.names[1][4:] == ["h1_5", "h1_6"]
    editing.resize_layer(net, 1, 2)
    check_invariants(net)
    np.testing.assert_array_equal(net.weights[1], old_w1[:2])
    assert net.overrides[0] == {}


def test_rename_neuron_strips_and_refuses_empty():
    net = make_net()
    editing.rename_neuron(net, 1, 0, "  edge detector ")
    assert net.names[1][0] == "edge detector"
    editing.rename_neuron(net, 1, 1, "edge detector")             # duplicates are allowed
    with pytest.raises(ValueError, match="empty"):
        editing.rename_neuron(net, 1, 2, "   ")
    assert net.names[1][2] == "h1_3"


def test_a_name_longer_than_a_file_holds_is_refused():
    net = make_net()
    editing.rename_neuron(net, 1, 0, "n" * 200)
    with pytest.raises(ValueError, match="at most 200 characters, not 201"):
        editing.rename_neuron(net, 1, 1, "n" * 201)
    assert net.names[1][0] == "n" * 200 and net.names[1][1] == "h1_2"


# ---------------------------------------------------------------------------- layers
def test_insert_hidden_layer_keeps_other_blocks():
    net = make_net((3, 4, 2, 2), ("tanh", "tanh", "sigmoid"))
    net.layout["positions"] = [[[0, 0], [0, 1], [0, 2]], None, None, None]
    old = [w.copy() for w in net.weights]
    old_b = [b.copy() for b in net.biases]

    assert editing.insert_layer(net, 2, 5, "relu") is None

    check_invariants(net)
    assert net.sizes == [3, 4, 5, 2, 2]
    assert net.activations == ["tanh", "relu", "tanh", "sigmoid"]
    np.testing.assert_array_equal(net.weights[0], old[0])
    np.testing.assert_array_equal(net.weights[3], old[2])
    assert net.masks[1].all() and net.masks[2].all() and not net.masks[0][1, 2]
    for new, kept in [(0, 0), (2, 1), (3, 2)]:
        np.testing.assert_array_equal(net.biases[new], old_b[kept])
    assert net.overrides == [{3: "linear"}, {}, {}, {}]
    assert net.names[2] == ["h2_1", "h2_2", "h2_3", "h2_4", "h2_5"]
    assert net.names[3] == ["h3_1", "h3_2"]                         # defaults follow
    assert net.layout["positions"][0] == [[0, 0], [0, 1], [0, 2]]
    assert net.layout["positions"][2] is None


def test_hand_given_names_survive_layer_edits():
    net = make_net((3, 4, 2, 2), ("tanh", "tanh", "sigmoid"))
    editing.rename_neuron(net, 2, 0, "h3_1")
    editing.insert_layer(net, 1, 1, "tanh")
    assert net.names[3] == ["h3_1", "h2_2"]
    assert net.names[2] == ["h2_1", "h2_3", "h2_4", "h2_5"]       # h2_2 is taken
    assert net.names[1] == ["h1_1"]


def test_append_output_layer_switches_an_unpairable_fused_loss():
    net = make_net(activations=("tanh", "softmax"), loss="cross_entropy")
    net.set_neuron_activation(1, 3, None)
    with pytest.raises(ValueError, match="only works as the output layer"):
        editing.insert_layer(net, 3, 2, "tanh")

    net = make_net(loss="binary_cross_entropy")
    assert editing.insert_layer(net, 3, 1, "sigmoid") is None
    assert net.loss_name == "binary_cross_entropy"
    assert editing.insert_layer(net, 4, 2, "tanh") == "squared_error"
    check_invariants(net)
    assert net.loss_name == "squared_error" and net.sizes == [3, 4, 2, 1, 2]
    assert net.names[2:] == [["h2_1", "h2_2"], ["h3_1"], ["y1", "y2"]]


def test_softmax_only_as_a_new_output_layer():
    net = make_net()
    with pytest.raises(ValueError, match="output layer only"):
        editing.insert_layer(net, 1, 3, "softmax")
    editing.insert_layer(net, 3, 3, "softmax")
    net.set_loss("cross_entropy")
    check_invariants(net)


def test_a_fused_loss_refuses_output_overrides_either_way_round():
    net = Network([2, 3, 2], ["tanh", "sigmoid"], loss="binary_cross_entropy")
    message = "needs every output neuron to use sigmoid: it allows no per-neuron"
    with pytest.raises(ValueError, match=message):
        net.set_neuron_activation(2, 0, "tanh")
    assert net.overrides == [{}, {}]
    net.set_neuron_activation(1, 0, "relu")  # hidden overrides stay allowed
    net.set_loss("squared_error")
    net.set_neuron_activation(2, 1, "tanh")
    with pytest.raises(ValueError, match=message):
        net.set_loss("binary_cross_entropy")
    assert net.loss_name == "squared_error" and net.overrides == [{0: "relu"}, {1: "tanh"}]
    net.set_neuron_activation(2, 1, None)
    net.set_loss("binary_cross_entropy")
    check_invariants(net)


def test_remove_layer_joins_its_neighbours_and_keeps_other_blocks():
    net = make_net((3, 4, 2, 2), ("tanh", "tanh", "sigmoid"))
    old = [w.copy() for w in net.weights]
    old_b = [b.copy() for b in net.biases]
    editing.remove_layer(net, 2)
    check_invariants(net)
    assert net.sizes == [3, 4, 2] and net.activations == ["tanh", "sigmoid"]
    np.testing.assert_array_equal(net.weights[0], old[0])
    np.testing.assert_array_equal(net.biases[1], old_b[2])
    assert net.weights[1].shape == (4, 2) and net.masks[1].all()
    editing.remove_layer(net, 1)
    assert net.sizes == [3, 2] and net.overrides == [{}]
    np.testing.assert_array_equal(net.biases[0], old_b[2])
    with pytest.raises(ValueError, match="no hidden layer"):
        editing.remove_layer(net, 1)


@pytest.mark.parametrize("edit", [
    lambda n: editing.insert_neuron(n, 4),
    lambda n: editing.insert_neuron(n, 1, 5),
    lambda n: editing.insert_neuron(n, 1, -1),
    lambda n: editing.insert_neuron(n, 1, name=""),
    lambda n: editing.remove_neuron(n, 1, 4),
    lambda n: editing.remove_neuron(n, 3, 0),
    lambda n: editing.move_neuron(n, 1, 0, 4),
    lambda n: editing.resize_layer(n, 1, 0),
    lambda n: editing.insert_layer(n, 0, 2, "tanh"),
    lambda n: editing.insert_layer(n, 5, 2, "tanh"),
    lambda n: editing.insert_layer(n, 1, 0, "tanh"),
    lambda n: editing.insert_layer(n, 1, 2, "nonsense"),
    lambda n: editing.remove_layer(n, 0),
    lambda n: editing.remove_layer(n, 3),
    lambda n: editing.rename_neuron(n, 0, 3, "x"),
])
def test_refused_edits_leave_the_network_unchanged(edit):
    net = make_net((3, 4, 2, 1), ("tanh", "tanh", "sigmoid"))
    net.layout["positions"] = [None, [[0, 0], [0, 1], [0, 2], [0, 3]], None, None]
    before = state(net)
    with pytest.raises(ValueError):
        edit(net)
    assert_same_state(state(net), before)


def test_a_layer_cannot_be_emptied():
    net = make_net((3, 4, 2, 1), ("tanh", "tanh", "sigmoid"))
    with pytest.raises(ValueError, match="cannot be empty"):
        editing.remove_neuron(net, 3, 0)


def test_assign_keeps_the_object_and_copies_deeply():
    net, saved = make_net(), make_net()
    holder = net
    editing.insert_layer(net, 1, 3, "tanh")
    net.assign(saved)
    assert holder is net
    assert_same_state(state(net), state(saved))
    net.weights[0][0, 0] = 5.0
    assert saved.weights[0][0, 0] != 5.0
    check_invariants(net)


def test_an_edit_copies_the_network_once_and_adopts_the_draft(monkeypatch):
    net = make_net()
    net.workspace(2)
    copies, original_copy = [], Network.copy

    def counted_copy(self):
        copies.append(original_copy(self))
        return copies[-1]

    monkeypatch.setattr(Network, "copy", counted_copy)
    editing.insert_layer(net, 1, 3, "tanh")
    assert len(copies) == 1
    draft = copies[0]
    assert net.params is draft.params and net.sizes == [3, 3, 4, 2]
    assert net.workspace(2).net is net  # not a workspace bound to the draft
    check_invariants(net)


# ---------------------------------------------------------------------------- random
def random_edit(net, rng):
    """One random edit (possibly refused); returns a description for failure messages."""
    layer = int(rng.integers(net.n_layers))
    n = net.sizes[layer]
    hidden = ["tanh", "sigmoid", "linear", "softplus"]
    choice = int(rng.integers(9))
    if choice == 0:
        args = (layer, int(rng.integers(n + 1)))
        editing.insert_neuron(net, *args, connect=bool(rng.integers(4)))
    elif choice == 1:
        args = (layer, int(rng.integers(n + 1)))            # index n is refused
        editing.remove_neuron(net, *args)
    elif choice == 2:
        args = (layer, int(rng.integers(n)), int(rng.integers(n)))
        editing.move_neuron(net, *args)
    elif choice == 3:
        args = (layer, int(rng.integers(0, 5)))              # size 0 is refused
        editing.resize_layer(net, *args)
    elif choice == 4:
        args = (int(rng.integers(0, net.n_layers + 2)), int(rng.integers(1, 4)),
                str(rng.choice(hidden)))
        if net.n_layers < 6 or args[0] == 0:
            editing.insert_layer(net, *args)
    elif choice == 5:
        args = (int(rng.integers(net.n_layers)),)
        editing.remove_layer(net, *args)
    elif choice == 6 and layer > 0:
        args = (layer, int(rng.integers(n)), str(rng.choice(hidden)))
        with contextlib.suppress(ValueError):                 # the fused output refuses
            net.set_neuron_activation(*args)
    elif choice == 7 and layer < net.n_layers - 1:
        args = (layer, int(rng.integers(n)), int(rng.integers(net.sizes[layer + 1])))
        net.set_connection(*args, enabled=bool(rng.integers(2)), weight=0.3)
    else:
        args = (layer, int(rng.integers(n)), str(rng.choice(["", " a ", "b"])))
        editing.rename_neuron(net, *args)
    return f"{choice} {args}"


def test_random_edit_sequence_keeps_invariants():
    rng = np.random.default_rng(2024)
    net = make_net(loss="binary_cross_entropy")
    net.layout["positions"] = [None, [[0, 0], [0, 1], [0, 2], [0, 3]], None]
    refused = 0
    for step in range(200):
        before = state(net)
        try:
            what = random_edit(net, rng)
        except ValueError:
            refused += 1
            assert_same_state(state(net), before)
            continue
        check_invariants(net)
        if step % 20 == 19:
            check_gradients(net, seed=step)
        assert np.all(np.isfinite(net.forward(inputs(net)))), what
    assert 10 < refused < 150
    check_gradients(net)


def test_parameter_indices_point_at_the_weight_and_bias_views():
    net = Network([3, 4, 2], ["tanh", "sigmoid"])
    net.set_connection(0, 2, 1, False)
    for block, w in enumerate(net.weights):
        for (i, j), connected in np.ndenumerate(net.masks[block]):
            if connected:
                value = 10 * block + i + 0.1 * j
                net.params[net.weight_index(block, i, j)] = value
                assert w[i, j] == value
    with pytest.raises(ValueError, match="no connection"):
        net.weight_index(0, 2, 1)
    for layer in (1, 2):
        for j in range(net.sizes[layer]):
            net.params[net.bias_index(layer, j)] = -layer - j
            assert net.biases[layer - 1][j] == -layer - j
    with pytest.raises(ValueError, match="no bias"):
        net.bias_index(0, 0)
    with pytest.raises(IndexError):
        net.bias_index(1, 4)


def test_layer_roles_names_and_name_stems():
    assert [layer_role(k, 4) for k in range(4)] == ["input", "hidden", "hidden", "output"]
    assert [layer_name(k, 4) for k in range(4)] == ["Input", "Hidden 1", "Hidden 2", "Output"]
    assert [name_prefix(k, 4) for k in range(4)] == ["x", "h1_", "h2_", "y"]
    assert layer_role(0, 1) == "input"  # a network still being built: only inputs


@pytest.mark.parametrize("edit", [
    lambda net: editing.resize_layer(net, 1, 10**9),
    lambda net: editing.insert_layer(net, 1, 10**6, "tanh"),
    lambda net: editing.resize_layer(net, 0, 100_000),   # 100,004 neurons
])
def test_an_edit_past_nnsims_size_limits_is_refused_before_anything_is_built(edit):
    net = Network([2, 3, 1], ["tanh", "sigmoid"])
    before = net.params.copy()
    with pytest.raises(ValueError, match="more than nnsim's limit"):
        edit(net)
    assert net.sizes == [2, 3, 1] and np.array_equal(net.params, before)


def test_adding_a_neuron_checks_the_limits_too():
    net = Network([49_999, 9], "sigmoid", init=InitConfig(weights="zeros"))  # 450,000
    editing.insert_neuron(net, 1)                  # 49,999·10 + 10 = 500,000: allowed
    with pytest.raises(ValueError, match="500,010 weights and biases are more"):
        editing.insert_neuron(net, 0)
    assert net.sizes == [49_999, 10]
