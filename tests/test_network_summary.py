"""Network.summary: what ``nnsim info`` prints about the layers, in plain English."""

from nnsim.simulator.network import Network


def test_one_of_a_kind_is_singular_and_large_counts_are_grouped():
    net = Network([1, 1], "linear")
    assert net.summary().splitlines() == [
        "layer 0 (input): 1 neuron",
        "layer 1 (output): 1 neuron, Linear",
        "2 parameters, 1 connection, loss Squared error",
    ]
    wide = Network([1000, 1], "sigmoid").summary().splitlines()
    assert wide[0] == "layer 0 (input): 1,000 neurons"
    assert wide[2].startswith("1,001 parameters, 1,000 connections")
