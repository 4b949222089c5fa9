"""Issue 13: every built-in lesson walked from start to end in the real window, as a
learner does it — the actions run, each task is done with the real widgets, each check
fails first where the lesson expects it (its hint shown) and then passes."""

import numpy as np
import pytest
from lessonsteps import (
    answer,
    answer_number_dialogs,
    check_fails,
    choose,
    choose_layer_activation,
    click,
    click_neuron,
    layer_menu,
    neuron_menu,
    next_step,
    panel_of,
    shown_step,
    type_into,
    wait_done,
)
from PySide6.QtCore import QPoint, Qt

from nnsim.simulator.activations import ACTIVATIONS


def test_the_dock_lists_eight_lessons_in_the_articles_order(window):
    panel = panel_of(window)
    assert window.docks["lessons"].widget() is panel
    titles = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert titles == ["1. One neuron", "2. Weights and bias",
                      "3. Activation functions", "4. The perceptron decides",
                      "5. Forward and backward", "6. Gradient descent and batches",
                      "7. Dead ReLUs and vanishing gradients", "8. The digit network"]
    assert window.session.project is None    # nothing opened before a lesson is chosen


def test_lesson_1_one_neuron(qtbot, window):
    choose(qtbot, window, 0)
    assert window.session.network.sizes == [4, 1]
    assert shown_step(window) == "Step 1 of 4: A neuron adds and squashes"
    assert not panel_of(window).check_button.isVisible()      # a reading step
    next_step(qtbot, window, "Look inside")
    check_fails(qtbot, window, "Select the neuron on the canvas", "Hint: It is the single")
    click_neuron(qtbot, window, 1, 0)
    wait_done(qtbot, window)
    assert "6.3" in window.inspector.text()
    next_step(qtbot, window, "Work out z")
    answer(qtbot, window, 0, 1)
    wait_done(qtbot, window)
    next_step(qtbot, window, "Squash it")
    answer(qtbot, window, 2, 1)
    wait_done(qtbot, window, last=True)
    assert panel_of(window).list.item(0).text().endswith("  ·  ✓ done")


def test_lesson_2_weights_and_bias(qtbot, window):
    choose(qtbot, window, 1)
    perceptron = window.perceptron
    assert window.docks["perceptron"].isVisible()
    answer(qtbot, window, 1, 0)                         # "will a rise?": rise
    wait_done(qtbot, window)
    next_step(qtbot, window, "Raise the bias")
    check_fails(qtbot, window, "The bias is 2, as it was: it must be raised", "Hint: Type 3")
    type_into(qtbot, perceptron.bias_row.field, "3")
    wait_done(qtbot, window)
    assert window.session.network.biases[0][0] == 3.0
    next_step(qtbot, window, "Predict a weight's effect")
    answer(qtbot, window, 0, 1)
    next_step(qtbot, window, "Lower a weight")
    check_fails(qtbot, window, "The weight is 0.2, as it was: it must be lowered")
    type_into(qtbot, perceptron.weight_rows[0].field, "-5")
    wait_done(qtbot, window, last=True)
    a = window.session.network.forward(np.array([[1.0, 2, 3, 4]]))[0, 0]
    assert a == pytest.approx(1 / (1 + np.exp(-2.1)))     # z = −5 + 1 + 2.7 + 0.4 + 3


def test_lesson_3_activation_functions(qtbot, window, monkeypatch):
    choose(qtbot, window, 2)
    next_step(qtbot, window, "Try them all")
    check_fails(qtbot, window, "Not tried yet: step, linear, tanh, relu, leaky relu")
    for name in ("step", "linear", "tanh", "relu", "leaky_relu"):
        neuron_menu(monkeypatch, window, 1, 0, "Activation", ACTIVATIONS[name].label)
        assert window.session.network.activation_of(1, 0).name == name
    wait_done(qtbot, window)
    next_step(qtbot, window, "Which keep z?")
    answer(qtbot, window, 1, 0)
    next_step(qtbot, window, "Softmax")
    answer(qtbot, window, 1, 0)
    next_step(qtbot, window, "See it")
    assert window.session.network.activation_of(1, 0).name == "sigmoid"   # fresh again
    check_fails(qtbot, window, "That neuron's activation is Sigmoid")
    choose_layer_activation(monkeypatch, "Softmax")
    layer_menu(monkeypatch, window, 1, "Size and activation…")
    wait_done(qtbot, window, last=True)
    assert window.session.network.forward(np.array([[1.0, 2, 3, 4]]))[0, 0] == 1.0


def test_lesson_4_the_festival_threshold(qtbot, window):
    choose(qtbot, window, 3)
    session, perceptron = window.session, window.perceptron
    assert session.network.biases[0][0] == 0.0          # the lesson starts from b = 0
    next_step(qtbot, window, "Predict")
    answer(qtbot, window, 1, 0)
    next_step(qtbot, window, "Set the threshold")
    check_fails(qtbot, window, "For inputs 0, 0 the output fires",
                "Hint: The threshold −b must be above 3 and at most 7")
    slider = perceptron.bias_row.slider
    slider.setFocus()
    for _ in range(30):                                  # b = −3: the friend alone still fires
        qtbot.keyClick(slider, Qt.Key_Left)
    assert session.network.biases[0][0] == pytest.approx(-3.0)
    check_fails(qtbot, window, "For inputs 0, 1 the output fires")
    for _ in range(20):
        qtbot.keyClick(slider, Qt.Key_Left)
    wait_done(qtbot, window, last=True)
    assert session.network.biases[0][0] == pytest.approx(-5.0)


