"""Typed numbers: only finite values in a stated range, and a sentence when one is refused.

``float("1e999")`` is infinity and ``float("nan")`` is a number to Python, so a field that
simply parses what it is given lets them through (a learning rate of inf trained, then
could not be saved).  Every numeric input of the window is a ``NumberSpinBox`` (or, for the
learning rate's presets, parses with its ``NumberRange``): it takes what the user types,
scientific notation included, and refuses anything else with the range it accepts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.i18n import translate
from nnsim.simulator.safetext import one_line, quote

from . import theme
from .plaintext import plain_label

#: Digits QDoubleSpinBox keeps after the point (it rounds every value to them): its
#: maximum, so that 1e-12 stays 1e-12.
ALL_DECIMALS = 323


def _written(value: float) -> str:
    """A bound as a sentence writes it: 1,024, 0.5, 1e-08."""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:g}"


@dataclass(frozen=True)
class NumberRange:
    """What a numeric input accepts: finite numbers from ``low`` to ``high`` inclusive
    (whole ones if ``integer``); ``what`` names it in a sentence.

    ``what`` is translated where it is shown, in the "ui.numbers" context: ranges built
    at import mark it ``QT_TRANSLATE_NOOP("ui.numbers", "the learning rate")``; one
    translated already passes through unchanged."""

    what: str
    low: float
    high: float
    integer: bool = False

    def describe(self) -> str:
        low, high = _written(self.low), _written(self.high)
        if self.integer:
            return translate("ui.numbers", "a whole number from {low} to {high}").format(
                low=low, high=high)
        return translate("ui.numbers", "a finite number from {low} to {high}").format(
            low=low, high=high)

    def parse(self, text: str) -> float:
        """The number ``text`` spells, or ValueError saying what is accepted."""
        written = text.strip().replace("\u2212", "-")   # a typographic minus, as shown
        try:
            value = float(written)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or not self.low <= value <= self.high \
                or (self.integer and not value.is_integer()):
            what = translate("ui.numbers", self.what).capitalize()
            accepted, text = self.describe(), quote(written)
            if value is not None and not math.isfinite(value):
                raise ValueError(translate(
                    "ui.numbers", "{what} must be {accepted}, not {text}, which is not "
                    "finite.").format(what=what, accepted=accepted, text=text))
            raise ValueError(translate("ui.numbers", "{what} must be {accepted}, not {text}.")
                             .format(what=what, accepted=accepted, text=text))
        return value

    def problem(self, text: str) -> str:
        """Why ``text`` is refused, or "" when it is accepted."""
        try:
            self.parse(text)
        except ValueError as error:
            return str(error)
        return ""


def format_number(value: float) -> str:
    """The shortest text that reads back as ``value`` (``0.1``, ``1e-05``, ``3``)."""
    text = repr(float(value) + 0.0)   # + 0.0 turns -0.0 into 0.0
    return text[:-2] if text.endswith(".0") else text


class NumberSpinBox(QDoubleSpinBox):
    """A spin box for one ``NumberRange``, whole numbers or not.

    It accepts whatever is typed while typing, and takes the value only when editing
    finishes (Enter or leaving the field).  A text that is not a number of the range is
    then put back to the previous value and ``refused`` says why; ``problem()`` tells the
    same while typing, for dialogs that keep OK disabled until the text is acceptable.
    """

    refused = Signal(str)

    def __init__(self, accepted: NumberRange, special_text: str = "", parent=None):
        super().__init__(parent)
        self.accepted = accepted
        self.setDecimals(0 if accepted.integer else ALL_DECIMALS)
        self.setRange(accepted.low, accepted.high)
        self.setSpecialValueText(special_text)
        self.setKeyboardTracking(False)   # a value while typing "1e-4" would be 1, then 1e
        self.setToolTip(translate("ui.numbers", "{accepted}; press Enter to apply").format(
            accepted=accepted.describe()))
        self._typed: str | None = None
        self.lineEdit().textEdited.connect(self._remember_typed)
        self.editingFinished.connect(self._report_refusal)

    def int_value(self) -> int:
        return int(self.value())

    def problem(self) -> str:
        """Why the text in the field is refused, or "" when it is accepted."""
        return self._problem_of(self.cleanText())

    def _is_special(self, text: str) -> bool:
        return bool(self.specialValueText()) and text.strip() == self.specialValueText()

    def _problem_of(self, text: str) -> str:
        return "" if self._is_special(text) else self.accepted.problem(text)

    # QAbstractSpinBox hooks
    def validate(self, text: str, pos: int) -> QValidator.State:
        # Anything may be typed (and is refused with a reason when editing ends) rather
        # than have keys silently dropped: "1e-4" must not become 14.
        return QValidator.Intermediate if self._problem_of(text) else QValidator.Acceptable

    def valueFromText(self, text: str) -> float:
        return self.minimum() if self._is_special(text) else self.accepted.parse(text)

    def textFromValue(self, value: float) -> str:
        return f"{int(value)}" if self.accepted.integer else format_number(value)

    def fixup(self, text: str) -> str:
        return text   # no guessing: an unacceptable text goes back to the last value

    def _remember_typed(self, text: str) -> None:
        self._typed = text

    def _report_refusal(self) -> None:
        typed, self._typed = self._typed, None
        problem = "" if typed is None else self._problem_of(typed)
        if problem:
            self.refused.emit(problem)


def problem_label() -> QLabel:
    """Where a refused number's reason is shown: plain text in the error colour."""
    label = plain_label()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {theme.ERROR};")
    label.hide()
    return label


