"""Training behaviour: learning, batching, stopping, snapshots, divergence, reproducibility."""

import math
import threading
import time

import numpy as np
import pytest

from nnsim.simulator import InitConfig, Network
from nnsim.simulator.datasets import make_dataset
from nnsim.simulator.fileformat import project_from_dict, project_to_dict
from nnsim.simulator.optimizers import make_optimizer, state_names
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.training import History, Metrics, StepCosts, Trainer, TrainingConfig
from nnsim.simulator.trainingtypes import SAMPLES, TrainingDiverged

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


def xor_trainer(sizes=(2, 4, 1), **settings):
    net = Network(list(sizes), ["tanh", "sigmoid"], init=InitConfig(seed=1))
    config = TrainingConfig(**{"learning_rate": 0.5, "batch_size": 4, "epochs": 2000,
                               "snapshot_every": 10_000, **settings})
    return net, Trainer(net, XOR_X, XOR_Y, config, classification=True)


@pytest.mark.parametrize("sizes", [(2, 2, 1), (2, 4, 1)])
def test_xor_reaches_full_accuracy(sizes):
    net, trainer = xor_trainer(sizes, epochs=3000, learning_rate=1.0)
    snapshots = list(trainer.run())
    assert snapshots[-1].finished and snapshots[-1].reason == "reached 3000 epochs"
    assert trainer.last_metrics.train_accuracy == 1.0
    assert np.array_equal(net.forward(XOR_X)[:, 0] > 0.5, XOR_Y[:, 0] > 0.5)


def test_circle_test_accuracy_above_95_percent():
    train, test = make_dataset("circle", noise=0.0, seed=0).split(0.5, seed=0)
    net = Network([2, 8, 1], ["tanh", "sigmoid"], init=InitConfig(seed=0))
    trainer = Trainer.from_dataset(net, train, TrainingConfig(
        learning_rate=0.1, batch_size=10, epochs=100, snapshot_every=10_000), test=test)
    for _ in trainer.run():
        pass
    assert trainer.last_metrics.test_accuracy > 0.95


def test_digits_test_accuracy_above_90_percent():
    data = make_dataset("digits")
    train, test = data.split(0.25, seed=0)
    net = Network([64, 16, 16, 10], ["relu", "relu", "softmax"], loss="cross_entropy",
                  init=InitConfig(weights="he_uniform", seed=0))
    trainer = Trainer.from_dataset(net, train, TrainingConfig(
        optimizer="adam", learning_rate=0.01, batch_size=32, epochs=30,
        snapshot_every=10_000), test=test)
    for _ in trainer.run():
        pass
    assert trainer.last_metrics.test_accuracy > 0.90


def test_same_seed_gives_bit_identical_weights():
    results = []
    for _ in range(2):
        net, trainer = xor_trainer(epochs=50, batch_size=1, optimizer="momentum")
        list(trainer.run())
        results.append(net.params.copy())
    assert np.array_equal(results[0], results[1])
    other, trainer = xor_trainer(epochs=50, batch_size=1, optimizer="momentum", seed=5)
    list(trainer.run())
    assert not np.array_equal(results[0], other.params)


@pytest.mark.parametrize("batch_size,steps", [(1, 10), (0, 1), (10, 1), (3, 4), (4, 3)])
def test_batch_size_sets_steps_per_epoch(batch_size, steps):
    x = np.arange(20.0).reshape(10, 2)
    net = Network([2, 1], "linear")
    trainer = Trainer(net, x, np.zeros((10, 1)), TrainingConfig(batch_size=batch_size,
                                                                 learning_rate=1e-4))
    trainer.run_epoch()
    assert trainer.steps_per_epoch == steps
    assert trainer.step_count == steps and trainer.epoch == 1


