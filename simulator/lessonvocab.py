"""The declarative words of a lesson file: the actions a step runs and the checks it
makes, each with the fields it takes and how each field is read.

Nothing here is evaluated: a lesson names an action or a check from these tables and
gives its fields, which :mod:`lessonformat` validates against them; the session
(``nnsim.session.lessons``) gives each check its meaning.  ``docs/lesson-format.md``
describes every word.
"""

from __future__ import annotations

from collections.abc import Callable

from .activations import ACTIVATIONS
from .i18n import QT_TRANSLATE_NOOP, translate
from .jsonfields import Field
from .limits import MAX_LAYERS, MAX_NEURONS
from .resources import resource_path

#: Comparisons a check may make.  "==" and "!=" allow the check's ``tolerance``.
OPERATORS = ("<", "<=", ">", ">=", "==", "!=")
#: Training settings a lesson may set or check (numbers only).
CONFIG_FIELDS = ("learning_rate", "batch_size", "epochs", "momentum", "l1", "l2", "seed")
METRICS = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")
#: The docks of the main window a lesson may bring forward.
DOCKS = ("training", "data", "inspector", "loss", "activations", "perceptron", "confusion",
         "walkthrough", "lessons")
#: Controls a lesson may point at (the window draws a frame around it for a moment).
CONTROLS = ("training.play", "training.step", "training.epoch", "training.batch_size",
            "training.learning_rate", "perceptron.bias", "perceptron.weights",
            "inspector.activation", "walkthrough.next", "data.draw")
#: The walk-through's phases, in the order a walk reaches them.
PHASES = ("forward", "error", "backward", "update")
DIRECTIONS = ("up", "down", "any")
#: Checks nested in all/any at most this deep, and at most this many in one.
MAX_CHECK_DEPTH = 4
MAX_CHECKS = 20
#: Inputs of one case of an output check, cases of a truth table.
MAX_INPUTS = 1024
MAX_ROWS = 64
MAX_VALUES = 16


def _layer(field: Field) -> int:
    return field.integer(0, MAX_LAYERS - 1)


def _index(field: Field) -> int:
    return field.integer(0, MAX_NEURONS - 1)


def _number(field: Field) -> float:
    return field.number()


def _count(field: Field) -> int:
    return field.integer(0, 2**53)


def _choice(choices: tuple[str, ...], what: str) -> Callable[[Field], str]:
    """A reader of one of ``choices``; ``what`` (marked with QT_TRANSLATE_NOOP) names the
    value in the error, translated when it is read."""
    return lambda field: field.string(choices, translate("simulator.lessonvocab", what))


def _activation(field: Field) -> str:
    return field.string(tuple(ACTIVATIONS), translate("simulator.lessonvocab", "activation"))


def example_names() -> tuple[str, ...]:
    """The bundled examples a lesson may open, by name (``single-neuron``)."""
    folder = resource_path("examples")
    return tuple(sorted(p.name.removesuffix(".nnsim.json")
                        for p in folder.glob("*.nnsim.json")))


def _example(field: Field) -> str:
    return field.string(example_names(), translate("simulator.lessonvocab", "example"))


def _inputs(field: Field) -> list[float]:
    items = field.array(min_length=1, max_length=MAX_INPUTS)
    return [item.number() for item in items]


def _rows(field: Field) -> list[list[float]]:
    """Truth-table rows: the inputs, then 1 (the output fires) or 0 (it does not)."""
    rows = []
    for row in field.array(min_length=1, max_length=MAX_ROWS):
        values = _inputs(row)
        if len(values) < 2 or values[-1] not in (0.0, 1.0):
            row.fail(translate("simulator.lessonvocab",
                               "expected the inputs and then 1 (fires) or 0 (does not fire)"))
        if rows and len(values) != len(rows[0]):
            row.fail(translate("simulator.lessonvocab",
                               "expected {count} numbers, as in the first row")
                     .format(count=len(rows[0])))
        rows.append(values)
    return rows


def _sizes(field: Field) -> list[int]:
    return [item.integer(1, MAX_NEURONS) for item in
            field.array(min_length=1, max_length=MAX_LAYERS)]


def _names(field: Field) -> list[str]:
    return [_activation(item) for item in field.array(min_length=1, max_length=MAX_VALUES)]


