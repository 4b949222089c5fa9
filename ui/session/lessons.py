"""A lesson being taken: which step is shown, what happened during it, whether its
check passes.  No Qt: the front end runs the window's actions, supplies its facts
(``lessonchecks.UiFacts``) and calls ``observe`` on the session's events.

    run = LessonRun(lesson, session, facts)
    run.begin(0)              # after the step's actions have run
    run.observe()             # on each event: records what was tried, re-checks
    run.passed, run.result    # the ✓ and the reason
"""

from __future__ import annotations

import dataclasses

from nnsim.simulator.i18n import translate
from nnsim.simulator.lessonformat import Lesson, Step
from nnsim.simulator.lessonvocab import CONFIG_FIELDS, PHASES

from .lessonchecks import Checker, CheckResult, StepRecord, UiFacts

#: Actions the session carries out; the others (docks, selection, walk-through, digit
#: pad, opening an example) are the window's.
SESSION_ACTIONS = ("set_weight", "set_bias", "set_activation", "set_config")
_WHOLE_NUMBERS = ("batch_size", "epochs", "seed")


def run_session_action(session, action: dict) -> None:
    """Carry out one of ``SESSION_ACTIONS`` as one undo step (ValueError when it does
    not fit the open network: its message says why)."""
    network, kind = session.network, action["do"]
    if network is None:
        raise ValueError(translate("session.lessons", "the lesson needs a network open here"))
    if kind == "set_weight":
        _check_weight(network, action)
        session.set_weight(action["block"], action["i"], action["j"], action["value"])
    elif kind == "set_bias":
        _check_neuron(network, action["layer"], action["neuron"])
        session.set_bias(action["layer"], action["neuron"], action["value"])
    elif kind == "set_activation":
        layer, neuron, name = action["layer"], action.get("neuron"), action["activation"]
        _check_neuron(network, layer, neuron)
        label = translate("session.lessons", "Change activation")
        if neuron is None:
            session.edit_network(label,
                                 lambda net: net.set_activation(layer, name), "activations")
        else:
            session.edit_network(label,
                                 lambda net: net.set_neuron_activation(layer, neuron, name),
                                 "activations")
    else:
        name = action["field"]
        value = int(action["value"]) if name in _WHOLE_NUMBERS else action["value"]
        session.set_config(dataclasses.replace(session.config, **{name: value}))


def _check_neuron(network, layer: int, neuron: int | None) -> None:
    if not 1 <= layer < network.n_layers or \
            (neuron is not None and neuron >= network.sizes[layer]):
        raise ValueError(translate("session.lessons",
                                   "the network has no neuron {neuron} in layer {layer}")
                         .format(neuron=neuron, layer=layer))


def _check_weight(network, action: dict) -> None:
    block = action["block"]
    if block >= network.n_layers - 1 or action["i"] >= network.sizes[block] \
            or action["j"] >= network.sizes[block + 1]:
        raise ValueError(translate("session.lessons", "the network has no such weight"))


class LessonRun:
    """One lesson taken in one session, a step at a time."""

    def __init__(self, lesson: Lesson, session, facts: UiFacts):
        self.lesson, self.session, self.facts = lesson, session, facts
        self.index = 0
        self.record = StepRecord()
        self.result = CheckResult(False)
        self.passed = False

    @property
    def step(self) -> Step:
        return self.lesson.steps[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(self.lesson.steps) - 1

    def begin(self, index: int) -> None:
        """Start step ``index`` afresh (its actions have just run): what is there now
        is what "changed" checks compare with."""
        self.index = min(max(index, 0), len(self.lesson.steps) - 1)
        network = self.session.display_network()
        self.record = StepRecord(
            start_params=None if network is None else network.params.copy(),
            start_sizes=() if network is None else tuple(network.sizes),
            last_step=self.session.progress()[1])
        self.passed = self.step.check is None
        self.result = CheckResult(self.passed)
        self.observe()

    def answer(self, choice: int) -> bool:
        """The learner's answer to the step's question; True when it is right (the
        step's "answered" check then passes)."""
        question = self.step.question
        right = question is not None and choice == question.answer
        self.record.answered = self.record.answered or right
        self.observe()
        return right

    def observe(self) -> bool:
        """Note what the project shows now (activations tried, settings trained with,
        the walk's phase) and check again; True when the step's check passes.  Once
        passed, a step stays passed: the learner did it."""
        self._note()
        check = self.step.check
        if check is not None and not self.passed:
            self.result = self.evaluate()
            self.passed = self.result.passed
        return self.passed

    def evaluate(self) -> CheckResult:
        """The step's check as the project stands (Check pressed)."""
        check = self.step.check
        if check is None:
            return CheckResult(True)
        return Checker(self.session, self.facts, self.record).evaluate(check)

    def _note(self) -> None:
        record, session = self.record, self.session
        phase = self.facts.walkthrough_phase()
        if phase in PHASES:
            record.phase = max(record.phase, PHASES.index(phase))
        network = session.display_network()
        for layer, neuron in _watched(self.step.check):
            if network is not None and 1 <= layer < network.n_layers \
                    and (neuron is None or neuron < network.sizes[layer]):
                record.activations.setdefault((layer, neuron), set()).add(
                    network.activation_of(layer, neuron).name)
        if session.project is not None:
            step = session.progress()[1]
            if step > record.last_step:   # training ran since: note what with
                for name in CONFIG_FIELDS:
                    value = getattr(session.config, name)
                    if value is not None:
                        record.trained_with.setdefault(name, set()).add(float(value))
            record.last_step = step


def _watched(check: dict | None) -> list[tuple[int, int | None]]:
    """The neurons whose activations a step's check asks about (tried_activations)."""
    if check is None:
        return []
    if check["check"] in ("all", "any"):
        return [place for inner in check["checks"] for place in _watched(inner)]
    if check["check"] == "tried_activations":
        return [(check["layer"], check.get("neuron"))]
    return []
