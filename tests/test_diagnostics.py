"""Dead and saturated unit detection on hand-made activations."""

import numpy as np
import pytest

from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.diagnostics import dead_units, saturated_units

RELU, SIGMOID, TANH = ACTIVATIONS["relu"], ACTIVATIONS["sigmoid"], ACTIVATIONS["tanh"]


def test_relu_unit_is_dead_only_when_zero_for_every_sample():
    acts = np.array([[0.0, 0.0, 0.3],
                     [0.0, 1e-9, 0.0],
                     [0.0, 0.0, 0.0]])
    assert dead_units(acts, RELU).tolist() == [True, False, False]


def test_only_relu_units_can_be_dead():
    acts = np.zeros((5, 2))
    assert not dead_units(acts, SIGMOID).any()
    assert not dead_units(acts, ACTIVATIONS["leaky_relu"]).any()


def test_sigmoid_saturation_needs_95_percent_of_samples_within_2_percent_of_a_bound():
    n = 100
    at_bounds = np.where(np.arange(n) % 2 == 0, 0.001, 0.995)   # all at a bound
    mostly = np.where(np.arange(n) < 95, 0.985, 0.5)              # 95 % at the top
    too_few = np.where(np.arange(n) < 94, 0.985, 0.5)             # 94 %
    inside = np.full(n, 0.97)                                     # 0.03 from the bound
    acts = np.column_stack([at_bounds, mostly, too_few, inside])
    assert saturated_units(acts, SIGMOID).tolist() == [True, True, False, False]


def test_tanh_margin_is_two_percent_of_its_width():
    acts = np.array([[-0.965, 0.955]] * 20)
    assert saturated_units(acts, TANH).tolist() == [True, False]


def test_relu_and_linear_never_saturate():
    acts = np.ones((10, 2)) * 50
    assert not saturated_units(acts, RELU).any()
    assert not saturated_units(acts, ACTIVATIONS["linear"]).any()


def test_per_unit_activations_for_layers_with_overrides():
    acts = np.zeros((4, 3))
    per_unit = [RELU, SIGMOID, RELU]
    assert dead_units(acts, per_unit).tolist() == [True, False, True]
    assert saturated_units(acts, per_unit).tolist() == [False, True, False]
    with pytest.raises(ValueError):
        dead_units(acts, [RELU])


def test_empty_probe_flags_nothing():
    acts = np.zeros((0, 3))
    assert not dead_units(acts, RELU).any()
    assert not saturated_units(acts, SIGMOID).any()
