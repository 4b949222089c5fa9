"""Help → Concepts: what each idea of the source articles is and where nnsim shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from . import theme

CONCEPTS = [
    ("Neuron", "A weighted sum of its inputs plus a bias, z = w·x + b, passed through an "
     "activation a = g(z).", "Click any neuron: the inspector writes out z and a with the "
     "real numbers."),
    ("Weights and bias", "Weights scale the inputs; the bias shifts where the activation "
     "switches on.", "Connections are blue (positive) or orange (negative); thicker means "
     "larger |w|. Select one to see its value and gradient."),
    ("Activation functions", "Step, linear, sigmoid, tanh, ReLU, leaky ReLU, ELU, "
     "softplus, SiLU and softmax bend the weighted sum.", "Each layer's label names its "
     "activation; the inspector plots g and g′ with the neuron's current z marked."),
    ("Softmax", "Turns the output layer into probabilities that sum to 1, for "
     "classification.", "Use a softmax output with cross-entropy; the data view shows the "
     "winning class."),
    ("Loss", "How wrong the network is: squared error ½(y − ŷ)², cross-entropy, binary "
     "cross-entropy, averaged over the batch.", "Choose it in the Training dock; the "
     "loss plot follows it live."),
    ("Backpropagation", "The chain rule carries dE/da and dE/dz backwards, layer by layer, "
     "to every dE/dw.", "The inspector shows dE/da, dE/dz and each incoming dE/dw for the "
     "selected sample."),
    ("Gradient descent", "Every weight moves against its gradient: w ← w − η·dE/dw.",
     "Set η (learning rate) and the optimizer in the Training dock; Step does one update."),
    ("Batch, mini-batch, SGD, epoch", "Batch size 1 is stochastic gradient descent, the "
     "whole set is batch gradient descent, anything between is mini-batch; an epoch is one "
     "pass over the data.", "Batch size and the epoch limit are in the Training dock; the "
     "counter shows epochs and steps."),
    ("Initialisation", "Weights start random (biases at 0) so neurons differ.",
     "The Training dock shows the seed they were drawn from; Reset draws new ones from a "
     "new seed unless the padlock keeps it."),
    ("Dead ReLUs, saturation, vanishing and exploding gradients", "Units stuck at 0 or at "
     "their bounds stop learning; gradients can shrink or blow up through many layers.",
     "The Activations dock flags dead and saturated units and plots gradient norms per "
     "layer."),
    ("Deep networks", "More hidden layers compose more complex functions.",
     "Open the spiral or digits examples, or add layers."),
]


class ConceptsDialog(QDialog):
    """A read-only page listing the concepts and where to see each."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Concepts — nnsim")
        self.resize(720, 640)
        browser = QTextBrowser()
        browser.setOpenExternalLinks(True)
        browser.setHtml(concepts_html())
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)


def concepts_html() -> str:
    rows = "".join(
        f"<h3 style='color:{theme.TEXT}'>{name}</h3><p>{what}</p>"
        f"<p style='color:{theme.ACCENT}'>In nnsim: {where}</p>"
        for name, what, where in CONCEPTS)
    return f"<div style='color:{theme.MUTED}'>{rows}</div>"
