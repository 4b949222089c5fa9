"""What a lesson's checks mean: each name of ``lessonvocab.CHECKS`` evaluated on the live
project, and on what the lesson saw during the step (``StepRecord``).

Checks only read: the network shown (``session.display_network()``), its frame, the
training settings and the facts the front end supplies through :class:`UiFacts`.
Each answers a :class:`CheckResult` whose ``reason`` tells the learner what it found
("the bias is 0, it must be at most −3"), beside the lesson's own hint.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from nnsim.simulator.diagnostics import network_health
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.lessonvocab import PHASES
from nnsim.simulator.network import Network
from nnsim.simulator.trainingtypes import SAMPLES

#: Gradients are compared on at most this many training rows (the probe's size).
GRADIENT_ROWS = 64

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
#: Checks that need no network open.
_WITHOUT_NETWORK = ("answered", "walkthrough_reached", "digit_predicted")
#: What a comparison found and wanted, one sentence per operator (word order differs).
_SAYS = {
    "<": QT_TRANSLATE_NOOP("session.lessonchecks",
                           "{what} is {value}; it must be below {target}"),
    "<=": QT_TRANSLATE_NOOP("session.lessonchecks",
                            "{what} is {value}; it must be at most {target}"),
    ">": QT_TRANSLATE_NOOP("session.lessonchecks",
                           "{what} is {value}; it must be above {target}"),
    ">=": QT_TRANSLATE_NOOP("session.lessonchecks",
                            "{what} is {value}; it must be at least {target}"),
    "==": QT_TRANSLATE_NOOP("session.lessonchecks", "{what} is {value}; it must be {target}"),
    "!=": QT_TRANSLATE_NOOP("session.lessonchecks",
                            "{what} is {value}; it must not be {target}"),
}
#: A parameter that did not move as the step asked: (moved at all, direction wanted).
_UNMOVED = {
    (False, "up"): QT_TRANSLATE_NOOP(
        "session.lessonchecks", "{what} is {now}, as it was: it must be raised"),
    (False, "down"): QT_TRANSLATE_NOOP(
        "session.lessonchecks", "{what} is {now}, as it was: it must be lowered"),
    (False, "any"): QT_TRANSLATE_NOOP(
        "session.lessonchecks", "{what} is {now}, as it was: it must be changed"),
    (True, "up"): QT_TRANSLATE_NOOP(
        "session.lessonchecks", "{what} went from {before} to {now}: it must be raised"),
    (True, "down"): QT_TRANSLATE_NOOP(
        "session.lessonchecks", "{what} went from {before} to {now}: it must be lowered"),
}
#: The training settings and metrics a check names, as a learner reads them.
_WORDS = {
    "learning_rate": QT_TRANSLATE_NOOP("session.lessonchecks", "learning rate"),
    "batch_size": QT_TRANSLATE_NOOP("session.lessonchecks", "batch size"),
    "epochs": QT_TRANSLATE_NOOP("session.lessonchecks", "epochs"),
    "momentum": QT_TRANSLATE_NOOP("session.lessonchecks", "momentum"),
    "l1": QT_TRANSLATE_NOOP("session.lessonchecks", "l1"),
    "l2": QT_TRANSLATE_NOOP("session.lessonchecks", "l2"),
    "seed": QT_TRANSLATE_NOOP("session.lessonchecks", "seed"),
    "train_loss": QT_TRANSLATE_NOOP("session.lessonchecks", "train loss"),
    "test_loss": QT_TRANSLATE_NOOP("session.lessonchecks", "test loss"),
    "train_accuracy": QT_TRANSLATE_NOOP("session.lessonchecks", "train accuracy"),
    "test_accuracy": QT_TRANSLATE_NOOP("session.lessonchecks", "test accuracy"),
}
#: The walk-through's phases (``PHASES``) as a check names them.
_PHASE_WORDS = {
    "forward": QT_TRANSLATE_NOOP("session.lessonchecks", "forward"),
    "error": QT_TRANSLATE_NOOP("session.lessonchecks", "error"),
    "backward": QT_TRANSLATE_NOOP("session.lessonchecks", "backward"),
    "update": QT_TRANSLATE_NOOP("session.lessonchecks", "update"),
}


class UiFacts(Protocol):
    """What only the window knows, asked by the checks (a plain-Python interface)."""

    def selected_neuron(self) -> tuple[int, int] | None:
        """(layer, neuron) selected on the canvas, or None."""

    def walkthrough_phase(self) -> str | None:
        """The walk-through's phase shown (one of ``PHASES``), None when no walk runs."""

    def digit_prediction(self) -> str | None:
        """The class the digit pad reads in the drawing, None when nothing is drawn."""


