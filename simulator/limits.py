"""How big a network nnsim builds: one set of limits for files, edits and the app.

A network file of a hundred bytes can ask for a billion neurons, and a typed layer size
can too; every path that creates or grows a network checks these limits before it
allocates anything.  ``docs/file-format.md`` gives the reasons and measured costs.
"""

from __future__ import annotations

#: Weights and biases of one network (784-128-64-10 has 109,386): what one training
#: step and one saved file cost grows with it.
MAX_PARAMETERS = 500_000
#: Neurons in all layers together (each has a name and a place on the canvas).
MAX_NEURONS = 100_000
#: Layers, the input layer included.
MAX_LAYERS = 100


def network_size_problem(sizes: list[int]) -> str | None:
    """Why a network of these layer sizes is beyond nnsim's limits, or None."""
    if len(sizes) > MAX_LAYERS:
        return f"{len(sizes):,} layers are more than nnsim's limit of {MAX_LAYERS}"
    neurons = sum(sizes)
    if neurons > MAX_NEURONS:
        return f"{neurons:,} neurons are more than nnsim's limit of {MAX_NEURONS:,}"
    count = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    if count > MAX_PARAMETERS:
        return (f"{count:,} weights and biases are more than nnsim's limit of "
                f"{MAX_PARAMETERS:,}")
    return None


def check_network_size(sizes: list[int]) -> None:
    """ValueError saying why, when a network of these layer sizes is beyond the limits."""
    problem = network_size_problem(sizes)
    if problem:
        raise ValueError(problem)
