"""How big a network nnsim builds: one set of limits for files, edits and the app.

A network file of a hundred bytes can ask for a billion neurons, and a typed layer size
can too; every path that creates or grows a network checks these limits before it
allocates anything.  ``docs/file-format.md`` gives the reasons and measured costs.
"""

from __future__ import annotations

from numbers import Integral

from .i18n import translate
from .safetext import quote

#: Weights and biases of one network (784-128-64-10 has 109,386): what one training
#: step and one saved file cost grows with it.
MAX_PARAMETERS = 500_000
#: Neurons in all layers together (each has a name and a place on the canvas).
MAX_NEURONS = 100_000
#: Layers, the input layer included.
MAX_LAYERS = 100
#: Characters of a neuron's name.
MAX_NAME_CHARS = 200


def network_size_problem(sizes: list[int]) -> str | None:
    """Why a network of these layer sizes is beyond nnsim's limits, or None."""
    if len(sizes) > MAX_LAYERS:
        return translate("simulator.limits", "{count} layers are more than nnsim's limit of "
                         "{limit}").format(count=f"{len(sizes):,}", limit=MAX_LAYERS)
    neurons = sum(sizes)
    if neurons > MAX_NEURONS:
        return translate("simulator.limits", "{count} neurons are more than nnsim's limit of "
                         "{limit}").format(count=f"{neurons:,}", limit=f"{MAX_NEURONS:,}")
    count = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    if count > MAX_PARAMETERS:
        return translate("simulator.limits", "{count} weights and biases are more than nnsim's "
                         "limit of {limit}").format(count=f"{count:,}",
                                                    limit=f"{MAX_PARAMETERS:,}")
    return None


def check_network_size(sizes: list[int]) -> None:
    """ValueError saying why, when a network of these layer sizes is beyond the limits."""
    problem = network_size_problem(sizes)
    if problem:
        raise ValueError(problem)


# Training settings: what the Training dock, the command line and a network file accept,
# so that every value the app shows is one a file can hold and the dock can show.
#: Learning rates η from LEARNING_RATE_MIN to LEARNING_RATE_MAX: beyond 100 any network
#: diverges at once; below 1e-8 nothing moves within a float64's precision.
LEARNING_RATE_MIN = 1e-8
LEARNING_RATE_MAX = 100.0
#: Batch sizes up to this (0 is the whole training set; the largest CSV holds fewer rows).
MAX_BATCH_SIZE = 1_000_000
#: Epoch limits up to this (none is no limit): 14 hours of the digits network's fastest run.
MAX_EPOCHS = 10_000_000
#: L1/L2 rates up to this: a larger one only makes the gradient overflow.
MAX_PENALTY = 10.0
#: Target losses up to this.
MAX_TARGET_LOSS = 1e6
#: Seeds of the initial weights and of the batch order, from 0 to this: the largest
#: whole number a network file holds exactly (``jsonfields.MAX_INTEGER``), so the
#: Training dock can show and take every seed a file holds.
MAX_SEED = 2**53
#: Reset draws a new seed below this: ten digits at most, easy to read and type again.
NEW_SEED_LIMIT = 2**32


def check_seed(seed, what: str) -> None:
    """ValueError saying so, unless ``seed`` is a whole number from 0 to ``MAX_SEED``
    (what a network file holds)."""
    if not isinstance(seed, Integral) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
        raise ValueError(translate("simulator.limits", "{what} must be a whole number from 0 "
                                   "to {limit}, not {value}").format(
            what=what, limit=f"{MAX_SEED:,}", value=quote(seed)))
