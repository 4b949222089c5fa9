"""Issue 12: the walk-through driven like a user — F6, the arrow keys, Back/Next, Play
slowly — with each callout compared with ``Network.trace`` and the inspector following."""

import numpy as np
from PySide6.QtCore import Qt

from nnsim.simulator.network import Network
from nnsim.simulator.project import DatasetRef
from nnsim.ui.arithmetic import format_number


def xor_221(session) -> Network:
    """A 2-2-1 sigmoid network on the XOR gate, weights set by hand."""
    session.new_empty()
    session.edit_network("2-2-1", lambda _net: Network([2, 2, 1], ["sigmoid", "sigmoid"]))
    session.set_dataset(DatasetRef("xor"))
    session.set_weight(0, 0, 0, 5.0)
    session.set_weight(0, 1, 1, -3.0)
    session.set_bias(2, 0, 0.5)
    return session.network


def unwrapped(callout: str) -> list[str]:
    """The callout's lines with a long sum's continuation lines joined back."""
    lines = []
    for line in callout.splitlines():
        if line.startswith("    ") and lines:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return lines


def start_walk(qtbot, window):
    window.walk_action.trigger()
    bar = window.walkthrough_bar
    assert window.docks["walkthrough"].isVisible() and bar.position.text().startswith(
        "Step 1 of 8")
    return bar


def test_walking_a_2_2_1_xor_sample_forward_and_backward_shows_the_traces_numbers(
        qtbot, window):
    network = xor_221(window.session)
    window.inspector.sample_spin.setValue(2)           # x = (1, 0), y = 1
    bar = start_walk(qtbot, window)
    x, y = window.inspector.current_sample()
    trace = network.trace(x[None], y[None])
    n = format_number
    overlay = window.walkthrough.overlay
    for layer, j in ((1, 0), (1, 1), (2, 0)):          # forward, neuron by neuron
        callout = overlay.texts()[-1]
        assert unwrapped(callout)[1].endswith(f"= {n(trace.z[layer][0, j])}")
        assert unwrapped(callout)[2].endswith(f"= {n(trace.a[layer][0, j])}")
        assert window.inspection.selected == ("neuron", layer, j)
        assert "z = Σ" in window.inspector.text()       # the inspector follows
        qtbot.keyClick(window.canvas, Qt.Key_Right)
    assert unwrapped(overlay.texts()[-1])[1].endswith(f"= {n(trace.loss)}")   # error
    qtbot.mouseClick(bar.next, Qt.LeftButton)
    for layer in (2, 1):                               # backward, layer by layer
        labels = overlay.texts()
        for j in range(network.sizes[layer]):
            assert f"δ = {n(trace.dE_dz[layer][0, j])}" in labels
        for i in range(network.sizes[layer - 1]):
            for j in range(network.sizes[layer]):
                assert f"dE/dw = {n(trace.dE_dw[layer - 1][i, j])}" in labels
        qtbot.mouseClick(bar.next, Qt.LeftButton)
    assert "Update" in bar.position.text()
    qtbot.keyClick(window.canvas, Qt.Key_Left)
    assert "Backward · Hidden 1" in bar.position.text()


def test_the_update_step_is_the_chosen_optimisers(qtbot, window):
    from dataclasses import replace
    xor_221(window.session)
    session = window.session
    session.set_config(replace(session.config, optimizer="adam", learning_rate=0.1))
    bar = start_walk(qtbot, window)
    for _ in range(7):
        qtbot.mouseClick(bar.next, Qt.LeftButton)
    callout = window.walkthrough.overlay.texts()[-1]
    assert "Adam" in callout and "m ← β1·m + (1−β1)·g" in callout
    assert "w ← w − η·g" not in callout


def test_play_slowly_walks_to_the_end_and_end_walk_clears_the_canvas(qtbot, window):
    xor_221(window.session)
    bar = start_walk(qtbot, window)
    bar.pace.setCurrentIndex(0)
    qtbot.mouseClick(bar.play, Qt.LeftButton)
    qtbot.waitUntil(lambda: bar.position.text().startswith("Step 8 of 8"), timeout=10000)
    assert not bar.play.isChecked()                    # stops at the end
    qtbot.mouseClick(bar.close_button, Qt.LeftButton)
    assert not window.docks["walkthrough"].isVisible()
    assert window.walkthrough.overlay.texts() == []


def test_an_edit_during_the_walk_recomputes_it_in_place(qtbot, window):
    network = xor_221(window.session)
    bar = start_walk(qtbot, window)
    qtbot.mouseClick(bar.next, Qt.LeftButton)          # step 2: hidden neuron 2
    window.session.set_weight(0, 0, 1, 2.5)
    x, _ = window.inspector.current_sample()
    z = network.trace(x[None]).z[1][0, 1]
    assert bar.position.text().startswith("Step 2 of 8")
    assert unwrapped(window.walkthrough.overlay.texts()[-1])[1].endswith(
        f"= {format_number(z)}")
    assert np.isclose(window.session.network.weights[0][0, 1], 2.5)


def test_a_long_sum_wraps_before_its_terms_and_loses_nothing():
    from nnsim.ui.canvas.walk_overlay import wrapped
    line = "z = " + " + ".join(f"{k}.123456·0.654321" for k in range(10)) + " − 7 = 42"
    pieces = wrapped(line, 40)
    assert len(pieces) > 1 and all(len(p) <= 40 for p in pieces)
    assert all(p.startswith("    + ") or p.startswith("    − ") for p in pieces[1:])
    assert " ".join(p.strip() for p in pieces) == line