@dataclass
class StepRecord:
    """What the lesson saw since the step began: the parameters then (a flat copy, or
    None without a network), the activations each neuron had, the settings training
    ran with, the furthest walk-through phase and whether the question was answered."""

    start_params: np.ndarray | None = None
    start_sizes: tuple[int, ...] = ()
    activations: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    trained_with: dict[str, set[float]] = field(default_factory=dict)
    last_step: int = 0
    phase: int = -1
    answered: bool = False


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    reason: str = ""


def fmt(value: float) -> str:
    """A number as a learner reads it: up to 6 significant digits, "−" for minus."""
    return f"{value:.6g}".replace("-", "−")


def compare(value: float, check: dict, what: str) -> CheckResult:
    """``value op check["value"]`` (with ``tolerance`` for == and !=), and why not."""
    op, target = check["op"], check["value"]
    if op in ("==", "!="):
        tolerance = check.get("tolerance", 1e-9 * max(1.0, abs(target)))
        passed = (abs(value - target) <= tolerance) == (op == "==")
    else:
        passed = _OPERATORS[op](value, target)
    return CheckResult(passed, "" if passed else translate("session.lessonchecks", _SAYS[op])
                       .format(what=what, value=fmt(value), target=fmt(target)))


class Checker:
    """Evaluates checks for one session, one step's record and the window's facts."""

    def __init__(self, session, facts: UiFacts, record: StepRecord):
        self.session, self.facts, self.record = session, facts, record

    def evaluate(self, check: dict) -> CheckResult:
        name = check["check"]
        if name in ("all", "any"):
            results = [self.evaluate(inner) for inner in check["checks"]]
            failed = [r for r in results if not r.passed]
            if name == "all":
                return failed[0] if failed else CheckResult(True)
            return CheckResult(True) if len(failed) < len(results) else failed[0]
        network = self.session.display_network()
        if (network is None or network.n_layers < 2) and name not in _WITHOUT_NETWORK:
            return CheckResult(False, translate("session.lessonchecks", "open a network first"))
        try:
            return getattr(self, f"_{name}")(check, network)
        except _Missing as missing:
            return CheckResult(False, str(missing))

    # ------------------------------------------------------------------ structure
    def _parameter_count(self, check, network: Network) -> CheckResult:
        count = network.n_parameters
        return CheckResult(count == check["equals"],
                           translate("session.lessonchecks",
                                     "the network has {count} weights and biases")
                           .format(count=f"{count:,}"))

    def _layer_sizes(self, check, network: Network) -> CheckResult:
        shape = "-".join(map(str, network.sizes))
        return CheckResult(network.sizes == check["sizes"],
                           translate("session.lessonchecks", "the network is {shape}")
                           .format(shape=shape))

    def _activation(self, check, network: Network) -> CheckResult:
        layer, neuron = _neuron_at(network, check["layer"], check.get("neuron"))
        activation = network.activation_of(layer, neuron)
        return CheckResult(activation.name == check["is"],
                           translate("session.lessonchecks",
                                     "that neuron's activation is {activation}")
                           .format(activation=activation.label))

    def _config(self, check, _network) -> CheckResult:
        value = getattr(self.session.config, check["field"])
        if value is None:
            return CheckResult(False, translate("session.lessonchecks", "{setting} is not set")
                               .format(setting=_words(check["field"])))
        return compare(float(value), check, _words(check["field"]))

    # ------------------------------------------------------------------ parameters
    def _weight(self, check, network: Network) -> CheckResult:
        index = _weight_index(network, check)
        return compare(float(network.params[index]), check,
                       translate("session.lessonchecks", "the weight"))

    def _bias(self, check, network: Network) -> CheckResult:
        index = _bias_index(network, check)
        return compare(float(network.params[index]), check,
                       translate("session.lessonchecks", "the bias"))

    def _weight_changed(self, check, network: Network) -> CheckResult:
        return self._changed(check, network, _weight_index(network, check),
                             translate("session.lessonchecks", "the weight"))

    def _bias_changed(self, check, network: Network) -> CheckResult:
        return self._changed(check, network, _bias_index(network, check),
                             translate("session.lessonchecks", "the bias"))

    def _changed(self, check, network: Network, index: int, what: str) -> CheckResult:
        record = self.record
        if record.start_params is None or record.start_sizes != tuple(network.sizes):
            return CheckResult(False, translate(
                "session.lessonchecks", "the network is not the one this step began with"))
        before, now = float(record.start_params[index]), float(network.params[index])
        direction = check.get("direction", "any")
        moved = {"up": now > before, "down": now < before, "any": now != before}[direction]
        if moved:
            return CheckResult(True)
        found = translate("session.lessonchecks", _UNMOVED[now != before, direction])
        return CheckResult(False, found.format(what=what, before=fmt(before), now=fmt(now)))

    # ------------------------------------------------------------------ outputs
    def _output(self, check, network: Network) -> CheckResult:
        x = _input_row(network, check["inputs"])
        neuron = _output_neuron(network, check.get("neuron", 0))
        trace = network.trace(x)
        of = check.get("of", "a")
        value = float((trace.z if of == "z" else trace.a)[-1][0, neuron])
        what = translate("session.lessonchecks", "the output's z") if of == "z" \
            else translate("session.lessonchecks", "the output's a")
        return compare(value, check, what)

    def _truth_table(self, check, network: Network) -> CheckResult:
        neuron = _output_neuron(network, check.get("neuron", 0))
        threshold = check.get("threshold", 0.5)
        rows = np.array(check["rows"], dtype=np.float64)      # (m, inputs + 1)
        _input_row(network, rows[0, :-1])      # fails when the inputs do not fit
        fires = network.forward(rows[:, :-1])[:, neuron] > threshold
        for row, fired in zip(rows, fires):
            if fired != bool(row[-1]):
                inputs = ", ".join(fmt(v) for v in row[:-1])
                found = translate("session.lessonchecks",
                                  "for inputs {inputs} the output fires") if fired \
                    else translate("session.lessonchecks",
                                   "for inputs {inputs} the output does not fire")
                return CheckResult(False, found.format(inputs=inputs))
        return CheckResult(True)

    # ------------------------------------------------------------------ training
    def _metric(self, check, _network) -> CheckResult:
        frame = self.session.frame()
        metrics = None if frame is None else frame.metrics
        value = None if metrics is None else getattr(metrics, check["metric"])
        what = _words(check["metric"])
        if value is None:
            raise _Missing(translate("session.lessonchecks", "there is no {what} yet")
                           .format(what=what))
        return compare(float(value), check, what)

    def _epochs(self, check, _network) -> CheckResult:
        return compare(float(self.session.progress()[0]), check,
                       translate("session.lessonchecks", "the epochs trained"))

    def _dead_neurons(self, check, network: Network) -> CheckResult:
        return compare(float(self._health(network)[0]), check,
                       translate("session.lessonchecks", "the dead neurons"))

    def _saturated_neurons(self, check, network: Network) -> CheckResult:
        return compare(float(self._health(network)[1]), check,
                       translate("session.lessonchecks", "the saturated neurons"))

    def _health(self, network: Network) -> tuple[int, int]:
        """How many neurons are dead and saturated on the samples' activations, as the
        canvas and the Activations dock flag them."""
        frame = self.session.frame()
        flags = network_health(network, None if frame is None else frame.probes.get(SAMPLES))
        if flags is None:
            raise _Missing(translate("session.lessonchecks",
                                     "there are no samples to judge the neurons on"))
        return tuple(int(sum(mask.sum() for mask in masks)) for masks in flags)

    def _gradient_ratio(self, check, network: Network) -> CheckResult:
        """‖dE/dW‖ of the first weight layer over the last, on the first training rows."""
        data = self.session.train_data
        try:
            if data is None or data.inputs.shape[1] != network.sizes[0]:
                raise ValueError
            targets = data.targets_for(network.activations[-1], network.sizes[-1])
        except ValueError:
            raise _Missing(translate("session.lessonchecks",
                                     "the data does not fit the network")) from None
        trace = network.trace(data.inputs[:GRADIENT_ROWS], targets[:GRADIENT_ROWS])
        first, last = (float(np.linalg.norm(w)) for w in (trace.dE_dw[0], trace.dE_dw[-1]))
        if last == 0.0 or not math.isfinite(first / last):
            raise _Missing(translate("session.lessonchecks",
                                     "the last layer's gradient is 0: there is no ratio"))
        return compare(first / last, check, translate(
            "session.lessonchecks", "the first layer's gradient over the last's"))

    # ------------------------------------------------------------------ during the step
    def _tried_activations(self, check, network: Network) -> CheckResult:
        layer, neuron = _neuron_at(network, check["layer"], check.get("neuron"))
        tried = self.record.activations.get((layer, neuron), set())
        missing = [name for name in check["names"] if name not in tried]
        return CheckResult(not missing, "" if not missing else
                           translate("session.lessonchecks", "not tried yet: {activations}")
                           .format(activations=", ".join(n.replace("_", " ")
                                                         for n in missing)))

    def _trained_with(self, check, _network) -> CheckResult:
        seen = self.record.trained_with.get(check["field"], set())
        missing = [v for v in check["values"] if float(v) not in seen]
        return CheckResult(not missing, "" if not missing else
                           translate("session.lessonchecks",
                                     "not trained yet with {setting} {values}")
                           .format(setting=_words(check["field"]),
                                   values=", ".join(fmt(v) for v in missing)))

    def _selected_neuron(self, check, _network) -> CheckResult:
        wanted = (check["layer"], check["neuron"])
        return CheckResult(self.facts.selected_neuron() == wanted,
                           translate("session.lessonchecks",
                                     "select the neuron on the canvas (click it)"))

    def _walkthrough_reached(self, check, _network) -> CheckResult:
        return CheckResult(self.record.phase >= PHASES.index(check["phase"]),
                           translate("session.lessonchecks",
                                     "the walk-through has not reached the {phase} pass")
                           .format(phase=translate("session.lessonchecks",
                                                   _PHASE_WORDS[check["phase"]])))

    def _digit_predicted(self, check, _network) -> CheckResult:
        read = self.facts.digit_prediction()
        if read is None:
            return CheckResult(False, translate("session.lessonchecks",
                                                "nothing is drawn on the digit pad"))
        label = check.get("label")
        return CheckResult(label is None or read == label,
                           translate("session.lessonchecks", "the network reads “{label}”")
                           .format(label=read))

    def _answered(self, _check, _network) -> CheckResult:
        return CheckResult(self.record.answered,
                           translate("session.lessonchecks", "answer the question first"))