def test_snapshot_after_run_epoch_reports_the_mean_of_its_batch_losses():
    data = make_dataset("circle", n_samples=10, seed=0)
    trainers = []
    for _ in range(2):
        net = Network([2, 3, 1], ["tanh", "sigmoid"], init=InitConfig(seed=0))
        trainers.append(Trainer.from_dataset(net, data, TrainingConfig(batch_size=3)))
    trainer, reference = trainers
    reference.step()  # a run_epoch started mid-epoch finishes that epoch only
    trainer.step()
    trainer.snapshot()
    assert trainer.run_epoch() is trainer.last_metrics
    losses = [reference._step() for _ in range(3)]
    assert (trainer.epoch, trainer.step_count) == (reference.epoch, reference.step_count) == (1, 4)
    loss = trainer.snapshot().loss
    assert math.isfinite(loss) and loss == float(np.mean(losses))


def test_one_epoch_visits_every_sample_once():
    x = np.eye(7)
    net = Network([7, 1], "linear", init=InitConfig(weights="zeros"))
    # Sample i's gradient touches weight i alone: seven single-sample steps leave every
    # weight non-zero only if no sample was skipped (and so none repeated).
    trainer = Trainer(net, x, np.ones((7, 1)), TrainingConfig(batch_size=1, learning_rate=0.1))
    trainer.run_epoch()
    assert trainer.step_count == 7
    assert np.all(net.weights[0][:, 0] > 0)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_regularisation_adds_exactly_l1_sign_w_then_l2_w(dtype):
    net = Network([2, 4, 1], ["tanh", "sigmoid"], init=InitConfig(seed=1), dtype=dtype)
    trainer = Trainer(net, XOR_X, XOR_Y, TrainingConfig(l1=0.03, l2=0.2))
    for sizes in ([2, 4, 1], [2, 5, 3, 1]):  # also after the network grew in place
        net.assign(Network(sizes, "tanh", init=InitConfig(seed=2), dtype=dtype))
        net.grads[:] = np.linspace(-1, 1, net.grads.size)
        w, g = net.params[:net.n_weights], net.grads[:net.n_weights]
        expected = g + 0.03 * np.sign(w) + 0.2 * w  # the order of the torch recipe
        trainer._regularise()
        assert g.dtype == np.dtype(dtype) and np.array_equal(g, expected)


def test_masked_connections_stay_exactly_zero_under_every_optimizer():
    for optimizer in ("sgd", "momentum", "nesterov", "adam"):
        net, trainer = xor_trainer(epochs=20, optimizer=optimizer, l1=0.01, l2=0.01)
        net.set_connection(0, 1, 2, False)
        net.set_connection(1, 3, 0, False)
        list(trainer.run())
        assert net.weights[0][1, 2] == 0.0 and net.weights[1][3, 0] == 0.0
        assert net.n_connections == 2 * 4 + 4 - 2


def test_snapshots_are_copies_not_views():
    net, trainer = xor_trainer(epochs=3, snapshot_every=1)
    first = next(trainer.run())
    saved = first.params.copy()
    trainer.step()
    assert np.array_equal(first.params, saved)
    assert not np.shares_memory(first.weights[0], net.params)
    assert not np.shares_memory(first.probes[SAMPLES][1], net.workspace(4).acts[1])
    assert [a.shape for a in first.probes[SAMPLES]] == [(4, 2), (4, 4), (4, 1)]


def test_snapshot_every_k_steps_and_epoch_progress():
    x = np.random.default_rng(0).normal(size=(40, 2))
    net = Network([2, 3, 1], "tanh")
    trainer = Trainer(net, x, np.zeros((40, 1)), TrainingConfig(batch_size=4, epochs=2,
                                                                 snapshot_every=3))
    snaps = list(trainer.run())
    # Every 3 steps across epoch boundaries; the last chunk ends at the epoch limit.
    assert [s.step for s in snaps] == [3, 6, 9, 12, 15, 18, 20]
    assert snaps[0].epoch_progress == pytest.approx(12 / 40)
    assert [e for s in snaps for e, _m in s.new_epochs] == [1, 2]
    assert snaps[3].new_epochs[0][0] == 1 and snaps[3].epoch_progress == pytest.approx(1.2)
    assert snaps[-1].finished and not snaps[-2].finished


def test_target_loss_stops_training():
    net, trainer = xor_trainer(epochs=5000, learning_rate=1.0, target_loss=0.01)
    list(trainer.run())
    assert trainer.epoch < 5000
    assert trainer.history.train_loss[-1] <= 0.01 < trainer.history.train_loss[-2]


