"""The timeline bar under the loss plot: the run's saved moments on a track to drag
along, what is being viewed, and the buttons to restore, replay and go back to now.

Only widgets: ``timeline_controller.TimelineController`` binds them to the session.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.i18n import translate

from . import theme
from .plaintext import plain_label

#: Replay speeds, in checkpoints shown per second.
REPLAY_SPEEDS = (2, 5, 10, 20, 30)
#: The memory budget's range in MB (the spin box).
BUDGET_RANGE_MB = (16, 8192)


class TimelineTrack(QWidget):
    """A track from epoch 0 to now with a tick at each saved moment and a handle on
    the one viewed (at the right end, "now", when viewing the present).

    Mouse: press or drag to the nearest moment; keys: Left/Right the previous or next
    moment, Home the first, End (or the far right) the present.
    """

    #: The user picked the moment at this index of the positions.
    momentChosen = Signal(int)
    #: The user picked the present.
    nowChosen = Signal()

    MARGIN = 10

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.positions: list[float] = []   # epochs, ascending
        self.end = 0.0                      # the present's epoch
        self.current: int | None = None     # the index viewed, None: the present
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMinimumHeight(30)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setAccessibleName(translate("ui.timeline_bar", "Run timeline"))
        self.setToolTip(translate(
            "ui.timeline_bar", "Drag to look at the network as it was at that moment; arrow "
            "keys step from one saved moment to the next, End returns to now"))

    def sizeHint(self) -> QSize:
        return QSize(300, 30)

    def set_moments(self, positions: list[float], end: float) -> None:
        self.positions, self.end = positions, max(end, positions[-1] if positions else 0.0)
        self.update()

    def set_current(self, index: int | None) -> None:
        self.current = index
        self.update()

    # -- geometry
    def x_of(self, epoch: float) -> float:
        """Where ``epoch`` is on the track, in pixels from the left."""
        width = self.width() - 2 * self.MARGIN
        return self.MARGIN + (epoch / self.end * width if self.end > 0 else width)

    def index_at(self, x: float) -> int | None:
        """The moment nearest ``x`` (pixels), or None for the present (nearer the
        right end than any moment, or no moments)."""
        candidates = [(abs(self.x_of(p) - x), i) for i, p in enumerate(self.positions)]
        candidates.append((abs(self.x_of(self.end) - x) - 0.5, None))  # ties: the present
        return min(candidates, key=lambda c: c[0])[1]

    # -- input
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self._choose(self.index_at(event.position().x()))

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.LeftButton:
            self._choose(self.index_at(event.position().x()))

    def keyPressEvent(self, event) -> None:
        last = len(self.positions) - 1
        current = self.current
        key = event.key()
        if key == Qt.Key_Home and self.positions:
            self._choose(0)
        elif key == Qt.Key_End:
            self._choose(None)
        elif key == Qt.Key_Left and self.positions:
            self._choose(last if current is None else max(0, current - 1))
        elif key == Qt.Key_Right and current is not None:
            self._choose(None if current >= last else current + 1)
        else:
            super().keyPressEvent(event)

    def _choose(self, index: int | None) -> None:
        if index == self.current:
            return
        if index is None:
            self.nowChosen.emit()
        else:
            self.momentChosen.emit(index)

    # -- painting
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        mid = self.height() / 2
        left, right = self.x_of(0.0), self.x_of(self.end)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(theme.SURFACE_RAISED))
        painter.drawRoundedRect(QRectF(left - 4, mid - 4, right - left + 8, 8), 4, 4)
        painter.setPen(QPen(QColor(theme.MUTED), 1))
        drawn = set()
        for position in self.positions:
            x = round(self.x_of(position))
            if x not in drawn:  # thousands of moments: one line per pixel at most
                drawn.add(x)
                painter.drawLine(QPointF(x, mid - 8), QPointF(x, mid - 5))
        viewing = self.current is not None
        x = self.x_of(self.positions[self.current]) if viewing else right
        color = QColor(theme.PAST if viewing else theme.ACCENT)
        painter.setPen(Qt.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(left - 4, mid - 2, x - left + 4, 4), 2, 2)
        painter.setPen(QPen(QColor(theme.TEXT if self.hasFocus() else theme.BACKGROUND), 2))
        painter.drawEllipse(QPointF(x, mid), 7, 7)


class TimelineBar(QWidget):
    """The track, a line saying what is shown, and the time-travel buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.track = TimelineTrack()
        self.state_label = plain_label()
        self.state_label.setObjectName("timelineState")
        self.state_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.back_button = QPushButton(translate("ui.timeline_bar", "Back to &now"))
        self.back_button.setToolTip(
            translate("ui.timeline_bar", "Show the network as it is now (End on the timeline)"))
        self.restore_button = QPushButton(translate("ui.timeline_bar", "&Restore this point"))
        self.restore_button.setToolTip(translate(
            "ui.timeline_bar", "Make this moment the present: its weights and training state; "
            "training goes on from here (Ctrl+Z undoes it)"))
        self.replay_button = QPushButton(translate("ui.timeline_bar", "Re&play"))
        self.replay_button.setCheckable(True)
        self.replay_button.setToolTip(translate(
            "ui.timeline_bar", "Play the saved moments of the run back in order, without "
            "training again"))
        self.replay_speed = QComboBox()
        self.replay_speed.addItems([translate("ui.timeline_bar", "{n} / s").format(n=n)
                                    for n in REPLAY_SPEEDS])
        self.replay_speed.setCurrentIndex(REPLAY_SPEEDS.index(10))
        self.replay_speed.setToolTip(
            translate("ui.timeline_bar", "Saved moments shown per second while replaying"))
        self.replay_speed.setAccessibleName(translate("ui.timeline_bar", "Replay speed"))
        self.budget_label = plain_label()
        self.budget = QSpinBox()
        self.budget.setRange(*BUDGET_RANGE_MB)
        self.budget.setSingleStep(64)
        self.budget.setSuffix(translate("ui.timeline_bar", " MB"))
        self.budget.setAccessibleName(translate("ui.timeline_bar", "Timeline memory budget"))
        self.budget.setToolTip(translate(
            "ui.timeline_bar", "Memory the run's saved moments may use: when it is full, "
            "moments are thinned, keeping the early ones densest"))
        self._lay_out()
        self.show_state("", viewing=False)

    def _lay_out(self) -> None:
        rows = [[self.state_label, self.back_button],
                [self.restore_button, self.replay_button, self.replay_speed, None],
                [self.budget_label, self.budget, None]]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.track)
        for widgets in rows:
            row = QHBoxLayout()
            for widget in widgets:
                if widget is None:
                    row.addStretch(1)
                else:
                    row.addWidget(widget, 1 if widget is self.state_label else 0)
            layout.addLayout(row)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def show_state(self, text: str, viewing: bool) -> None:
        """``text`` in the state line: highlighted while looking at the past."""
        self.state_label.setText(text)
        if viewing == self.back_button.isEnabled() and self.state_label.styleSheet():
            return  # restyling costs a polish of the label: only when the state changes
        style = (f"background: {theme.PAST}; color: {theme.BACKGROUND}; font-weight: 600;"
                 if viewing else f"color: {theme.MUTED};")
        self.state_label.setStyleSheet(f"QLabel {{ {style} border-radius: 3px; "
                                       f"padding: 2px 6px; }}")
        self.back_button.setEnabled(viewing)
        self.restore_button.setEnabled(viewing)

    @property
    def replay_per_second(self) -> int:
        return REPLAY_SPEEDS[self.replay_speed.currentIndex()]


def budget_text(count: int, nbytes: int) -> str:
    """"143 saved moments · 41 MB of" (the spin box with the budget follows)."""
    size = f"{nbytes / 2**20:,.1f}"
    if count == 1:
        return translate("ui.timeline_bar", "1 saved moment · {size} MB of").format(size=size)
    return translate("ui.timeline_bar", "{count} saved moments · {size} MB of").format(
        count=f"{count:,}", size=size)
