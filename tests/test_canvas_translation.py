"""The canvas's, inspector's and walk-through's texts go through translate(): with a
translator installed, what they show is its translation, placeholders filled after it."""

import numpy as np
import pytest

from nnsim.simulator.walkthrough import FORWARD
from nnsim.ui.canvas.drop import Column, drop_target
from nnsim.ui.canvas.legend import Legend
from nnsim.ui.numbers import NumberRange
from nnsim.ui.palette import PaletteItem
from nnsim.ui.walkthrough_bar import WalkthroughBar

#: The contexts whose texts the test translator marks (the engine's, such as layer
#: names, stay as they are).
MARKED = {"ui.canvas.legend", "ui.canvas.drop", "ui.numbers", "ui.walkthrough_bar"}


@pytest.fixture
def translator(marking_translator):
    return marking_translator(lambda context: context in MARKED)


def test_the_legend_is_translated_at_display(translator):
    legend = Legend()
    legend.set_content(True, False, dead=True)
    assert [text for _, text in legend.rows] == [
        "«neuron activation: low → high»", "«positive weight»", "«negative weight»",
        "«colour strength = |w|»", "«full = largest |w| between the two layers»",
        "«dead ReLU: 0 for every probe sample»"]
    assert {context for context, _ in translator} == {"ui.canvas.legend"}


def test_a_drop_hint_fills_its_placeholders_after_translating(translator):
    columns = [Column(-10, 10, np.array([[0.0, 0.0]]), 50.0),
               Column(190, 210, np.array([[200.0, 0.0]]), 50.0)]
    preview = drop_target(PaletteItem("layer", "hidden", 4), columns, (100.0, 0.0))
    assert preview.text == "«{layer} between {before} and {after}»".format(
        layer="«new hidden layer of 4»", before="Input", after="Output")
    assert ("ui.canvas.drop", "new hidden layer of {size}") in translator


def test_a_refused_number_names_what_it_is_through_the_translator(translator):
    with pytest.raises(ValueError) as refused:
        NumberRange("the bias", 0, 1).parse("2")
    assert str(refused.value) == "«{what} must be {accepted}, not {text}.»".format(
        what="«the bias»", accepted="«a finite number from 0 to 1»",
        text="'2'")


def test_the_walkthrough_bar_shows_translated_texts(qtbot, translator):
    bar = WalkthroughBar()
    qtbot.addWidget(bar)
    bar.show_position(0, 3, "z of h1", FORWARD)
    assert bar.next.text() == "«Next»"
    assert bar.pace.itemText(1) == "«every 1 s»"
    assert bar.position.text() == "«Step {number} of {total} · {title}»".format(
        number=1, total=3, title="z of h1")
    assert bar.phase.text().startswith("«Forward pass:")