def test_stop_event_from_another_thread_stops_between_steps():
    net, trainer = xor_trainer(epochs=None, snapshot_every=50)
    timer = threading.Timer(0.2, trainer.stop_event.set)
    timer.start()
    *_, last = trainer.run()
    assert last.finished and last.reason == "stopped"
    assert trainer.step_count > 0


def test_divergence_stops_with_message_and_keeps_last_finite_weights():
    x = np.random.default_rng(0).normal(size=(50, 3)) * 100
    y = np.random.default_rng(1).normal(size=(50, 1)) * 100
    net = Network([3, 8, 1], ["relu", "linear"])
    trainer = Trainer(net, x, y, TrainingConfig(learning_rate=10.0, batch_size=50,
                                                epochs=1000))
    with pytest.raises(TrainingDiverged, match="learning rate below 10"):
        list(trainer.run())
    assert np.all(np.isfinite(net.params))
    assert np.isfinite(net.loss_value(x, y))


def test_float32_network_trains_and_matches_float64_closely():
    nets = []
    for dtype in ("float64", "float32"):
        net = Network([2, 4, 1], ["tanh", "sigmoid"], dtype=dtype, init=InitConfig(seed=1))
        trainer = Trainer(net, XOR_X, XOR_Y, TrainingConfig(learning_rate=0.5, batch_size=4,
                                                            epochs=100))
        list(trainer.run())
        nets.append(net)
    assert nets[1].params.dtype == np.float32
    np.testing.assert_allclose(nets[1].params, nets[0].params, rtol=1e-3, atol=1e-4)


def test_paused_and_resumed_run_equals_uninterrupted_run():
    net_a, trainer_a = xor_trainer(epochs=40, batch_size=3, snapshot_every=5)
    list(trainer_a.run())
    net_b, trainer_b = xor_trainer(epochs=40, batch_size=3, snapshot_every=5)
    run = trainer_b.run()
    for _ in range(4):
        next(run)
    run.close()
    for _ in range(7):
        trainer_b.step()
    list(trainer_b.run())
    assert np.array_equal(net_a.params, net_b.params)


def test_reset_restores_initial_weights_and_counters():
    net, trainer = xor_trainer(epochs=10)
    initial = net.params.copy()
    list(trainer.run())
    trainer.reset()
    assert np.array_equal(net.params, initial)
    assert trainer.epoch == trainer.step_count == 0 and trainer.history.epoch == []


def test_float32_saturated_sigmoid_with_log_loss_is_not_a_divergence():
    # 1 − 1e-12 rounds to 1.0 in float32: the clip must use float32's own epsilon.
    net = Network([1, 1], "sigmoid", loss="binary_cross_entropy", dtype="float32",
                  init=InitConfig(weights="zeros"))
    net.set_weight(0, 0, 0, 20.0)
    trainer = Trainer(net, [[1.0]], [[1.0]], TrainingConfig(batch_size=1, epochs=3))
    list(trainer.run())
    assert trainer.epoch == 3
    assert 0.0 <= trainer.history.train_loss[-1] < 1e-6


def test_a_deadline_stops_before_an_epoch_end_that_would_overrun_it():
    """XOR in batches of 1: four steps an epoch.  With the evaluation at an epoch's end
    estimated at 100 s, a 5 s deadline allows the three steps before it, not the fourth."""
    _, trainer = xor_trainer(batch_size=1)
    trainer.costs.evaluation = 100.0
    assert trainer.train_steps(math.inf, deadline=time.perf_counter() + 5.0) == 3
    assert trainer.epoch == 0 and trainer.step_count == 3
    # A call always makes progress: the next one runs the epoch-ending step.
    assert trainer.train_steps(math.inf, deadline=time.perf_counter()) == 1
    assert trainer.epoch == 1


def test_a_deadline_allows_only_steps_expected_to_fit():
    _, trainer = xor_trainer()
    trainer.train_steps(1)
    trainer.costs.step.value = 10.0  # pretend each step takes 10 s
    assert trainer.train_steps(math.inf, deadline=time.perf_counter() + 5.0) == 1


