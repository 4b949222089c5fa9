"""Diagnostics and display passes never touch the buffers a training step uses.

The inspector's ``trace`` and the canvas's forward passes run on the live network,
possibly on another thread than the one training it: they must compute in buffers of
their own, so that training gives bit for bit the same weights with or without them.
"""

import threading

import numpy as np
import pytest

from nnsim.simulator import InitConfig, Network
from nnsim.simulator.kernels import Workspace
from nnsim.simulator.training import Trainer, TrainingConfig

BATCH = 8


def masked_case():
    rng = np.random.default_rng(11)
    net = Network([3, 6, 5, 2], ["tanh", "relu", "sigmoid"],
                  init=InitConfig(weights="uniform", uniform_range=1.0, seed=3))
    net.set_connection(0, 1, 2, False)
    net.set_connection(1, 4, 0, False)
    x = rng.normal(size=(64, 3))
    y = rng.random((64, 2))
    return net, x, y


def trainer_for(net, x, y):
    return Trainer(net, x, y, TrainingConfig(optimizer="momentum", learning_rate=0.05,
                                             batch_size=BATCH, epochs=None, seed=5))


def test_traces_between_steps_and_on_a_copy_leave_training_bit_identical():
    plain_net, x, y = masked_case()
    plain = trainer_for(plain_net, x, y)
    traced_net = plain_net.copy()
    traced = trainer_for(traced_net, x, y)
    for _ in range(30):
        plain.step()
        traced.step()
        grads = traced_net.grads.copy()
        # Same batch size as training, so a shared workspace would be overwritten.
        traced_net.trace(x[:BATCH], y[:BATCH])
        traced_net.copy().trace(x[BATCH:2 * BATCH], y[BATCH:2 * BATCH])
        np.testing.assert_array_equal(traced_net.grads, grads)  # what snapshots read
    np.testing.assert_array_equal(traced_net.params, plain_net.params)
    np.testing.assert_array_equal(traced.optimizer.velocity, plain.optimizer.velocity)


def test_a_trace_never_writes_the_networks_gradient_buffer():
    net, x, y = masked_case()
    net.compute_gradients(x, y)
    net.grads.flags.writeable = False  # any write into it, even undone later, raises
    try:
        trace = net.trace(x[:5], y[:5])
    finally:
        net.grads.flags.writeable = True
    assert trace.dE_dw[0][1, 2] == 0.0 and trace.dE_dw[1][4, 0] == 0.0  # removed: masked


def test_display_calls_on_another_thread_leave_training_bit_identical():
    """The GUI thread traces and runs forward passes while a worker trains."""
    plain_net, x, y = masked_case()
    watched_net = plain_net.copy()
    trainer_for(plain_net, x, y).train_steps(3000)
    started, stop = threading.Event(), threading.Event()
    calls = []

    def display():
        while not stop.is_set():
            watched_net.trace(x[:BATCH], y[:BATCH])
            watched_net.forward_all(x[:BATCH])
            watched_net.loss_value(x[-BATCH:], y[-BATCH:])
            calls.append(watched_net.forward(x[:1]))
            started.set()

    viewer = threading.Thread(target=display)
    viewer.start()
    try:
        started.wait()
        trainer_for(watched_net, x, y).train_steps(3000)
    finally:
        stop.set()
        viewer.join()
    assert calls
    np.testing.assert_array_equal(watched_net.params, plain_net.params)


def test_each_thread_gets_its_own_workspace():
    net, x, _ = masked_case()
    here = net.workspace(BATCH)
    there = []
    worker = threading.Thread(target=lambda: there.append(net.workspace(BATCH)))
    worker.start()
    worker.join()
    assert net.workspace(BATCH) is here and there[0] is not here
    assert not np.shares_memory(here.acts[1], there[0].acts[1])


def test_a_workspace_writes_gradients_into_the_buffer_it_was_given():
    net, x, y = masked_case()
    expected = np.concatenate([part.ravel() for parts in net.gradients(x, y)[1:]
                               for part in parts])
    net.grads[...] = 7.0
    own = np.full_like(net.params, np.nan)
    loss = Workspace(net, len(x), grads=own).forward_backward(x, y)
    assert loss == net.loss_value(x, y)
    assert np.all(net.grads == 7.0)
    net.apply_grad_mask(own)
    np.testing.assert_allclose(own, expected, rtol=1e-13, atol=1e-16)


def read_only(array):
    array.flags.writeable = False
    return array


@pytest.mark.parametrize("buffer", [np.zeros(5), np.zeros(38, dtype=np.float32),
                                    np.zeros((38, 2))[:, 0], read_only(np.zeros(38))])
def test_a_gradient_buffer_unlike_params_is_refused(buffer):
    net = Network([3, 6, 2], "tanh")  # 3·6 + 6·2 + 6 + 2 = 38 parameters
    assert net.params.size == 38
    with pytest.raises(ValueError, match=r"writable, contiguous float64 array of shape "
                                         r"\(38,\)"):
        Workspace(net, 4, grads=buffer)
