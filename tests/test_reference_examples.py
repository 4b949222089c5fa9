"""The worked examples of the source articles, to the printed digit (reference.md)."""

import numpy as np
import pytest

from nnsim.simulator import InitConfig, Network
from nnsim.simulator.training import Trainer
from nnsim.simulator.trainingtypes import TrainingError


@pytest.fixture
def article_neuron():
    net = Network([4, 1], "sigmoid", init=InitConfig(weights="zeros"))
    net.weights[0][:, 0] = [0.2, 0.5, 0.9, 0.1]
    net.set_bias(1, 0, 2.0)
    return net


def test_single_neuron_forward_matches_article(article_neuron):
    trace = article_neuron.trace([[1, 2, 3, 4]], [[1]])
    # Exactly 6.30000000000000009992; a BLAS kernel with fused multiply-adds rounds it
    # to 6.3, a left-to-right sum to 6.300000000000001: both are within one ulp.
    assert abs(trace.z[1][0, 0] - 6.3) <= np.spacing(6.3)
    assert trace.a[1][0, 0] == 0.9981670610575072
    assert trace.loss == 1.6798325834533343e-06


def test_single_neuron_gradients_match_chain_rule(article_neuron):
    trace = article_neuron.trace([[1, 2, 3, 4]], [[1]])
    a = 0.9981670610575072
    assert trace.dE_dz[1][0, 0] == -3.353507105788509e-06
    assert trace.dE_da[1][0, 0] == pytest.approx(a - 1, rel=1e-15)
    expected_dw = -3.353507105788509e-06 * np.array([1.0, 2.0, 3.0, 4.0])
    np.testing.assert_allclose(trace.dE_dw[0][:, 0], expected_dw, rtol=1e-15)
    assert trace.dE_db[0][0] == -3.353507105788509e-06


def test_gradient_step_follows_w_minus_eta_grad(article_neuron):
    before = article_neuron.params.copy()
    trainer = Trainer(article_neuron, [[1, 2, 3, 4]], [[1]])
    trainer.config.learning_rate = 0.5
    trainer.optimizer.learning_rate = 0.5
    trainer.step()
    grad = -3.353507105788509e-06 * np.array([1.0, 2.0, 3.0, 4.0, 1.0])
    np.testing.assert_allclose(article_neuron.params, before - 0.5 * grad, rtol=1e-15)


def test_digit_network_has_13002_parameters():
    net = Network([784, 16, 16, 10], "sigmoid")
    assert net.n_parameters == 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10 == 13_002


def test_festival_perceptron_fires_for_singer_alone_not_friend_alone():
    net = Network([2, 1], "step", init=InitConfig(weights="zeros"))
    net.set_weight(0, 0, 0, 7.0)
    net.set_weight(0, 1, 0, 3.0)
    net.set_bias(1, 0, -5.0)
    out = net.forward([[1, 0], [0, 1], [1, 1], [0, 0]])[:, 0]
    assert out.tolist() == [1.0, 0.0, 1.0, 0.0]


def test_training_through_a_step_neuron_is_refused_with_a_reason():
    net = Network([2, 1], "step")
    with pytest.raises(TrainingError, match="step activation.*derivative is zero"):
        Trainer(net, [[0, 1]], [[1]])