class _Missing(Exception):
    """A check cannot be judged yet (no data, no such neuron): it fails, saying why."""


def _words(name: str) -> str:
    """A training setting or metric (``CONFIG_FIELDS``, ``METRICS``: the lesson format
    allows no other) as the learner reads it ("learning rate")."""
    return translate("session.lessonchecks", _WORDS[name])


def _neuron_at(network: Network, layer: int, neuron: int | None) -> tuple[int, int | None]:
    if not 1 <= layer < network.n_layers:
        raise _Missing(translate("session.lessonchecks", "the network has no layer {layer}")
                       .format(layer=layer))
    if neuron is not None and neuron >= network.sizes[layer]:
        raise _Missing(translate("session.lessonchecks", "layer {layer} has no neuron {neuron}")
                       .format(layer=layer, neuron=neuron))
    return layer, neuron


def _output_neuron(network: Network, neuron: int) -> int:
    return _neuron_at(network, network.n_layers - 1, neuron)[1]


def _weight_index(network: Network, check: dict) -> int:
    block, i, j = check["block"], check["i"], check["j"]
    if block >= network.n_layers - 1 or i >= network.sizes[block] \
            or j >= network.sizes[block + 1]:
        raise _Missing(translate("session.lessonchecks", "the network has no such weight"))
    return network.weight_index(block, i, j)


def _bias_index(network: Network, check: dict) -> int:
    layer, neuron = _neuron_at(network, check["layer"], check["neuron"])
    return network.bias_index(layer, neuron)


def _input_row(network: Network, inputs) -> np.ndarray:
    """``inputs`` as one row ``(1, sizes[0])``; fails when the count does not fit."""
    if len(inputs) != network.sizes[0]:
        raise _Missing(translate("session.lessonchecks",
                                 "the check gives {count} inputs; the network has {size}")
                       .format(count=len(inputs), size=f"{network.sizes[0]:,}"))
    return np.asarray(inputs, dtype=np.float64)[np.newaxis]
