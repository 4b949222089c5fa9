"""Lesson checks on hand-built session states, against numbers worked out by hand."""

import math

import numpy as np
import pytest

from nnsim.session import DataState, Session
from nnsim.session.lessonchecks import Checker, StepRecord
from nnsim.session.lessons import LessonRun, run_session_action
from nnsim.simulator.dataset import REGRESSION, Dataset
from nnsim.simulator.lessonformat import bundled_lessons, load_lesson
from nnsim.simulator.project import Project
from nnsim.simulator.resources import resource_path

FESTIVAL = [[0, 0, 0], [1, 0, 1], [0, 1, 0], [1, 1, 1]]


class Facts:
    """The window's facts, set by hand."""

    def __init__(self, selected=None, phase=None, digit=None):
        self.selected, self.phase, self.digit = selected, phase, digit

    def selected_neuron(self):
        return self.selected

    def walkthrough_phase(self):
        return self.phase

    def digit_prediction(self):
        return self.digit


@pytest.fixture
def session(settle):
    made = Session(paced=False)
    made.settle = lambda: settle(made)
    yield made
    made.shutdown()


def example(session, name):
    session.open(resource_path("examples", f"{name}.nnsim.json"))
    return session


def check(session, spec, facts=None, record=None):
    return Checker(session, facts or Facts(), record or StepRecord()).evaluate(spec)


def lesson(lesson_id):
    return next(load_lesson(p) for p in bundled_lessons() if lesson_id in p.name)


def test_the_first_articles_neuron_gives_z_6_3_and_a_0_998167(session):
    example(session, "single-neuron")
    # z = 0.2·1 + 0.5·2 + 0.9·3 + 0.1·4 + 2 = 6.3; a = 1 / (1 + e^−6.3)
    a = 1 / (1 + math.exp(-6.3))
    assert a == pytest.approx(0.9981670610575072, abs=1e-15)
    z_check = {"check": "output", "inputs": [1, 2, 3, 4], "of": "z", "op": "==",
               "value": 6.3, "tolerance": 1e-12}
    assert check(session, z_check).passed
    a_check = {"check": "output", "inputs": [1, 2, 3, 4], "op": "==",
               "value": 0.9981670610575072, "tolerance": 1e-12}
    assert check(session, a_check).passed
    wrong = check(session, {**a_check, "value": 0.9981677575765})   # the article's typo
    assert not wrong.passed
    assert wrong.reason == "the output's a is 0.998167; it must be 0.998168"


def test_the_festival_truth_table_fails_for_the_bias_0_and_passes_for_minus_5(session):
    example(session, "festival-perceptron")
    table = {"check": "truth_table", "rows": FESTIVAL}
    expected = {0.0: "for inputs 0, 0 the output fires",     # step(0) = 1
                -3.0: "for inputs 0, 1 the output fires",    # 3 − 3 = 0 still fires
                -5.0: "",                                    # 7 − 5 ≥ 0 > 3 − 5
                -7.0: "",                                    # 7 − 7 = 0 fires, 3 − 7 not
                -7.5: "for inputs 1, 0 the output does not fire"}
    for bias, reason in expected.items():
        session.set_bias(1, 0, bias)
        result = check(session, table)
        assert (result.passed, result.reason) == (reason == "", reason), bias


def test_the_digit_network_has_13002_parameters(session):
    project = Project.new([784, 16, 16, 10], output="softmax")
    session.open_project(project, DataState())
    assert check(session, {"check": "parameter_count", "equals": 13_002}).passed
    wrong = check(session, {"check": "parameter_count", "equals": 12_960})
    assert wrong.reason == "the network has 13,002 weights and biases"
    assert check(session, {"check": "layer_sizes", "sizes": [784, 16, 16, 10]}).passed
    assert check(session, {"check": "activation", "layer": 3, "is": "softmax"}).passed


