"""Help → Concepts: what each idea of the source articles is and where nnsim shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate

from . import theme

#: (name, what it is, where nnsim shows it); translated where shown.
CONCEPTS = [
    (QT_TRANSLATE_NOOP("ui.concepts", "Neuron"),
     QT_TRANSLATE_NOOP("ui.concepts", "A weighted sum of its inputs plus a bias, z = w·x "
                       "+ b, passed through an activation a = g(z)."),
     QT_TRANSLATE_NOOP("ui.concepts", "Click any neuron: the inspector writes out z and "
                       "a with the real numbers.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Weights and bias"),
     QT_TRANSLATE_NOOP("ui.concepts", "Weights scale the inputs; the bias shifts where "
                       "the activation switches on."),
     QT_TRANSLATE_NOOP("ui.concepts", "Connections are blue (positive) or orange "
                       "(negative); thicker means larger |w|. Select one to see its "
                       "value and gradient.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Activation functions"),
     QT_TRANSLATE_NOOP("ui.concepts", "Step, linear, sigmoid, tanh, ReLU, leaky ReLU, "
                       "ELU, softplus, SiLU and softmax bend the weighted sum."),
     QT_TRANSLATE_NOOP("ui.concepts", "Each layer's label names its activation; the "
                       "inspector plots g and g′ with the neuron's current z marked.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Softmax"),
     QT_TRANSLATE_NOOP("ui.concepts", "Turns the output layer into probabilities that "
                       "sum to 1, for classification."),
     QT_TRANSLATE_NOOP("ui.concepts", "Use a softmax output with cross-entropy; the data "
                       "view shows the winning class.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Loss"),
     QT_TRANSLATE_NOOP("ui.concepts", "How wrong the network is: squared error ½(y − "
                       "ŷ)², cross-entropy, binary cross-entropy, averaged over the "
                       "batch."),
     QT_TRANSLATE_NOOP("ui.concepts", "Choose it in the Training dock; the loss plot "
                       "follows it live.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Backpropagation"),
     QT_TRANSLATE_NOOP("ui.concepts", "The chain rule carries dE/da and dE/dz backwards, "
                       "layer by layer, to every dE/dw."),
     QT_TRANSLATE_NOOP("ui.concepts", "The inspector shows dE/da, dE/dz and each "
                       "incoming dE/dw for the selected sample.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Gradient descent"),
     QT_TRANSLATE_NOOP("ui.concepts", "Every weight moves against its gradient: w ← w − "
                       "η·dE/dw."),
     QT_TRANSLATE_NOOP("ui.concepts", "Set η (learning rate) and the optimizer in the "
                       "Training dock; Step does one update.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Batch, mini-batch, SGD, epoch"),
     QT_TRANSLATE_NOOP("ui.concepts", "Batch size 1 is stochastic gradient descent, the "
                       "whole set is batch gradient descent, anything between is "
                       "mini-batch; an epoch is one pass over the data."),
     QT_TRANSLATE_NOOP("ui.concepts", "Batch size and the epoch limit are in the "
                       "Training dock; the counter shows epochs and steps.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Initialisation"),
     QT_TRANSLATE_NOOP("ui.concepts", "Weights start random (biases at 0) so neurons "
                       "differ."),
     QT_TRANSLATE_NOOP("ui.concepts", "The Training dock shows the seed they were drawn "
                       "from; Reset draws new ones from a new seed unless the padlock "
                       "keeps it.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Dead ReLUs, saturation, vanishing and exploding "
                       "gradients"),
     QT_TRANSLATE_NOOP("ui.concepts", "Units stuck at 0 or at their bounds stop "
                       "learning; gradients can shrink or blow up through many layers."),
     QT_TRANSLATE_NOOP("ui.concepts", "The Activations dock flags dead and saturated "
                       "units and plots gradient norms per layer.")),
    (QT_TRANSLATE_NOOP("ui.concepts", "Deep networks"),
     QT_TRANSLATE_NOOP("ui.concepts", "More hidden layers compose more complex "
                       "functions."),
     QT_TRANSLATE_NOOP("ui.concepts", "Open the spiral or digits examples, or add "
                       "layers.")),
]


class ConceptsDialog(QDialog):
    """A read-only page listing the concepts and where to see each."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("ui.concepts", "Concepts — nnsim"))
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
    """The page: each concept's name, what it is, and where nnsim shows it."""
    rows = []
    for name, what, where in CONCEPTS:
        name, what, where = (translate("ui.concepts", text) for text in (name, what, where))
        shown = translate("ui.concepts", "In nnsim: {where}").format(where=where)
        rows.append(f"<h3 style='color:{theme.TEXT}'>{name}</h3><p>{what}</p>"
                    f"<p style='color:{theme.ACCENT}'>{shown}</p>")
    return f"<div style='color:{theme.MUTED}'>{''.join(rows)}</div>"
