"""The Training dock's seeds: a field for a seed and the padlock that keeps the weights'.

A seed is a whole number from 0 to ``limits.MAX_SEED``, what a network file holds; the
initial weights' seed may also be none (a file can say ``null``: weights drawn without
a seed), which the field shows as "none" and does not offer.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPen, QPixmap
from PySide6.QtWidgets import QToolButton

from nnsim.simulator.i18n import translate
from nnsim.simulator.limits import MAX_SEED

from . import theme
from .numbers import NumberRange, NumberSpinBox

#: Characters a seed field is sized for: a seed that Reset draws has at most ten digits
#: (longer typed ones scroll).
SHOWN_DIGITS = 10
#: The value that stands for "no seed" while one is shown (below every seed).
NO_SEED = -1
ICON_PX = 16


class SeedField(NumberSpinBox):
    """A seed, taken on Enter or leaving the field like every number of the dock."""

    def __init__(self, what: str, parent=None):
        super().__init__(NumberRange(what, 0, MAX_SEED, integer=True), parent=parent)

    def show_seed(self, seed: int | None) -> None:
        """Show ``seed``, or "none" for None (the range then starts there, so that
        stepping up from it gives seed 0)."""
        self.setSpecialValueText(translate("ui.seed_fields", "none") if seed is None else "")
        self.setMinimum(NO_SEED if seed is None else 0)
        self.setValue(NO_SEED if seed is None else seed)

    def seed(self) -> int | None:
        value = self.int_value()
        return None if value == NO_SEED else value

    def sizeHint(self) -> QSize:
        # Sized for the seeds Reset draws rather than for MAX_SEED's sixteen digits.
        hint = super().sizeHint()
        digits = self.fontMetrics().horizontalAdvance("0" * SHOWN_DIGITS)
        widest = self.fontMetrics().horizontalAdvance(self.textFromValue(MAX_SEED))
        return QSize(hint.width() - widest + digits, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class SeedLock(QToolButton):
    """A padlock, closed when checked: Reset then draws the same weights again."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setIconSize(QSize(ICON_PX, ICON_PX))
        icon = QIcon()
        icon.addPixmap(padlock(closed=False), QIcon.Normal, QIcon.Off)
        icon.addPixmap(padlock(closed=True), QIcon.Normal, QIcon.On)
        self.setIcon(icon)
        self.setAccessibleName(
            translate("ui.seed_fields", "Lock the seed of the initial weights"))
        self.toggled.connect(self._explain)
        self._explain(False)

    def _explain(self, locked: bool) -> None:
        self.setToolTip(translate(
            "ui.seed_fields", "Locked: Reset draws the same initial weights again, from "
            "this seed") if locked else translate(
            "ui.seed_fields", "Unlocked: Reset draws new initial weights from a new seed; "
            "click to keep this seed"))


def padlock(closed: bool) -> QPixmap:
    """A padlock ``ICON_PX`` square, its shackle shut (accent colour) or swung open."""
    pixmap, painter = theme.icon_canvas(ICON_PX)
    color = QColor(theme.ACCENT if closed else theme.MUTED)
    painter.setPen(QPen(color, 1.6, Qt.SolidLine, Qt.RoundCap))
    # The shackle: an arch over the body, or swung out to the right with one leg free.
    x = 3.5 if closed else 9.0
    painter.drawArc(QRectF(x, 1.5, 6, 7), 0, 180 * 16)
    painter.drawLine(QPointF(x, 5), QPointF(x, 8))
    painter.drawLine(QPointF(x + 6, 5), QPointF(x + 6, 8 if closed else 6))
    painter.setPen(Qt.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(2, 7.5, 9, 7), 1.5, 1.5)
    painter.end()
    return pixmap