def test_lesson_5_walk_forward_and_backward(qtbot, window):
    choose(qtbot, window, 4)
    next_step(qtbot, window, "Forward")
    walk, bar = window.walkthrough, window.walkthrough_bar
    assert walk.active and walk.steps[walk.index].kind == "forward"
    check_fails(qtbot, window, "The walk-through has not reached the error pass")
    while walk.steps[walk.index].kind != "error":
        click(qtbot, bar.next)
    wait_done(qtbot, window)
    next_step(qtbot, window, "Backward")
    check_fails(qtbot, window, "not reached the update pass")
    while walk.steps[walk.index].kind != "update":
        click(qtbot, bar.next)
    wait_done(qtbot, window)
    next_step(qtbot, window, "The last link")
    answer(qtbot, window, 2, 0)
    wait_done(qtbot, window, last=True)


def test_lesson_6_batch_sizes(qtbot, window):
    choose(qtbot, window, 5)
    session, training = window.session, window.training_panel
    next_step(qtbot, window, "SGD: batch size 1")
    check_fails(qtbot, window, "Not trained yet with batch size 1")
    for size, title in ((1, "Batch: all 4"), (4, "Mini-batch: 2"), (2, "Count the steps")):
        type_into(qtbot, training.batch_size, str(size))
        assert session.config.batch_size == size
        click(qtbot, training.epoch_button)
        qtbot.waitUntil(lambda: not session.busy, timeout=10_000)
        wait_done(qtbot, window)
        next_step(qtbot, window, title)
    assert session.progress() == (3, 4 + 1 + 2)          # 4 samples: 4, 1 and 2 steps
    answer(qtbot, window, 2, 1)
    wait_done(qtbot, window, last=True)


def test_lesson_7_dead_and_saturated(qtbot, window, monkeypatch):
    choose(qtbot, window, 6)
    session = window.session
    assert session.network.activations[0] == "relu"
    next_step(qtbot, window, "Kill a neuron")
    check_fails(qtbot, window, "The dead neurons is 0; it must be at least 1")
    answer_number_dialogs(monkeypatch, qtbot, "-10")
    neuron_menu(monkeypatch, window, 1, 0, "Set bias…")
    assert session.network.biases[0][0] == -10.0
    wait_done(qtbot, window)
    next_step(qtbot, window, "Does it come back?")
    check_fails(qtbot, window, "The epochs trained is 0")
    click(qtbot, window.training_panel.epoch_button)
    qtbot.waitUntil(lambda: not session.busy, timeout=10_000)
    wait_done(qtbot, window)
    assert session.network.biases[0][0] == -10.0        # no gradient reached it
    next_step(qtbot, window, "A sigmoid saturates")
    assert session.network.activations[0] == "sigmoid"
    check_fails(qtbot, window, "The saturated neurons is 0")
    answer_number_dialogs(monkeypatch, qtbot, "10")
    neuron_menu(monkeypatch, window, 1, 0, "Set bias…")
    wait_done(qtbot, window)
    # ‖dE/dW‖ of the first layer over the last's on playground-circle's first 64 rows:
    # 0.33 with tanh, 0.0137 with sigmoid (shown 0.0136654), 1.14 with ReLU
    for title, label, found, last in (
            ("Gradients vanish", "Sigmoid", "is 0.33", False),
            ("ReLU keeps them", "ReLU", "is 0.0136", True)):
        next_step(qtbot, window, title)
        check_fails(qtbot, window, f"The first layer's gradient over the last's {found}")
        choose_layer_activation(monkeypatch, label)
        layer_menu(monkeypatch, window, 1, "Size and activation…")
        check_fails(qtbot, window)                 # one hidden layer is not enough yet
        layer_menu(monkeypatch, window, 2, "Size and activation…")
        wait_done(qtbot, window, last=last)
    assert session.network.activations == ["relu", "relu", "tanh"]


def test_lesson_8_the_digit_network(qtbot, window):
    choose(qtbot, window, 7)
    session = window.session
    # MNIST's files are not bundled: the network opens without its data, as main does
    assert session.network.sizes == [784, 16, 16, 10] and session.train_data is None
    check_fails(qtbot, window, "Answer the question first", "Hint: Add the weights")
    answer(qtbot, window, 0, 1)
    wait_done(qtbot, window)
    assert session.network.n_parameters == 13_002
    next_step(qtbot, window, "Train on 8×8 digits")
    check_fails(qtbot, window, "Test accuracy is 0.", "Hint: About 6 epochs")
    for _ in range(12):
        click(qtbot, window.training_panel.epoch_button)
        qtbot.waitUntil(lambda: not session.busy, timeout=10_000)
        if panel_of(window).next_button.isEnabled():
            break
    wait_done(qtbot, window)
    assert session.frame().metrics.test_accuracy >= 0.9
    next_step(qtbot, window, "Draw a digit")
    pad = window.digit_pad.pad
    assert pad.isVisible()
    square = pad.area.square()
    points = [QPoint(round(square.left() + square.width() * (0.5 + 0.25 * np.sin(t))),
                     round(square.top() + square.height() * (0.5 - 0.35 * np.cos(t))))
              for t in np.linspace(0, 2 * np.pi, 25)]
    qtbot.mousePress(pad.area, Qt.LeftButton, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(pad.area, point)
    qtbot.mouseRelease(pad.area, Qt.LeftButton, pos=points[-1])
    wait_done(qtbot, window, last=True)
    assert pad.verdict.text().startswith("It reads")
