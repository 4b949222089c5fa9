"""Versions of the ``.nnsim.json`` format and the migrations between them.

A file of any earlier version is migrated step by step to ``FORMAT_VERSION`` before it is
read; a migration leaves what it cannot understand as it is, for the reader to report
with the field's path.  ``docs/file-format.md`` lists what each version changed.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .i18n import translate
from .jsonfields import Field, FieldError
from .limits import LEARNING_RATE_MAX, LEARNING_RATE_MIN

FORMAT_NAME = "nnsim-network"
FORMAT_VERSION = 3


def _upgrade_0_to_1(old: dict) -> dict:
    """Version 0, the pre-release drafts: flat ``sizes``, ``activations``, ``weights``
    (one ``sizes[k] × sizes[k+1]`` array per layer), ``biases`` and ``loss``."""
    root = Field(old).object(required=("format", "version", "sizes", "activations",
                                       "weights", "biases"), optional=("loss",))
    sizes, activations, weights, biases = (
        [item.value for item in root[key].array(min_length=1)]
        for key in ("sizes", "activations", "weights", "biases"))
    if not len(sizes) - 1 == len(activations) == len(weights) == len(biases):
        root.fail(translate("simulator.migrations", "version 0 needs one activation, weight "
                            "array and bias array per layer after the input"))
    layers = [{"size": sizes[0]}] + [
        {"size": n, "activation": act, "weights": w, "biases": b}
        for n, act, w, b in zip(sizes[1:], activations, weights, biases)]
    return {"format": FORMAT_NAME, "version": 1,
            "network": {"loss": old.get("loss", "squared_error"), "layers": layers}}


#: The learning rate of a version-1 file that names none (version 1's default).
_VERSION_1_LEARNING_RATE = 0.1
_LARGEST_FLOAT = float(np.finfo(np.float64).max)


def _upgrade_1_to_2(old: dict) -> dict:
    """Version 1 saved momentum's and Nesterov's ``velocity`` in weight units,
    v = −η·b; version 2 saves torch.optim's momentum buffer b (gradient units), so
    b = −v/η with the file's learning rate η.  Parts that are malformed are left as they
    are, for the reader to report."""
    new = {**old, "version": 2}
    state, training = old.get("state"), old.get("training", {})
    optimizer = state.get("optimizer") if isinstance(state, dict) else None
    if not (isinstance(optimizer, dict) and "velocity" in optimizer
            and isinstance(training, dict)):
        return new
    try:
        rate = Field(training.get("learning_rate", _VERSION_1_LEARNING_RATE),
                     "training.learning_rate")
        eta = rate.number(LEARNING_RATE_MIN, LEARNING_RATE_MAX)
    except FieldError:
        return new  # the reader refuses the learning rate itself
    velocity = Field(optimizer["velocity"], "state.optimizer.velocity")
    if isinstance(velocity.value, list):
        blocks = [_block_to_buffer(block, eta) for block in velocity.array()]
        new["state"] = {**state, "optimizer": {**optimizer, "velocity": blocks}}
    return new


def _block_to_buffer(block: Field, eta: float):
    """One layer's ``{"weights": [[...]], "biases": [...]}`` of velocities as buffers."""
    if not isinstance(block.value, dict):
        return block.value
    converted = {key: _velocity_to_buffer(block[key], eta, depth)
                 for key, depth in (("weights", 2), ("biases", 1)) if key in block.value}
    return {**block.value, **converted}


def _velocity_to_buffer(field: Field, eta: float, depth: int):
    """−v/η for each number of a ``depth``-deep array of version-1 velocities."""
    if not isinstance(field.value, list):
        return field.value
    if depth > 1:
        return [_velocity_to_buffer(field.child(i), eta, depth - 1)
                for i in range(len(field.value))]
    converted = []
    for i, value in enumerate(field.value):
        if type(value) in (int, float) and abs(value) <= _LARGEST_FLOAT:
            buffer = 0.0 - value / eta  # 0.0 − …: a zero velocity stays +0.0
            if math.isinf(buffer):
                field.child(i).fail(translate("simulator.migrations", "this version-1 velocity "
                                              "divided by the learning rate {rate} is too large "
                                              "for version 2").format(rate=f"{eta:g}"))
            value = buffer
        converted.append(value)  # anything else unchanged: the reader names the problem
    return converted


def _upgrade_2_to_3(old: dict) -> dict:
    """Version 3 only adds what version 2 could not say (MNIST's test set in files of
    its own): a version-2 document is a version-3 one as it stands."""
    return {**old, "version": 3}


#: ``MIGRATIONS[v]`` turns a version-v document into a version-(v+1) one.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _upgrade_0_to_1, 1: _upgrade_1_to_2,
                                                 2: _upgrade_2_to_3}


def upgrade(root: Field) -> dict:
    """The document migrated to FORMAT_VERSION, after checking it is an nnsim file."""
    root.object(required=("format", "version"), extra_keys=True)
    root["format"].string(choices=(FORMAT_NAME,), what=translate(
        "simulator.migrations", "format (not an nnsim network file)"))
    version = root["version"].integer(minimum=min(MIGRATIONS))
    if version > FORMAT_VERSION:
        root["version"].fail(translate("simulator.migrations", "the file is format version "
                                       "{version}, written by a newer nnsim; this one reads "
                                       "versions up to {latest}: please update nnsim").format(
            version=version, latest=FORMAT_VERSION))
    document = root.value
    while version < FORMAT_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
    return document