def test_an_unknown_optimizer_is_refused_with_the_valid_names():
    message = r"unknown optimizer 'rmsprop'; choose one of: sgd, momentum, nesterov, adam$"
    with pytest.raises(ValueError, match=message):
        make_optimizer("rmsprop", 3, np.float64, 0.1)
    with pytest.raises(ValueError, match=message):
        state_names("rmsprop")


def test_history_round_trips_through_a_dict_without_sharing_lists():
    _, trainer = xor_trainer(epochs=3)
    list(trainer.run())
    data = trainer.history.to_dict()
    history = History.from_dict(data)
    assert history == trainer.history and history.epoch == [1, 2, 3]
    data["train_loss"].append(0.0)
    assert len(history.train_loss) == 3


def metrics_of(epoch: int) -> Metrics:
    return Metrics(1.0 / epoch, epoch / 1e6, None, 2.0 / epoch)


def grown(epochs) -> History:
    history = History()
    for epoch in epochs:
        history.append(epoch, metrics_of(epoch))
    return history


def test_history_keeps_every_epoch_up_to_its_bound_then_halves_the_tail():
    assert (History.HEAD, History.TAIL) == (1000, 1000)
    assert grown(range(1, 2000)).epoch == list(range(1, 2000))          # 1,999 kept
    # Epoch 2,000 would make 1,000 grid epochs after HEAD: the spacing doubles.
    assert History.tail_stride(1999) == 1 and History.tail_stride(2000) == 2
    assert grown(range(1, 2001)).epoch == list(range(1, 1001)) + list(range(1002, 2001, 2))
    # Off the grid, the latest is kept too.
    assert grown(range(1, 2002)).epoch[-3:] == [1998, 2000, 2001]


def test_history_of_a_long_run_is_bounded_even_and_exact():
    n = 100_000
    history = History()
    for epoch in range(1, n + 1):
        history.append(epoch, metrics_of(epoch))
        if epoch % 997 == 0:
            assert len(history.epoch) <= History.HEAD + History.TAIL
    epochs = history.epoch
    # 781 - 7 multiples of 128 in (1000, 100,000]; of 64 there would be 1,562 - 15.
    assert History.tail_stride(n) == 128
    assert epochs == list(range(1, 1001)) + list(range(1024, n + 1, 128)) + [n]
    assert history.train_loss == [1.0 / e for e in epochs]
    assert history.test_accuracy == [2.0 / e for e in epochs]
    assert history.test_loss == [None] * len(epochs)


def test_history_from_a_file_is_thinned_like_one_grown_epoch_by_epoch():
    epochs = list(range(1, 7_778))
    data = grown([]).to_dict()
    data.update(epoch=epochs, train_loss=[1.0 / e for e in epochs],
                train_accuracy=[e / 1e6 for e in epochs], test_loss=[None] * len(epochs),
                test_accuracy=[2.0 / e for e in epochs])
    assert History.from_dict(data) == grown(epochs)


def test_an_earlier_epoch_replaces_the_history_from_it_on():
    history = grown(range(1, 11))
    history.append(5, Metrics(9.0))
    assert history.epoch == [1, 2, 3, 4, 5] and history.train_loss[-1] == 9.0
    # The same for a file's lists that go back: the later entries win.
    data = {"epoch": [1, 2, 3, 2, 3, 4], "train_loss": [1, 2, 3, 4, 5, 6],
            "train_accuracy": [None] * 6, "test_loss": [None] * 6, "test_accuracy": [None] * 6}
    history = History.from_dict(data)
    assert history.epoch == [1, 2, 3, 4] and history.train_loss == [1, 4, 5, 6]