def show_problem(label: QLabel, text: str, field: QWidget | None = None) -> None:
    """Show a refusal in ``label`` (one bounded line), or hide it for "".

    With the ``field`` that refused it, the reason also pops up under that field, where
    the user is looking, and ``label`` is scrolled into view: in a short dock it can sit
    below the visible part."""
    label.setText(one_line(text))
    label.setVisible(bool(text))
    if not text or field is None:
        return
    # Rich text, escaped, so that it wraps like a paragraph rather than run off screen.
    QToolTip.showText(field.mapToGlobal(QPoint(0, field.height())),
                      f"<p>{escape(one_line(text))}</p>", field)
    area = _scroll_area_of(label)
    if area is not None:
        area.ensureWidgetVisible(label)


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    while widget is not None and not isinstance(widget, QScrollArea):
        widget = widget.parentWidget()
    return widget


def guard_ok_button(ok: QPushButton, fields: list[NumberSpinBox], label: QLabel) -> None:
    """Keep ``ok`` disabled while a field's text is refused, and ``label`` saying why
    (also after leaving the field has put a refused text back to the previous value)."""
    def check() -> None:
        problem = next((p for p in (f.problem() for f in fields) if p), "")
        ok.setEnabled(not problem)
        show_problem(label, problem)

    for field in fields:
        field.lineEdit().textChanged.connect(check)
        field.refused.connect(lambda why: show_problem(label, why))
    check()


class NumberDialog(QDialog):
    """Asks for one number of a range: the prompt, the field, the range it takes, and
    OK enabled only while the field holds such a number."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str,
                 accepted: NumberRange, value: float):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.field = NumberSpinBox(accepted)
        self.field.setValue(value)
        self.field.selectAll()
        range_label = plain_label(accepted.describe().capitalize())
        range_label.setStyleSheet(f"color: {theme.MUTED};")
        problem = problem_label()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (plain_label(prompt), self.field, range_label, problem, buttons):
            layout.addWidget(widget)
        guard_ok_button(buttons.button(QDialogButtonBox.Ok), [self.field], problem)

    def value(self) -> float:
        self.field.interpretText()   # OK may be pressed before the field took its text
        return self.field.value()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, accepted: NumberRange,
            value: float) -> float | None:
        """The number the user typed, or None when they cancelled."""
        dialog = cls(parent, title, prompt, accepted, value)
        try:
            return dialog.value() if dialog.exec() == QDialog.Accepted else None
        finally:
            dialog.deleteLater()
