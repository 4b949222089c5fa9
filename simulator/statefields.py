"""The trainer's saved state in a network file: counters, position, random generator,
optimiser arrays and the per-epoch history, read and checked before anything is built.

``read_state`` returns what ``Trainer.state_dict()`` returned, except that the optimiser's
arrays are still per layer; ``flatten_arrays`` lays them out like the built network's
``params``.
"""

from __future__ import annotations

import numpy as np

from .i18n import translate
from .jsonfields import Field
from .network import Network
from .optimizers import state_names


def read_state(field: Field | None, sizes: list[int], optimizer: str) -> dict | None:
    """What ``Trainer.state_dict()`` returns, the optimiser's arrays still per layer."""
    if field is None or field.value is None:
        return None
    field.object(required=(*PROGRESS_KEYS, "optimizer"))
    state = read_progress(field)
    state["optimizer"] = _read_optimizer(field["optimizer"], sizes, optimizer)
    return state


#: A trainer state's keys besides the optimiser's.
PROGRESS_KEYS = ("epoch", "step", "in_epoch", "cursor", "batch_in_epoch", "rng_state",
                 "history")


def read_progress(field: Field) -> dict:
    """A trainer state's ``PROGRESS_KEYS`` from ``field`` (an object holding them; its
    keys are the caller's to check): counters, position, random generator, history."""
    state = {
        "epoch": field["epoch"].integer(minimum=0),
        "step": field["step"].integer(minimum=0),
        "in_epoch": field["in_epoch"].boolean(),
        "cursor": field["cursor"].integer(minimum=0),
        "batch_in_epoch": field["batch_in_epoch"].integer(minimum=0),
        "rng_state": _read_rng_state(field["rng_state"]),
        "history": _read_history(field["history"]),
    }
    if state["in_epoch"] and state["batch_in_epoch"] < 1:
        field["batch_in_epoch"].fail(translate("simulator.statefields",
                                               "must be at least 1 in the middle of an epoch"))
    return state


def _read_rng_state(field: Field) -> dict:
    """numpy's PCG64 state: the generator name and its 128-bit integers."""
    field.object(required=("bit_generator", "state", "has_uint32", "uinteger"))
    inner = field["state"].object(required=("state", "inc"))
    what = translate("simulator.statefields", "random generator")
    return {"bit_generator": field["bit_generator"].string(choices=("PCG64",), what=what),
            "state": {key: inner[key].integer(0, 2**128 - 1) for key in ("state", "inc")},
            "has_uint32": field["has_uint32"].integer(0, 1),
            "uinteger": field["uinteger"].integer(0, 2**32 - 1)}


def _read_optimizer(field: Field, sizes: list[int], name: str) -> dict:
    """``t`` and, per state array of optimiser ``name``, its (weights, biases) per layer."""
    arrays = state_names(name)
    field.object(required=("t", *arrays))
    state = {"t": field["t"].integer(minimum=0)}
    for key in arrays:
        blocks = field[key].array(length=len(sizes) - 1)
        state[key] = [_read_block(entry, n_in, n_out)
                      for entry, n_in, n_out in zip(blocks, sizes, sizes[1:])]
    return state


def _read_block(entry: Field, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    entry.object(required=("weights", "biases"))
    return entry["weights"].matrix(n_in, n_out), entry["biases"].vector(n_out)


def flatten_arrays(optimizer: dict, network: Network) -> dict:
    """The per-layer optimiser arrays as flat arrays laid out like ``network.params``."""
    state = {"t": optimizer["t"]}
    for key, blocks in optimizer.items():
        if key == "t":
            continue
        flat = np.zeros_like(network.params)
        weights, biases = network.split_flat(flat)
        for k, (block_weights, block_biases) in enumerate(blocks):
            weights[k][...] = block_weights
            biases[k][...] = block_biases
        state[key] = flat
    return state


_HISTORY_KEYS = ("epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy")


def _read_history(field: Field) -> dict:
    field.object(required=_HISTORY_KEYS)
    history = {"epoch": field["epoch"].integers(minimum=1)}
    for key in _HISTORY_KEYS[1:]:
        history[key] = field[key].numbers_or_null(length=len(history["epoch"]))
    return history