def test_history_stays_bounded_and_increasing_when_runs_go_back(monkeypatch):
    """Runs resumed from earlier states, with a small bound so the grid moves often."""
    monkeypatch.setattr(History, "HEAD", 8)
    monkeypatch.setattr(History, "TAIL", 8)
    rng = np.random.default_rng(9)
    history, epoch = History(), 0
    for _ in range(5_000):
        epoch = max(1, epoch - int(rng.integers(0, 60))) if rng.random() < 0.02 else epoch + 1
        history.append(epoch, metrics_of(epoch))
        epochs = history.epoch
        assert len(epochs) <= 16 and epochs[-1] == epoch
        assert all(a < b for a, b in zip(epochs, epochs[1:]))
        stride = History.tail_stride(epoch)
        assert all(e <= 8 or e % stride == 0 for e in epochs[:-1])
    assert history.train_loss == [1.0 / e for e in history.epoch]
    assert History.from_dict(history.to_dict()) == history


def test_a_trainer_keeps_the_epochs_a_full_record_has(monkeypatch):
    """With a bound of 4 + 4 epochs, 40 epochs leave 1..4, the grid of 16 and the
    latest, each with the metrics of the same epoch in a run recorded in full."""
    _, full = xor_trainer(epochs=40)
    list(full.run())
    monkeypatch.setattr(History, "HEAD", 4)
    monkeypatch.setattr(History, "TAIL", 4)
    _, bounded = xor_trainer(epochs=40)
    list(bounded.run())
    assert bounded.history.epoch == [1, 2, 3, 4, 16, 32, 40]
    assert bounded.history.train_loss == [full.history.train_loss[e - 1]
                                          for e in bounded.history.epoch]
    _, resumed = xor_trainer(epochs=40)
    resumed.load_state(bounded.state_dict())
    assert resumed.history == bounded.history


def test_step_costs_follow_steps_and_evaluations():
    costs = StepCosts()
    costs.record(0.002, ended_epoch=False)
    assert costs.predict(ends_epoch=False) == 0.002
    costs.record(0.004, ended_epoch=False)
    assert costs.step.value == pytest.approx(0.002 + StepCosts.SMOOTHING * 0.002)
    costs.record(0.050, ended_epoch=True)  # a step plus the epoch's evaluation
    assert costs.evaluation == pytest.approx(0.050 - costs.step.value)
    assert costs.predict(ends_epoch=True) == pytest.approx(0.050)


def test_forward_only_batches_allocate_no_backward_buffers():
    """Evaluation on 10,000 rows must not also hold 10,000-row dE/dz and dE/da buffers."""
    net, trainer = xor_trainer()
    net.forward(np.zeros((1000, 2)))
    evaluation_space = net.workspace(1000)
    assert evaluation_space.dzs is None and evaluation_space.das is None
    assert evaluation_space.acts[0].shape == (1000, 2)  # the input batch itself, no copy
    trainer.train_steps(1)
    batch_space = net.workspace(4)
    assert [d.shape for d in batch_space.dzs] == [(4, 4), (4, 1)]


# ---------------------------------------------------------------------- non-finite parameters
def test_a_parameter_that_becomes_infinite_is_a_divergence_rolled_back():
    net, trainer = xor_trainer(optimizer="momentum", learning_rate=1.0, momentum=0.9)
    bias = net.bias_index(1, 1)
    net.params[bias] = 1.7e308  # tanh saturates: the loss stays finite, dE/db is 0
    trainer.optimizer.velocity[bias] = -1e308  # b ← 0.9·b, w ← w − b = inf
    before = net.params.copy()
    with pytest.raises(TrainingDiverged, match=r"at step 0 \(epoch 0\): a weight, a bias or "
                                               r"the optimiser's state became NaN or inf"):
        trainer.step()
    assert np.array_equal(net.params, before)
    assert not trainer.optimizer.velocity.any() and trainer.step_count == 0


def test_optimiser_state_that_becomes_infinite_is_a_divergence_even_with_finite_weights():
    # float32 input 1e20 times weight 1e-20: the loss is finite, dE/dw ≈ 7e19, and Adam's
    # v = 0.001·g² overflows while m/√v keeps the weight finite.
    net = Network([1, 1], "sigmoid", loss="binary_cross_entropy", dtype="float32",
                  init=InitConfig(weights="zeros"))
    net.set_weight(0, 0, 0, 1e-20)
    trainer = Trainer(net, [[1e20]], [[0.0]], TrainingConfig(optimizer="adam", batch_size=1))
    before = net.params.copy()
    with pytest.raises(TrainingDiverged, match="the optimiser's state became NaN or inf"):
        trainer.step()
    assert np.array_equal(net.params, before)
    state = trainer.optimizer.state_dict()
    assert state["t"] == 0 and not state["m"].any() and not state["v"].any()


