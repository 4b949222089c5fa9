"""Check the gradients yourself: backpropagation against central differences, in a dialog.

One click (Train ▸ Check Gradients…, or the inspector's button) runs
``nnsim.simulator.gradcheck`` on ``session.display_network()`` (never the live network
while it trains) for the inspector's sample or the first training samples, and shows
per layer how far the chain rule's exact derivative and the numerical slope differ.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from nnsim.simulator.gradcheck import (
    KINKED,
    RELATIVE_STEP,
    TOLERANCE,
    GradientCheck,
    PartCheck,
    check_gradients,
)
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.network import Network, layer_name

from . import messages, theme
from .controller import Controller
from .plaintext import name

#: Training rows the Train menu's check uses (the inspector's button uses its one sample).
FIRST_SAMPLES = 16
#: Table rows shown without scrolling (a network of 6 layers has 12 parts).
MAX_ROWS_SHOWN = 12
COLUMNS = (QT_TRANSLATE_NOOP("ui.gradient_check", "Layer"),
           QT_TRANSLATE_NOOP("ui.gradient_check", "Part"),
           QT_TRANSLATE_NOOP("ui.gradient_check", "Checked"),
           QT_TRANSLATE_NOOP("ui.gradient_check", "Largest relative difference"),
           QT_TRANSLATE_NOOP("ui.gradient_check", "Result"),
           QT_TRANSLATE_NOOP("ui.gradient_check", "Where"))
#: The engine's names of a layer's parts ("weights", "biases"), as the table shows them.
PARTS = {"weights": QT_TRANSLATE_NOOP("ui.gradient_check", "weights"),
         "biases": QT_TRANSLATE_NOOP("ui.gradient_check", "biases")}
RESULT_COLUMN = 4


class GradientCheckDialog(QDialog):
    """A table of one check's parts and a sentence on what the numbers mean."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("ui.gradient_check", "Gradient check"))
        self.header = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [translate("ui.gradient_check", column) for column in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setMinimumWidth(700)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.verdict = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.explanation = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.explanation.setStyleSheet(f"color: {theme.MUTED};")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.again_button = buttons.addButton(translate("ui.gradient_check", "Check Again"),
                                              QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        for widget in (self.header, self.table, self.verdict, self.explanation):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def show_result(self, network: Network, result: GradientCheck, what: str) -> None:
        """``what`` names the samples checked, e.g. "sample #3 of the training data"."""
        self.header.setText(translate(
            "ui.gradient_check", "{checked} of {total} parameters checked on {what}, in "
            "float64 (loss {loss:.6g}).").format(
                checked=f"{result.checked:,}", total=f"{network.n_parameters:,}", what=what,
                loss=result.loss))
        self.table.setRowCount(len(result.parts))
        for row, part in enumerate(result.parts):
            for column, text in enumerate(_cells(network, part)):
                item = QTableWidgetItem(text)
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                elif column == RESULT_COLUMN:
                    item.setTextAlignment(Qt.AlignCenter)
                self.table.setItem(row, column, item)
            colour = theme.POSITIVE if part.passed else theme.ERROR
            self.table.item(row, RESULT_COLUMN).setForeground(QColor(colour))
        self.verdict.setText(verdict(result))
        self.explanation.setText(explanation(network, result))
        self._fit_table(len(result.parts))

    def _fit_table(self, rows: int) -> None:
        """As tall as its rows (up to MAX_ROWS_SHOWN, then it scrolls)."""
        table = self.table
        shown = min(rows, MAX_ROWS_SHOWN)
        height = table.horizontalHeader().height() + 2 * table.frameWidth() + \
            sum(table.rowHeight(r) for r in range(shown))
        table.setFixedHeight(height)
        self.resize(self.width(), self.sizeHint().height())


def _cells(network: Network, part: PartCheck) -> tuple[str, ...]:
    """One table row: layer, part, "checked of total", difference, result, place."""
    target = part.block + 1
    layer = layer_name(target, network.n_layers)
    checked = translate("ui.gradient_check", "{checked} of {total}").format(
        checked=f"{part.checked:,}", total=f"{part.total:,}")
    if part.skipped:
        checked += translate("ui.gradient_check", " ({count} skipped)").format(
            count=part.skipped)
    what = translate("ui.gradient_check", PARTS.get(part.part, part.part))
    if part.compared == 0:
        return layer, what, checked, "—", translate("ui.gradient_check", "nothing compared"), ""
    difference = f"{part.worst:.1e}" if part.worst else "0"
    result = translate("ui.gradient_check", "pass") if part.passed \
        else translate("ui.gradient_check", "FAIL")
    return layer, what, checked, difference, result, _place(network, part)


def _place(network: Network, part: PartCheck) -> str:
    """Where the largest difference is: "x2 → h1_3" for a weight, "h1_3" for a bias."""
    target = part.block + 1
    if part.part == "biases":
        return name(network.names[target][part.where[0]])
    i, j = part.where
    return f"{name(network.names[part.block][i])} → {name(network.names[target][j])}"


def verdict(result: GradientCheck) -> str:
    """The outcome in one sentence."""
    if result.passed and result.all_flat:
        return translate("ui.gradient_check",
                         "Every checked slope is exactly 0, by backpropagation and by the "
                         "differences alike: the loss does not change smoothly with these "
                         "parameters.")
    if result.passed:
        return translate("ui.gradient_check",
                         "Backpropagation agrees with the numerical slope everywhere it was "
                         "checked: the largest relative difference is {worst:.1e}, below "
                         "{tolerance:.0e}.").format(worst=result.worst, tolerance=TOLERANCE)
    return translate("ui.gradient_check",
                     "Backpropagation and the numerical slope disagree (largest relative "
                     "difference {worst:.1e}, above {tolerance:.0e}): a derivative is wrong, "
                     "or the network's numbers overflow.").format(worst=result.worst,
                                                                  tolerance=TOLERANCE)


def explanation(network: Network, result: GradientCheck) -> str:
    """What the numbers mean, and what was left out and why."""
    lines = [translate(
        "ui.gradient_check",
        "Backpropagation applies the chain rule, which gives the exact derivative dE/dw. "
        "The check nudges each chosen parameter by ±h (h = {step:.0e} × max(1, |w|)) and "
        "measures (E(w + h) − E(w − h)) / 2h. That estimate carries rounding error, so "
        "differences around 1e-8 to 1e-10 are rounding, not a mistake.").format(
            step=RELATIVE_STEP)]
    if result.skipped:
        lines.append(translate(
            "ui.gradient_check",
            "{count} nudges moved a neuron across a kink (ReLU, leaky ReLU, ELU or step at "
            "z = 0), where the slope jumps: the estimate there mixes two slopes, so those "
            "parameters were skipped.").format(count=result.skipped))
    if network.untrainable_layers():
        lines.append(translate(
            "ui.gradient_check",
            "Step neurons have no slope: every parameter before them gets 0 both ways, "
            "which agrees but means they cannot learn by gradient descent."))
    elif _has_kinks(network) and not result.skipped:
        lines.append(translate("ui.gradient_check",
                               "No nudge crossed a kink (z = 0) of a ReLU-like neuron."))
    return "\n\n".join(lines)


def _has_kinks(network: Network) -> bool:
    return any(network.activation_of(layer, j).name in KINKED
               for layer in range(1, network.n_layers) for j in range(network.sizes[layer]))


class GradientCheckController(Controller):
    """Runs a check when asked and shows it in one reused dialog."""

    def __init__(self, window):
        super().__init__(window)
        self.dialog: GradientCheckDialog | None = None
        self._last_request = self.check_first_samples
        window.inspector.gradientCheckRequested.connect(self.check_inspected_sample)
        self.on(self._close, "project_replaced")

    def check_first_samples(self) -> None:
        """The first FIRST_SAMPLES training rows (a mini-batch's worth)."""
        self._last_request = self.check_first_samples
        network, data = self.session.display_network(), self.session.train_data
        if network is None or data is None or data.n_samples == 0:
            self._refuse(translate("ui.gradient_check", "Open a network with data first."))
            return
        rows = min(FIRST_SAMPLES, data.n_samples)
        try:
            targets = data.targets_for(network.activations[-1], network.sizes[-1])
        except ValueError as error:
            self._refuse(str(error))
            return
        what = translate("ui.gradient_check", "the first {count} training samples").format(
            count=rows) if rows > 1 else translate("ui.gradient_check", "the training sample")
        self._run(network, data.inputs[:rows], targets[:rows], what)

    def check_inspected_sample(self) -> None:
        """The sample the inspector shows."""
        self._last_request = self.check_inspected_sample
        network, sample = self.session.display_network(), self.window.inspector.current_sample()
        if network is None or sample is None or sample[1] is None:
            self._refuse(translate("ui.gradient_check",
                                   "The inspector has no sample with a target for this network."))
            return
        index = self.window.inspector.sample_spin.value()
        self._run(network, sample[0], sample[1], translate(
            "ui.gradient_check", "sample #{index} of the training data").format(index=index))

    def _run(self, network: Network, inputs, targets, what: str) -> None:
        try:
            result = check_gradients(network, inputs, targets)
        except ValueError as error:
            self._refuse(str(error))
            return
        if self.dialog is None:
            self.dialog = GradientCheckDialog(self.window)
            self.dialog.again_button.clicked.connect(lambda: self._last_request())
        self.dialog.show_result(network, result, what)
        self.dialog.show()
        self.dialog.raise_()

    def _close(self) -> None:
        """A check of the network that was open means nothing for the next one."""
        if self.dialog is not None:
            self.dialog.close()

    def _refuse(self, reason: str) -> None:
        messages.warn(self.window, translate("ui.gradient_check", "Gradient check"), reason)