def test_changed_compares_with_the_steps_beginning_in_the_asked_direction(session):
    example(session, "single-neuron")
    run = LessonRun(lesson("weights-and-bias"), session, Facts())
    run.begin(1)          # raise the bias: bias_changed up, and a above 0.998167
    assert not run.passed
    assert run.evaluate().reason == "the bias is 2, as it was: it must be raised"
    session.set_bias(1, 0, 1.5)
    assert not run.observe()
    session.set_bias(1, 0, 3.0)
    assert run.observe()
    # a = σ(7.3) = 0.99932...
    assert session.network.forward(np.array([[1, 2, 3, 4.0]]))[0, 0] == \
        pytest.approx(1 / (1 + math.exp(-7.3)))
    run.begin(3)          # lower weight 1: z = 7.3 − 5.2 = 2.1, a = 0.8909
    session.set_weight(0, 0, 0, -5.0)
    assert run.observe()
    assert 1 / (1 + math.exp(-2.1)) == pytest.approx(0.890903, abs=1e-6)


def test_a_question_passes_only_when_answered_right(session):
    example(session, "single-neuron")
    run = LessonRun(lesson("weights-and-bias"), session, Facts())
    run.begin(0)
    assert not run.answer(1) and not run.passed
    assert run.answer(0) and run.passed


def test_trained_with_and_epochs_follow_training(session):
    example(session, "xor-2-2-1")
    run = LessonRun(lesson("gradient-descent"), session, Facts())
    run.begin(1)
    run_session_action(session, {"do": "set_config", "field": "batch_size", "value": 1})
    assert session.config.batch_size == 1 and not run.observe()
    session.step_epoch()
    session.settle()
    assert run.observe()
    assert session.progress() == (1, 4)      # 4 samples, batch 1: 4 steps an epoch
    record = StepRecord(last_step=4)
    run_session_action(session, {"do": "set_config", "field": "batch_size", "value": 2})
    session.step_epoch()
    session.settle()
    assert session.progress() == (2, 6)      # batch 2: 2 more steps
    assert check(session, {"check": "epochs", "op": ">=", "value": 2}).passed
    assert check(session, {"check": "config", "field": "batch_size", "op": "==",
                           "value": 2}).passed
    run.record = record
    run.observe()
    assert record.trained_with["batch_size"] == {2.0}


def test_dead_and_saturated_neurons_are_counted_as_the_canvas_flags_them(session):
    example(session, "xor-2-4-1")
    run_session_action(session, {"do": "set_activation", "layer": 1, "activation": "relu"})
    dead = {"check": "dead_neurons", "op": ">=", "value": 1}
    assert check(session, dead).reason == "the dead neurons is 0; it must be at least 1"
    session.set_bias(1, 0, -10.0)   # inputs 0/1, |w| < 1.1: z < 0 for every sample
    assert check(session, dead).passed
    assert check(session, {"check": "dead_neurons", "op": "==", "value": 1}).passed
    run_session_action(session, {"do": "set_activation", "layer": 1, "activation": "sigmoid"})
    # σ(−10 + w·x) < 0.0001 for every sample: at the lower bound, saturated
    assert check(session, {"check": "saturated_neurons", "op": "==", "value": 1}).passed
    assert check(session, {"check": "dead_neurons", "op": "==", "value": 0}).passed


def test_gradient_ratio_matches_a_hand_derived_backward_pass(session):
    # 1-1-1, linear: x = 1, w₀ = 2, w₁ = 3, y = 0.  a₁ = 2, a₂ = 6, E = ½a₂²:
    # dE/dw₁ = a₂·a₁ = 12, dE/dw₀ = a₂·w₁·x = 18, ratio 1.5
    project = Project.new([1, 1, 1], hidden="linear", output="linear")
    project.network.set_weight(0, 0, 0, 2.0)
    project.network.set_weight(1, 0, 0, 3.0)
    data = Dataset("hand", np.array([[1.0]]), np.array([[0.0]]), REGRESSION)
    session.open_project(project, DataState(train=data))
    assert session.network.loss_name == "squared_error"
    ratio = {"check": "gradient_ratio", "op": "==", "value": 1.5, "tolerance": 1e-12}
    assert check(session, ratio).passed


def test_tried_activations_collects_what_the_neuron_had_during_the_step(session):
    example(session, "single-neuron")
    run = LessonRun(lesson("activation-functions"), session, Facts())
    run.begin(1)
    names = ["step", "linear", "sigmoid", "tanh", "relu", "leaky_relu"]
    for name in names[:-1]:
        run_session_action(session, {"do": "set_activation", "layer": 1, "neuron": 0,
                                     "activation": name})
        assert not run.observe()
    assert run.evaluate().reason == "not tried yet: leaky relu"
    run_session_action(session, {"do": "set_activation", "layer": 1, "neuron": 0,
                                 "activation": "leaky_relu"})
    assert run.observe()