def test_a_file_with_adam_moments_near_1e308_diverges_cleanly_and_still_saves():
    project = Project.new([2, 4, 1], hidden="tanh", dataset=DatasetRef("xor", {}),
                          training=TrainingConfig(optimizer="adam", batch_size=4))
    trainer = project.make_trainer()
    trainer.step()
    project.capture(trainer)
    document = project_to_dict(project)
    document["state"]["optimizer"]["m"][0]["biases"][1] = 1.7e308
    loaded = project_from_dict(document)
    trainer = loaded.make_trainer()
    before = loaded.network.params.copy()
    with pytest.raises(TrainingDiverged, match=r"at step 1 \(epoch 1\): a weight, a bias or"):
        trainer.step()
    assert np.array_equal(loaded.network.params, before)
    loaded.capture(trainer)
    again = project_from_dict(project_to_dict(loaded))
    assert np.array_equal(again.network.params, before)
    assert not again.trainer_state["optimizer"]["m"].any()


def test_a_non_finite_loss_after_loading_a_state_keeps_the_loaded_weights():
    """The backup from steps before the load is stale: it must not come back."""
    net = Network([1, 1], "linear", init=InitConfig(weights="zeros"))
    trainer = Trainer(net, [[1e10]], [[0.0]], TrainingConfig(batch_size=1))
    for _ in range(3):
        trainer.step()
    state = {**trainer.state_dict(), "step": 5}
    net.set_weight(0, 0, 0, 1e300)  # z = 1e310: the loss is infinite
    trainer.load_state(state)
    loaded = net.params.copy()
    with pytest.raises(TrainingDiverged, match="the loss became NaN or infinite"):
        trainer.step()
    assert np.array_equal(net.params, loaded)


# ---------------------------------------------------------------------- removed connections
@pytest.mark.parametrize("optimizer", ["momentum", "nesterov", "adam"])
def test_state_loaded_at_a_removed_connection_is_forgotten_and_the_file_still_loads(optimizer):
    """The issue's case: momentum at a removed connection moved it, and ``nnsim train
    --in-place`` then wrote a file that no longer loads."""
    project = Project.new([2, 4, 1], hidden="tanh", dataset=DatasetRef("xor", {}),
                          training=TrainingConfig(optimizer=optimizer, batch_size=4))
    project.network.set_connection(0, 1, 2, False)
    trainer = project.make_trainer()
    trainer.step()
    project.capture(trainer)
    document = project_to_dict(project)
    for key in state_names(optimizer):
        document["state"]["optimizer"][key][0]["weights"][1][2] = 5.0
    loaded = project_from_dict(document)
    trainer = loaded.make_trainer()
    removed = 1 * 4 + 2  # weights[0][1, 2] in the flat layout
    state = trainer.state_dict()["optimizer"]
    assert all(state[key][removed] == 0.0 for key in state_names(optimizer))
    for _ in range(20):
        trainer.step()
    assert loaded.network.weights[0][1, 2] == 0.0
    loaded.capture(trainer)
    assert project_from_dict(project_to_dict(loaded)).network.weights[0][1, 2] == 0.0


@pytest.mark.parametrize("entry", ["step", "train_steps"])
@pytest.mark.parametrize("optimizer", ["momentum", "nesterov", "adam"])
def test_a_connection_removed_between_steps_is_not_moved_by_its_old_momentum(optimizer,
                                                                             entry):
    net, trainer = xor_trainer(optimizer=optimizer)
    trainer.train_steps(5)
    net.set_connection(0, 1, 2, False)
    if entry == "step":
        trainer.step()
    else:
        trainer.train_steps(5)
    assert net.weights[0][1, 2] == 0.0
    assert all(array[1 * 4 + 2] == 0.0 for array in trainer.optimizer.state_arrays())