def _values(field: Field) -> list[float]:
    return [item.number() for item in field.array(min_length=1, max_length=MAX_VALUES)]


def _label(field: Field) -> str:
    return field.string(max_length=100)


#: Readers of a word from a list; the word's name is translated in an error.
_OPERATOR = _choice(OPERATORS, QT_TRANSLATE_NOOP("simulator.lessonvocab", "operator"))
_DOCK = _choice(DOCKS, QT_TRANSLATE_NOOP("simulator.lessonvocab", "dock"))
_CONTROL = _choice(CONTROLS, QT_TRANSLATE_NOOP("simulator.lessonvocab", "control"))
_SETTING = _choice(CONFIG_FIELDS, QT_TRANSLATE_NOOP("simulator.lessonvocab", "training setting"))
_DIRECTION = _choice(DIRECTIONS, QT_TRANSLATE_NOOP("simulator.lessonvocab", "direction"))
_QUANTITY = _choice(("a", "z"), QT_TRANSLATE_NOOP("simulator.lessonvocab", "quantity"))
_METRIC = _choice(METRICS, QT_TRANSLATE_NOOP("simulator.lessonvocab", "metric"))
_PHASE = _choice(PHASES, QT_TRANSLATE_NOOP("simulator.lessonvocab", "phase"))

_COMPARE = {"op": _OPERATOR, "value": _number}

#: Each action: (required fields, optional fields), each field with its reader.
ACTIONS: dict[str, tuple[dict, dict]] = {
    "open_example": ({"example": _example}, {}),
    "select_neuron": ({"layer": _layer, "neuron": _index}, {}),
    "raise_dock": ({"dock": _DOCK}, {}),
    "highlight": ({"control": _CONTROL}, {}),
    "start_walkthrough": ({}, {}),
    "open_digit_pad": ({}, {}),
    "set_weight": ({"block": _layer, "i": _index, "j": _index, "value": _number}, {}),
    "set_bias": ({"layer": _layer, "neuron": _index, "value": _number}, {}),
    "set_activation": ({"layer": _layer, "activation": _activation}, {"neuron": _index}),
    "set_config": ({"field": _SETTING, "value": _number}, {}),
}

#: Each check: (required fields, optional fields).  ``tolerance`` goes with "==" / "!=".
CHECKS: dict[str, tuple[dict, dict]] = {
    "parameter_count": ({"equals": _count}, {}),
    "layer_sizes": ({"sizes": _sizes}, {}),
    "activation": ({"layer": _layer, "is": _activation}, {"neuron": _index}),
    "config": ({"field": _SETTING, **_COMPARE}, {"tolerance": _number}),
    "weight": ({"block": _layer, "i": _index, "j": _index, **_COMPARE},
               {"tolerance": _number}),
    "bias": ({"layer": _layer, "neuron": _index, **_COMPARE}, {"tolerance": _number}),
    "weight_changed": ({"block": _layer, "i": _index, "j": _index}, {"direction": _DIRECTION}),
    "bias_changed": ({"layer": _layer, "neuron": _index}, {"direction": _DIRECTION}),
    "output": ({"inputs": _inputs, **_COMPARE},
               {"neuron": _index, "of": _QUANTITY, "tolerance": _number}),
    "truth_table": ({"rows": _rows}, {"neuron": _index, "threshold": _number}),
    "metric": ({"metric": _METRIC, **_COMPARE}, {"tolerance": _number}),
    "epochs": (dict(_COMPARE), {}),
    "dead_neurons": (dict(_COMPARE), {}),
    "saturated_neurons": (dict(_COMPARE), {}),
    "gradient_ratio": (dict(_COMPARE), {}),
    "tried_activations": ({"layer": _layer, "names": _names}, {"neuron": _index}),
    "trained_with": ({"field": _SETTING, "values": _values}, {}),
    "selected_neuron": ({"layer": _layer, "neuron": _index}, {}),
    "walkthrough_reached": ({"phase": _PHASE}, {}),
    "digit_predicted": ({}, {"label": _label}),
    "answered": ({}, {}),
}
#: Combinators: {"check": "all" | "any", "checks": [...]}, read by ``lessonformat``.
COMBINATORS = ("all", "any")

