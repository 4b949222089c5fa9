"""The walk-through dock's controls: the sample, Back / Next, Play slowly, where the walk
is and what happens in that phase.  ``walkthrough.WalkthroughController`` drives it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.walkthrough import BACKWARD, ERROR, FORWARD, UPDATE

from . import theme
from .plaintext import plain_label

#: Seconds per step when playing slowly.
PACES = [(QT_TRANSLATE_NOOP("ui.walkthrough_bar", "every 0.5 s"), 0.5),
         (QT_TRANSLATE_NOOP("ui.walkthrough_bar", "every 1 s"), 1.0),
         (QT_TRANSLATE_NOOP("ui.walkthrough_bar", "every 2 s"), 2.0)]
PHASES = {
    FORWARD: QT_TRANSLATE_NOOP(
        "ui.walkthrough_bar",
        "Forward pass: each neuron adds up its inputs times their weights, plus its bias "
        "(z), then applies its activation g (a = g(z))."),
    ERROR: QT_TRANSLATE_NOOP(
        "ui.walkthrough_bar",
        "Error: the loss compares the network's output ŷ with the target y."),
    BACKWARD: QT_TRANSLATE_NOOP(
        "ui.walkthrough_bar",
        "Backward pass (the chain rule): each neuron's δ = dE/dz = dE/da·g′(z), where "
        "dE/da sums the δ of the neurons it feeds times their weights; a weight's gradient "
        "is the δ it feeds times the activation it carries."),
    UPDATE: QT_TRANSLATE_NOOP(
        "ui.walkthrough_bar",
        "Update: the optimiser moves every weight against its gradient. This is the step "
        "this sample alone would give (a batch of one)."),
}


class WalkthroughBar(QWidget):
    """Back/Next/Play and the step's title; ``moved`` says which way the user went."""

    moved = Signal(int)            # -1 back, +1 next
    playToggled = Signal(bool)
    sampleChosen = Signal(int)
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        style = self.style()
        self.sample = QSpinBox(prefix=translate("ui.walkthrough_bar", "sample "))
        self.sample.setToolTip(translate("ui.walkthrough_bar",
                                         "The sample to walk through (the inspector's sample)"))
        self.back = QPushButton(style.standardIcon(QStyle.SP_ArrowBack),
                                translate("ui.walkthrough_bar", "Back"))
        self.back.setToolTip(translate("ui.walkthrough_bar", "The step before (←)"))
        self.next = QPushButton(style.standardIcon(QStyle.SP_ArrowForward),
                                translate("ui.walkthrough_bar", "Next"))
        self.next.setToolTip(translate("ui.walkthrough_bar", "The next step (→)"))
        self.play = QPushButton(style.standardIcon(QStyle.SP_MediaPlay),
                                translate("ui.walkthrough_bar", "Play"))
        self.play.setToolTip(translate(
            "ui.walkthrough_bar", "Step through the walk by itself at the pace chosen beside"))
        self.play.setCheckable(True)
        self.pace = QComboBox()
        for text, seconds in PACES:
            self.pace.addItem(translate("ui.walkthrough_bar", text), seconds)
        self.pace.setCurrentIndex(1)
        self.close_button = QPushButton(translate("ui.walkthrough_bar", "End walk"))
        self.position = QLabel()
        self.position.setStyleSheet(f"color: {theme.TEXT}; font-weight: 600;")
        # Wrapped rather than widening the window: long titles squeezed the side docks.
        self.position.setWordWrap(True)
        self.position.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.phase = plain_label()
        self.phase.setWordWrap(True)
        self.phase.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        # Room for the longest phase's text in a narrow canvas: three lines.
        self.phase.setMinimumHeight(3 * self.phase.fontMetrics().lineSpacing() + 2)
        self.phase.setStyleSheet(f"color: {theme.MUTED};")
        self._layout()
        self.back.clicked.connect(lambda: self.moved.emit(-1))
        self.next.clicked.connect(lambda: self.moved.emit(1))
        self.play.toggled.connect(self._play_toggled)
        self.sample.valueChanged.connect(self.sampleChosen)
        self.close_button.clicked.connect(self.closeRequested)

    def _layout(self) -> None:
        row = QHBoxLayout()
        for widget in (self.sample, self.back, self.next, self.play, self.pace):
            row.addWidget(widget)
        row.addStretch(1)
        where = QHBoxLayout()   # the title beside End walk: the bar stays narrow
        where.addWidget(self.position, 1)
        where.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(row)
        layout.addLayout(where)
        layout.addWidget(self.phase)

    def _play_toggled(self, on: bool) -> None:
        icon = QStyle.SP_MediaPause if on else QStyle.SP_MediaPlay
        self.play.setIcon(self.style().standardIcon(icon))
        self.play.setText(translate("ui.walkthrough_bar", "Pause") if on
                          else translate("ui.walkthrough_bar", "Play"))
        self.playToggled.emit(on)

    def seconds_per_step(self) -> float:
        return float(self.pace.currentData())

    def show_position(self, index: int, total: int, title: str, kind: str) -> None:
        self.position.setText(translate("ui.walkthrough_bar", "Step {number} of {total} · "
                                        "{title}").format(number=index + 1, total=total,
                                                          title=title))
        self.phase.setText(translate("ui.walkthrough_bar", PHASES[kind]))
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < total - 1)

    def show_unavailable(self, why: str) -> None:
        self.position.setText("")
        self.phase.setText(why)
        self.back.setEnabled(False)
        self.next.setEnabled(False)

    def set_samples(self, count: int, current: int) -> None:
        self.sample.blockSignals(True)
        self.sample.setRange(0, max(count - 1, 0))
        self.sample.setValue(current)
        self.sample.setSuffix(translate("ui.walkthrough_bar", " of {count}").format(
            count=f"{count:,}"))
        self.sample.blockSignals(False)

    def stop_playing(self) -> None:
        self.play.setChecked(False)