def test_window_facts_and_combinators(session):
    example(session, "xor-2-2-1")
    record = StepRecord()
    facts = Facts(selected=(1, 0), phase="backward", digit="3")
    run = LessonRun(lesson("chain-rule"), session, facts)
    run.begin(1)
    assert run.passed                      # backward is past the error
    run.begin(2)
    assert not run.passed                  # update not reached yet
    facts.phase = "update"
    assert run.observe()
    selected = {"check": "selected_neuron", "layer": 1, "neuron": 0}
    assert check(session, selected, facts).passed
    assert not check(session, {**selected, "neuron": 1}, facts).passed
    assert check(session, {"check": "digit_predicted", "label": "3"}, facts).passed
    assert not check(session, {"check": "digit_predicted", "label": "8"}, facts).passed
    assert not check(session, {"check": "digit_predicted"}, Facts()).passed
    both = {"check": "all", "checks": [selected, {"check": "answered"}]}
    assert check(session, both, facts, record).reason == "answer the question first"
    either = {"check": "any", "checks": [selected, {"check": "answered"}]}
    assert check(session, either, facts, record).passed


def test_a_metric_is_judged_on_the_frame_shown(session):
    example(session, "digits-64-16-16-10")
    accuracy = {"check": "metric", "metric": "test_accuracy", "op": ">=", "value": 0.9}
    before = check(session, accuracy)
    assert not before.passed and before.reason.startswith("test accuracy is 0.")
    for _ in range(8):
        session.step_epoch()
        session.settle()
    shown = session.frame().metrics.test_accuracy
    assert check(session, accuracy).passed == (shown >= 0.9)
    assert shown >= 0.9


def test_checks_without_a_network_say_so(session):
    assert check(session, {"check": "parameter_count", "equals": 1}).reason == \
        "open a network first"
    example(session, "xor-2-2-1")
    assert check(session, {"check": "bias", "layer": 5, "neuron": 0, "op": ">",
                           "value": 0}).reason == "the network has no layer 5"
    assert check(session, {"check": "output", "inputs": [1], "op": ">", "value": 0}) \
        .reason == "the check gives 1 inputs; the network has 2"
    with pytest.raises(ValueError, match="no neuron 7 in layer 1"):
        run_session_action(session, {"do": "set_bias", "layer": 1, "neuron": 7, "value": 0})


def test_weight_and_bias_comparisons_and_the_set_weight_action(session):
    example(session, "festival-perceptron")       # w = (7, 3), b = −5
    run_session_action(session, {"do": "set_weight", "block": 0, "i": 1, "j": 0,
                                 "value": 4.5})
    assert session.network.weights[0][1, 0] == 4.5
    session.undo()                                 # one undo step
    assert session.network.weights[0][1, 0] == 3.0
    session.redo()
    weight = {"check": "weight", "block": 0, "i": 1, "j": 0, "op": ">", "value": 4}
    assert check(session, weight).passed
    assert check(session, {**weight, "op": "<="}).reason == "the weight is 4.5; it must " \
                                                           "be at most 4"
    near = {"check": "bias", "layer": 1, "neuron": 0, "op": "==", "value": -5.05,
            "tolerance": 0.1}
    assert check(session, near).passed
    assert not check(session, {**near, "op": "!="}).passed
    assert check(session, {**near, "op": "!=", "tolerance": 0.01}).passed
    record = StepRecord(start_params=session.network.params.copy(), start_sizes=(2, 1))
    changed = {"check": "weight_changed", "block": 0, "i": 0, "j": 0}
    assert not check(session, changed, record=record).passed
    session.set_weight(0, 0, 0, 6.0)
    assert check(session, changed, record=record).passed
    assert check(session, {**changed, "direction": "down"}, record=record).passed
    assert check(session, {**changed, "direction": "up"}, record=record).reason == \
        "the weight went from 7 to 6: it must be raised"


def test_every_setting_metric_and_phase_a_lesson_may_name_has_its_words():
    from nnsim.session.lessonchecks import _PHASE_WORDS, _WORDS
    from nnsim.simulator.lessonvocab import CONFIG_FIELDS, METRICS, PHASES
    assert set(_WORDS) == {*CONFIG_FIELDS, *METRICS}
    assert set(_PHASE_WORDS) == set(PHASES)
