"""The bundled examples' titles and descriptions, for translation.

They live in the example files' headers (``resources/examples/*.nnsim.json``), where
Qt's ``lupdate`` cannot see them, so each is listed here once more, marked for the
"examples" context.  :func:`example_text` shows a header's text in the interface's
language: a bundled example's title or description translated, any other text (a
user's own file) exactly as written.  ``tests/test_example_texts.py`` checks that every
bundled example's title and description is listed (a new example must be added here).
"""

from __future__ import annotations

from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate

#: Every bundled example's title and description, as its file writes it.
EXAMPLE_TEXTS = frozenset((
    # and.nnsim.json
    QT_TRANSLATE_NOOP("examples", "AND"),
    QT_TRANSLATE_NOOP("examples",
                      "One sigmoid neuron learns AND: it fires only when both inputs are 1. "
                      "A single straight line separates it."),
    # digits-64-16-16-10.nnsim.json
    QT_TRANSLATE_NOOP("examples", "Handwritten digits, 8×8"),
    QT_TRANSLATE_NOOP("examples",
                      "The articles' digit network at a size that trains in seconds: "
                      "64 pixels, two hidden layers of 16 sigmoid neurons, 10 softmax "
                      "outputs, one per digit."),
    # festival-perceptron.nnsim.json
    QT_TRANSLATE_NOOP("examples", "Going to the music festival"),
    QT_TRANSLATE_NOOP("examples",
                      "A perceptron decides: your favourite singer plays (weight 7), a "
                      "friend comes along (weight 3), threshold 5 (bias -5). It goes for "
                      "the singer alone, not for the friend alone. A step neuron cannot "
                      "learn by gradient descent: change the weights and the bias by hand "
                      "instead."),
    # mnist-784-16-16-10.nnsim.json
    QT_TRANSLATE_NOOP("examples", "MNIST: 784-16-16-10"),
    QT_TRANSLATE_NOOP("examples",
                      "The network of the fourth article: 28×28 = 784 pixels, two hidden "
                      "layers of 16, 10 outputs: 13,002 weights and biases. MNIST is not "
                      "bundled: put its four files (train-… and t10k-…-ubyte.gz) in one "
                      "folder and choose it with Locate data… in the Data dock. "
                      "Fashion-MNIST's files work too."),
    # or.nnsim.json
    QT_TRANSLATE_NOOP("examples", "OR"),
    QT_TRANSLATE_NOOP("examples",
                      "One sigmoid neuron learns OR: it fires when either input is 1. "
                      "A single straight line separates it."),
    # playground-circle.nnsim.json
    QT_TRANSLATE_NOOP("examples", "TensorFlow Playground's first network"),
    QT_TRANSLATE_NOOP("examples",
                      "Two inputs, hidden layers of 4 and 2 tanh neurons, learning rate "
                      "0.03, batch size 10, half of the circle data held out for testing: "
                      "Playground's defaults. Watch the hidden neurons combine straight "
                      "lines into a closed curve."),
    # sine.nnsim.json
    QT_TRANSLATE_NOOP("examples", "Fitting a sine wave"),
    QT_TRANSLATE_NOOP("examples",
                      "Regression: the network learns y = sin(x) from 200 noisy points. "
                      "A linear output neuron can give any value; the loss is the squared "
                      "error."),
    # single-neuron.nnsim.json
    QT_TRANSLATE_NOOP("examples", "A single neuron"),
    QT_TRANSLATE_NOOP("examples",
                      "The neuron from the first article: inputs 1, 2, 3, 4, weights 0.2, "
                      "0.5, 0.9, 0.1 and bias 2 give z = 6.3 and sigmoid(z) = 0.99817. "
                      "Click it to follow the arithmetic. Training moves it towards the "
                      "target 1 only in tiny steps: the sigmoid is almost flat there, so "
                      "its gradient nearly vanishes."),
    # spiral.nnsim.json
    QT_TRANSLATE_NOOP("examples", "Two spirals"),
    QT_TRANSLATE_NOOP("examples",
                      "Two interleaved spiral arms need a deeper network: three hidden "
                      "layers of 16 ReLU neurons, trained with Adam. Look for dead ReLUs "
                      "that never light up."),
    # xor-2-2-1.nnsim.json
    QT_TRANSLATE_NOOP("examples", "XOR with 2 hidden neurons"),
    QT_TRANSLATE_NOOP("examples",
                      "XOR is 1 when exactly one input is 1; no single line separates it, "
                      "so it needs a hidden layer. Two hidden neurons are just enough."),
    # xor-2-4-1.nnsim.json
    QT_TRANSLATE_NOOP("examples", "XOR with 4 hidden neurons"),
    QT_TRANSLATE_NOOP("examples",
                      "XOR with four hidden neurons: more room than it needs, so it learns "
                      "reliably from most starting weights."),
))


def example_text(text: str) -> str:
    """``text`` from a file's header as the interface shows it: translated when it is
    a bundled example's title or description, else as written (a user's own text
    never reaches the translator)."""
    return translate("examples", text) if text in EXAMPLE_TEXTS else text
